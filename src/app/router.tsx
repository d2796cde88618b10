import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import { HomePage } from '../features/seances/HomePage';
import { RouteError } from './RouteError';

/* Screens other than the home page are split out so the first load stays small. */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'seances/nouvelle', lazy: async () => ({ Component: (await import('../features/seances/NewSeancePage')).NewSeancePage }) },
      { path: 'seances/:seanceId', lazy: async () => ({ Component: (await import('../features/seances/SeancePage')).SeancePage }) },
      { path: '*', element: <RouteError /> },
    ],
  },
]);
