import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { t } from '../i18n';
import { queries } from '../store/queries';
import { startBackgroundSync } from '../sync/scheduler';
import { signOut, type LocalSession } from '../sync/session';
import { requestPersistence } from './bootstrap';
import { SyncBadge } from './SyncBadge';
import { UpdatePrompt } from './UpdatePrompt';
import { LostDatabaseBanner } from './LostDatabaseBanner';
import { emptyCache } from '../store/live';
import { SignOutConfirm } from './SignOutConfirm';
import { followOtherTabs } from '../store/databases';

export function Layout() {
  const org = useQuery(queries.organisation());
  const session = useQuery(queries.meta('session'));
  const pending = useQuery(queries.pendingCount());
  const client = useQueryClient();
  const location = useLocation();
  const s = session.data as LocalSession | null | undefined;
  const [confirmingSignOut, setConfirmingSignOut] = useState(false);
  const signOutButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void requestPersistence();
    return startBackgroundSync();
  }, []);
  // Another tab signed into another organisation: this one follows, its cache emptied.
  useEffect(() => followOtherTabs(() => void emptyCache(client)), [client]);

  const doSignOut = async () => {
    setConfirmingSignOut(false);
    await signOut();
    await emptyCache(client);
  };
  // The user's own unsent changes would wait for their next sign-in here: asked first.
  const askSignOut = () => (pending.data ? setConfirmingSignOut(true) : void doSignOut());

  // No one has signed in on this device yet: the first visit needs the network and a password.
  // A password reset link (/mot-de-passe/…) or an invitation (/invitation) is opened by someone who cannot sign in yet.
  const open = location.pathname === '/connexion' || location.pathname.startsWith('/mot-de-passe/') || location.pathname === '/invitation';
  if (session.isSuccess && !s && !open) return <Navigate to="/connexion" replace />;

  return (
    <>
      <a className="skip" href="#contenu">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          <img src="/icon.svg" alt="" width="32" height="32" />
          <span>
            <strong>{t('app.name')}</strong>
            <span className="org-name" data-testid="org-name">
              {org.data?.name ?? ''}
            </span>
          </span>
        </Link>
        {s && (
        <nav aria-label={t('nav.main')}>
          <Link to="/">{t('nav.home')}</Link>
          <Link to="/revue">{t('nav.review')}</Link>
          <Link to="/conventions">{t('nav.conventions')}</Link>
          {s?.role === 'administrateur' && <Link to="/administration">{t('nav.admin')}</Link>}
          <Link to="/mon-compte">{t('session.myAccount')}</Link>
        </nav>
        )}
        <SyncBadge />
        {s && (
          <div className="user">
            <span className="muted">{t('session.user', { name: s.user.name })}</span>
            <button type="button" className="small" ref={signOutButton} aria-expanded={confirmingSignOut} onClick={askSignOut}>
              {t('session.signOut')}
            </button>
          </div>
        )}
      </header>
      {s && confirmingSignOut && (
        <SignOutConfirm
          count={pending.data ?? 0}
          canSend={!s.expired && !s.offline}
          onSignOut={() => void doSignOut()}
          onCancel={() => {
            setConfirmingSignOut(false);
            signOutButton.current?.focus();
          }}
        />
      )}
      <LostDatabaseBanner />
      {s?.expired && (
        <p className="banner" role="alert">
          {t('session.expired')} <Link to="/connexion">{t('session.signInAgain')}</Link>
        </p>
      )}
      <Outlet />
      <UpdatePrompt />
    </>
  );
}
