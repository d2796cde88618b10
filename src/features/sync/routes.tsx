import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'conflits', lazy: async () => ({ Component: (await import('./ConflictsPage')).ConflictsPage }) },
];
