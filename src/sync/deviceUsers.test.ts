import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import { applyPulled, clientIdOf, pushOutbox } from './engine';
import type { Transport } from './transport';
import { openConflicts } from '../store/conflictCommands';
import { db, RegistreDb, useDatabase } from '../store/db';
import { adoptChangesWithoutUser, changesOf } from '../store/deviceUsers';
import { enqueue, pendingCount, pendingMutations, pendingOfOtherUsers } from '../store/outbox';
import { createSeance, setSeanceStatus } from '../store/seanceCommands';

const orgId = newId<'OrganisationId'>();
const seanceInput = (place: string) => ({
  organisationId: orgId, bodyId: newId<'BodyId'>(), date: '2011-11-07', time: '17:30', place, convocationDate: '2011-06-30',
});
const session = (id: string, name: string) => ({ key: 'session', value: { user: { id, name }, organisationId: orgId, role: 'secretaire', signedInAt: '' } });
/** As sync/session.ts leaves a sign-in: the session, and who signed in. */
async function signedIn(id: string, name: string) {
  await db().meta.bulkPut([session(id, name), { key: 'lastUserId', value: id }, { key: 'users', value: { ...(await db().meta.get('users'))?.value as object, [id]: { name } } }]);
}

beforeEach(async () => {
  const fresh = new RegistreDb(`test-${Math.random()}`);
  useDatabase(fresh);
  await fresh.open();
});

