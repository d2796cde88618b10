import { mandateCovers } from '../domain/mandates';
import type { Mandate, MandateRole } from '../domain/schemas';

/** Today in the device's calendar, not UTC: at 00:30 in Paris it is already tomorrow's date. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type MandateState = 'past' | 'current' | 'future';

export function mandateState(mandate: Mandate, dayIso: string): MandateState {
  if (mandateCovers(mandate, dayIso)) return 'current';
  return mandate.start > dayIso ? 'future' : 'past';
}

/** Lists read as a clerk writes them: président, vice-présidents, members, suppléants. */
export const ROLE_RANK: Record<MandateRole, number> = { president: 0, vice_president: 1, member: 2, substitute: 3 };
