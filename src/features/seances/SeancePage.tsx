import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { seanceOpeningInWords } from '../../domain/dates';
import { t } from '../../i18n';
import { queries } from '../../store/queries';
import { displayDate, memberName } from '../../ui/format';
import { AuditLog } from '../../ui/audit/AuditLog';
import { DocumentsPanel } from './DocumentsPanel';
import { OpenRequestCount, OpenRequests } from '../../ui/CorrectionRequests';
import { ReconveneForm } from './ReconveneForm';
import { SeanceActions } from './SeanceActions';
import { isSealed } from '../../domain/status';

export function SeancePage() {
  const { seanceId = '' } = useParams();
  const seance = useQuery(queries.seance(seanceId));
  const orgId = seance.data?.organisationId ?? '';
  const bodies = useQuery({ ...queries.bodies(orgId), enabled: !!orgId });
  const members = useQuery({ ...queries.members(orgId), enabled: !!orgId });
  const items = useQuery(queries.items(seanceId));

  if (seance.isPending) return <main id="contenu" className="page">{t('status.loading')}</main>;
  const s = seance.data;
  if (!s) {
    return (
      <main id="contenu" className="page">
        <h1>{t('seance.notFound')}</h1>
        <Link to="/">{t('seance.back')}</Link>
      </main>
    );
  }
  const body = bodies.data?.find((b) => b.id === s.bodyId);
  const sealed = isSealed(s.status);
  const name = (id?: string) => {
    const m = members.data?.find((x) => x.id === id);
    return m ? memberName(m) : t('seance.none');
  };

  return (
    <main id="contenu" className="page">
      <p>
        <Link to="/">← {t('seance.back')}</Link>
      </p>
      <h1>{t('seance.title', { body: body?.name ?? '', date: displayDate(s.date) })}</h1>
      <p className="opening" data-testid="opening-line">
        {seanceOpeningInWords(s.date, s.time)}
      </p>
      {s.reconvenedFrom && <p className="notice">{t('attendance.quorumWaived')}</p>}
      {s.closedWithoutQuorum && (
        <p className="notice warning" role="status">
          {t('seance.closedWithoutQuorum')}
        </p>
      )}
      {sealed && (
        <p className="notice sealed" role="status" data-testid="sealed-notice">
          🔒 {t('seal.noticeEdit')}
        </p>
      )}
      <SeanceActions seance={s} />
      {/* The president's requests for correction: how many for the séance, and those on the procès-verbal. */}
      <OpenRequestCount seanceId={s.id} />
      <OpenRequests subjectId={s.id} title={t('request.openOnMinutes')} canMark={s.status === 'closed'} />
      <section aria-labelledby="details">
        <h2 id="details">{t('seance.details')}</h2>
        <dl className="details">
          <dt>{t('seance.status')}</dt>
          <dd>{t(`seanceStatus.${s.status}`)}</dd>
          <dt>{t('seance.place')}</dt>
          <dd>{s.place}</dd>
          <dt>{t('seance.convocationDate')}</dt>
          <dd>
            {displayDate(s.convocationDate)} ({t(`convocationMode.${s.convocationMode}`)})
          </dd>
          {s.urgencyReason && (
            <>
              <dt>{t('seance.urgencyReason')}</dt>
              <dd>{s.urgencyReason}</dd>
            </>
          )}
          <dt>{t('seance.president')}</dt>
          <dd>{name(s.presidentId)}</dd>
          <dt>{t('seance.secretary')}</dt>
          <dd>{s.secretaryIds.length ? s.secretaryIds.map(name).join(', ') : t('seance.none')}</dd>
        </dl>
      </section>
      <DocumentsPanel seanceId={s.id} items={items.data ?? []} />
      {s.closedWithoutQuorum && <ReconveneForm seance={s} />}
      <AuditLog table="seances" recordId={s.id} />
    </main>
  );
}
