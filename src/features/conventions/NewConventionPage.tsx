import './conventions.css';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Party } from '../../domain/schemas';
import { t } from '../../i18n';
import { genderOf } from '../../i18n/gender';
import { createConvention } from '../../store/conventionCommands';
import { queries } from '../../store/queries';
import { displayDate } from '../../ui/format';
import { ConventionForm, emptyParty, type ConventionDraft } from './ConventionForm';

/** Creates a convention from the deliberation that authorises it (?deliberation=<id>). */
export function NewConventionPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const deliberationId = params.get('deliberation') ?? '';
  const seanceId = params.get('seance') ?? '';
  const ctx = useQuery(queries.seanceContext(seanceId));
  const org = useQuery(queries.organisation());
  if (ctx.isPending || org.isPending) return <main id="contenu" className="page">{t('status.loading')}</main>;
  const item = ctx.data?.items.find((i) => i.id === deliberationId);
  if (!ctx.data || !item) {
    return (
      <main id="contenu" className="page">
        <h1>{t('delib.notFound')}</h1>
        <Link to="/conventions">{t('convention.list')}</Link>
      </main>
    );
  }
  const { seance } = ctx.data;
  const president = ctx.data.allMembers.find((m) => m.id === seance.presidentId);
  const ours: Party = {
    organisationName: org.data?.name ?? '',
    signatoryName: president ? `${president.firstName} ${president.lastName}` : '',
    capacity: t('convention.capacityPresident', { gender: genderOf(president?.civility) }),
  };
  const initial: ConventionDraft = { title: '', parties: [ours, emptyParty()], text: '' };
  const back = `/seances/${seance.id}/points/${item.id}`;

  async function submit(draft: ConventionDraft) {
    const c = await createConvention(deliberationId, {
      title: draft.title,
      parties: draft.parties,
      text: draft.text,
      attachment: draft.file ? { name: draft.file.name, type: draft.file.type, data: draft.file } : undefined,
    });
    await navigate(`/conventions/${c.id}`);
  }

  return (
    <main id="contenu" className="page">
      <p>
        <Link to={back}>← {item.registryNumber ?? t('delib.itemTitle', { order: item.orderNumber })}</Link>
      </p>
      <h1>{t('convention.newTitle')}</h1>
      <p>
        {t('convention.authorisedBy')} : <strong>{item.object}</strong> ({displayDate(seance.date)})
      </p>
      <ConventionForm initial={initial} allowAttachment submitLabel={t('convention.create')} onSubmit={submit} onCancel={() => void navigate(back)} />
    </main>
  );
}
