import { Link, useRouteError } from 'react-router';
import { t } from '../i18n';

export function RouteError() {
  const error = useRouteError();
  return (
    <main id="contenu" className="page">
      <h1>{error ? t('error.unknown', { reason: String(error) }) : t('api.notFound')}</h1>
      <p>
        <Link to="/">{t('seance.back')}</Link>
      </p>
    </main>
  );
}
