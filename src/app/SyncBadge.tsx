import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { t } from '../i18n';
import { queries } from '../store/queries';
import { syncNow } from '../sync/scheduler';
import type { LocalSession } from '../sync/session';
import { useSyncState } from '../sync/status';
import { useOnline } from '../ui/useOnline';

/** Connection and sync status, in words and symbols, never by colour alone (docs/architecture.md §6). */
export function SyncBadge() {
  const online = useOnline();
  const pending = useQuery(queries.pendingCount());
  const last = useQuery(queries.meta('lastSyncAt'));
  const session = useQuery(queries.meta('session'));
  const conflicts = useQuery(queries.conflicts());
  const issues = useQuery(queries.syncIssues());
  const sync = useSyncState();
  const expired = (session.data as LocalSession | null)?.expired;
  const rejected = issues.data?.filter((i) => i.status === 'rejected').length ?? 0;
  const lastAt = typeof last.data === 'string' ? new Date(last.data) : undefined;

  return (
    <div className="status-bar">
      {!!conflicts.data?.length && (
        <Link to="/conflits" className="badge badge-warn" data-testid="conflicts-badge">
          ⚠ {t('sync.conflicts', { count: conflicts.data.length })}
        </Link>
      )}
      {rejected > 0 && (
        <Link to="/conflits" className="badge badge-warn">
          ⚠ {t('sync.issues', { count: rejected })}
        </Link>
      )}
      {!!pending.data && (
        <span className="badge" data-testid="pending-badge">
          {t('status.pending', { count: pending.data })}
        </span>
      )}
      {expired && (
        <Link to="/connexion" className="badge badge-warn">
          {t('session.signInAgain')}
        </Link>
      )}
      {online && !expired && (
        <button type="button" className="badge badge-button" onClick={() => void syncNow()} data-testid="sync-badge" title={t('sync.now')}>
          <span aria-hidden="true">⟳</span>{' '}
          {sync.running
            ? sync.progress
              ? t('sync.runningCount', { count: sync.progress })
              : t('sync.running')
            : lastAt
              ? t('sync.syncedAt', { time: lastAt.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' }) })
              : t('sync.never')}
        </button>
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
  );
}
