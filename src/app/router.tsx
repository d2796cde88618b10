import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';
import { HomePage } from '../features/seances/HomePage';
import { RouteError } from './RouteError';
import { routes as adminRoutes } from '../features/admin/routes';
import { routes as attendanceRoutes } from '../features/attendance/routes';
import { routes as deliberationRoutes } from '../features/deliberations/routes';
import { routes as sessionRoutes } from '../features/session/routes';
import { routes as syncRoutes } from '../features/sync/routes';
import { routes as signatureRoutes } from '../features/signatures/routes';

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
      ...adminRoutes,
      ...attendanceRoutes,
      ...deliberationRoutes,
      ...sessionRoutes,
      ...syncRoutes,
      ...signatureRoutes,
      { path: '*', element: <RouteError /> },
    ],
  },
]);
