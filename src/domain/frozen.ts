import { mandateCovers } from './mandates';
import type { Attendance, Body, Deliberation, Frozen, Mandate, Member, Organisation, Proxy, Seance, Vote } from './schemas';

export { FrozenSchema, type Frozen } from './schemas';

/*
 * What a séance's documents print about people and bodies, frozen into the séance when it is
 * closed (docs/decisions/004): the names of its members, their mandates in the body on that day
 * (who is « en exercice », who presides and in what capacity), the body's name and verb, the
 * organisation's name and kind (which says « Le Maire » or « La Présidente »). Being a field of
 * the séance, it is in the procès-verbal's signed content and under the seal; an extract's signed
 * content carries it too. A member renamed later, a mandate edited later, change nothing in a
 * closed séance's documents nor in what was signed. Both the device that closes and the server
 * compute it with `frozenOf` from their records; the server refuses a closing whose frozen part
 * is not what its own records say.
 */

export interface FrozenInput {
  seance: Pick<Seance, 'date' | 'bodyId' | 'presidentId' | 'secretaryIds'>;
  organisation: Pick<Organisation, 'name' | 'kind'>;
  body: Pick<Body, 'name' | 'verb'>;
  members: readonly Member[];
  /** The body's mandates (any date: those covering the séance's day are kept). */
  mandates: readonly Mandate[];
  attendance: readonly Attendance[];
  deliberations: readonly Deliberation[];
  votes: readonly Vote[];
  proxies: readonly Proxy[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The frozen part of a séance, the same on every side for the same records (sorted by id). */
export function frozenOf(input: FrozenInput): Frozen {
  const mandates = input.mandates.filter((m) => m.bodyId === input.seance.bodyId && mandateCovers(m, input.seance.date));
  const ids = new Set<string>(mandates.map((m) => m.memberId));
  const add = (id: string | undefined) => id && ids.add(id);
  add(input.seance.presidentId);
  (input.seance.secretaryIds ?? []).forEach(add);
  for (const a of input.attendance) add(a.memberId);
  for (const p of input.proxies) {
    add(p.giverId);
    add(p.holderId);
  }
  for (const d of input.deliberations) {
    add(d.rapporteurId);
    (d.withdrawn ?? []).forEach(add);
  }
  for (const v of input.votes) {
    for (const b of v.ballots ?? []) {
      add(b.memberId);
      add(b.onBehalfOf);
    }
    v.appointment?.candidates.forEach(add);
  }
  return {
    organisation: { name: input.organisation.name, kind: input.organisation.kind },
    body: { name: input.body.name, verb: input.body.verb },
    members: input.members
      .filter((m) => ids.has(m.id))
      .map((m) => ({ id: m.id, civility: m.civility, firstName: m.firstName, lastName: m.lastName }))
      .sort(byId),
    mandates: mandates
      .map((m) => ({
        id: m.id,
        memberId: m.memberId,
        role: m.role,
        start: m.start,
        ...(m.end !== undefined ? { end: m.end } : {}),
        ...(m.substituteFor !== undefined ? { substituteFor: m.substituteFor } : {}),
      }))
      .sort(byId),
  };
}

/**
 * The records as a closed séance's documents must print them: the frozen names, mandates, body
 * and organisation over the current ones. A séance closed before this existed has none: its
 * documents print the records as they are.
 */
export function withFrozen<T extends { seance: Seance; organisation: Organisation; body: Body; members: Member[]; mandates: Mandate[] }>(file: T): T {
  const f = file.seance.frozen;
  if (!f) return file;
  const names = new Map(f.members.map((m) => [m.id, m]));
  const frozenMandates = new Set(f.mandates.map((m) => m.id));
  return {
    ...file,
    organisation: { ...file.organisation, name: f.organisation.name, kind: f.organisation.kind },
    body: { ...file.body, name: f.body.name, verb: f.body.verb },
    members: file.members.map((m) => {
      const n = names.get(m.id);
      return n ? { ...m, civility: n.civility, firstName: n.firstName, lastName: n.lastName } : m;
    }),
    // The body's mandates as they were that day; other bodies' are not the séance's.
    mandates: [
      ...file.mandates.filter((m) => m.bodyId !== file.seance.bodyId && !frozenMandates.has(m.id)),
      ...f.mandates.map((m) => ({ ...m, bodyId: file.seance.bodyId, version: 0, updatedAt: '' }) as Mandate),
    ],
  };
}
