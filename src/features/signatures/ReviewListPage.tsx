import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { t } from '../../i18n';
import { conventionComplete, signedPartyCount } from '../../domain/signedContent';
import { displayDate } from '../../ui/format';
import { conventionQueries } from '../../store/conventionReads';
import { signatureQueries } from './queries';
import { VerifyRegister } from './VerifyRegister';

export function ReviewListPage() {
  const list = useQuery(signatureQueries.awaiting());
  const conventions = useQuery(conventionQueries.all());
  const toSign = (conventions.data ?? []).filter(({ convention, signatures }) => !conventionComplete(convention, signatures));
  return (
    <main id="contenu" className="page review">
      <h1>{t('review.title')}</h1>
      {list.data?.length === 0 && <p>{t('review.none')}</p>}
      <ul className="review-list">
        {list.data?.map((s) => (
          <li key={s.id}>
            <Link to={`/revue/${s.id}`} className="button big">
              {displayDate(s.date)} — {s.place} — {t(`seanceStatus.${s.status}`)}
            </Link>
          </li>
        ))}
      </ul>
      {toSign.length > 0 && (
        <section aria-labelledby="review-conventions">
          <h2 id="review-conventions">{t('review.conventionsToSign')}</h2>
          <ul className="review-list" data-testid="conventions-to-sign">
            {toSign.map(({ convention: c, signatures }) => (
              <li key={c.id}>
                <Link to={`/conventions/${c.id}`} className="button big">
                  {c.title} — {t('convention.progress', { signed: signedPartyCount(c.id, signatures), total: c.parties.length })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <VerifyRegister />
    </main>
  );
}
