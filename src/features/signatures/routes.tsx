import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'revue', lazy: async () => ({ Component: (await import('./ReviewListPage')).ReviewListPage }) },
  { path: 'revue/:seanceId', lazy: async () => ({ Component: (await import('./ReviewPage')).ReviewPage }) },
];
