import type { RouteObject } from 'react-router';

/*
 * Not under /administration: pouvoirs are séance work, recorded by the secretary, who has no
 * access to the administration menu. One screen per body, since a pouvoir may cover several séances.
 */
export const routes: RouteObject[] = [
  { path: 'instances/:bodyId/pouvoirs', lazy: async () => ({ Component: (await import('./ProxiesPage')).ProxiesPage }) },
];
