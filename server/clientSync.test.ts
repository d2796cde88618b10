import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/domain/canonical';
import { syncedTableNames } from '../src/domain/sync';
import { setAttendanceStatus } from '../src/store/attendanceCommands';
import { RegistreDb, useDatabase } from '../src/store/db';
import { addItem, updateDraft } from '../src/store/deliberationCommands';
import { createSeance, setSeanceStatus } from '../src/store/seanceCommands';
import { syncOnce } from '../src/sync/engine';
import type { Transport } from '../src/sync/transport';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { seedOrganisation } from './seed';
import { device } from './testDevice';
import { adapters, postgresAvailable } from './testing';

type App = ReturnType<typeof createApp>;

/** What a device holds of the synced tables, comparable across devices and with the server. */
async function localState(db: RegistreDb): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const name of syncedTableNames) {
    if (!db.tables.some((t) => t.name === name) || name === 'conflicts') continue;
    const rows = (await db.table(name).toArray()) as { version?: number }[];
    if (rows.length) out[name] = rows.map((r) => canonicalJson(r)).sort();
  }
  return canonicalJson(out);
}

async function serverState(dbs: Driver, orgId: string): Promise<string> {
  const rows = await dbs.all<{ tbl: string; body: string; version: number }>(
    "SELECT tbl, body, version FROM records WHERE organisation_id = ? AND tbl <> 'conflicts'",
    [orgId],
  );
  const out: Record<string, unknown[]> = {};
  for (const r of rows) (out[r.tbl] ??= []).push(canonicalJson({ ...(JSON.parse(r.body) as object), version: Number(r.version) }));
  for (const k of Object.keys(out)) out[k]!.sort();
  return canonicalJson(out);
}

/** Drops requests, loses answers and sends twice, deterministically from a seed. */
function unreliable(t: Transport, seed: number): Transport {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const flaky = async <T>(call: () => Promise<T>): Promise<T> => {
    const x = r();
    if (x < 0.15) throw new Error('requête perdue');
    if (x < 0.3) {
      await call();
      throw new Error('réponse perdue');
    }
    if (x < 0.4) await call(); // duplicated
    return call();
  };
  return { push: (req) => flaky(() => t.push(req)), pull: (c, cur, l) => flaky(() => t.pull(c, cur, l)) };
}

