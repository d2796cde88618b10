import type { BodyId, MemberId } from './ids';
import type { Mandate, MandateRole } from './schemas';

/**
 * Roles that make a member "en exercice". A suppléant only sits in place of a titular member
 * when that member is absent: counting them too would inflate the base of the quorum
 * (CGCT L2121-17 counts the members in office, i.e. the titular seats).
 */
const TITULAR_ROLES: ReadonlySet<MandateRole> = new Set(['president', 'vice_president', 'member']);

/** True when the mandate covers the day: it has started, and has not ended before it. */
export function mandateCovers(mandate: Mandate, dateIso: string): boolean {
  // ISO "YYYY-MM-DD" strings compare in calendar order; the end day itself is still in office.
  return mandate.start <= dateIso && (mandate.end === undefined || mandate.end >= dateIso);
}

/**
 * The membres en exercice of a body on a day, in the order their mandates were given, each once
 * (a member may hold successive mandates, e.g. member then president, that touch on the same day).
 */
export function membersInOffice(mandates: readonly Mandate[], bodyId: BodyId, dateIso: string): MemberId[] {
  const seen = new Set<MemberId>();
  const result: MemberId[] = [];
  for (const mandate of mandates) {
    if (mandate.bodyId !== bodyId || !TITULAR_ROLES.has(mandate.role)) continue;
    if (!mandateCovers(mandate, dateIso) || seen.has(mandate.memberId)) continue;
    seen.add(mandate.memberId);
    result.push(mandate.memberId);
  }
  return result;
}
