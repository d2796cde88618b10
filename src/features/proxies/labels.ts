import { parseTime, timeInFigures } from '../../domain/dates';
import type { Member, Seance } from '../../domain/schemas';
import { t } from '../../i18n';
import { displayDate, memberName } from '../../ui/format';

/** "7 novembre 2011 à 17h30": how the register names a séance. */
export function seanceLabel(seance: Pick<Seance, 'date' | 'time'>): string {
  let time = seance.time;
  try {
    const { hh, mm } = parseTime(seance.time);
    time = timeInFigures(hh, mm);
  } catch {
    // A malformed time is shown as it is: the screen must never fail on one record.
  }
  return t('proxies.seanceLabel', { date: displayDate(seance.date), time });
}

export function nameOrUnknown(member: Member | undefined): string {
  return member ? memberName(member) : t('proxies.unknownMember');
}