const pgUp = await postgresAvailable();

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`two devices through the server on ${adapter.name}`, () => {
    let dbs: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      dbs = await adapter.open();
      demo = await seedOrganisation(dbs);
      app = createApp({ db: dbs });
    });
    afterAll(async () => dbs.close());

    const seanceInput = () => ({
      organisationId: demo.organisation.id,
      bodyId: demo.bodies[0]!.id,
      date: '2011-11-07',
      time: '17:30',
      place: 'Salle du Bureau',
      convocationDate: '2011-06-30',
    });

    it('a séance recorded offline on the laptop reaches the tablet; own edits before sync never conflict', async () => {
      const laptop = await device(app, 'secretaire@demo.example');
      const tablet = await device(app, 'presidente@demo.example');
      // Signed in once with the network, as every device is: it knows the members it calls.
      await syncOnce(laptop.db, laptop.transport);
      useDatabase(laptop.db);
      const s = await createSeance(seanceInput());
      await setSeanceStatus(s.id, 'convened'); // based on version 0, before any sync of it
      await setAttendanceStatus(s.id, demo.members[0]!.id, 'present');
      const report = await syncOnce(laptop.db, laptop.transport);
      expect(report).toMatchObject({ pushed: 3, issues: 0 });
      expect(await laptop.db.outbox.count()).toBe(0);

      await syncOnce(tablet.db, tablet.transport);
      expect(await tablet.db.seances.get(s.id)).toMatchObject({ status: 'convened', version: 2 });
      expect(await tablet.db.attendance.count()).toBe(1);
    });

    it('two tabs writing offline on one device both land', async () => {
      const laptop = await device(app, 'secretaire@demo.example');
      useDatabase(laptop.db);
      const a = createSeance({ ...seanceInput(), place: 'Onglet A' });
      const b = createSeance({ ...seanceInput(), place: 'Onglet B' });
      const [sa, sb] = await Promise.all([a, b]);
      const ids = (await laptop.db.outbox.toArray()).map((m) => m.mutationId);
      expect(new Set(ids).size).toBe(2);
      await syncOnce(laptop.db, laptop.transport);
      const other = await device(app, 'presidente@demo.example');
      await syncOnce(other.db, other.transport);
      expect((await other.db.seances.get(sa.id))?.place).toBe('Onglet A');
      expect((await other.db.seances.get(sb.id))?.place).toBe('Onglet B');
    });

    it('pulled data never overwrites a pending local change', async () => {
      const laptop = await device(app, 'secretaire@demo.example');
      const tablet = await device(app, 'presidente@demo.example');
      useDatabase(laptop.db);
      const s = await createSeance(seanceInput());
      await syncOnce(laptop.db, laptop.transport);
      await syncOnce(tablet.db, tablet.transport);
      useDatabase(tablet.db);
      await setSeanceStatus(s.id, 'convened');
      await syncOnce(tablet.db, tablet.transport);
      // The laptop has an unpushed change of another field, then pulls the tablet's change.
      useDatabase(laptop.db);
      await laptop.db.seances.update(s.id, { place: 'Salle modifiée hors ligne' });
      await laptop.db.outbox.add({
        mutationId: 999,
        name: 'seance.update',
        table: 'seances',
        recordId: s.id,
        baseVersion: 1,
        args: { place: 'Salle modifiée hors ligne' },
        createdAt: new Date().toISOString(),
      });
      const { pullAll } = await import('../src/sync/engine');
      const { clientIdOf } = await import('../src/sync/engine');
      await pullAll(laptop.db, laptop.transport, await clientIdOf(laptop.db));
      expect(await laptop.db.seances.get(s.id)).toMatchObject({ status: 'convened', place: 'Salle modifiée hors ligne', version: 2 });
    });

    it('clearing an optional field on one device clears it on the server and on the other device', async () => {
      const laptop = await device(app, 'secretaire@demo.example');
      const tablet = await device(app, 'presidente@demo.example');
      useDatabase(laptop.db);
      const s = await createSeance(seanceInput());
      const item = await addItem(s.id, { object: 'Rapport', rapporteurId: demo.members[1]!.id });
      await syncOnce(laptop.db, laptop.transport);
      await syncOnce(tablet.db, tablet.transport);
      expect((await tablet.db.deliberations.get(item.id))?.rapporteurId).toBe(demo.members[1]!.id);

      await updateDraft(item.id, { rapporteurId: undefined });
      // Pulled before it is pushed: the pending clear stays on top (no null left in the record).
      const { pullAll, clientIdOf } = await import('../src/sync/engine');
      await pullAll(laptop.db, laptop.transport, await clientIdOf(laptop.db));
      expect(await laptop.db.deliberations.get(item.id)).not.toHaveProperty('rapporteurId');
      expect(await syncOnce(laptop.db, laptop.transport)).toMatchObject({ issues: 0 });
      await syncOnce(tablet.db, tablet.transport);
      expect(await tablet.db.deliberations.get(item.id)).not.toHaveProperty('rapporteurId');
      const row = await dbs.get<{ body: string }>("SELECT body FROM records WHERE tbl = 'deliberations' AND id = ?", [item.id]);
      expect(JSON.parse(row!.body)).not.toHaveProperty('rapporteurId');
    });

    it('a lost local database is detected, told with what the server had, and loses nothing new', async () => {
      const store = new Map<string, string>();
      const ls = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
      (globalThis as { localStorage?: unknown }).localStorage = ls;
      try {
        const laptop = await device(app, 'secretaire@demo.example');
        useDatabase(laptop.db);
        await createSeance(seanceInput());
        await createSeance(seanceInput());
        await syncOnce(laptop.db, laptop.transport);
        const before = (await laptop.db.meta.get('clientId'))!.value;

        // The browser drops the IndexedDB database; localStorage survives.
        const fresh = new RegistreDb(`lost-${Math.random()}`);
        await fresh.open();
        useDatabase(fresh);
        const s = await createSeance({ ...seanceInput(), place: 'Après la perte' });
        await syncOnce(fresh, laptop.transport);
        expect(await fresh.meta.get('lostDatabase')).toMatchObject({ value: { previousClientId: before, acknowledged: 2 } });
        expect((await fresh.meta.get('clientId'))!.value).not.toBe(before);
        // Mutation 1 of the new identity is applied, not mistaken for the old mutation 1.
        expect(await fresh.outbox.count()).toBe(0);
        const other = await device(app, 'presidente@demo.example');
        await syncOnce(other.db, other.transport);
        expect((await other.db.seances.get(s.id))?.place).toBe('Après la perte');
      } finally {
        delete (globalThis as { localStorage?: unknown }).localStorage;
      }
    });

    it('a randomised run with dropped and duplicated requests ends with the same records everywhere', async () => {
      const org = await seedOrganisation(dbs, { name: 'Syndicat aléatoire', emailDomain: 'alea.example' });
      const laptop = await device(app, 'secretaire@alea.example');
      const tablet = await device(app, 'presidente@alea.example');
      const flakyLaptop = unreliable(laptop.transport, 7);
      const flakyTablet = unreliable(tablet.transport, 11);
      const statuses = ['present', 'absent', 'excused'] as const;
      const seances: string[] = [];
      let x = 42;
      const r = () => ((x = (x * 48271) % 2147483647) / 2147483647);
      for (let step = 0; step < 40; step++) {
        const dev = r() < 0.5 ? laptop : tablet;
        useDatabase(dev.db);
        if (seances.length === 0 || r() < 0.2) {
          seances.push((await createSeance({ ...seanceInput(), organisationId: org.organisation.id, bodyId: org.bodies[0]!.id, place: `Salle ${step}` })).id);
        } else {
          const sid = seances[Math.floor(r() * seances.length)]!;
          if (await dev.db.seances.get(sid as never)) {
            await setAttendanceStatus(sid, org.members[Math.floor(r() * 9)]!.id, statuses[Math.floor(r() * 3)]!).catch(() => undefined);
          }
        }
        if (r() < 0.4) await syncOnce(dev.db, dev === laptop ? flakyLaptop : flakyTablet).catch(() => undefined);
      }
      // The network heals: each device syncs until nothing is pending, then once more.
      for (let round = 0; round < 3; round++) {
        for (const dev of [laptop, tablet]) await syncOnce(dev.db, dev.transport);
      }
      expect(await laptop.db.outbox.count()).toBe(0);
      expect(await tablet.db.outbox.count()).toBe(0);
      const server = await serverState(dbs, org.organisation.id);
      if (process.env.DEBUG_SYNC) {
        const l = JSON.parse(await localState(laptop.db)) as Record<string, string[]>;
        const sv = JSON.parse(server) as Record<string, string[]>;
        for (const k of Object.keys(sv)) {
          const onlyServer = sv[k]!.filter((x) => !(l[k] ?? []).includes(x));
          const onlyLocal = (l[k] ?? []).filter((x) => !sv[k]!.includes(x));
          if (onlyServer.length || onlyLocal.length) console.log(k, { onlyServer, onlyLocal });
        }
      }
      expect(await localState(laptop.db)).toBe(server);
      expect(await localState(tablet.db)).toBe(server);
      expect(JSON.parse(server).seances.length).toBe(seances.length);
    });
  });
}
