import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { canEdit, isClosed, isSealed } from '../../domain/status';
import { t } from '../../i18n';
import { queries } from '../../store/queries';
import { ConventionsSection } from '../../ui/ConventionsSection';
import { AuditLog } from '../../ui/audit/AuditLog';
import { OpenRequests } from '../../ui/CorrectionRequests';
import { AnnexesPanel } from './AnnexesPanel';
import { RectifiesNotice, RectifyPanel } from './RectifyPanel';
import { CorrectionForm } from './CorrectionForm';
import { DeliberationText } from './DeliberationText';
import { DraftForm } from './DraftForm';
import { RegistryNumber } from './ResultBadge';
import { Loading, SeanceNotFound } from './SeanceNotFound';
import { useSeanceItems } from './useSeanceItems';
import { VotePanel } from './VotePanel';

/** One agenda item: its text (drafted, or as printed once closed) beside its counts and vote. */
export function DeliberationPage() {
  const { seanceId = '', deliberationId = '' } = useParams();
  const { isPending, data } = useSeanceItems(seanceId);
  const org = useQuery(queries.organisation());

  if (isPending) return <Loading />;
  if (!data) return <SeanceNotFound />;
  const index = data.views.findIndex((v) => v.item.id === deliberationId);
  const view = data.views[index];
  if (!view) return <SeanceNotFound message={t('delib.notFound')} />;
  const { item } = view;
  const { seance } = data;
  const editable = canEdit(seance.status);
  const prev = data.views[index - 1];
  const next = data.views[index + 1];
  const verb = data.body?.verb ?? '';
  const voteFirst = seance.status === 'in_progress';
  const sealed = isSealed(seance.status);
  const aside = (
    <aside className="delib-aside">
      <VotePanel key={item.id} view={view} seance={seance} nameOf={data.nameOf}
        birthDateOf={(id) => data.memberById.get(id)?.birthDate}
        next={next && { href: `/seances/${seance.id}/points/${next.item.id}`, order: next.item.orderNumber }} />
    </aside>
  );

  return (
    <main id="contenu" className="page wide delib-page">
      <nav className="delib-nav" aria-label={t('delib.itemNav')}>
        <Link to={`/seances/${seance.id}/ordre-du-jour`}>← {t('delib.toAgenda')} — {data.title}</Link>
        <span className="delib-nav-steps">
          {prev && (
            <Link className="button" to={`/seances/${seance.id}/points/${prev.item.id}`}>
              ← {t('delib.previous')}
            </Link>
          )}
          {next && (
            <Link className="button" to={`/seances/${seance.id}/points/${next.item.id}`}>
              {t('delib.next')} →
            </Link>
          )}
        </span>
      </nav>
      {sealed && (
        <p className="notice sealed" role="status" data-testid="sealed-notice">
          🔒 {t('seal.noticeEdit')}
        </p>
      )}
      <RectifiesNotice item={item} />
      <div className="delib-head">
        <h1>
          {t('delib.itemTitle', { order: item.orderNumber })} <span className="delib-kind">{t(`delib.kind.${item.kind}`)}</span>
        </h1>
        <RegistryNumber number={view.number} />
        {view.number?.provisional && <p className="hint delib-number-hint">{t('delib.numberProvisionalHint')}</p>}
        {!voteFirst && (
          <a href="#vote" className="delib-skip">
            {t('delib.skipToVote')}
          </a>
        )}
      </div>
      {/* During the séance the vote comes first (also for the keyboard); before, the text. */}
      <div className={`delib-layout${voteFirst ? ' delib-vote-first' : ''}`}>
        {voteFirst && aside}
        <div className="delib-main">
          {editable ? (
            // Keyed by item: moving to another item starts a fresh draft and autosave.
            <DraftForm key={item.id} item={item} verb={verb} members={data.members} organisationName={org.data?.name ?? ''}
              voted={!!view.vote} />
          ) : (
            <>
              <p className="notice">{t('delib.readOnlyText')}</p>
              <DeliberationText item={item} verb={verb} rapporteur={data.nameOf(item.rapporteurId)} />
            </>
          )}
          {/* The president's open requests on this item, for the secretary to handle. */}
          <OpenRequests subjectId={item.id} title={t('request.openTitle')} canMark={seance.status === 'closed'} />
          {/* A sealed séance takes no correction: a later one is a new act (issue #6). */}
          {isClosed(seance.status) && !sealed && <CorrectionForm key={item.id} item={item} members={data.members} />}
          {sealed && <RectifyPanel item={item} seance={seance} />}
          <AnnexesPanel deliberationId={item.id} editable={editable} />
          <ConventionsSection deliberation={item} />
          <AuditLog table="deliberations" recordId={item.id} />
        </div>
        {!voteFirst && aside}
      </div>
    </main>
  );
}
