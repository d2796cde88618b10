import type { RouteObject } from 'react-router';

/** Accounts: the administrator's screens, the reset link (no session needed) and each user's own account. */
export const routes: RouteObject[] = [
  { path: 'administration/comptes', lazy: async () => ({ Component: (await import('./AccountsPage')).AccountsPage }) },
  { path: 'administration/comptes/:userId', lazy: async () => ({ Component: (await import('./AccountPage')).AccountPage }) },
  { path: 'mot-de-passe/:token', lazy: async () => ({ Component: (await import('./ResetPasswordPage')).ResetPasswordPage }) },
  { path: 'invitation', lazy: async () => ({ Component: (await import('./InvitationPage')).InvitationPage }) },
  { path: 'mon-compte', lazy: async () => ({ Component: (await import('./MyAccountPage')).MyAccountPage }) },
];
