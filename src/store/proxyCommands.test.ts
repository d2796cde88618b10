import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import type { Body, Mandate, Member } from '../domain/schemas';
import { RegistreDb, useDatabase } from './db';
import { ValidationError } from './errors';
import { pendingMutations } from './outbox';
import { createProxy, revokeProxy } from './proxyCommands';
import { loadBodyProxies } from './proxies';
import { closeWithoutQuorum, createSeance } from './seanceCommands';

const orgId = newId<'OrganisationId'>();
const bodyId = newId<'BodyId'>();
let d: RegistreDb;
let members: Member[];

beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
  members = Array.from({ length: 5 }, (_, i) => ({
    id: newId<'MemberId'>(),
    organisationId: orgId,
    civility: 'Mme' as const,
    firstName: 'Élue',
    lastName: `NOM${i}`,
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
  const body: Body = { id: bodyId, organisationId: orgId, name: 'Bureau', verb: 'LE BUREAU', version: 0, updatedAt: '' };
  await d.bodies.add(body);
  // A closing freezes the organisation's name and kind and the body's (domain/frozen.ts).
  await d.organisations.add({ id: orgId, name: 'Commune test', kind: 'commune', addressLines: [], postalCode: '', city: '', phone: '', fax: '', email: '', website: '', siret: '', openingHours: '', population: 0, publicationMode: 'electronique', version: 0, updatedAt: '' });
  await d.members.bulkAdd(members);
  await d.mandates.bulkAdd(mandates);
});

const seance = (date: string) =>
  createSeance({ organisationId: orgId, bodyId, date, time: '17:30', place: 'Salle', convocationDate: '2011-01-01' });

const pouvoir = (giver: number, holder: number, seanceIds: string[], extra: object = {}) => ({
  organisationId: orgId,
  bodyId,
  giverId: members[giver]!.id,
  holderId: members[holder]!.id,
  seanceIds,
  writtenOn: '2011-02-01',
  ...extra,
});

async function refusal(input: object): Promise<ValidationError> {
  const err = await createProxy(input).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  return err as ValidationError;
}

describe('pouvoirs covering several séances', () => {
  it('records one pouvoir for two séances: the giver is represented at both', async () => {
    const [s1, s2] = [await seance('2011-03-01'), await seance('2011-04-01')];
    await createProxy(pouvoir(0, 1, [s1.id, s2.id]));
    for (const s of [s1, s2]) expect((await d.attendance.get(`${s.id}:${members[0]!.id}`))?.status).toBe('represented');
    const loaded = await loadBodyProxies(bodyId);
    expect(loaded?.proxies.map((p) => p.seanceIds)).toEqual([[s1.id, s2.id]]);
    expect(loaded?.seances).toHaveLength(2);
    expect(loaded?.members).toHaveLength(5);
  });

  it('reports each refusal on the field to change, and writes nothing', async () => {
    const ss = [];
    for (const month of ['03', '04', '05', '06']) ss.push(await seance(`2011-${month}-01`));
    const ids = ss.map((s) => s.id);
    await createProxy(pouvoir(0, 1, ids.slice(0, 2)));
    const before = (await pendingMutations()).length;

    expect((await refusal(pouvoir(2, 1, [ids[1]!]))).fieldErrors).toEqual({ holderId: 'proxy.holderHasProxy' });
    expect((await refusal(pouvoir(0, 2, [ids[0]!]))).fieldErrors).toEqual({ giverId: 'proxy.giverHasProxy' });
    expect((await refusal(pouvoir(2, 3, ids))).fieldErrors).toEqual({ seanceIds: 'proxy.tooManySeances' });
    expect((await refusal(pouvoir(2, 3, ids, { writtenOn: '2011-05-02' }))).fieldErrors).toEqual({ writtenOn: 'proxy.writtenAfterSeance' });
    expect((await refusal(pouvoir(2, 3, []))).fieldErrors).toEqual({ seanceIds: 'error.proxyNoSeance' });

    expect(await d.proxies.count()).toBe(1);
    expect((await pendingMutations()).length).toBe(before);
    expect((await d.attendance.get(`${ids[3]}:${members[2]!.id}`))?.status).toBeUndefined();
  });

  it('illness lifts the limit of three consecutive séances', async () => {
    const ids = [];
    for (const month of ['03', '04', '05', '06']) ids.push((await seance(`2011-${month}-01`)).id);
    await createProxy(pouvoir(2, 3, ids, { illness: true }));
    expect((await d.proxies.toArray())[0]?.illness).toBe(true);
  });

  it('refuses to revoke a pouvoir once a séance it covers is closed', async () => {
    const [s1, s2] = [await seance('2011-03-01'), await seance('2011-04-01')];
    const p = await createProxy(pouvoir(0, 1, [s1.id, s2.id]));
    await closeWithoutQuorum(s1.id);
    const err = await revokeProxy(p.id).catch((e: unknown) => e);
    expect((err as ValidationError).formError).toBe('seance.readOnly');
    expect((await d.proxies.get(p.id))?.revokedAt).toBeUndefined();
  });

  it('refuses a pouvoir for a closed séance', async () => {
    const s1 = await seance('2011-03-01');
    await closeWithoutQuorum(s1.id);
    expect((await refusal(pouvoir(0, 1, [s1.id]))).formError).toBe('seance.readOnly');
  });
});
