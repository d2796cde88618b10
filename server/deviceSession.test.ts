import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../src/domain/audit';
import { newId } from '../src/domain/ids';
import { SeanceSchema } from '../src/domain/schemas';
import { pendingOfOtherText } from '../src/ui/pendingText';
import { db, DB_NAME, openDatabase, RegistreDb, useDatabase } from '../src/store/db';
import { databaseNameOf } from '../src/store/databases';
import { currentOrganisation } from '../src/store/organisation';
import { pendingCount, pendingOfOtherUsers } from '../src/store/outbox';
import { createSeance, setSeanceStatus } from '../src/store/seanceCommands';
import { clientIdOf, syncOnce } from '../src/sync/engine';
import { signInOnDevice, signOut } from '../src/sync/session';
import { httpTransport, loginRequest } from '../src/sync/transport';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { browser, device } from './testDevice';
import { adapters, postgresAvailable } from './testing';

/*
 * Several people on one device (finding 11), against the real server: each user's changes are
 * pushed under that user's session and client id only; another organisation gets its own local
 * database. Authorship is read from the server's audit log, which names who pushed.
 */

type App = ReturnType<typeof createApp>;
const pgUp = await postgresAvailable();

/** The stores of version 7, the last before changes had a user: a device as older versions left it. */
const VERSION_7 = {
  organisations: 'id', bodies: 'id, organisationId', members: 'id, organisationId', mandates: 'id, bodyId, memberId',
  seances: 'id, organisationId, bodyId, date', attendance: 'id, seanceId, memberId', proxies: 'id, bodyId, holderId, giverId',
  deliberations: 'id, seanceId, [seanceId+orderNumber]', votes: 'deliberationId', outbox: 'mutationId', meta: 'key',
  corrections: 'id, seanceId, deliberationId', annexes: 'id, deliberationId', conflicts: 'id, recordId', syncIssues: 'mutationId',
  deviceKeys: 'id', signatures: 'id, seanceId, subject.id', seals: 'seanceId, index', conventions: 'id, deliberationId, seanceId',
  correctionRequests: 'id, seanceId, subject.id', fileSync: 'sha256, state', attachments: 'id, deliberationId, seanceId',
};

