import type { BodyId } from '../../domain/ids';
import { membersInOffice } from '../../domain/mandates';
import { isRevoked } from '../../domain/proxies';
import type { Mandate, Member, Proxy, Seance } from '../../domain/schemas';
import { todayIso } from '../../ui/dates';
import { isClosed } from '../../domain/status';

/*
 * What the pouvoirs screen shows, computed from the records: no React, no storage, so each rule
 * of the screen (which séances can be chosen, the order of the list, when "Révoquer" is offered)
 * is tested on its own.
 */

/** Once closed the register is fixed (R2121-9): no pouvoir is given or revoked for the séance. */
export function isSeanceOpen(seance: Pick<Seance, 'status'>): boolean {
  return !isClosed(seance.status);
}

const byDate = (a: Seance, b: Seance) =>
  a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The séances a new pouvoir can cover: those not yet closed, in date order. */
export function choosableSeances(seances: readonly Seance[]): Seance[] {
  return seances.filter(isSeanceOpen).sort(byDate);
}

/**
 * The members who can give or hold a pouvoir: in office today or on the day of a séance still
 * open (a mandate may start or end between them). The store checks the exact dates on saving.
 */
export function candidateMembers(
  members: readonly Member[],
  mandates: readonly Mandate[],
  bodyId: BodyId,
  days: readonly string[],
): Member[] {
  const ids = new Set(days.flatMap((day) => membersInOffice(mandates, bodyId, day)));
  return members
    .filter((m) => ids.has(m.id))
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'));
}

export type ProxyStatus = { kind: 'active' } | { kind: 'revoked'; on: string };

export interface ProxyRow {
  proxy: Proxy;
  giver: Member | undefined;
  holder: Member | undefined;
  /** The séances covered, in date order (one unknown to this device is left out). */
  seances: Seance[];
  status: ProxyStatus;
  /** Revoking writes the giver's attendance at every covered séance: all must still be open. */
  canRevoke: boolean;
}

/** The day a revocation was recorded, in the device's calendar (revokedAt is a UTC instant). */
export function revokedOn(revokedAt: string): string {
  const at = new Date(revokedAt);
  return Number.isNaN(at.getTime()) ? revokedAt.slice(0, 10) : todayIso(at);
}

/**
 * The list of a body's pouvoirs, newest first: by written date, then by the order they were
 * recorded (ids are UUIDv7, which sort by creation time).
 */
export function proxyRows(proxies: readonly Proxy[], seances: readonly Seance[], members: readonly Member[]): ProxyRow[] {
  const seanceById = new Map(seances.map((s) => [s.id as string, s]));
  const memberById = new Map(members.map((m) => [m.id as string, m]));
  return [...proxies]
    .sort((a, b) => b.writtenOn.localeCompare(a.writtenOn) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((proxy) => {
      const covered = proxy.seanceIds.map((id) => seanceById.get(id)).filter((s): s is Seance => !!s).sort(byDate);
      const revoked = isRevoked(proxy);
      return {
        proxy,
        giver: memberById.get(proxy.giverId),
        holder: memberById.get(proxy.holderId),
        seances: covered,
        status: revoked ? { kind: 'revoked', on: revokedOn(proxy.revokedAt ?? '') } : { kind: 'active' },
        canRevoke: !revoked && covered.length === proxy.seanceIds.length && covered.every(isSeanceOpen),
      };
    });
}

export interface ProxyDraft {
  giverId: string;
  holderId: string;
  writtenOn: string;
  seanceIds: string[];
  illness: boolean;
}

/**
 * The choices the form needs before the rules can be checked: an empty select would otherwise
 * be reported as an invalid identifier.
 */
export function missingChoices(draft: ProxyDraft): Record<string, string> {
  const missing: Record<string, string> = {};
  if (!draft.giverId) missing.giverId = 'error.required';
  if (!draft.holderId) missing.holderId = 'error.required';
  if (!draft.writtenOn) missing.writtenOn = 'error.required';
  if (draft.seanceIds.length === 0) missing.seanceIds = 'proxy.noSeance';
  return missing;
}
