import './audit.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useOnline } from '../useOnline';
import { t } from '../../i18n';
import { liveRead } from '../../store/live';
import { readLocalAudit } from '../../store/localAudit';
import { fetchAudit, mergeAudit, type AuditLine } from './auditData';

interface Props {
  /** The synced table of the record: 'seances', 'deliberations', 'conventions'. */
  table: string;
  recordId: string;
}

const when = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

function deviceLabel(d: AuditLine['device']): string {
  if (d.kind === 'this') return t('audit.thisDevice');
  if (d.kind === 'server') return t('audit.server');
  return t('audit.device', { id: d.id });
}

/**
 * The record's history, collapsed under "Historique". Nothing is read until it is opened: a
 * review page lists many records. The server's part is cached by TanStack Query, so it stays
 * readable offline once seen; this device's part comes from IndexedDB.
 */
export function AuditLog({ table, recordId }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <details className="audit-log" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`audit-${recordId}`}>
      <summary>{t('audit.title')}</summary>
      {open && <AuditLines table={table} recordId={recordId} />}
    </details>
  );
}

function AuditLines({ table, recordId }: Props) {
  const online = useOnline();
  const server = useQuery({
    queryKey: ['audit', table, recordId],
    queryFn: () => fetchAudit(table, recordId),
    enabled: online,
    staleTime: 30_000,
    retry: false,
  });
  // A live read: a local change or a sync refreshes it (store/live.ts).
  const local = useQuery(liveRead(['localAudit', table, recordId], () => readLocalAudit(table, recordId)));
  if (!local.data || (online && server.isPending)) return <p className="muted">{t('audit.loading')}</p>;
  const lines = mergeAudit(server.data?.entries, local.data);
  return (
    <div className="audit-body">
      {!server.data && (
        <p className="hint" role="status">
          {online ? t('audit.failed', { reason: server.error?.message ?? '' }) : t('audit.offline')}
        </p>
      )}
      {lines.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <ol className="audit-lines" aria-label={t('audit.caption')}>
          {lines.map((l) => (
            <li key={l.key} className={l.pending ? 'audit-pending' : undefined}>
              <time dateTime={l.at}>{formatWhen(l.at)}</time>
              <span className="audit-action">{t(`audit.action.${l.action}`)}</span>
              <span>{l.userName || (l.action === 'sealed' ? t('audit.server') : t('audit.unknownUser'))}</span>
              <span className="muted">{l.pending ? t('audit.pending') : deviceLabel(l.device)}</span>
              {l.status === 'rejected' && <span className="audit-flag">{t('audit.rejected')}</span>}
              {l.status === 'conflict' && <span className="audit-flag">{t('audit.conflict')}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : when.format(d);
}
