import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { t } from '../../i18n';
import { BodyInOffice } from './BodyInOffice';
import { todayIso } from '../../ui/dates';
import { MembersTable } from './MembersTable';
import { OrganisationSummary } from './OrganisationSummary';
import { adminQueries } from './queries';
import { SavedNotice, useFlash } from './SavedNotice';

export function AdminPage() {
  const flash = useFlash();
  const org = useQuery(adminQueries.organisation());
  const orgId = org.data?.id ?? '';
  const bodies = useQuery({ ...adminQueries.bodies(orgId), enabled: !!orgId });
  const members = useQuery({ ...adminQueries.members(orgId), enabled: !!orgId });
  const mandates = useQuery({ ...adminQueries.organisationMandates(orgId), enabled: !!orgId });
  // Members in office are computed for the day the screen is shown, never stored.
  const today = todayIso();

  return (
    <main id="contenu" className="page">
      <h1>{t('admin.title')}</h1>
      <SavedNotice message={flash} />
      {org.isPending && <p>{t('status.loading')}</p>}
      {org.data && (
        <>
          <section aria-labelledby="admin-organisation" className="admin-section">
            <div className="page-head">
              <h2 id="admin-organisation">{t('admin.organisation')}</h2>
              <Link to="/administration/organisation" className="button">
                {t('admin.editOrganisation')}
              </Link>
            </div>
            <OrganisationSummary organisation={org.data} />
          </section>

          <section aria-labelledby="admin-bodies" className="admin-section">
            <div className="page-head">
              <h2 id="admin-bodies">{t('admin.bodies')}</h2>
              <Link to="/administration/instances/nouvelle" className="button">
                {t('admin.addBody')}
              </Link>
            </div>
            {bodies.data?.length === 0 && <p>{t('admin.noBodies')}</p>}
            {/* No count before the mandates are read: "0 members in office" would be false, not pending. */}
            {!bodies.data || !members.data || !mandates.data ? (
              <p>{t('status.loading')}</p>
            ) : (
              <div className="admin-cards">
                {bodies.data.map((body) => (
                  <BodyInOffice key={body.id} body={body} members={members.data} mandates={mandates.data} day={today} />
                ))}
              </div>
            )}
          </section>

          <section aria-labelledby="admin-accounts" className="admin-section">
            <div className="page-head">
              <h2 id="admin-accounts">{t('accounts.title')}</h2>
              <Link to="/administration/comptes" className="button">
                {t('accounts.manage')}
              </Link>
            </div>
            <p>{t('accounts.sectionIntro')}</p>
          </section>

          <section aria-labelledby="admin-members" className="admin-section">
            <div className="page-head">
              <h2 id="admin-members">{t('admin.members')}</h2>
              <Link to="/administration/membres/nouveau" className="button">
                {t('admin.addMember')}
              </Link>
            </div>
            <MembersTable
              members={members.data ?? []}
              bodies={bodies.data ?? []}
              mandates={mandates.data ?? []}
              day={today}
            />
          </section>
        </>
      )}
    </main>
  );
}
