import './ConventionsSection.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Deliberation } from '../domain/schemas';
import { conventionComplete as isComplete, signedPartyCount } from '../domain/signedContent';
import { t } from '../i18n';
import { conventionQueries } from '../store/conventionReads';

/** On a deliberation: the conventions it authorises, and a way to create one. */
export function ConventionsSection({ deliberation }: { deliberation: Deliberation }) {
  const list = useQuery(conventionQueries.ofDeliberation(deliberation.id));
  if (deliberation.kind !== 'deliberation') return null;
  return (
    <section aria-labelledby={`conventions-${deliberation.id}`} className="delib-conventions">
      <h2 id={`conventions-${deliberation.id}`}>{t('convention.ofDeliberation')}</h2>
      {list.data?.length === 0 && <p className="muted">{t('convention.none')}</p>}
      {!!list.data?.length && (
        <ul>
          {list.data.map(({ convention: c, signatures }) => (
            <li key={c.id}>
              <Link to={`/conventions/${c.id}`}>{c.title}</Link>{' '}
              <span className="muted">
                ({isComplete(c, signatures) ? t('convention.complete') : t('convention.progress', { signed: signedPartyCount(c.id, signatures), total: c.parties.length })})
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link className="button" to={`/conventions/nouvelle?seance=${deliberation.seanceId}&deliberation=${deliberation.id}`}>
        {t('convention.new')}
      </Link>
    </section>
  );
}
