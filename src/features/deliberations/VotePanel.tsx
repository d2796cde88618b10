import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { canEdit, canVote } from '../../domain/status';
import type { Seance, Vote } from '../../domain/schemas';
import { t } from '../../i18n';
import { cancelVote } from '../../store/votes';
import { CountsSummary } from '../../ui/CountsSummary';
import { errorMessage } from './errors';
import { RegistryNumber, ResultBadge, type CivilityOf } from './ResultBadge';
import type { ItemView } from './useSeanceItems';
import { VoteForm } from './VoteForm';
import { WithdrawalPanel } from './WithdrawalPanel';

interface Props {
  view: ItemView;
  seance: Seance;
  nameOf: (id: string | undefined) => string;
  /** For an appointment decided by age on a third-round tie. */
  birthDateOf?: (id: string) => string | undefined;
  /** For « Élue » or « Élu ». */
  civilityOf?: CivilityOf;
  /** The next item, offered once this one is voted: the secretary's next step. */
  next?: { href: string; order: number } | undefined;
}

/** The item's counts, withdrawals, vote entry and result: what the secretary watches live. */
export function VotePanel({ view, seance, nameOf, birthDateOf = () => undefined, civilityOf, next }: Props) {
  const { item, counts, vote, result, number } = view;
  const [error, setError] = useState('');
  // A cancelled vote is offered again for correction rather than retyped from zero.
  const [lastVote, setLastVote] = useState<Vote>();
  const voting = canVote(seance.status);
  const isDeliberation = item.kind === 'deliberation';
  const counted = vote && vote.mode !== 'appointment' ? result?.counts : undefined;
  // An appointment without an elected member stays open: another round, or a tie to re-record.
  const openAppointment = !!vote && result?.appointment !== undefined && result.appointment.state !== 'elected';
  // When a vote is recorded here the form goes away: the focus moves to the result it gave.
  const outcomeRef = useRef<HTMLDivElement>(null);
  const hadVote = useRef(!!vote);
  useEffect(() => {
    if (vote && !hadVote.current) outcomeRef.current?.focus();
    hadVote.current = !!vote;
  }, [vote]);

  return (
    <section className="delib-vote" aria-labelledby="vote-title" id="vote">
      <h2 id="vote-title">{t('delib.countsTitle')}</h2>
      <CountsSummary counts={counts} absentNames={counts.absent.map((id) => nameOf(id))} />
      {counts.withdrawn.length > 0 && (
        <p data-testid="withdrawn-list">{t('delib.withdrawnList', { names: counts.withdrawn.map((id) => nameOf(id)).join(', ') })}</p>
      )}
      {isDeliberation && (canEdit(seance.status) || item.withdrawn.length > 0) && (
        <WithdrawalPanel item={item} counts={counts} nameOf={(id) => nameOf(id)} locked={!canEdit(seance.status)} voted={!!vote} />
      )}

      <h2>{t('delib.resultTitle')}</h2>
      {!isDeliberation && <p>{t('delib.informationNote')}</p>}
      {(!isDeliberation || vote) && (
        <div className="delib-outcome" role="status" tabIndex={-1} ref={outcomeRef}>
          <ResultBadge result={result} testId="vote-result" nameOf={(id) => nameOf(id)} civilityOf={civilityOf} />
          {vote?.appointment && <p>{t('appointment.officeLine', { office: vote.appointment.office })}</p>}
          {counted && (
            <p data-testid="vote-counts">
              {vote?.mode === 'secretBallot'
                ? t('delib.countsLineSecret', { ...counted })
                : t('delib.countsLine', { ...counted })}
              {vote && ` (${t(`delib.mode.${vote.mode}`)})`}
            </p>
          )}
          <RegistryNumber number={number} />
        </div>
      )}
      {isDeliberation && !vote && !voting && <p className="notice">{t('delib.voteLater')}</p>}
      {isDeliberation && !vote && voting && !counts.quorum.reached && (
        <p className="notice warning" role="alert">
          {t('delib.noQuorumVote')}
        </p>
      )}
      {isDeliberation && (!vote || openAppointment) && voting && counts.quorum.reached && (
        <VoteForm item={item} counts={counts} previous={openAppointment ? vote : lastVote} presidentId={seance.presidentId}
          nameOf={(id) => nameOf(id)} birthDateOf={birthDateOf} civilityOf={civilityOf} />
      )}
      {next && ((vote && !openAppointment) || !isDeliberation) && voting && (
        <p>
          <Link className="button primary" to={next.href}>
            {t('delib.nextItem', { order: next.order })} →
          </Link>
        </p>
      )}
      {isDeliberation && vote && voting && (
        <button type="button" onClick={() => {
            setLastVote(vote);
            cancelVote(item.id).then(() => setError(''), (e: unknown) => setError(errorMessage(e)));
          }}>
          {t('delib.cancelVote')}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
