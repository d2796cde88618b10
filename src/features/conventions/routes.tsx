import type { RouteObject } from 'react-router';

export const routes: RouteObject[] = [
  { path: 'conventions', lazy: async () => ({ Component: (await import('./ConventionsPage')).ConventionsPage }) },
  { path: 'conventions/nouvelle', lazy: async () => ({ Component: (await import('./NewConventionPage')).NewConventionPage }) },
  { path: 'conventions/:conventionId', lazy: async () => ({ Component: (await import('./ConventionPage')).ConventionPage }) },
];
