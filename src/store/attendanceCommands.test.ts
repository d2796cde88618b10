import { beforeEach, describe, expect, it } from 'vitest';
import { itemCounts } from '../domain/attendance';
import { newId } from '../domain/ids';
import type { Mandate, Member } from '../domain/schemas';
import { addMovement, setAllPresent, setAttendanceStatus } from './attendanceCommands';
import { RegistreDb, useDatabase } from './db';
import { ValidationError } from './errors';
import { pendingMutations } from './outbox';
import { createProxy, revokeProxy } from './proxyCommands';
import { closeWithoutQuorum, createSeance, reconvene } from './seanceCommands';
import { loadSeanceContext } from './seanceContext';

const orgId = newId<'OrganisationId'>();
const bodyId = newId<'BodyId'>();
let d: RegistreDb;
let members: Member[];

async function seedBody(n: number) {
  members = Array.from({ length: n }, (_, i) => ({
    id: newId<'MemberId'>(),
    organisationId: orgId,
    civility: 'M.' as const,
    firstName: 'Élu',
    lastName: `NOM${String(i).padStart(2, '0')}`,
    version: 0,
    updatedAt: '',
  }));
  const mandates: Mandate[] = members.map((m) => ({
    id: newId<'MandateId'>(),
    bodyId,
    memberId: m.id,
    role: 'member',
    start: '2008-01-01',
    version: 0,
    updatedAt: '',
  }));
  await d.members.bulkAdd(members);
  await d.mandates.bulkAdd(mandates);
  // A closing freezes the organisation's name and kind and the body's (domain/frozen.ts).
  await d.organisations.add({ id: orgId, name: 'Commune test', kind: 'commune', addressLines: [], postalCode: '', city: '', phone: '', fax: '', email: '', website: '', siret: '', openingHours: '', population: 0, publicationMode: 'electronique', version: 0, updatedAt: '' });
  await d.bodies.add({ id: bodyId, organisationId: orgId, name: 'Bureau', verb: 'LE BUREAU', version: 0, updatedAt: '' });
}

const seanceInput = (date: string) => ({
  organisationId: orgId,
  bodyId,
  date,
  time: '17:30',
  place: 'Salle',
  convocationDate: '2011-01-01',
});

async function counts(seanceId: string, orderNumber = 1) {
  const ctx = (await loadSeanceContext(seanceId))!;
  return itemCounts({
    inOffice: ctx.inOffice,
    attendance: ctx.attendance,
    proxies: ctx.proxies,
    seanceId: ctx.seance.id,
    orderNumber,
    withdrawn: [],
    reconvened: !!ctx.seance.reconvenedFrom,
  });
}

beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
  await seedBody(9);
});

describe('roll-call commands', () => {
  it('records 6 present and 3 absent: 9 / 6 / 6 with quorum', async () => {
    const s = await createSeance(seanceInput('2011-11-07'));
    await setAllPresent(s.id, members.map((m) => m.id));
    for (const m of members.slice(6)) await setAttendanceStatus(s.id, m.id, 'absent');
    const c = await counts(s.id);
    expect([c.inOffice, c.present.length, c.voters, c.quorum.reached]).toEqual([9, 6, 6, true]);
    // One outbox entry per changed row, in order: 9 created present, then 3 set absent.
    const outbox = await pendingMutations();
    expect(outbox.map((m) => m.name)).toEqual(['seance.create', ...Array(12).fill('attendance.set')]);
    expect(outbox.map((m) => m.mutationId)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    // A new row is pushed whole; a change of an existing row only carries what changed.
    expect(Object.keys(outbox[1]!.args as object)).toContain('seanceId');
    expect(outbox[10]!.args).toEqual({ status: 'absent', updatedAt: expect.any(String) });
    expect(outbox.every((m) => m.table === (m.name === 'seance.create' ? 'seances' : 'attendance'))).toBe(true);
  });

  it('a departure applies to the items that follow only', async () => {
    const s = await createSeance(seanceInput('2011-11-07'));
    await setAllPresent(s.id, members.map((m) => m.id));
    await addMovement(s.id, members[0]!.id, { kind: 'departure', fromOrder: 3, time: '18:40' });
    expect((await counts(s.id, 2)).present).toHaveLength(9);
    expect((await counts(s.id, 3)).present).toHaveLength(8);
    const dup = await addMovement(s.id, members[0]!.id, { kind: 'arrival', fromOrder: 3 }).catch((e: unknown) => e);
    expect((dup as ValidationError).fieldErrors).toEqual({ fromOrder: 'attendance.movementExists' });
  });

  it('refuses a second pouvoir to the same holder and writes nothing', async () => {
    const s = await createSeance(seanceInput('2011-11-07'));
    const [a, b, holder] = members;
    const base = { organisationId: orgId, bodyId, holderId: holder!.id, seanceIds: [s.id], writtenOn: '2011-11-01' };
    await createProxy({ ...base, giverId: a!.id });
    const before = (await pendingMutations()).length;
    const err = await createProxy({ ...base, giverId: b!.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors).toEqual({ holderId: 'proxy.holderHasProxy' });
    expect((err as ValidationError).message).toBe('proxy.holderHasProxy');
    expect(await d.proxies.count()).toBe(1);
    expect((await pendingMutations()).length).toBe(before);
  });

  it('a pouvoir counts for the vote, never for the quorum; revoking it removes the vote', async () => {
    const s = await createSeance(seanceInput('2011-11-07'));
    for (const m of members.slice(0, 4)) await setAttendanceStatus(s.id, m.id, 'present');
    const proxies = [];
    for (let i = 0; i < 3; i++) {
      proxies.push(
        await createProxy({
          organisationId: orgId,
          bodyId,
          giverId: members[4 + i]!.id,
          holderId: members[i]!.id,
          seanceIds: [s.id],
          writtenOn: '2011-11-01',
        }),
      );
    }
    let c = await counts(s.id);
    expect([c.present.length, c.voters, c.quorum.reached]).toEqual([4, 7, false]);
    await revokeProxy(proxies[0]!.id);
    c = await counts(s.id);
    expect(c.voters).toBe(6);
    expect((await d.attendance.get(`${s.id}:${members[4]!.id}`))?.status).toBe('absent');
  });

  it('a séance closed without quorum is read-only and can be convened again 3 days later at the earliest', async () => {
    const s = await createSeance(seanceInput('2011-11-07'));
    await closeWithoutQuorum(s.id);
    const err = await setAttendanceStatus(s.id, members[0]!.id, 'present').catch((e: unknown) => e);
    expect((err as ValidationError).formError).toBe('seance.readOnly');

    const tooSoon = await reconvene(s.id, { date: '2011-11-09', time: '17:30', place: 'Salle', convocationDate: '2011-11-07' }).catch(
      (e: unknown) => e,
    );
    expect((tooSoon as ValidationError).fieldErrors).toEqual({ date: 'seance.reconveneTooSoon' });

    const again = await reconvene(s.id, { date: '2011-11-10', time: '17:30', place: 'Salle', convocationDate: '2011-11-07' });
    expect(again.reconvenedFrom).toBe(s.id);
    await setAttendanceStatus(again.id, members[0]!.id, 'present');
    const c = await counts(again.id);
    expect([c.present.length, c.quorum.reached, c.quorum.waived]).toEqual([1, true, true]);
  });
});
