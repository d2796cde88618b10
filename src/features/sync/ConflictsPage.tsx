import { useQuery } from '@tanstack/react-query';
import { t } from '../../i18n';
import { dismissSyncIssue, resolveConflict } from '../../store/conflictCommands';
import { queries } from '../../store/queries';
import { PendingOfOthers } from '../../ui/PendingOfOthers';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 1));

/** Both versions side by side; nothing is decided for the user. */
export function ConflictsPage() {
  const conflicts = useQuery(queries.conflicts());
  const issues = useQuery(queries.syncIssues());
  const rejected = issues.data?.filter((i) => i.status === 'rejected') ?? [];

  return (
    <main id="contenu" className="page">
      <h1>{t('conflicts.title')}</h1>
      <p>{t('conflicts.intro')}</p>
      <PendingOfOthers />
      {conflicts.data?.length === 0 && <p>{t('conflicts.none')}</p>}
      {conflicts.data?.map((c) => (
        <section key={c.id} className="conflict" aria-labelledby={`c-${c.id}`}>
          <h2 id={`c-${c.id}`}>{t('conflicts.record', { table: c.table, field: c.field })}</h2>
          <div className="side-by-side">
            <div>
              <h3>{t('conflicts.server')}</h3>
              <pre data-testid="server-value">{show(c.serverValue)}</pre>
              <button type="button" onClick={() => void resolveConflict(c.id, 'server')}>
                {t('conflicts.keepServer')}
              </button>
            </div>
            <div>
              <h3>{t('conflicts.client')}</h3>
              <pre data-testid="client-value">{show(c.clientValue)}</pre>
              <button type="button" onClick={() => void resolveConflict(c.id, 'client')}>
                {t('conflicts.keepClient')}
              </button>
            </div>
          </div>
        </section>
      ))}
      {rejected.length > 0 && (
        <section aria-labelledby="issues">
          <h2 id="issues">{t('conflicts.issuesTitle')}</h2>
          <ul>
            {rejected.map((i) => (
              <li key={i.mutationId}>
                {t('conflicts.issue', { id: i.mutationId, name: i.name, reason: t(i.code, i.params) })}
                {i.message && <span className="muted"> ({i.message})</span>}
                <details>
                  <summary>{t('conflicts.draft')}</summary>
                  <pre>{show(i.args)}</pre>
                </details>
                <button type="button" className="small" onClick={() => void dismissSyncIssue(i.mutationId)}>
                  {t('conflicts.dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
