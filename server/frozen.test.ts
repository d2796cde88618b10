import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/domain/ids';
import type { Seance } from '../src/domain/schemas';
import type { Mutation, PushResponse } from '../src/domain/sync';
import { useDatabase } from '../src/store/db';
import { exportSeanceFile } from '../src/store/seanceFile';
import { syncOnce } from '../src/sync/engine';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { getRecord } from './sync/records';
import { device } from './testDevice';
import { adapters, frozenFor, postgresAvailable } from './testing';

/*
 * Authority issue, finding 9 (second half): an administrator renamed a member after sealing and
 * the chain still said intact, because the names the documents print were in no signed content.
 * A closing now freezes them into the séance (domain/frozen.ts), and the server refuses a closing
 * whose frozen part is not what its records say.
 */

const pgUp = await postgresAvailable();

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`names frozen at closing on ${adapter.name}`, () => {
    let db: Driver;
    let app: ReturnType<typeof createApp>;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      app = createApp({ db });
    });
    afterAll(async () => db.close());

    async function client(email: string) {
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      const clientId = newId();
      let next = 1;
      return async (muts: Omit<Mutation, 'mutationId'>[]) => {
        const r = await app.request('/api/sync/push', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          body: JSON.stringify({ clientId, mutations: muts.map((m) => ({ ...m, mutationId: next++ })) }),
        });
        return ((await r.json()) as PushResponse).results;
      };
    }

    it('a closing with other names is refused; after a rename the closed séance still prints the names it was closed with', async () => {
      const secretary = await client('secretaire@demo.example');
      const admin = await client('admin@demo.example');
      const id = newId();
      const president = demo.members[0]!;
      const seance = {
        id, organisationId: demo.organisation.id, bodyId: demo.bodies[0]!.id, date: '2012-03-05', time: '18:00', place: 'Mairie',
        convocationDate: '2012-02-20', presidentId: president.id, secretaryIds: [demo.members[1]!.id], status: 'in_progress',
      };
      const frozen = frozenFor(demo, seance);
      const forged = { ...frozen, members: frozen.members.map((m) => (m.id === president.id ? { ...m, lastName: 'DURAND' } : m)) };
      const r = await secretary([
        { name: 'seance.create', table: 'seances', recordId: id, baseVersion: 0, args: seance },
        { name: 'seance.close', table: 'seances', recordId: id, baseVersion: 1, args: { status: 'closed', frozen: forged } },
        { name: 'seance.close', table: 'seances', recordId: id, baseVersion: 1, args: { status: 'closed' } },
        { name: 'seance.close', table: 'seances', recordId: id, baseVersion: 1, args: { status: 'closed', frozen } },
      ]);
      expect(r.map((x) => x.code ?? x.status)).toEqual(['applied', 'closing.frozenMismatch', 'closing.frozenMismatch', 'applied']);
      expect(((await getRecord(db, 'seances', id))!.body as unknown as Seance).frozen).toEqual(frozen);

      // The administrator renames the president afterwards: a lawful edit of the member…
      expect((await admin([{ name: 'member.update', table: 'members', recordId: president.id, baseVersion: 1, args: { lastName: 'DUMONT-MARTIN' } }]))[0]!.status).toBe('applied');
      // …which changes nothing of what the closed séance prints, nor of what its PV signs.
      const tablet = await device(app, 'presidente@demo.example');
      await syncOnce(tablet.db, tablet.transport);
      useDatabase(tablet.db);
      expect((await tablet.db.members.get(president.id))!.lastName).toBe('DUMONT-MARTIN');
      const file = await exportSeanceFile(id);
      expect(file.members.find((m) => m.id === president.id)!.lastName).toBe('DUMONT');
      expect(file.seance.frozen).toEqual(frozen);
    });
  });
}
