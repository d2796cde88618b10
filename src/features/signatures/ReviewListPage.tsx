import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { t } from '../../i18n';
import { displayDate } from '../../ui/format';
import { signatureQueries } from './queries';
import { VerifyRegister } from './VerifyRegister';

export function ReviewListPage() {
  const list = useQuery(signatureQueries.awaiting());
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
      <VerifyRegister />
    </main>
  );
}
