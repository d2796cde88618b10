import { roundOrdinal } from '../../domain/appointment';
import { resultLabelKey, type AppointmentStatus, type Result } from '../../domain/tally';
import type { Member } from '../../domain/schemas';
import { t } from '../../i18n';
import { genderOf } from '../../i18n/gender';

/** A member's civility by id: « Élue » for Mme, « Élu » for M. */
export type CivilityOf = (id: string) => Member['civility'] | undefined;

/**
 * An appointment's result: "Élue au 2e tour : Mme X (8 voix)", or what is still needed; « Élu(e) »
 * when `civilityOf` is not given.
 */
export function appointmentText(status: AppointmentStatus, nameOf: (id: string) => string, civilityOf?: CivilityOf): string {
  if (status.state === 'elected' && status.elected) {
    const params = { ordinal: roundOrdinal(status.round), name: nameOf(status.elected), votes: status.votes ?? 0, gender: genderOf(civilityOf?.(status.elected)) };
    return t(status.byAge ? 'appointment.electedByAge' : 'appointment.elected', params);
  }
  if (status.state === 'nextRound') return t('appointment.nextRound', { ordinal: roundOrdinal(status.round + 1) });
  return t('appointment.undecided');
}

/** The result as the register prints it; its wording carries the meaning, not the colour. */
export function ResultBadge({ result, testId, nameOf, civilityOf }: { result: Result | undefined; testId?: string; nameOf?: (id: string) => string; civilityOf?: CivilityOf }) {
  if (!result) return <span className="delib-result delib-result-none">{t('delib.notVoted')}</span>;
  return (
    <span className={`delib-result delib-result-${result.outcome}`} data-testid={testId}>
      {result.appointment && nameOf ? appointmentText(result.appointment, nameOf, civilityOf) : t(resultLabelKey(result))}
    </span>
  );
}

/** "N° 20111107_DL_04", with "provisoire" until the séance is closed. */
export function RegistryNumber({ number }: { number: { number: string; provisional: boolean } | undefined }) {
  if (!number) return null;
  return (
    <span className="delib-number">
      <span data-testid="registry-number">{number.number}</span>
      {number.provisional && <span className="delib-provisional"> ({t('delib.numberProvisional')})</span>}
    </span>
  );
}
