import type { Choice } from '../../domain/tally';
import type { Voice } from '../../domain/voteEntry';
import { t, type MessageKey } from '../../i18n';

export const choices: readonly Choice[] = ['yes', 'no', 'abstain', 'notVoting'];

/** The label of each count of a vote, and of each choice of a roll-call. */
export const countLabels = {
  yes: 'delib.yes',
  no: 'delib.no',
  abstain: 'delib.abstain',
  notVoting: 'delib.notVoting',
  blank: 'delib.blank',
  invalid: 'delib.invalid',
} as const satisfies Record<Choice | 'blank' | 'invalid', MessageKey>;
export const voiceKey = (v: Voice) => `${v.memberId}>${v.onBehalfOf ?? ''}`;

interface Props {
  voices: Voice[];
  value: Record<string, Choice | undefined>;
  onChange: (value: Record<string, Choice | undefined>) => void;
  nameOf: (id: string) => string;
}

/**
 * Public roll-call (L2121-21): one group of choices per voice, named by its member; a proxy
 * holder's vote for the giver is its own group, right after the holder's.
 */
export function RollCallBallots({ voices, value, onChange, nameOf }: Props) {
  return (
    <ul className="delib-ballots" data-testid="roll-call" aria-label={t('delib.ballotsCaption')}>
      {voices.map((voice) => {
        const key = voiceKey(voice);
        const name = voice.onBehalfOf
          ? t('delib.onBehalf', { holder: nameOf(voice.memberId), giver: nameOf(voice.onBehalfOf) })
          : nameOf(voice.memberId);
        return (
          <li key={key}>
            <fieldset className="delib-ballot">
              <legend>{name}</legend>
              <div className="segmented">
                {choices.map((choice) => (
                  <label key={choice} className={value[key] === choice ? 'checked' : undefined}>
                    <input
                      type="radio"
                      name={`ballot-${key}`}
                      value={choice}
                      checked={value[key] === choice}
                      onChange={() => onChange({ ...value, [key]: choice })}
                    />
                    {t(countLabels[choice])}
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        );
      })}
    </ul>
  );
}
