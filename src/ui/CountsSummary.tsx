import type { ItemCounts } from '../domain/attendance';
import { t } from '../i18n';

interface Props {
  counts: ItemCounts;
  /** Names of the absent members, as the register lists them. */
  absentNames: string[];
}

/** The counts as the register writes them; quorum stated in words, never by colour alone. */
export function CountsSummary({ counts, absentNames }: Props) {
  const q = counts.quorum;
  return (
    <div className="counts" data-testid="counts">
      <dl className="counts-grid">
        <div>
          <dt>{t('attendance.inOffice')}</dt>
          <dd data-testid="count-in-office">{counts.inOffice}</dd>
        </div>
        <div>
          <dt>{t('attendance.presentCount')}</dt>
          <dd data-testid="count-present">{counts.present.length}</dd>
        </div>
        <div>
          <dt>{t('attendance.voters')}</dt>
          <dd data-testid="count-voters">{counts.voters}</dd>
        </div>
        <div>
          <dt>{t('attendance.representedCount')}</dt>
          <dd>{counts.represented.length}</dd>
        </div>
      </dl>
      <p className="absents">
        <strong>{t('attendance.absents')} :</strong> {absentNames.length ? absentNames.join(', ') : t('attendance.noneAbsent')}
      </p>
      {q.waived ? (
        <p className="quorum quorum-ok" data-testid="quorum">
          {t('attendance.quorumWaived')}
        </p>
      ) : q.reached ? (
        <p className="quorum quorum-ok" data-testid="quorum">
          <span aria-hidden="true">✔ </span>
          {t('attendance.quorumReached', { present: q.present, required: q.required })}
        </p>
      ) : (
        <p className="quorum quorum-lost" role="alert" data-testid="quorum">
          <span aria-hidden="true">⚠ </span>
          {t('attendance.quorumLost', { present: q.present, required: q.required })}
        </p>
      )}
    </div>
  );
}
