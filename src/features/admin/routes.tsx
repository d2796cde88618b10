import type { RouteObject } from 'react-router';

/** This feature's screens, lazily loaded (children of the layout route). */
export const routes: RouteObject[] = [
  { path: 'administration', lazy: async () => ({ Component: (await import('./AdminPage')).AdminPage }) },
  {
    path: 'administration/organisation',
    lazy: async () => ({ Component: (await import('./OrganisationPage')).OrganisationPage }),
  },
  { path: 'administration/instances/nouvelle', lazy: async () => ({ Component: (await import('./BodyPage')).NewBodyPage }) },
  { path: 'administration/instances/:bodyId', lazy: async () => ({ Component: (await import('./BodyPage')).EditBodyPage }) },
  { path: 'administration/membres/nouveau', lazy: async () => ({ Component: (await import('./MemberPage')).NewMemberPage }) },
  { path: 'administration/membres/:memberId', lazy: async () => ({ Component: (await import('./MemberPage')).MemberPage }) },
];
