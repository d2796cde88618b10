import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { t } from '../../i18n';
import { queries } from '../../store/queries';
import { OrganisationForm } from './OrganisationForm';
import { OrganisationLogo } from './OrganisationLogo';
import { adminQueries } from './queries';

export function OrganisationPage() {
  const org = useQuery(adminQueries.organisation());
  const session = useQuery(queries.meta('session'));
  // Only an administrator changes the organisation (the server refuses anyone else).
  const isAdmin = (session.data as { role?: string } | null | undefined)?.role === 'administrateur';
  return (
    <main id="contenu" className="page narrow">
      <p className="admin-back">
        <Link to="/administration">← {t('admin.back')}</Link>
      </p>
      <h1>{t('admin.organisationTitle')}</h1>
      {org.isPending && <p>{t('status.loading')}</p>}
      {org.isSuccess && !org.data && <p>{t('admin.notFound')}</p>}
      {org.data && <OrganisationLogo organisation={org.data} canEdit={isAdmin} />}
      {/* Not keyed by version: a pull during the edit must not wipe what the user typed. */}
      {org.data && <OrganisationForm key={org.data.id} organisation={org.data} />}
    </main>
  );
}
