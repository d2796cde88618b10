import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DB_NAME, db, openDatabase } from '../src/store/db';
import { accountOnDevice } from '../src/store/deviceAccounts';
import { pendingCount, pendingOfOtherUsers } from '../src/store/outbox';
import { createSeance } from '../src/store/seanceCommands';
import { syncOnce } from '../src/sync/engine';
import { confirmOfflineSession, localSession, signInOnDevice, signOut } from '../src/sync/session';
import { httpTransport, SyncError } from '../src/sync/transport';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { browser } from './testDevice';
import { adapters, postgresAvailable } from './testing';

/*
 * Signing in without the network (accounts issue; docs/decisions/011): the laptop changes hands in
 * the room, offline. Only accounts that signed in here before can; their changes stay theirs; the
 * server confirms the session before anything is pushed.
 */

const pgUp = await postgresAvailable();
let domains = 0;

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`signing in offline on ${adapter.name}`, () => {
    let dbs: Driver;
    let app: ReturnType<typeof createApp>;
    let b: ReturnType<typeof browser>;
    beforeAll(async () => {
      dbs = await adapter.open();
      app = createApp({ db: dbs });
    });
    afterAll(async () => dbs.close());
    afterEach(() => b?.close());

    async function organisation() {
      const domain = `offline${++domains}-${adapter.name}.example`;
      const snap = await seedOrganisation(dbs, { name: `Syndicat ${domain}`, emailDomain: domain });
      return { ...snap, secretary: `secretaire@${domain}`, president: `presidente@${domain}` };
    }
    const freshDevice = () => {
      b = browser(app);
      openDatabase(`${DB_NAME}-fresh-${Math.random()}`);
    };
    const signInAs = (email: string, password = DEMO_PASSWORD) => signInOnDevice(email, password, { fetchImpl: b.fetchImpl, online: !b.offline });
    const seanceInput = (org: Awaited<ReturnType<typeof organisation>>, place: string) => ({
      organisationId: org.organisation.id, bodyId: org.bodies[0]!.id, date: '2011-11-07', time: '17:30', place, convocationDate: '2011-06-30',
    });
    const refusal = async (p: Promise<unknown>) => {
      const e = await p.then(() => undefined, (err: unknown) => err);
      expect(e).toBeInstanceOf(SyncError);
      return e as SyncError;
    };

    it('the secretary signs out and in again offline and finds her pending change; it goes once the server knows her', async () => {
      const org = await organisation();
      freshDevice();
      await signInAs(org.secretary);
      await syncOnce(db(), httpTransport(b.fetchImpl));
      // What the device keeps is a verifier, never the password.
      const kept = await accountOnDevice(org.secretary.toUpperCase());
      expect(kept?.user.name).toBe('Sam Secrétaire');
      expect(JSON.stringify(kept)).not.toContain(DEMO_PASSWORD);

      b.offline = true;
      const s = await createSeance(seanceInput(org, 'Salle sans réseau'));
      await signOut(db(), b.fetchImpl);
      expect(await localSession(db())).toBeUndefined();

      // A wrong password, or an account never seen here, is refused offline too.
      expect((await refusal(signInAs(org.secretary, 'mauvais'))).code).toBe('login.offlineWrong');
      expect((await refusal(signInAs(org.president))).code).toBe('login.offlineUnknown');
      expect(await localSession(db())).toBeUndefined();

      const again = await signInAs(org.secretary);
      expect(again.offline).toBe(true);
      expect(again.session).toMatchObject({ offline: true, user: { name: 'Sam Secrétaire' } });
      expect(await pendingCount()).toBe(1);

      // The network is back: the server still knows her cookie, the session is confirmed, the change goes.
      b.offline = false;
      expect(await confirmOfflineSession(db(), b.fetchImpl)).not.toHaveProperty('offline');
      await syncOnce(db(), httpTransport(b.fetchImpl));
      expect(await pendingCount()).toBe(0);
      expect(await dbs.get('SELECT id FROM records WHERE id = ?', [s.id])).toBeTruthy();
    });

    it('a second user offline on the same laptop: Sam’s unsent change never becomes Claire’s, and her session waits for the server', async () => {
      const org = await organisation();
      freshDevice();
      // Both have signed in here before, online.
      await signInAs(org.president);
      await signInAs(org.secretary);
      await syncOnce(db(), httpTransport(b.fetchImpl));

      b.offline = true;
      await createSeance(seanceInput(org, 'Salle de Sam'));
      await signOut(db(), b.fetchImpl);
      const claire = await signInAs(org.president);
      expect(claire).toMatchObject({ offline: true, session: { user: { name: 'Claire DUMONT' } } });
      expect(await pendingCount()).toBe(0);
      expect(await pendingOfOtherUsers()).toMatchObject([{ name: 'Sam Secrétaire', count: 1 }]);

      // Online again: the server's cookie is Sam's (the last online sign-in), not Claire's. Her
      // session is not confirmed: it asks for the password, and nothing is pushed under Sam's cookie.
      b.offline = false;
      const after = await confirmOfflineSession(db(), b.fetchImpl);
      expect(after).toMatchObject({ expired: true });
      expect(await pendingOfOtherUsers()).toMatchObject([{ name: 'Sam Secrétaire', count: 1 }]);
    });

    it('a password the server refuses online no longer opens the device offline', async () => {
      const org = await organisation();
      freshDevice();
      await signInAs(org.secretary);
      expect(await accountOnDevice(org.secretary)).toBeDefined();
      // Someone types a wrong password online: the server's refusal stands, and the verifier kept
      // here is dropped (the password may have been changed elsewhere).
      expect((await refusal(signInAs(org.secretary, 'ancien-mot-de-passe'))).status).toBe(401);
      expect(await accountOnDevice(org.secretary)).toBeUndefined();
      b.offline = true;
      expect((await refusal(signInAs(org.secretary))).code).toBe('login.offlineUnknown');
    });
  });
}