describe('changes by user', () => {
  it('without a stored session, changes belong to nobody and are numbered as before', async () => {
    const s = await createSeance(seanceInput('Salle'));
    await setSeanceStatus(s.id, 'convened');
    expect((await pendingMutations()).map((m) => [m.mutationId, m.userId, m.clientMutationId])).toEqual([[1, '', 1], [2, '', 2]]);
    expect(await pendingCount()).toBe(2);
  });

  it('each change belongs to the signed-in user, read in its own transaction; each user numbers without gaps', async () => {
    await signedIn('sam', 'Sam Secrétaire');
    const s = await createSeance(seanceInput('Salle'));
    await signedIn('claire', 'Claire DUMONT');
    await setSeanceStatus(s.id, 'convened');
    await signedIn('sam', 'Sam Secrétaire');
    await setSeanceStatus(s.id, 'in_progress');
    expect((await pendingMutations()).map((m) => [m.mutationId, m.userId, m.clientMutationId])).toEqual([
      [1, 'sam', 1],
      [2, 'claire', 1],
      [3, 'sam', 2],
    ]);
    expect((await changesOf(db(), 'sam').toArray()).map((m) => m.name)).toEqual(['seance.create', 'seance.status']);
    // The badge counts the signed-in user's; the others are told apart, by name.
    expect(await pendingCount()).toBe(2);
    expect(await pendingOfOtherUsers()).toEqual([{ userId: 'claire', name: 'Claire DUMONT', count: 1 }]);
  });

  it('a push removes the pushing user’s acknowledged changes only, when another user’s lie between them', async () => {
    await signedIn('sam', 'Sam Secrétaire');
    const s = await createSeance(seanceInput('Salle'));
    await signedIn('claire', 'Claire DUMONT');
    await setSeanceStatus(s.id, 'convened');
    await signedIn('sam', 'Sam Secrétaire');
    await setSeanceStatus(s.id, 'in_progress');
    const sent: number[][] = [];
    // A server that holds whatever it is sent.
    const transport = {
      push: async (req: { mutations: { mutationId: number }[] }) => {
        sent.push(req.mutations.map((m) => m.mutationId));
        return { lastMutationId: req.mutations.at(-1)!.mutationId, results: req.mutations.map((m) => ({ mutationId: m.mutationId, status: 'applied' as const })) };
      },
    } as unknown as Transport;
    expect(await pushOutbox(db(), transport, 'sam-client', 'sam')).toEqual({ pushed: 2, issues: 0 });
    expect(sent).toEqual([[1, 2]]);
    expect((await pendingMutations()).map((m) => [m.mutationId, m.userId])).toEqual([[2, 'claire']]);
    expect(await pushOutbox(db(), transport, 'claire-client', 'claire')).toEqual({ pushed: 1, issues: 0 });
    expect(await db().outbox.count()).toBe(0);
  });

  it('after sign-out, a change made in a tab left open is still the last user’s', async () => {
    await signedIn('sam', 'Sam Secrétaire');
    await db().meta.delete('session');
    await createSeance(seanceInput('Salle'));
    expect((await pendingMutations()).map((m) => m.userId)).toEqual(['sam']);
    expect(await pendingOfOtherUsers()).toEqual([{ userId: 'sam', name: 'Sam Secrétaire', count: 1 }]);
  });

  it('a change is numbered in the transaction of its write: one refused writes nothing and skips no number', async () => {
    await signedIn('sam', 'Sam Secrétaire');
    const d = db();
    await d.transaction('rw', [d.outbox, d.meta], async () => {
      await enqueue({ name: 'seance.update', recordId: 'a', baseVersion: 0, args: {} }, new Date());
      throw new Error('refused');
    }).catch(() => undefined);
    await d.transaction('rw', [d.outbox, d.meta], () => enqueue({ name: 'seance.update', recordId: 'b', baseVersion: 0, args: {} }, new Date()));
    expect((await pendingMutations()).map((m) => [m.recordId, m.clientMutationId])).toEqual([['b', 1]]);
  });

  it('the identity the database syncs as is the signed-in user’s: conflicts shown are theirs', async () => {
    const d = db();
    await signedIn('sam', 'Sam Secrétaire');
    const sam = await clientIdOf(d, 'sam');
    await signedIn('claire', 'Claire DUMONT');
    const claire = await clientIdOf(d, 'claire');
    // Asking for another user's id does not make the database sync as them.
    expect(await clientIdOf(d, 'sam')).toBe(sam);
    expect((await d.meta.get('clientId'))?.value).toBe(claire);
    const conflict = (id: string, clientId: string) =>
      ({ id, table: 'seances', recordId: 'a', field: 'place', serverValue: 'x', clientValue: 'y', clientId, resolved: false, version: 1 }) as never;
    await d.conflicts.bulkPut([conflict('c1', sam), conflict('c2', claire)]);
    expect((await openConflicts()).map((c) => c.id)).toEqual(['c2']);
  });

  it('the pull re-applies every user’s pending change on top of the pulled record', async () => {
    await signedIn('sam', 'Sam Secrétaire');
    const s = await createSeance(seanceInput('Salle de Sam'));
    await signedIn('claire', 'Claire DUMONT');
    const d = db();
    await d.transaction('rw', [d.outbox, d.meta], () =>
      enqueue({ name: 'seance.officers', table: 'seances', recordId: s.id, baseVersion: 1, args: { time: '18:00' } }, new Date()),
    );
    await applyPulled(d, [{ table: 'seances', id: s.id, version: 3, seq: 9, body: { ...s, place: 'Salle du serveur', time: '09:00', status: 'convened' } }], 9);
    expect(await d.seances.get(s.id)).toMatchObject({ place: 'Salle de Sam', time: '18:00', version: 3 });
  });

  it('changes that belong to nobody go to the user signing in: with the anonymous identity when they have none', async () => {
    const s = await createSeance(seanceInput('Salle'));
    await setSeanceStatus(s.id, 'convened');
    const d = db();
    await d.meta.bulkPut([{ key: 'clientId:', value: 'anonymous-id' }, { key: 'lastAckedMutationId', value: 0 }]);
    await d.transaction('rw', [d.outbox, d.meta], () => adoptChangesWithoutUser(d, 'sam'));
    expect((await pendingMutations()).map((m) => [m.userId, m.clientMutationId])).toEqual([['sam', 1], ['sam', 2]]);
    expect((await d.meta.get('clientId:sam'))?.value).toBe('anonymous-id');
    expect(await d.meta.get('clientId:')).toBeUndefined();
    expect((await d.meta.get('clientId'))?.value).toBe('anonymous-id');
    await signedIn('sam', 'Sam Secrétaire');
    await setSeanceStatus(s.id, 'in_progress');
    expect((await pendingMutations()).at(-1)).toMatchObject({ userId: 'sam', clientMutationId: 3 });
  });

  it('changes that belong to nobody are numbered after the user’s own when the user has an identity here', async () => {
    const s = await createSeance(seanceInput('Salle'));
    await signedIn('sam', 'Sam Secrétaire');
    await setSeanceStatus(s.id, 'convened');
    const d = db();
    await d.meta.put({ key: 'clientId:sam', value: 'sam-id' });
    await d.meta.delete('session');
    await d.meta.delete('lastUserId');
    await setSeanceStatus(s.id, 'in_progress');
    await d.transaction('rw', [d.outbox, d.meta], () => adoptChangesWithoutUser(d, 'sam'));
    expect((await changesOf(d, 'sam').toArray()).map((m) => [m.name, m.clientMutationId])).toEqual([
      ['seance.status', 1],
      ['seance.create', 2],
      ['seance.status', 3],
    ]);
  });
});

