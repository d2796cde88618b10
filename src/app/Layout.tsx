import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Outlet } from 'react-router';
import { t } from '../i18n';
import { queries } from '../store/queries';
import { fetchBootstrap, requestPersistence } from './bootstrap';
import { UpdatePrompt } from './UpdatePrompt';
import { useOnline } from './useOnline';

export function Layout() {
  const online = useOnline();
  const org = useQuery(queries.organisation());
  const pending = useQuery(queries.pendingCount());
  const client = useQueryClient();
  const [bootError, setBootError] = useState<string>();

  useEffect(() => {
    void requestPersistence();
  }, []);

  // First visit on this device: fetch the organisation once, then everything works offline.
  useEffect(() => {
    if (org.isSuccess && org.data === null && online) {
      fetchBootstrap()
        .then(() => client.invalidateQueries({ queryKey: ['organisations'] }))
        .catch((e: unknown) => setBootError(String(e)));
    }
  }, [org.isSuccess, org.data, online, client]);

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
        <nav aria-label={t('nav.main')}>
          <Link to="/">{t('nav.home')}</Link>
        </nav>
        <div className="status-bar">
          {!!pending.data && (
            <span className="badge" data-testid="pending-badge">
              {t('status.pending', { count: pending.data })}
            </span>
          )}
          <span
            className={`badge ${online ? 'badge-online' : 'badge-offline'}`}
            role="status"
            aria-label={t('status.connection', { state: online ? t('status.online') : t('status.offline') })}
            data-testid="connection-badge"
          >
            <span aria-hidden="true">{online ? '●' : '○'}</span> {online ? t('status.online') : t('status.offline')}
          </span>
        </div>
      </header>
      {org.isSuccess && org.data === null && (
        <p className="banner" role="alert">
          {bootError ? t('status.bootstrapFailed', { reason: bootError }) : t('status.noOrganisation')}
        </p>
      )}
      <Outlet />
      <UpdatePrompt />
    </>
  );
}
