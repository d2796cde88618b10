import Database from 'better-sqlite3';
import { migrate } from '../server/db/migrations';
import { openSqliteDriver } from '../server/db/sqlite';
import type { SqlValue } from '../server/db/driver';
import { seedOrganisation } from '../server/seed';
import { newId } from '../src/domain/ids';
import { SeanceSchema } from '../src/domain/schemas';

/*
 * `npx tsx bench/pushFloor.ts`: the least a push must do per mutation while keeping its
 * guarantees — validate the record with its zod schema, serialise it, write the record row and
 * the per-mutation result row (audit), one row per push — with no cache, no checks, no conflicts.
 * Against the same raw insert as `npm run bench`. It says how far below 3x a push can go.
 */
const ratios: number[] = [];
for (let k = 0; k < 7; k++) {
  const db = openSqliteDriver(':memory:');
  await migrate(db);
  const demo = await seedOrganisation(db);
  const clientId = newId();
  const org = demo.organisation.id;
  const built = Array.from({ length: 10_000 }, (_, i) => {
    const id = newId();
    const args = { id, organisationId: org, bodyId: demo.bodies[0]!.id, date: '2011-11-07', time: '17:30', place: `Salle ${i}`, convocationDate: '2011-06-30' };
    return { mutationId: i + 1, recordId: id, args };
  });
  // As the server receives them, parsed from JSON (see bench/sync.ts).
  const mutations = JSON.parse(JSON.stringify(built)) as typeof built;
  const rows = (n: number, cols: number) => Array.from({ length: n }, () => `(${Array.from({ length: cols }, () => '?').join(', ')})`).join(', ');
  const records = `INSERT INTO records (tbl, id, organisation_id, version, seq, body, field_versions) VALUES ${rows(100, 7)}`;
  const results = `INSERT INTO push_results (tbl, record_id, push_id, mutation_id, status, code, name, base_version) VALUES ${rows(100, 8)}`;
  const stamps = `[{"v":1,"c":${JSON.stringify(clientId)}},{}]`;
  const t0 = performance.now();
  for (let p = 0; p < 10_000; p += 1000) {
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO pushes (id, client_id, user_id, at) VALUES (?, ?, ?, ?)', [p / 1000 + 1, clientId, 'bench', new Date().toISOString()]);
      for (let c = p; c < p + 1000; c += 100) {
        const rp: SqlValue[] = [];
        const sp: SqlValue[] = [];
        for (const m of mutations.slice(c, c + 100)) {
          const body = SeanceSchema.parse(Object.assign({ version: 1 }, m.args));
          rp.push('seances', m.recordId, org, 1, m.mutationId, JSON.stringify(body), stamps);
          sp.push('seances', m.recordId, p / 1000 + 1, m.mutationId, 'applied', null, 'seance.create', 0);
        }
        await tx.run(records, rp);
        await tx.run(results, sp);
      }
    });
  }
  const floor = performance.now() - t0;
  await db.close();

  const raw = new Database(':memory:');
  raw.exec('CREATE TABLE records (tbl TEXT, id TEXT, organisation_id TEXT, version INTEGER, seq INTEGER, body TEXT, field_versions TEXT, PRIMARY KEY (tbl, id))');
  const insert = raw.prepare('INSERT INTO records VALUES (?, ?, ?, 1, ?, ?, ?)');
  const t1 = performance.now();
  raw.transaction(() => mutations.forEach((m, i) => insert.run('seances', m.recordId, org, i + 1, JSON.stringify(m.args), '{}')))();
  const baseline = performance.now() - t1;
  raw.close();
  ratios.push(floor / baseline);
  console.log(`floor ${floor.toFixed(0)} ms, raw insert ${baseline.toFixed(1)} ms, ${(floor / baseline).toFixed(2)}x`);
}
console.log(`median ${[...ratios].sort((a, b) => a - b)[3]!.toFixed(2)}x`);
