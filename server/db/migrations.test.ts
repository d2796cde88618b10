import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids';
import { push } from '../sync/push';
import { auditOf } from '../sync/audit';
import { adapters, postgresAvailable } from '../testing';
import type { Driver } from './driver';
import { MIGRATIONS, migrate } from './migrations';

const pgUp = await postgresAvailable();

/** The secretary's account as a database of that version held it (seed.ts writes today's columns). */
async function userAtVersion3(db: Driver, org: string): Promise<string> {
  const id = newId();
  await db.run('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)', [id, 'secretaire@demo.example', 'Sam Secrétaire', 'x', '2026-01-01T00:00:00.000Z']);
  await db.run("INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, 'secretaire')", [id, org]);
  return id;
}

for (const adapter of adapters) {
  // PostgreSQL runs on this machine and in CI (.ci/run); elsewhere without one, say so and skip.
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`migrations on ${adapter.name}`, () => {
    let db: Driver | undefined;
    afterEach(async () => {
      await db?.close();
      db = undefined;
    });

    it('moves the results of the per-mutation layout into pushes, keeping who, when and the audit', async () => {
      db = await adapter.blank();
      await migrate(db, 3); // the layout before `pushes`
      const org = newId();
      const secretary = await userAtVersion3(db, org);
      const laptop = newId();
      const sid = newId();
      await db.run('INSERT INTO clients (client_id, user_id, organisation_id, last_mutation_id) VALUES (?, ?, ?, 3)', [laptop, secretary, org]);
      const body = JSON.stringify({ id: sid, organisationId: org, bodyId: newId(), date: '2011-11-07', time: '17:30', place: 'Mairie', convocationDate: '2011-06-30', status: 'draft', version: 2 });
      await db.run("INSERT INTO records (tbl, id, organisation_id, version, seq, body, field_versions) VALUES ('seances', ?, ?, 2, 999, ?, '{}')", [sid, org, body]);
      const row = 'INSERT INTO mutation_results (client_id, mutation_id, status, code, tbl, record_id, name, user_id, at, base_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
      // Two pushes of the laptop, and one result from before results named their record.
      await db.run(row, [laptop, 1, 'applied', null, 'seances', sid, 'seance.create', secretary, '2026-01-05T10:00:00.000Z', 0]);
      await db.run(row, [laptop, 2, 'conflict', 'sync.conflict', 'seances', sid, 'seance.update', secretary, '2026-01-06T09:00:00.000Z', 1]);
      await db.run('INSERT INTO mutation_results (client_id, mutation_id, status) VALUES (?, ?, ?)', [laptop, 3, 'rejected']);

      await migrate(db);

      const pushes = await db.all<{ id: number; client_id: string; user_id: string; at: string }>('SELECT id, client_id, user_id, at FROM pushes ORDER BY id');
      expect(pushes.map((p) => [Number(p.id), p.client_id, p.user_id, p.at])).toEqual([
        [1, laptop, '', ''],
        [2, laptop, secretary, '2026-01-05T10:00:00.000Z'],
        [3, laptop, secretary, '2026-01-06T09:00:00.000Z'],
      ]);
      const results = await db.all<{ push_id: number; mutation_id: number; status: string; code: string | null }>(
        'SELECT push_id, mutation_id, status, code FROM push_results ORDER BY mutation_id',
      );
      expect(results.map((r) => [Number(r.push_id), Number(r.mutation_id), r.status, r.code])).toEqual([
        [2, 1, 'applied', null],
        [3, 2, 'conflict', 'sync.conflict'],
        [1, 3, 'rejected', null],
      ]);
      const auth = { userId: secretary, organisationId: org, role: 'secretaire' as const };
      const history = await auditOf(db, auth, 'seances', sid);
      expect(history.map((e) => [e.action, e.userName, e.clientId, e.status, e.at])).toEqual([
        ['created', 'Sam Secrétaire', laptop, 'applied', '2026-01-05T10:00:00.000Z'],
        ['edited', 'Sam Secrétaire', laptop, 'conflict', '2026-01-06T09:00:00.000Z'],
      ]);

      // The next push is numbered after the migrated ones, and lands in the same history.
      const res = await push(db, auth, { clientId: laptop, mutations: [{ mutationId: 4, name: 'seance.update', table: 'seances', recordId: sid, baseVersion: 2, args: { place: 'Salle du conseil' } }] });
      expect(res.results[0]!.status).toBe('applied');
      const next = await db.get<{ id: number }>('SELECT MAX(id) AS id FROM pushes');
      expect(Number(next!.id)).toBe(4);
      expect((await auditOf(db, auth, 'seances', sid)).map((e) => e.action)).toEqual(['created', 'edited', 'edited']);
    });

    it('gives existing records their parent and existing acts their number, the first holder keeping a number given twice', async () => {
      db = await adapter.blank();
      await migrate(db, 4); // before the server checked commands
      const org = newId();
      const [body, seance, other, item, twin, vote] = [newId(), newId(), newId(), newId(), newId(), newId()];
      const put = (tbl: string, id: string, seq: number, b: Record<string, unknown>) =>
        db!.run("INSERT INTO records (tbl, id, organisation_id, version, seq, body, field_versions) VALUES (?, ?, ?, 1, ?, ?, '{}')", [tbl, id, org, seq, JSON.stringify(b)]);
      await put('seances', seance, 1, { id: seance, bodyId: body, organisationId: org });
      await put('seances', other, 2, { id: other, bodyId: body, organisationId: org });
      await put('deliberations', item, 3, { id: item, seanceId: seance, registryNumber: '20111107_DL_01' });
      // Finding 6 of the authority issue: two laptops gave the same number; both rows exist.
      await put('deliberations', twin, 4, { id: twin, seanceId: other, registryNumber: '20111107_DL_01' });
      await put('votes', item, 5, { deliberationId: item, mode: 'showOfHands' });
      await put('attendance', vote, 6, { id: vote, _deleted: true });
      await migrate(db);
      const parents = await db.all<{ tbl: string; id: string; parent_id: string | null }>('SELECT tbl, id, parent_id FROM records ORDER BY seq');
      // A séance is listed by its body without a column (commands.ts parentOf).
      expect(parents.map((r) => r.parent_id)).toEqual([null, null, seance, other, seance, null]);
      const numbers = await db.all<{ number: string; deliberation_id: string }>('SELECT number, deliberation_id FROM registry_numbers');
      expect(numbers).toEqual([{ number: '20111107_DL_01', deliberation_id: item }]);
    });

    it('migrates an empty database to the last version, and again is a no-op', async () => {
      db = await adapter.blank();
      await migrate(db);
      await migrate(db);
      const v = await db.get<{ version: number }>('SELECT MAX(version) AS version FROM schema_migrations');
      expect(Number(v!.version)).toBe(MIGRATIONS.length);
      const counter = await db.get<{ value: number }>("SELECT value FROM counters WHERE name = 'push'");
      expect(Number(counter!.value)).toBe(0);
    });
  });
}