/** The stores of version 7: a database as older versions left it. */
const VERSION_7 = {
  organisations: 'id', bodies: 'id, organisationId', members: 'id, organisationId', mandates: 'id, bodyId, memberId',
  seances: 'id, organisationId, bodyId, date', attendance: 'id, seanceId, memberId', proxies: 'id, bodyId, holderId, giverId',
  deliberations: 'id, seanceId, [seanceId+orderNumber]', votes: 'deliberationId', outbox: 'mutationId', meta: 'key',
  corrections: 'id, seanceId, deliberationId', annexes: 'id, deliberationId', conflicts: 'id, recordId', syncIssues: 'mutationId',
  deviceKeys: 'id', signatures: 'id, seanceId, subject.id', seals: 'seanceId, index', conventions: 'id, deliberationId, seanceId',
  correctionRequests: 'id, seanceId, subject.id', fileSync: 'sha256, state', attachments: 'id, deliberationId, seanceId',
};

async function olderDevice(meta: { key: string; value: unknown }[], deviceKey?: object): Promise<string> {
  const name = `v7-${Math.random()}`;
  const old = new Dexie(name);
  old.version(7).stores(VERSION_7);
  await old.table('outbox').bulkAdd([
    { mutationId: 5, name: 'seance.status', table: 'seances', recordId: 'a', baseVersion: 1, args: { status: 'convened' }, createdAt: '' },
    { mutationId: 6, name: 'seance.status', table: 'seances', recordId: 'a', baseVersion: 1, args: { status: 'in_progress' }, createdAt: '' },
  ]);
  await old.table('meta').bulkPut([{ key: 'clientId', value: 'old-id' }, { key: 'nextMutationId', value: 7 }, { key: 'lastAckedMutationId', value: 4 }, ...meta]);
  if (deviceKey) await old.table('deviceKeys').put({ id: 'current', ...deviceKey });
  old.close();
  return name;
}

describe('version 9 upgrade', () => {
  it('gives the waiting changes and the single identity to the user of the stored session', async () => {
    const name = await olderDevice([session('sam', 'Sam Secrétaire')]);
    const d = new RegistreDb(name);
    useDatabase(d);
    expect((await d.outbox.toArray()).map((m) => [m.mutationId, m.userId, m.clientMutationId])).toEqual([[5, 'sam', 5], [6, 'sam', 6]]);
    expect(Object.fromEntries((await d.meta.toArray()).map((r) => [r.key, r.value]))).toMatchObject({
      'clientId:sam': 'old-id',
      'lastAckedMutationId:sam': 4,
      mutationCounters: { sam: 7 },
      nextMutationId: 7,
      lastUserId: 'sam',
      users: { sam: { name: 'Sam Secrétaire' } },
    });
    // Still under its old key: the identity this database syncs as now.
    expect((await d.meta.get('clientId'))?.value).toBe('old-id');
    // Numbering goes on where it was, for the same client id.
    await d.transaction('rw', [d.outbox, d.meta], () => enqueue({ name: 'seance.status', recordId: 'a', baseVersion: 1, args: {} }, new Date()));
    expect((await pendingMutations()).at(-1)).toMatchObject({ mutationId: 7, userId: 'sam', clientMutationId: 7 });
  });

  it('without a session, to the user the device key was registered to; with neither, to nobody', async () => {
    const keyed = new RegistreDb(await olderDevice([], { keyId: 'k', registeredFor: 'claire' }));
    expect((await keyed.outbox.toArray()).map((m) => m.userId)).toEqual(['claire', 'claire']);
    expect((await keyed.meta.get('clientId:claire'))?.value).toBe('old-id');
    keyed.close();
    const unknown = new RegistreDb(await olderDevice([]));
    expect((await unknown.outbox.toArray()).map((m) => [m.userId, m.clientMutationId])).toEqual([['', 5], ['', 6]]);
    expect((await unknown.meta.get('clientId:'))?.value).toBe('old-id');
    expect((await unknown.meta.get('mutationCounters'))?.value).toEqual({ '': 7 });
    unknown.close();
  });
});
