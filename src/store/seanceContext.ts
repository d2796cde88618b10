import { membersInOffice } from '../domain/mandates';
import { sequenceOffset } from '../domain/numbering';
import type { Body, Member, Seance } from '../domain/schemas';
import type { MemberId } from '../domain/ids';
import { itemsOf } from './agenda';
import { attendanceOf, proxiesOfBody } from './attendance';
import { db } from './db';

/**
 * Everything the rules need to compute a séance's counts, read in one transaction so the
 * roll-call, the quorum banner and the vote form all see the same state.
 */
export async function loadSeanceContext(seanceId: string) {
  const d = db();
  return d.transaction('r', [d.seances, d.bodies, d.members, d.mandates, d.attendance, d.proxies, d.deliberations], async () => {
    const seance = await d.seances.get(seanceId as Seance['id']);
    if (!seance) return null;
    const [body, members, mandates, attendance, proxies, items, seancesOfBody, sameDay] = await Promise.all([
      d.bodies.get(seance.bodyId),
      d.members.where('organisationId').equals(seance.organisationId).toArray(),
      d.mandates.where('bodyId').equals(seance.bodyId).toArray(),
      attendanceOf(seanceId),
      proxiesOfBody(seance.bodyId),
      itemsOf(seanceId),
      d.seances.where('bodyId').equals(seance.bodyId).toArray(),
      d.seances.where('organisationId').equals(seance.organisationId).filter((s) => s.date === seance.date && s.id !== seance.id).primaryKeys(),
    ]);
    const taken = (await d.deliberations.where('seanceId').anyOf(sameDay).toArray()).map((x) => x.registryNumber).filter((n): n is string => !!n);
    const inOffice = membersInOffice(mandates, seance.bodyId, seance.date);
    const byId = new Map<MemberId, Member>(members.map((m) => [m.id, m]));
    return {
      seance,
      body: body as Body | undefined,
      // The roll-call follows the paper list: alphabetical order of names.
      members: inOffice
        .map((id) => byId.get(id))
        .filter((m): m is Member => !!m)
        .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr')),
      allMembers: members,
      mandates,
      inOffice,
      attendance,
      proxies,
      items,
      seancesOfBody: seancesOfBody.map((s) => ({ id: s.id, date: s.date })),
      /** Where this séance's numbers will start: after those other séances gave that day. */
      numberOffset: sequenceOffset(taken, seance.date, 'DL'),
    };
  });
}
export type SeanceContext = NonNullable<Awaited<ReturnType<typeof loadSeanceContext>>>;
