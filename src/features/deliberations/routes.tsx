import type { RouteObject } from 'react-router';

/** This feature's screens, lazily loaded (children of the layout route). */
export const routes: RouteObject[] = [
  { path: 'seances/:seanceId/ordre-du-jour', lazy: async () => ({ Component: (await import('./AgendaPage')).AgendaPage }) },
  {
    path: 'seances/:seanceId/points/:deliberationId',
    lazy: async () => ({ Component: (await import('./DeliberationPage')).DeliberationPage }),
  },
  { path: 'seances/:seanceId/cloture', lazy: async () => ({ Component: (await import('./ClosingPage')).ClosingPage }) },
];
