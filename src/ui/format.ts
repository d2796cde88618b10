import { dateInFigures } from '../domain/dates';
import type { Member } from '../domain/schemas';

export function memberName(m: Pick<Member, 'civility' | 'firstName' | 'lastName'>): string {
  return `${m.civility} ${m.firstName} ${m.lastName}`;
}

/** "7 novembre 2011", or the raw value when it is not a valid date (never throws in the UI). */
export function displayDate(iso: string): string {
  try {
    return dateInFigures(iso);
  } catch {
    return iso;
  }
}
