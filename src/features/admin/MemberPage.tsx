import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { t } from '../../i18n';
import { memberName } from '../../ui/format';
import { MandatesTable } from './MandatesTable';
import { MemberForm } from './MemberForm';
import { NewMandateForm } from './NewMandateForm';
import { adminQueries } from './queries';
import { SavedNotice, useFlash } from './SavedNotice';

function BackLink() {
  return (
    <p className="admin-back">
      <Link to="/administration">← {t('admin.back')}</Link>
    </p>
  );
}

export function NewMemberPage() {
  const org = useQuery(adminQueries.organisation());
  return (
    <main id="contenu" className="page narrow">
      <BackLink />
      <h1>{t('admin.newMemberTitle')}</h1>
      {org.data && <MemberForm organisationId={org.data.id} />}
    </main>
  );
}

/** One member: identity, mandates in every body, and a form to give a new one. */
export function MemberPage() {
  const { memberId = '' } = useParams();
  const flash = useFlash();
  const [notice, setNotice] = useState<string>();
  const member = useQuery(adminQueries.member(memberId));
  const orgId = member.data?.organisationId ?? '';
  const bodies = useQuery({ ...adminQueries.bodies(orgId), enabled: !!orgId });
  const members = useQuery({ ...adminQueries.members(orgId), enabled: !!orgId });
  const orgMandates = useQuery({ ...adminQueries.organisationMandates(orgId), enabled: !!orgId });
  const mandates = useQuery(adminQueries.memberMandates(memberId));

  if (member.isPending) return <main id="contenu" className="page">{t('status.loading')}</main>;
  const m = member.data;
  if (!m) {
    return (
      <main id="contenu" className="page">
        <BackLink />
        <h1>{t('admin.memberNotFound')}</h1>
      </main>
    );
  }

  return (
    <main id="contenu" className="page admin-member">
      <BackLink />
      <h1>{memberName(m)}</h1>
      <SavedNotice message={notice ?? flash} />
      <section aria-labelledby="admin-identity" className="admin-section admin-narrow">
        <h2 id="admin-identity">{t('admin.identity')}</h2>
        <MemberForm key={m.id} member={m} organisationId={m.organisationId} onSaved={() => setNotice(t('admin.memberSaved'))} />
      </section>
      <section aria-labelledby="admin-mandates" className="admin-section">
        <h2 id="admin-mandates">{t('admin.mandates')}</h2>
        <MandatesTable
          mandates={mandates.data ?? []}
          bodies={bodies.data ?? []}
          members={members.data ?? []}
          civility={m.civility}
          onEnded={() => setNotice(t('admin.mandateEnded'))}
        />
      </section>
      <section aria-labelledby="admin-new-mandate" className="admin-section admin-narrow">
        <h2 id="admin-new-mandate">{t('admin.newMandate')}</h2>
        {bodies.data && bodies.data.length > 0 ? (
          <NewMandateForm
            member={m}
            bodies={bodies.data}
            members={members.data ?? []}
            mandates={orgMandates.data ?? []}
            onCreated={() => setNotice(t('admin.mandateCreated'))}
          />
        ) : (
          <p>{t('admin.noBodies')}</p>
        )}
      </section>
    </main>
  );
}