let domains = 0;

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`several users on one device on ${adapter.name}`, () => {
    let dbs: Driver;
    let app: App;
    let b: ReturnType<typeof browser>;
    beforeAll(async () => {
      dbs = await adapter.open();
      app = createApp({ db: dbs });
    });
    afterAll(async () => dbs.close());
    afterEach(() => b?.close());

    /** An organisation of its own per test: its local database name is its own too. */
    async function organisation() {
      const domain = `org${++domains}-${adapter.name}.example`;
      const snap = await seedOrganisation(dbs, { name: `Syndicat ${domain}`, emailDomain: domain });
      return { ...snap, secretary: `secretaire@${domain}`, president: `presidente@${domain}` };
    }
    const seanceInput = (org: Awaited<ReturnType<typeof organisation>>, place: string) => ({
      organisationId: org.organisation.id, bodyId: org.bodies[0]!.id, date: '2011-11-07', time: '17:30', place, convocationDate: '2011-06-30',
    });
    /** A fresh device: the app opens the first database, empty. */
    const freshDevice = () => {
      b = browser(app);
      openDatabase(`${DB_NAME}-fresh-${Math.random()}`);
      return b;
    };
    const signInAs = (email: string, online = !b.offline) => signInOnDevice(email, DEMO_PASSWORD, { fetchImpl: b.fetchImpl, online });
    const sync = () => syncOnce(db(), httpTransport(b.fetchImpl));
    /** The server's log of one séance, read by `email` from another browser. */
    async function auditOf(email: string, seanceId: string): Promise<AuditEntry[]> {
      const reader = await device(app, email);
      const res = await reader.fetchImpl(`/api/audit?table=seances&id=${seanceId}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { entries: AuditEntry[] }).entries;
    }
    const userIdOf = async (email: string) => (await loginRequest(email, DEMO_PASSWORD, (await device(app, email)).fetchImpl)).user.id;

    it('a user’s changes made offline are never sent under the next user; they go under their own user when they sign in again', async () => {
      const org = await organisation();
      freshDevice();
      await signInAs(org.secretary);
      await sync();
      // Sam Secrétaire works offline; then the server forgets Sam's session (it expired).
      b.offline = true;
      const samSeance = await createSeance(seanceInput(org, 'Salle de Sam'));
      await setSeanceStatus(samSeance.id, 'convened');
      b.offline = false;
      b.expireSession();

      // Claire DUMONT signs in on the same device: Sam's session cannot push any more.
      const claire = await signInAs(org.president);
      expect(claire).toMatchObject({ previousPushed: 0, previousWaiting: 2, switched: false });
      expect(await pendingCount()).toBe(0);
      const claireSeance = await createSeance(seanceInput(org, 'Salle de Claire'));
      expect(await sync()).toMatchObject({ pushed: 1, issues: 0 });
      // Sam's séance stays on the device, not on the server; Claire's is hers.
      expect(await db().seances.get(samSeance.id)).toMatchObject({ place: 'Salle de Sam', status: 'convened' });
      expect(await dbs.get("SELECT id FROM records WHERE tbl = 'seances' AND id = ?", [samSeance.id])).toBeUndefined();
      expect((await auditOf(org.president, claireSeance.id)).map((e) => [e.action, e.userName])).toEqual([['created', 'Claire DUMONT']]);
      const waiting = await pendingOfOtherUsers();
      expect(waiting).toMatchObject([{ name: 'Sam Secrétaire', count: 2 }]);
      expect(pendingOfOtherText(waiting[0]!)).toBe(
        '2 modifications de Sam Secrétaire attendent d’être envoyées : elles partiront quand Sam Secrétaire se reconnectera sur cet appareil.',
      );

      // Claire signs out; Sam signs in again, makes one more change: all three go, as Sam's, without a gap.
      await signOut(db(), b.fetchImpl);
      await signInAs(org.secretary);
      expect(await pendingOfOtherUsers()).toEqual([]);
      await createSeance(seanceInput(org, 'Salle de Sam, bis'));
      expect(await sync()).toMatchObject({ pushed: 3, issues: 0 });
      expect(await db().outbox.count()).toBe(0);
      const log = await auditOf(org.president, samSeance.id);
      expect(log.map((e) => [e.action, e.userName, e.status])).toEqual([
        ['created', 'Sam Secrétaire', 'applied'],
        ['edited', 'Sam Secrétaire', 'applied'],
      ]);
      const samClient = await clientIdOf(db(), await userIdOf(org.secretary));
      const claireClient = await clientIdOf(db(), await userIdOf(org.president));
      expect(samClient).not.toBe(claireClient);
      expect(log.every((e) => e.clientId === samClient)).toBe(true);
    });

    it('with the network and the previous session still valid, the previous user’s changes are pushed first, under that user', async () => {
      const org = await organisation();
      freshDevice();
      await signInAs(org.secretary);
      await sync();
      b.offline = true;
      const s = await createSeance(seanceInput(org, 'Salle hors ligne'));
      b.offline = false;

      const claire = await signInAs(org.president);
      expect(claire).toMatchObject({ previousPushed: 1, previousWaiting: 0 });
      expect(await db().outbox.count()).toBe(0);
      expect((await auditOf(org.president, s.id)).map((e) => [e.action, e.userName, e.clientId])).toEqual([
        ['created', 'Sam Secrétaire', await clientIdOf(db(), await userIdOf(org.secretary))],
      ]);
    });

    it('offline at the switch, the previous user’s changes stay apart and are shown', async () => {
      const org = await organisation();
      freshDevice();
      await signInAs(org.secretary);
      await sync();
      await createSeance(seanceInput(org, 'Salle hors ligne'));
      // The network drops as the push starts; it is back for the sign-in.
      const claire = await signInOnDevice(org.president, DEMO_PASSWORD, {
        online: true,
        fetchImpl: async (url, init) => {
          if (url.includes('/sync/push')) throw new TypeError('Failed to fetch');
          return b.fetchImpl(url, init);
        },
      });
      expect(claire).toMatchObject({ previousPushed: 0, previousWaiting: 1 });
      await sync();
      expect(await pendingOfOtherUsers()).toMatchObject([{ name: 'Sam Secrétaire', count: 1 }]);
    });

    it('another organisation gets its own database: the first one’s séances are not shown, and come back with their outbox', async () => {
      const first = await organisation();
      const second = await organisation();
      freshDevice();
      await signInAs(first.secretary);
      expect(db().name).toBe(databaseNameOf(first.organisation.id));
      const synced = await createSeance(seanceInput(first, 'Salle synchronisée'));
      await sync();
      b.offline = true;
      const pending = await createSeance(seanceInput(first, 'Salle en attente'));
      b.offline = false;
      b.expireSession();

      const other = await signInAs(second.secretary);
      expect(other.switched).toBe(true);
      expect(db().name).toBe(databaseNameOf(second.organisation.id));
      await sync();
      expect((await currentOrganisation())?.id).toBe(second.organisation.id);
      expect(await db().seances.toArray()).toEqual([]);
      const theirs = await createSeance(seanceInput(second, 'Salle de l’autre syndicat'));
      expect(await sync()).toMatchObject({ pushed: 1, issues: 0 });
      expect((await auditOf(second.president, theirs.id)).map((e) => e.userName)).toEqual(['Sam Secrétaire']);

      await signOut(db(), b.fetchImpl);
      const back = await signInAs(first.secretary);
      expect(back.switched).toBe(true);
      expect(db().name).toBe(databaseNameOf(first.organisation.id));
      expect((await db().seances.toArray()).map((s) => s.id).sort()).toEqual([synced.id, pending.id].sort());
      expect(await pendingCount()).toBe(1);
      expect(await sync()).toMatchObject({ pushed: 1, issues: 0 });
      expect((await auditOf(first.president, pending.id)).map((e) => [e.action, e.status])).toEqual([['created', 'applied']]);
      // The second organisation's database is still there, unseen.
      expect(await Dexie.exists(databaseNameOf(second.organisation.id))).toBe(true);
    });

    it('the first database keeps the organisation it held before version 9, with its outbox and client id', async () => {
      const org = await organisation();
      const sam = await userIdOf(org.secretary);
      b = browser(app);
      // A device as an older version left it: one database, one client id, a change waiting.
      const legacyName = DB_NAME;
      await Dexie.delete(legacyName);
      const old = new Dexie(legacyName);
      old.version(7).stores(VERSION_7);
      const seance = SeanceSchema.parse({ ...seanceInput(org, 'Salle d’avant'), id: newId(), updatedAt: new Date().toISOString() });
      const legacyClient = 'legacy-client-id';
      await old.table('seances').add(seance);
      await old.table('outbox').add({ mutationId: 1, name: 'seance.create', table: 'seances', recordId: seance.id, baseVersion: 0, args: seance, createdAt: '' });
      await old.table('meta').bulkPut([
        { key: 'session', value: { user: { id: sam, name: 'Sam Secrétaire' }, organisationId: org.organisation.id, role: 'secretaire', signedInAt: '' } },
        { key: 'currentOrganisationId', value: org.organisation.id },
        { key: 'clientId', value: legacyClient },
        { key: 'nextMutationId', value: 2 },
      ]);
      b.store.set('registre.clientId', legacyClient);
      old.close();

      openDatabase(DB_NAME);
      const again = await signInAs(org.secretary);
      expect(again.switched).toBe(false);
      expect(db().name).toBe(DB_NAME);
      expect(await db().outbox.toArray()).toMatchObject([{ mutationId: 1, userId: sam, clientMutationId: 1 }]);
      expect(await sync()).toMatchObject({ pushed: 1, issues: 0 });
      expect((await auditOf(org.president, seance.id)).map((e) => [e.userName, e.clientId])).toEqual([['Sam Secrétaire', legacyClient]]);
      // Its identity is now remembered as Sam's: no loss is told.
      expect(b.store.get(`registre.clientId.${sam}`)).toBe(legacyClient);
      expect(await db().meta.get('lostDatabase')).toBeUndefined();
      // Another organisation does not go into it.
      const other = await organisation();
      await signInAs(other.secretary);
      expect(db().name).toBe(databaseNameOf(other.organisation.id));
      await signInAs(org.secretary);
      expect(db().name).toBe(DB_NAME);
      expect(await db().seances.get(seance.id)).toMatchObject({ place: 'Salle d’avant' });
      db().close();
      await Dexie.delete(DB_NAME);
    });

    it('a client id the server bound to another organisation (kept across a switch by older versions) is renewed', async () => {
      const first = await organisation();
      const second = await organisation();
      // The id was first pushed in the first organisation.
      const shared = 'shared-client-id';
      const firstLaptop = await device(app, first.secretary);
      const res = await httpTransport(firstLaptop.fetchImpl).push({
        clientId: shared,
        mutations: [{ mutationId: 1, name: 'seance.create', table: 'seances', recordId: newId(), baseVersion: 0, createdAt: '',
          args: SeanceSchema.parse({ ...seanceInput(first, 'Avant'), id: newId(), updatedAt: '' }) }],
      });
      expect(res.lastMutationId).toBe(1);

      freshDevice();
      await signInAs(second.secretary);
      const sam2 = await userIdOf(second.secretary);
      // As version 9 leaves a device that older versions had switched in place.
      await db().meta.bulkPut([
        { key: `clientId:${sam2}`, value: shared },
        { key: `lastAckedMutationId:${sam2}`, value: 1 },
      ]);
      const s = await createSeance(seanceInput(second, 'Après'));
      expect(await sync()).toMatchObject({ pushed: 1, issues: 0 });
      const renewed = await clientIdOf(db(), sam2);
      expect(renewed).not.toBe(shared);
      expect(b.store.get(`registre.clientId.${sam2}`)).toBe(renewed);
      expect((await auditOf(second.president, s.id)).map((e) => [e.userName, e.clientId])).toEqual([['Sam Secrétaire', renewed]]);
    });

    it('a lost database is detected for each user’s client id', async () => {
      const org = await organisation();
      freshDevice();
      await signInAs(org.secretary);
      await createSeance(seanceInput(org, 'Avant la perte'));
      await createSeance(seanceInput(org, 'Avant la perte, bis'));
      await sync();
      const sam = await userIdOf(org.secretary);
      const before = await clientIdOf(db(), sam);
      // Another user of the device has an identity of their own, synced after Sam's.
      await signInAs(org.president);
      await sync();

      // The browser drops the organisation's database; localStorage survives.
      const name = db().name;
      db().close();
      await Dexie.delete(name);
      useDatabase(new RegistreDb(name));
      await signInAs(org.secretary);
      const s = await createSeance(seanceInput(org, 'Après la perte'));
      await sync();
      expect(await db().meta.get('lostDatabase')).toMatchObject({ value: { previousClientId: before, acknowledged: 2 } });
      expect(await clientIdOf(db(), sam)).not.toBe(before);
      expect(await db().outbox.count()).toBe(0);
      expect((await auditOf(org.president, s.id)).map((e) => e.status)).toEqual(['applied']);
    });
  });
}
