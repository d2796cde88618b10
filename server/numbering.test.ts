import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAllPresent } from '../src/store/attendanceCommands';
import { closeSeance } from '../src/store/closing';
import { useDatabase, type RegistreDb } from '../src/store/db';
import { addItem } from '../src/store/deliberationCommands';
import { createSeance } from '../src/store/seanceCommands';
import { syncIssues } from '../src/store/conflictCommands';
import { recordVote } from '../src/store/votes';
import { syncOnce } from '../src/sync/engine';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { seedOrganisation } from './seed';
import { device } from './testDevice';
import { adapters, postgresAvailable } from './testing';

/*
 * The act number is the act's legal identifier, and the server is its arbiter (docs/decisions/002
 * and 004). Two laptops offline each close a séance of the Bureau held the same day: both give
 * `…_DL_01` locally. The first to sync keeps its numbers; the second is refused, gets its séance
 * back open as the server holds it, and closing again gives the next free numbers.
 */

const pgUp = await postgresAvailable();

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`registry numbers of two laptops offline on ${adapter.name}`, () => {
    let dbs: Driver;
    let app: ReturnType<typeof createApp>;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      dbs = await adapter.open();
      demo = await seedOrganisation(dbs);
      app = createApp({ db: dbs });
    });
    afterAll(async () => dbs.close());

    /** A séance of the Bureau on that laptop: everyone present, `objects` voted unanimously. */
    async function heldSeance(laptop: RegistreDb, place: string, objects: string[]) {
      useDatabase(laptop);
      const seance = await createSeance({
        organisationId: demo.organisation.id, bodyId: demo.bodies[0]!.id, date: '2026-12-01', time: '09:00', place,
        convocationDate: '2026-11-20', status: 'in_progress',
      });
      await setAllPresent(seance.id, demo.members.map((m) => m.id));
      for (const object of objects) {
        const item = await addItem(seance.id, { object });
        await recordVote(item.id, { mode: 'showOfHands', yes: demo.members.length });
      }
      return seance;
    }

    const numbersOf = async (laptop: RegistreDb, seanceId: string) =>
      (await laptop.deliberations.where('seanceId').equals(seanceId).sortBy('orderNumber')).map((d) => d.registryNumber);

    it('the second closing is refused, comes back open with the reason, and closes again with the next free numbers', async () => {
      const a = await device(app, 'secretaire@demo.example');
      const b = await device(app, 'presidente@demo.example');
      // Both laptops know the organisation, then go offline.
      await syncOnce(a.db, a.transport);
      await syncOnce(b.db, b.transport);

      const morning = await heldSeance(a.db, 'Salle A', ['Budget', 'Marché']);
      await closeSeance(morning.id);
      const afternoon = await heldSeance(b.db, 'Salle B', ['Subvention']);
      await closeSeance(afternoon.id);
      expect(await numbersOf(a.db, morning.id)).toEqual(['20261201_DL_01', '20261201_DL_02']);
      expect(await numbersOf(b.db, afternoon.id)).toEqual(['20261201_DL_01']);

      // Back online: the first laptop's numbers land.
      await syncOnce(a.db, a.transport);
      const second = await syncOnce(b.db, b.transport);
      expect(second.issues).toBeGreaterThan(0);
      // The second laptop is told why, and holds its séance as the server does: open, unnumbered.
      useDatabase(b.db);
      const issues = await syncIssues();
      expect(issues.map((i) => i.code)).toContain('closing.numberTaken');
      expect(issues.find((i) => i.code === 'closing.numberTaken')!.params).toMatchObject({ number: '20261201_DL_01' });
      expect((await b.db.seances.get(afternoon.id))!.status).toBe('in_progress');
      expect(await numbersOf(b.db, afternoon.id)).toEqual([undefined]);
      // It now knows the morning's numbers: closing again gives the next free one.
      await closeSeance(afternoon.id);
      expect(await numbersOf(b.db, afternoon.id)).toEqual(['20261201_DL_03']);
      const third = await syncOnce(b.db, b.transport);
      expect(third.issues).toBe(0);

      // After sync both secretaries see every number given, each once.
      await syncOnce(a.db, a.transport);
      for (const laptop of [a.db, b.db]) {
        expect(await numbersOf(laptop, morning.id)).toEqual(['20261201_DL_01', '20261201_DL_02']);
        expect(await numbersOf(laptop, afternoon.id)).toEqual(['20261201_DL_03']);
        expect((await laptop.seances.get(afternoon.id))!.status).toBe('closed');
      }
      const rows = await dbs.all<{ number: string }>('SELECT number FROM registry_numbers WHERE organisation_id = ? ORDER BY number', [demo.organisation.id]);
      expect(rows.map((r) => r.number)).toEqual(['20261201_DL_01', '20261201_DL_02', '20261201_DL_03']);
    });
  });
}
