import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { itemCounts } from '../../domain/attendance';
import { seanceOpeningInWords } from '../../domain/dates';
import { t } from '../../i18n';
import { queries } from '../../store/queries';
import { displayDate, memberName } from '../../ui/format';
import { signatureQueries } from './queries';
import { SignForm } from './SignForm';
import { SignatureList } from './SignatureList';

/** The president's review of a séance: the procès-verbal as it reads, then the signatures. */
export function ReviewPage() {
  const { seanceId = '' } = useParams();
  const ctx = useQuery(queries.seanceContext(seanceId));
  const sigs = useQuery(signatureQueries.ofSeance(seanceId));
  if (ctx.isPending) return <main id="contenu" className="page">{t('status.loading')}</main>;
  const data = ctx.data;
  if (!data) {
    return (
      <main id="contenu" className="page">
        <h1>{t('seance.notFound')}</h1>
        <Link to="/revue">{t('review.title')}</Link>
      </main>
    );
  }
  const { seance } = data;
  const name = (id: string) => {
    const m = data.allMembers.find((x) => x.id === id);
    return m ? memberName(m) : '?';
  };
  const opening = itemCounts({
    inOffice: data.inOffice,
    attendance: data.attendance,
    proxies: data.proxies,
    seanceId: seance.id,
    orderNumber: 1,
    withdrawn: [],
    reconvened: !!seance.reconvenedFrom,
  });
  const sealed = seance.status === 'signed' || seance.status === 'published';

  return (
    <main id="contenu" className="page review">
      <p>
        <Link to="/revue">← {t('review.title')}</Link>
      </p>
      <h1>
        {t('review.minutes')} — {data.body?.name} du {displayDate(seance.date)}
      </h1>
      {sealed && (
        <p className="notice sealed" role="status" data-testid="sealed">
          🔒 {t('review.sealed')}
        </p>
      )}
      <article className="paper" aria-label={t('review.minutes')}>
        <p>{seanceOpeningInWords(seance.date, seance.time)}, {data.body?.verb.toLowerCase() ?? ''} s’est réuni.</p>
        <p>
          <strong>{t('attendance.presentCount')} :</strong> {opening.present.map(name).join(', ') || '—'}
        </p>
        <p>
          <strong>{t('attendance.absents')} :</strong> {opening.absent.map(name).join(', ') || t('attendance.noneAbsent')}
        </p>
        <ol>
          {data.items.map((i) => (
            <li key={i.id} value={i.orderNumber}>
              <strong>{i.registryNumber ? `${i.registryNumber} — ` : ''}</strong>
              {i.object}
            </li>
          ))}
        </ol>
      </article>
      <SignatureList signatures={sigs.data ?? []} />
      {!sealed && seance.status === 'closed' && <SignForm seance={seance} members={data.allMembers} signatures={sigs.data ?? []} />}
    </main>
  );
}
