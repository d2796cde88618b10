import { Link } from 'react-router';
import { t } from '../../i18n';

export function SeanceNotFound({ message = t('seance.notFound') }: { message?: string }) {
  return (
    <main id="contenu" className="page">
      <h1>{message}</h1>
      <Link to="/">{t('seance.back')}</Link>
    </main>
  );
}

export function Loading() {
  return (
    <main id="contenu" className="page">
      {t('status.loading')}
    </main>
  );
}
