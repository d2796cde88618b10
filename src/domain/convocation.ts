import { parseIsoDate } from './dates';

/*
 * Convocation delays are counted in jours francs: whole days, leaving out the day the
 * convocation is sent and the day of the séance. Calendar days only: Sundays and public
 * holidays count, and nothing is carried over to the next working day.
 * Dates are handled as UTC day numbers, so a device's time zone or a DST change cannot
 * shift a day.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for an ISO date; throws RangeError on a malformed or non-existent date. */
function dayNumber(dateIso: string): number {
  const { year, month, day } = parseIsoDate(dateIso);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoFromDayNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO date `days` calendar days after (or before, if negative) the given one. */
export function addDays(dateIso: string, days: number): string {
  return isoFromDayNumber(dayNumber(dateIso) + days);
}

/** Jours francs between sending and séance: sent 2011-11-01, séance 2011-11-05 → 3. Never negative. */
export function clearDaysBetween(sentIso: string, seanceIso: string): number {
  return Math.max(0, dayNumber(seanceIso) - dayNumber(sentIso) - 1);
}

/** From this population the longer delay applies (CGCT L2121-12); below it, L2121-11. */
export const POPULATION_THRESHOLD = 3_500;

/**
 * Three jours francs below 3,500 inhabitants (CGCT L2121-11), five from 3,500 (L2121-12).
 * In urgency the delay may be shortened, "sans pouvoir être toutefois inférieur à un jour franc".
 * For an EPCI or syndicat, the caller passes the population that decides which regime applies
 * (e.g. L5211-1: the ≥3,500 rules when it includes a commune of 3,500 or more).
 */
export function requiredClearDays(population: number, urgency: boolean): number {
  if (urgency) return 1;
  return population >= POPULATION_THRESHOLD ? 5 : 3;
}

export type ConvocationRefusal = 'convocation.short' | 'convocation.urgencyNeedsReason';

export interface ConvocationCheck {
  clearDays: number;
  required: number;
  ok: boolean;
  code?: ConvocationRefusal;
}

/**
 * Checks the convocation delay of a séance. Urgency is claimed by recording its reason
 * (Seance.urgencyReason): the reason must be stated, so an empty one is no urgency.
 * When the delay is too short for the normal rule but would do in urgency, the refusal says
 * that a reason is needed, which is the likely fix; otherwise it says the delay is too short.
 */
export function checkConvocation(input: {
  sentIso: string;
  seanceIso: string;
  population: number;
  urgencyReason: string;
}): ConvocationCheck {
  const urgency = input.urgencyReason.trim() !== '';
  const clearDays = clearDaysBetween(input.sentIso, input.seanceIso);
  const required = requiredClearDays(input.population, urgency);
  if (clearDays >= required) return { clearDays, required, ok: true };
  const code: ConvocationRefusal =
    !urgency && clearDays >= requiredClearDays(input.population, true) ? 'convocation.urgencyNeedsReason' : 'convocation.short';
  return { clearDays, required, ok: false, code };
}

/**
 * Without quorum, "le conseil municipal est à nouveau convoqué à trois jours au moins
 * d'intervalle" (CGCT L2121-17): the new séance is held three days after the failed one at the
 * earliest, and then deliberates without quorum.
 */
export function earliestReconvocationDate(failedSeanceIso: string): string {
  return addDays(failedSeanceIso, 3);
}
