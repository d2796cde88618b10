import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../src/store/db';
import { addAnnex, addItem, annexEntriesOf, removeAnnex } from '../src/store/deliberationCommands';
import { createSeance } from '../src/store/seanceCommands';
import { syncOnce } from '../src/sync/engine';
import { fetchMissingAnnex, uploadPendingFiles } from '../src/sync/files';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { seedOrganisation } from './seed';
import { device } from './testDevice';
import { adapters, postgresAvailable } from './testing';

type App = ReturnType<typeof createApp>;

/** A PNG-looking file of some size (the magic bytes, then varied filler). */
function png(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + 7) % 256;
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
}

const pgUp = await postgresAvailable();

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`a deliberation's annexes between two devices on ${adapter.name}`, () => {
    let dbs: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      dbs = await adapter.open();
      demo = await seedOrganisation(dbs);
      app = createApp({ db: dbs });
    });
    afterAll(async () => dbs.close());

    it('an annex added on the laptop appears on the tablet, byte-identical; its removal reaches the tablet too', async () => {
      const laptop = await device(app, 'secretaire@demo.example');
      const tablet = await device(app, 'presidente@demo.example');
      const plan = png(300_000);
      const pdf = new TextEncoder().encode(`%PDF-1.7\n% rapport\n${'r'.repeat(5000)}\n%%EOF\n`);

      useDatabase(laptop.db);
      const s = await createSeance({
        organisationId: demo.organisation.id,
        bodyId: demo.bodies[0]!.id,
        date: '2011-11-08',
        time: '17:30',
        place: 'Salle du Bureau',
        convocationDate: '2011-06-30',
      });
      const del = await addItem(s.id, { object: 'Travaux de voirie' });
      const planAnnex = await addAnnex(del.id, { name: 'plan de situation.png', type: 'image/png', data: new Blob([plan], { type: 'image/png' }) });
      const report = await addAnnex(del.id, { name: 'rapport.pdf', type: 'application/pdf', data: new Blob([pdf], { type: 'application/pdf' }) });
      expect(await syncOnce(laptop.db, laptop.transport)).toMatchObject({ issues: 0 });
      expect(await laptop.db.outbox.count()).toBe(0);

      // The tablet syncs before the laptop uploads: it lists both annexes, their bytes are not here yet.
      await syncOnce(tablet.db, tablet.transport);
      useDatabase(tablet.db);
      const listed = await annexEntriesOf(del.id);
      expect(listed.map((e) => [e.name, e.size, !!e.annex])).toEqual([
        ['plan de situation.png', plan.length, false],
        ['rapport.pdf', pdf.length, false],
      ]);
      const planRecord = listed[0]!.record!;
      expect(planRecord).toMatchObject({ id: planAnnex.id, type: 'image/png', seanceId: s.id, organisationId: demo.organisation.id });
      expect(await fetchMissingAnnex(tablet.db, planRecord, tablet.fetchImpl)).toBe('notOnServer');

      expect(await uploadPendingFiles(laptop.db, laptop.fetchImpl)).toEqual({ uploaded: 2, alreadyThere: 0, failed: 0 });
      expect(await laptop.db.fileSync.where('state').equals('pending').count()).toBe(0);

      let seen = 0;
      expect(await fetchMissingAnnex(tablet.db, planRecord, tablet.fetchImpl, (received) => (seen = received))).toBe('fetched');
      expect(seen).toBe(plan.length);
      expect(await fetchMissingAnnex(tablet.db, listed[1]!.record!, tablet.fetchImpl)).toBe('fetched');
      const received = new Uint8Array(await (await tablet.db.annexes.get(planAnnex.id))!.data.arrayBuffer());
      expect(Buffer.compare(Buffer.from(received), Buffer.from(plan))).toBe(0);
      const receivedPdf = new Uint8Array(await (await tablet.db.annexes.get(report.id))!.data.arrayBuffer());
      expect(Buffer.compare(Buffer.from(receivedPdf), Buffer.from(pdf))).toBe(0);
      expect((await annexEntriesOf(del.id)).every((e) => e.annex && e.record)).toBe(true);

      // A later pull never touches the bytes; the tablet has nothing to upload.
      await syncOnce(tablet.db, tablet.transport);
      expect((await tablet.db.annexes.get(planAnnex.id))?.size).toBe(plan.length);
      expect(await uploadPendingFiles(tablet.db, tablet.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 0, failed: 0 });

      // Removed on the laptop: gone from the tablet's list after its next sync.
      useDatabase(laptop.db);
      await removeAnnex(report.id);
      expect(await syncOnce(laptop.db, laptop.transport)).toMatchObject({ issues: 0 });
      await syncOnce(tablet.db, tablet.transport);
      useDatabase(tablet.db);
      expect((await annexEntriesOf(del.id)).map((e) => e.name)).toEqual(['plan de situation.png']);
      expect(await tablet.db.attachments.get(report.id)).toBeUndefined();
      // Its downloaded bytes are freed with it; the other annex keeps its own.
      expect(await tablet.db.annexes.get(report.id)).toBeUndefined();
      expect(await tablet.db.annexes.get(planAnnex.id)).toBeDefined();
    });

    it('a sealed séance refuses a new annex record from a device that missed the seal', async () => {
      const laptop = await device(app, 'secretaire@demo.example');
      useDatabase(laptop.db);
      const s = await createSeance({
        organisationId: demo.organisation.id,
        bodyId: demo.bodies[0]!.id,
        date: '2011-11-09',
        time: '17:30',
        place: 'Salle du Bureau',
        convocationDate: '2011-06-30',
      });
      const del = await addItem(s.id, { object: 'Objet' });
      expect(await syncOnce(laptop.db, laptop.transport)).toMatchObject({ issues: 0 });
      // The server's séance is sealed (as by a completed procès-verbal) while the laptop still has it open.
      const row = (await dbs.get<{ body: string }>("SELECT body FROM records WHERE tbl = 'seances' AND id = ?", [s.id]))!;
      await dbs.run("UPDATE records SET body = ? WHERE tbl = 'seances' AND id = ?", [JSON.stringify({ ...JSON.parse(row.body), status: 'signed' }), s.id]);
      await addAnnex(del.id, { name: 'tardif.png', type: 'image/png', data: new Blob([png(100)]) });
      await syncOnce(laptop.db, laptop.transport);
      const issues = await laptop.db.syncIssues.toArray();
      expect(issues.map((i) => [i.name, i.code])).toEqual([['attachment.create', 'sync.sealed']]);
    });
  });
}
