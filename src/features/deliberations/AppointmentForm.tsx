import { useState, type FormEvent } from 'react';
import { appointmentOutcome, roundBallots, roundOrdinal, roundVotesCast } from '../../domain/appointment';
import type { ItemCounts } from '../../domain/attendance';
import type { MemberId } from '../../domain/ids';
import type { Appointment, Deliberation, Vote } from '../../domain/schemas';
import { appointmentStatus } from '../../domain/tally';
import { t } from '../../i18n';
import { recordVote } from '../../store/votes';
import { errorMessage } from './errors';
import { appointmentText, type CivilityOf } from './ResultBadge';

interface Props {
  item: Deliberation;
  counts: ItemCounts;
  previous: Vote | undefined;
  nameOf: (id: string) => string;
  birthDateOf: (id: string) => string | undefined;
  civilityOf?: CivilityOf | undefined;
}

type RoundDraft = { votes: Record<string, string>; blank: string; invalid: string };
const emptyRound = (): RoundDraft => ({ votes: {}, blank: '0', invalid: '0' });
// An empty field is 0; anything else is left to the schema, which refuses it with a message.
const toCount = (s: string | undefined) => (s === undefined || s.trim() === '' ? 0 : Number(s));

/**
 * An appointment by secret ballot: the post, the candidates, then each round's ballots. The live
 * result says whether someone is elected or another round is needed; the store checks again.
 */
export function AppointmentForm({ item, counts, previous, nameOf, birthDateOf, civilityOf }: Props) {
  const before = previous?.appointment;
  const [office, setOffice] = useState(before?.office ?? '');
  const [candidates, setCandidates] = useState<string[]>(before?.candidates ?? []);
  const [rounds, setRounds] = useState<RoundDraft[]>(() =>
    before
      ? before.rounds.map((r) => ({
        votes: Object.fromEntries(r.votes.map((v) => [v.memberId, String(v.votes)])),
        blank: String(r.blank),
        invalid: String(r.invalid),
      }))
      : [emptyRound()]);
  const [error, setError] = useState('');

  // Candidates among the members in office for this item, in the roll-call's order of names.
  const members = [...counts.present, ...counts.withdrawn, ...counts.represented.map((r) => r.giver), ...counts.absent]
    .filter((id, i, all) => all.indexOf(id) === i)
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'fr'));

  const appointment: Omit<Appointment, 'outcome'> = {
    office,
    candidates: candidates as MemberId[],
    rounds: rounds.map((r) => ({
      votes: candidates.map((id) => ({ memberId: id as MemberId, votes: toCount(r.votes[id]) })),
      blank: toCount(r.blank),
      invalid: toCount(r.invalid),
    })),
  };
  const numbersOk = appointment.rounds.every((r) => [r.blank, r.invalid, ...r.votes.map((v) => v.votes)].every((n) => Number.isInteger(n) && n >= 0));
  const live = candidates.length > 0 && numbersOk
    ? appointmentStatus({ ...appointment, outcome: appointmentOutcome(appointment, (id) => birthDateOf(id)) })
    : undefined;
  const lastRound = appointment.rounds[appointment.rounds.length - 1];
  const lastEmpty = !lastRound || roundBallots(lastRound) === 0;
  const canAddRound = live?.state === 'nextRound' && rounds.length < 3 && !lastEmpty;

  const toggle = (id: string, on: boolean) => setCandidates(on ? [...candidates, id] : candidates.filter((c) => c !== id));
  const setRound = (index: number, draft: RoundDraft) => setRounds(rounds.map((r, i) => (i === index ? draft : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await recordVote(item.id, { mode: 'appointment', appointment });
      setError('');
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="delib-vote-form delib-appointment" aria-label={t('delib.mode.appointment')}>
      <div className="field">
        <label htmlFor="appointment-office">{t('appointment.office')}</label>
        <input id="appointment-office" type="text" maxLength={200} value={office} aria-describedby="appointment-office-hint"
          onChange={(e) => setOffice(e.target.value)} />
        <p className="hint" id="appointment-office-hint">{t('appointment.officeHint')}</p>
      </div>
      <fieldset className="delib-appointment-candidates">
        <legend>{t('appointment.candidates')}</legend>
        <p className="hint">{t('appointment.candidatesHint')}</p>
        <ul className="delib-checks">
          {members.map((id) => (
            <li key={id}>
              <label>
                <input type="checkbox" checked={candidates.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
                {nameOf(id)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {candidates.length === 0 && <p className="hint">{t('appointment.pickCandidates')}</p>}
      {candidates.length > 0 && rounds.map((r, index) => {
        const round = index + 1;
        const parsed = appointment.rounds[index];
        const cast = parsed ? roundVotesCast(parsed) : 0;
        const total = parsed ? roundBallots(parsed) : 0;
        const params = { round, total, voters: counts.voters, cast, majority: Math.floor(cast / 2) + 1 };
        const field = (id: string, label: string, value: string, onChange: (v: string) => void) => (
          <div key={id} className="field">
            <label htmlFor={id}>{label}</label>
            <input id={id} type="number" inputMode="numeric" min={0} step={1} value={value}
              onFocus={(e) => e.currentTarget.select()} onChange={(e) => onChange(e.target.value)} />
          </div>
        );
        return (
          <fieldset key={index} className="delib-appointment-round" data-testid={`round-${round}`}>
            <legend>{t('appointment.roundTitle', { ordinal: roundOrdinal(round) })}</legend>
            <div className="delib-counts-inputs">
              {candidates.map((id) => field(`round-${round}-votes-${id}`, t('appointment.votesFor', { name: nameOf(id) }), r.votes[id] ?? '0',
                (v) => setRound(index, { ...r, votes: { ...r.votes, [id]: v } })))}
              {field(`round-${round}-blank`, t('appointment.blank'), r.blank, (v) => setRound(index, { ...r, blank: v }))}
              {field(`round-${round}-invalid`, t('appointment.invalid'), r.invalid, (v) => setRound(index, { ...r, invalid: v }))}
            </div>
            <p className={total === counts.voters ? 'delib-total' : 'delib-total delib-total-off'} aria-live="polite" data-testid={`round-${round}-total`}>
              {t(round < 3 ? 'appointment.roundTotal' : 'appointment.roundTotalRelative', params)}
            </p>
            {round === rounds.length && round > 1 && (
              <button type="button" onClick={() => setRounds(rounds.slice(0, -1))}>
                {t('appointment.removeRound', { ordinal: roundOrdinal(round) })}
              </button>
            )}
          </fieldset>
        );
      })}
      {live && (
        <p className="delib-appointment-live" aria-live="polite" data-testid="appointment-live">
          <strong>{lastEmpty ? t('appointment.noVotesYet') : appointmentText(live, nameOf, civilityOf)}</strong>
        </p>
      )}
      {canAddRound && (
        <p>
          <button type="button" onClick={() => setRounds([...rounds, emptyRound()])}>
            {t('appointment.addRound')}
          </button>
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="vote-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('appointment.record')}
      </button>
    </form>
  );
}
