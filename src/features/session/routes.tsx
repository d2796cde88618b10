import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'connexion', lazy: async () => ({ Component: (await import('./LoginPage')).LoginPage }) },
];
