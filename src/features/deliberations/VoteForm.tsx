import { useState, type FormEvent } from 'react';
import type { ItemCounts } from '../../domain/attendance';
import type { Deliberation, Vote } from '../../domain/schemas';
import type { Choice } from '../../domain/tally';
import { rollCallVoices } from '../../domain/voteEntry';
import { t } from '../../i18n';
import { CommandRefused } from '../../store/deliberationCommands';
import { ValidationError } from '../../store/errors';
import { recordVote, type VoteInput } from '../../store/votes';
import { AppointmentForm } from './AppointmentForm';
import { errorMessage } from './errors';
import type { CivilityOf } from './ResultBadge';
import { countLabels, RollCallBallots, voiceKey } from './RollCallBallots';

type Mode = 'showOfHands' | 'rollCall' | 'secretBallot' | 'appointment';
const modes: readonly Mode[] = ['showOfHands', 'rollCall', 'secretBallot', 'appointment'];
type CountKey = 'yes' | 'no' | 'abstain' | 'notVoting' | 'blank' | 'invalid';
const countKeys: Record<Mode, CountKey[]> = {
  showOfHands: ['yes', 'no', 'abstain', 'notVoting'],
  secretBallot: ['yes', 'no', 'blank', 'invalid', 'notVoting'],
  rollCall: [],
  appointment: [],
};

interface Props {
  item: Deliberation;
  counts: ItemCounts;
  previous: Vote | undefined;
  presidentId: string | undefined;
  nameOf: (id: string) => string;
  birthDateOf: (id: string) => string | undefined;
  civilityOf?: CivilityOf | undefined;
}

/** Vote entry: counts must add up to the item's votants, checked again by the store. */
export function VoteForm({ item, counts, previous, presidentId, nameOf, birthDateOf, civilityOf }: Props) {
  const [mode, setMode] = useState<Mode>(previous && previous.mode !== 'none' ? previous.mode : 'showOfHands');
  const [numbers, setNumbers] = useState<Record<CountKey, string>>(() => {
    const v = previous;
    const n = (x: number | undefined) => (x ? String(x) : '0');
    return { yes: n(v?.yes), no: n(v?.no), abstain: n(v?.abstain), notVoting: n(v?.notVoting), blank: n(v?.blank), invalid: n(v?.invalid) };
  });
  const [ballots, setBallots] = useState<Record<string, Choice | undefined>>(() =>
    Object.fromEntries((previous?.mode === 'rollCall' ? previous.ballots : []).map((b) => [voiceKey(b), b.choice])),
  );
  const [president, setPresident] = useState<Choice | ''>('');
  const [error, setError] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const voices = rollCallVoices(counts);
  const num = (k: CountKey) => (countKeys[mode].includes(k) ? Number(numbers[k] || 0) : 0);
  const total = mode === 'rollCall' ? voices.filter((v) => ballots[voiceKey(v)]).length : countKeys[mode].reduce((s, k) => s + num(k), 0);
  const tie = mode === 'showOfHands' && num('yes') === num('no') && num('yes') > 0;
  const presides = !!presidentId && counts.present.some((id) => id === presidentId);

  function input(): VoteInput {
    if (mode === 'rollCall') {
      const cast = voices.flatMap((v) => {
        const choice = ballots[voiceKey(v)];
        return choice ? [{ ...v, choice }] : [];
      });
      return { mode, ballots: cast };
    }
    const base = Object.fromEntries(countKeys[mode].map((k) => [k, num(k)]));
    const casting = tie && presides && president && presidentId ? [{ memberId: presidentId as Vote['ballots'][number]['memberId'], choice: president }] : [];
    return { mode, ...base, ballots: casting };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await recordVote(item.id, input());
      setError('');
      setFieldErrors({});
    } catch (err) {
      // A count zod refuses (negative, decimal) is named on its field; the rule refusals come whole.
      const badNumbers = err instanceof ValidationError && !(err instanceof CommandRefused) && Object.keys(err.fieldErrors).length > 0;
      setError(badNumbers ? t('vote.invalidNumber') : errorMessage(err));
      setFieldErrors(badNumbers ? err.fieldErrors : {});
    }
  }

  const setAll = () =>
    mode === 'rollCall'
      ? setBallots(Object.fromEntries(voices.map((v) => [voiceKey(v), 'yes' as Choice])))
      : setNumbers({ yes: String(counts.voters), no: '0', abstain: '0', notVoting: '0', blank: '0', invalid: '0' });

  const modePicker = (
    <fieldset className="segmented delib-modes">
      <legend>{t('delib.voteMode')}</legend>
      {modes.map((m) => (
        <label key={m} className={mode === m ? 'checked' : undefined}>
          <input type="radio" name="vote-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
          {t(`delib.mode.${m}`)}
        </label>
      ))}
    </fieldset>
  );

  if (mode === 'appointment') {
    // Its own form: the rounds of a secret ballot have nothing in common with pour / contre.
    return (
      <div className="delib-vote-form">
        {modePicker}
        <AppointmentForm item={item} counts={counts} previous={previous} nameOf={nameOf} birthDateOf={birthDateOf} civilityOf={civilityOf} />
      </div>
    );
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="delib-vote-form" aria-label={t('delib.voteTitle')}>
      {modePicker}
      <div className="delib-quick">
        <button type="button" onClick={setAll}>
          {t('delib.unanimous', { voters: counts.voters })}
        </button>
      </div>
      {mode === 'rollCall' ? (
        <>
          <RollCallBallots voices={voices} value={ballots} onChange={setBallots} nameOf={nameOf} />
          {presides && presidentId && <p className="hint">{t('delib.castingVoteRollCall', { name: nameOf(presidentId) })}</p>}
        </>
      ) : (
        <div className="delib-counts-inputs">
          {countKeys[mode].map((k) => (
            <div key={k} className={`field${fieldErrors[k] ? ' field-error' : ''}`}>
              <label htmlFor={`count-${k}`}>{t(countLabels[k])}</label>
              <input id={`count-${k}`} type="number" inputMode="numeric" min={0} step={1} value={numbers[k]}
                aria-invalid={fieldErrors[k] ? true : undefined}
                onFocus={(e) => e.currentTarget.select()}
                onChange={(e) => setNumbers({ ...numbers, [k]: e.target.value })} />
            </div>
          ))}
        </div>
      )}
      <p className={total === counts.voters ? 'delib-total' : 'delib-total delib-total-off'} aria-live="polite" data-testid="vote-total">
        {t('delib.total', { total, voters: counts.voters })}
      </p>
      {tie && presides && presidentId && (
        <div className="field">
          <label htmlFor="casting-vote">{t('delib.castingVote', { name: nameOf(presidentId) })}</label>
          <select id="casting-vote" value={president} onChange={(e) => setPresident(e.target.value as Choice | '')}>
            <option value="">{t('delib.castingVoteChoose')}</option>
            {(['yes', 'no', 'abstain'] as const).map((c) => (
              <option key={c} value={c}>
                {t(countLabels[c])}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && (
        <p className="error" role="alert" data-testid="vote-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('delib.recordVote')}
      </button>
    </form>
  );
}
