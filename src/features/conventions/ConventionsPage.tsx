import './conventions.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { t } from '../../i18n';
import { conventionComplete as isComplete, signedPartyCount } from '../../domain/signedContent';
import { conventionQueries } from '../../store/conventionReads';

/** Every convention of the organisation with its signature progress: the signatories' to-do list. */
export function ConventionsPage() {
  const list = useQuery(conventionQueries.all());
  return (
    <main id="contenu" className="page">
      <h1>{t('convention.list')}</h1>
      {list.data?.length === 0 && <p className="muted">{t('convention.listNone')}</p>}
      <ul className="convention-list" data-testid="conventions">
        {list.data?.map(({ convention: c, signatures }) => (
          <li key={c.id}>
            <Link to={`/conventions/${c.id}`}>{c.title}</Link>{' '}
            <span className={isComplete(c, signatures) ? 'ok' : 'muted'}>
              — {isComplete(c, signatures) ? `🔒 ${t('convention.complete')}` : t('convention.progress', { signed: signedPartyCount(c.id, signatures), total: c.parties.length })}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}
