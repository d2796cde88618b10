import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { t } from '../../i18n';
import { queries } from '../../store/queries';
import { displayDate } from '../../ui/format';
import { ImportSeanceForm } from './ImportSeanceForm';
import { PendingOfOthers } from '../../ui/PendingOfOthers';

export function HomePage() {
  const org = useQuery(queries.organisation());
  const orgId = org.data?.id ?? '';
  const seances = useQuery({ ...queries.seances(orgId), enabled: !!orgId });
  const bodies = useQuery({ ...queries.bodies(orgId), enabled: !!orgId });
  const bodyName = (id: string) => bodies.data?.find((b) => b.id === id)?.name ?? '';

  return (
    <main id="contenu" className="page">
      <div className="page-head">
        <h1>{t('home.title')}</h1>
        {orgId && (
          <div className="actions">
            <ImportSeanceForm />
            <Link to="/seances/nouvelle" className="button primary">
              {t('home.newSeance')}
            </Link>
          </div>
        )}
      </div>
      <PendingOfOthers />
      {seances.data?.length === 0 && <p>{t('home.empty')}</p>}
      {!!seances.data?.length && (
        <table className="table">
          <caption className="visually-hidden">{t('home.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('seance.date')}</th>
              <th scope="col">{t('seance.body')}</th>
              <th scope="col">{t('seance.place')}</th>
              <th scope="col">{t('seance.status')}</th>
            </tr>
          </thead>
          <tbody>
            {seances.data.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/seances/${s.id}`}>
                    {displayDate(s.date)} à {s.time.replace(':', 'h')}
                  </Link>
                </td>
                <td>{bodyName(s.bodyId)}</td>
                <td>{s.place}</td>
                <td>{t(`seanceStatus.${s.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
