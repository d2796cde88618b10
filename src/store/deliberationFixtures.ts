import { newId, type BodyId, type MemberId, type OrganisationId, type SeanceId } from '../domain/ids';
import type { Attendance, Body, Mandate, Member, Organisation, Seance } from '../domain/schemas';
import type { RegistreDb } from './db';

/*
 * Test data for the deliberation, vote and closing store tests: the seed séance of the reference
 * extract, a Bureau of 9 members in office on 7 November 2011, 6 present and 3 absent. The same
 * records (same ids) can be written to several databases to play several devices.
 */

const meta = { version: 0, updatedAt: '' };

export interface SeedSeance {
  organisation: Organisation;
  body: Body;
  members: Member[];
  mandates: Mandate[];
  seance: Seance;
  attendance: Attendance[];
  /** Member ids, the président first. */
  ids: MemberId[];
}

export function seedSeance(opts: { status?: Seance['status']; present?: number; reconvened?: boolean } = {}): SeedSeance {
  const orgId = newId<'OrganisationId'>() as OrganisationId;
  const organisation: Organisation = {
    id: orgId, name: 'Somme Numérique', kind: 'syndicat_mixte', addressLines: [], postalCode: '', city: '', phone: '', fax: '',
    email: '', website: '', siret: '', openingHours: '', population: 0, publicationMode: 'electronique', ...meta,
  };
  const body: Body = { id: newId<'BodyId'>() as BodyId, organisationId: orgId, name: 'Bureau', verb: 'LE BUREAU', ...meta };
  const names = ['VASSEUR', 'BRUNEL', 'CARPENTIER', 'LETALLE', 'RENAUX', 'TETU', 'ABSENT-UN', 'ABSENT-DEUX', 'ABSENT-TROIS'];
  const members: Member[] = names.map((lastName) => ({
    id: newId<'MemberId'>() as MemberId, organisationId: orgId, civility: 'M.', firstName: 'Jean', lastName, ...meta,
  }));
  const ids = members.map((m) => m.id);
  const mandates: Mandate[] = ids.map((memberId, i) => ({
    id: newId<'MandateId'>(), bodyId: body.id, memberId, role: i === 0 ? 'president' : 'member', start: '2008-04-01', ...meta,
  }));
  const seance: Seance = {
    id: newId<'SeanceId'>() as SeanceId, organisationId: orgId, bodyId: body.id, date: '2011-11-07', time: '17:30',
    place: 'Siège', convocationDate: '2011-06-30', convocationMode: 'electronique', urgencyReason: '', presidentId: ids[0],
    secretaryIds: [], status: opts.status ?? 'in_progress', closedWithoutQuorum: false, ...meta,
    ...(opts.reconvened ? { reconvenedFrom: newId<'SeanceId'>() } : {}),
  };
  const present = opts.present ?? 6;
  const attendance: Attendance[] = ids.map((memberId, i) => ({
    id: `${seance.id}:${memberId}`, seanceId: seance.id, memberId, status: i < present ? 'present' : 'absent', movements: [], ...meta,
  }));
  return { organisation, body, members, mandates, seance, attendance, ids };
}

/** Writes the seed to a database, as a first sync would. */
export async function writeSeed(target: RegistreDb, seed: SeedSeance): Promise<void> {
  await target.transaction('rw', [target.organisations, target.bodies, target.members, target.mandates, target.seances, target.attendance], async () => {
    await target.organisations.put(seed.organisation);
    await target.bodies.put(seed.body);
    await target.members.bulkPut(seed.members);
    await target.mandates.bulkPut(seed.mandates);
    await target.seances.put(seed.seance);
    await target.attendance.bulkPut(seed.attendance);
  });
}
