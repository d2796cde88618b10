import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../src/domain/ids';
import type { Mutation, PullResponse, PushResponse } from '../src/domain/sync';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { push } from './sync/push';
import { adapters, postgresAvailable } from './testing';

type App = ReturnType<typeof createApp>;

/** A device as the server sees it: a session cookie, a client id, numbered mutations. */
class Device {
  cookie = '';
  clientId = newId();
  next = 1;
  constructor(readonly app: App) {}
  async login(email: string, password = DEMO_PASSWORD) {
    const res = await this.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return res;
  }
  mutation(table: Mutation['table'], recordId: string, args: Record<string, unknown>, baseVersion = 0, name = commandFor(table, baseVersion)): Mutation {
    return { mutationId: this.next++, name, table, recordId, baseVersion, args };
  }
  async push(mutations: Mutation[]): Promise<PushResponse & { status: number }> {
    const res = await this.app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: this.cookie },
      body: JSON.stringify({ clientId: this.clientId, mutations }),
    });
    return { status: res.status, ...((await res.json()) as PushResponse) };
  }
  async pull(cursor = 0, limit = 500): Promise<PullResponse> {
    const res = await this.app.request(`/api/sync/pull?clientId=${this.clientId}&cursor=${cursor}&limit=${limit}`, {
      headers: { Cookie: this.cookie },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as PullResponse;
  }
  async pullAll(): Promise<PullResponse['records']> {
    const all: PullResponse['records'] = [];
    let cursor = 0;
    for (;;) {
      const page = await this.pull(cursor, 100);
      all.push(...page.records);
      cursor = page.cursor;
      if (!page.more) return all;
    }
  }
}

/** The command a test's mutation is: a create on base 0, the table's plain edit otherwise. */
const COMMANDS: Record<string, [string, string]> = {
  seances: ['seance.create', 'seance.update'],
  attendance: ['attendance.set', 'attendance.set'],
  deliberations: ['deliberation.create', 'deliberation.update'],
  votes: ['vote.record', 'vote.record'],
  organisations: ['organisation.update', 'organisation.update'],
};
const commandFor = (table: string, baseVersion: number) => COMMANDS[table]?.[baseVersion === 0 ? 0 : 1] ?? `${table}.put`;

async function checksum(db: Driver): Promise<string> {
  const rows = await db.all<{ tbl: string; id: string; version: number; body: string }>('SELECT tbl, id, version, body FROM records ORDER BY tbl, id');
  const clients = await db.all<{ client_id: string; last_mutation_id: number }>('SELECT client_id, last_mutation_id FROM clients ORDER BY client_id');
  return JSON.stringify([rows.map((r) => [r.tbl, r.id, Number(r.version), r.body]), clients.map((c) => [c.client_id, Number(c.last_mutation_id)])]);
}

const pgUp = await postgresAvailable();

for (const adapter of adapters) {
  // PostgreSQL runs on this machine and in CI (.ci/run); elsewhere without one, say so and skip.
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`sync server on ${adapter.name}`, () => {
    let db: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    let bureauId: string;

    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
      bureauId = demo.bodies.find((b) => b.name === 'Bureau')!.id;
      app = createApp({ db });
    });
    afterAll(async () => db.close());

    const seance = (over: Record<string, unknown> = {}) => ({
      organisationId: demo.organisation.id,
      bodyId: bureauId,
      date: '2011-11-07',
      time: '17:30',
      place: 'Salle du Bureau',
      convocationDate: '2011-06-30',
      ...over,
    });

    let secretary: Device;
    beforeEach(async () => {
      secretary = new Device(app);
      expect((await secretary.login('secretaire@demo.example')).status).toBe(200);
    });

    it('a push replayed three times has one effect', async () => {
      const id = newId();
      const batch = [secretary.mutation('seances', id, seance())];
      const first = await secretary.push(batch);
      expect(first.results).toEqual([{ mutationId: 1, status: 'applied' }]);
      const before = await checksum(db);
      for (let i = 0; i < 3; i++) {
        const again = await secretary.push(batch);
        expect(again.results).toEqual([{ mutationId: 1, status: 'skipped' }]);
        expect(again.lastMutationId).toBe(1);
      }
      expect(await checksum(db)).toBe(before);
      const pulled = (await secretary.pullAll()).filter((r) => r.id === id);
      expect(pulled).toHaveLength(1);
      expect(pulled[0]!.version).toBe(1);
    });

    it('a server killed after commit and before answering, then a retry, has one effect', async () => {
      const id = newId();
      const m = secretary.mutation('seances', id, seance({ place: 'Salle A' }));
      const user = (await db.get<{ id: string }>("SELECT id FROM users WHERE email = 'secretaire@demo.example'"))!.id;
      const auth = { userId: user, organisationId: demo.organisation.id, role: 'secretaire' as const };
      await push(db, auth, { clientId: secretary.clientId, mutations: [m] }); // committed, answer lost
      const before = await checksum(db);
      const retry = await secretary.push([m]);
      expect(retry.results[0]!.status).toBe('skipped');
      expect(await checksum(db)).toBe(before);
    });

    it('a pull cut in the middle resumes with no gap and no duplicate', async () => {
      const ids = Array.from({ length: 25 }, () => newId());
      await secretary.push(ids.map((id, i) => secretary.mutation('seances', id, seance({ place: `Salle ${i}` }))));
      const reader = new Device(app);
      await reader.login('presidente@demo.example');
      const firstPage = await reader.pull(0, 7);
      expect(firstPage.more).toBe(true);
      // The connection drops here; the device resumes from the cursor it committed.
      const rest: PullResponse['records'] = [];
      let cursor = firstPage.cursor;
      for (;;) {
        const page = await reader.pull(cursor, 7);
        rest.push(...page.records);
        cursor = page.cursor;
        if (!page.more) break;
      }
      const all = [...firstPage.records, ...rest];
      const seqs = all.map((r) => r.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      for (const id of ids) expect(all.filter((r) => r.id === id)).toHaveLength(1);
    });

    it('a device clock off by ±24 h changes no order: the server sequence decides', async () => {
      const ahead = new Device(app);
      const behind = new Device(app);
      await ahead.login('secretaire@demo.example');
      await behind.login('presidente@demo.example');
      const a = newId();
      const b = newId();
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      await ahead.push([{ ...ahead.mutation('seances', a, seance({ updatedAt: tomorrow })), createdAt: tomorrow }]);
      await behind.push([{ ...behind.mutation('seances', b, seance({ updatedAt: yesterday })), createdAt: yesterday }]);
      const all = await secretary.pullAll();
      expect(all.findIndex((r) => r.id === a)).toBeLessThan(all.findIndex((r) => r.id === b));
    });

    it('the same field edited on two devices from the same base is a conflict; both values are kept', async () => {
      const id = newId();
      await secretary.push([secretary.mutation('seances', id, seance({ place: 'Salle du Bureau' }))]);
      const tablet = new Device(app);
      await tablet.login('presidente@demo.example');
      const r1 = await secretary.push([secretary.mutation('seances', id, { place: 'Salle A' }, 1)]);
      expect(r1.results[0]!.status).toBe('applied');
      const r2 = await tablet.push([tablet.mutation('seances', id, { place: 'Salle B' }, 1)]);
      expect(r2.results[0]).toMatchObject({ status: 'conflict', code: 'sync.conflict' });
      const all = await tablet.pullAll();
      const rec = all.filter((r) => r.id === id).at(-1)!;
      expect(rec.body.place).toBe('Salle A');
      const conflict = all.find((r) => r.table === 'conflicts' && r.body.recordId === id)!;
      expect(conflict.body).toMatchObject({ field: 'place', serverValue: 'Salle A', clientValue: 'Salle B' });
    });

    it('different fields edited on two devices from the same base both land', async () => {
      const id = newId();
      await secretary.push([secretary.mutation('seances', id, seance())]);
      const tablet = new Device(app);
      await tablet.login('presidente@demo.example');
      await secretary.push([secretary.mutation('seances', id, { place: 'Salle A' }, 1)]);
      const r = await tablet.push([tablet.mutation('seances', id, { time: '18:00' }, 1)]);
      expect(r.results[0]!.status).toBe('applied');
      const rec = (await tablet.pullAll()).filter((x) => x.id === id).at(-1)!;
      expect(rec.body).toMatchObject({ place: 'Salle A', time: '18:00' });
      expect(rec.version).toBe(3);
    });

    it('a signed séance refuses later edits, of itself and of what it holds', async () => {
      const id = newId();
      const member = demo.members[0]!.id;
      await secretary.push([
        secretary.mutation('seances', id, seance()),
        secretary.mutation('attendance', `${id}:${member}`, { seanceId: id, memberId: member, status: 'present' }),
      ]);
      // Sealed as signing does it (server/signing.test.ts covers the signatures themselves).
      const row = (await db.get<{ body: string }>("SELECT body FROM records WHERE tbl = 'seances' AND id = ?", [id]))!;
      await db.run("UPDATE records SET body = ? WHERE tbl = 'seances' AND id = ?", [JSON.stringify({ ...JSON.parse(row.body), status: 'signed' }), id]);
      const r = await secretary.push([
        secretary.mutation('seances', id, { place: 'Ailleurs' }, 1),
        secretary.mutation('attendance', `${id}:${member}`, { status: 'absent' }, 1),
      ]);
      expect(r.results.map((x) => [x.status, x.code])).toEqual([
        ['rejected', 'sync.sealed'],
        ['rejected', 'sync.sealed'],
      ]);
      expect(r.lastMutationId).toBe(4);
    });

    it('a record the push could not foresee (the séance of an attendance edited alone) is read when needed', async () => {
      const open = newId();
      const signed = newId();
      const member = demo.members[0]!.id;
      await secretary.push([
        secretary.mutation('seances', open, seance()),
        secretary.mutation('seances', signed, seance()),
        secretary.mutation('attendance', `${open}:${member}`, { seanceId: open, memberId: member, status: 'present' }),
        secretary.mutation('attendance', `${signed}:${member}`, { seanceId: signed, memberId: member, status: 'present' }),
      ]);
      const row = (await db.get<{ body: string }>("SELECT body FROM records WHERE tbl = 'seances' AND id = ?", [signed]))!;
      await db.run("UPDATE records SET body = ? WHERE tbl = 'seances' AND id = ?", [JSON.stringify({ ...JSON.parse(row.body), status: 'signed' }), signed]);
      // Neither edit names its séance: the séance is read during the push, not beforehand.
      const r = await secretary.push([
        secretary.mutation('attendance', `${signed}:${member}`, { status: 'absent' }, 1),
        secretary.mutation('attendance', `${open}:${member}`, { status: 'absent' }, 1),
      ]);
      expect(r.results.map((x) => [x.status, x.code])).toEqual([
        ['rejected', 'sync.sealed'],
        ['applied', undefined],
      ]);
      const pulled = (await secretary.pullAll()).filter((x) => x.table === 'attendance' && x.id === `${open}:${member}`);
      expect(pulled[0]!.body).toMatchObject({ status: 'absent' });
    });

    it('a deletion leaves a tombstone that every device pulls; later edits of it are refused', async () => {
      const sid = newId();
      const did = newId();
      await secretary.push([
        secretary.mutation('seances', sid, seance()),
        secretary.mutation('deliberations', did, { seanceId: sid, organisationId: demo.organisation.id, orderNumber: 1, object: 'Point retiré' }),
      ]);
      const del = await secretary.push([{ ...secretary.mutation('deliberations', did, {}, 1), name: 'deliberation.delete' }]);
      expect(del.results[0]!.status).toBe('applied');
      const rec = (await secretary.pullAll()).filter((r) => r.id === did).at(-1)!;
      expect(rec.body).toMatchObject({ _deleted: true });
      const late = await secretary.push([secretary.mutation('deliberations', did, { object: 'Revenu ?' }, 2)]);
      expect(late.results[0]).toMatchObject({ status: 'rejected', code: 'sync.deleted' });
    });

    it('a mutation that can never apply is rejected with its reason and the sequence advances', async () => {
      const bad = secretary.mutation('seances', newId(), seance({ date: '2011-02-30' }));
      const good = secretary.mutation('seances', newId(), seance());
      const r = await secretary.push([bad, good]);
      expect(r.results[0]).toMatchObject({ status: 'rejected', code: 'sync.invalid' });
      expect(r.results[1]!.status).toBe('applied');
      expect(r.lastMutationId).toBe(2);
    });

    it('an appointment vote is accepted with its rounds; a malformed one is rejected', async () => {
      const sid = newId();
      const did = newId();
      const [a, b] = [demo.members[0]!.id, demo.members[1]!.id];
      // A séance in progress, the nine members of the Bureau present: nine votants.
      await secretary.push([
        secretary.mutation('seances', sid, seance({ status: 'in_progress' })),
        ...demo.members.map((m) => secretary.mutation('attendance', `${sid}:${m.id}`, { seanceId: sid, memberId: m.id, status: 'present' })),
        secretary.mutation('deliberations', did, { seanceId: sid, organisationId: demo.organisation.id, orderNumber: 1, object: "Désignation d'un délégué" }),
      ]);
      const appointment = {
        office: 'délégué titulaire au SIVU',
        candidates: [a, b],
        rounds: [
          { votes: [{ memberId: a, votes: 4 }, { memberId: b, votes: 4 }], blank: 1, invalid: 0 },
          { votes: [{ memberId: a, votes: 6 }, { memberId: b, votes: 2 }], blank: 1, invalid: 0 },
        ],
        outcome: { elected: a, round: 2, byAge: false },
      };
      const ok = await secretary.push([secretary.mutation('votes', did, { deliberationId: did, mode: 'appointment', appointment })]);
      expect(ok.results[0]!.status).toBe('applied');
      const pulled = (await secretary.pullAll()).filter((r) => r.table === 'votes' && r.id === did).at(-1)!;
      expect(pulled.body).toMatchObject({ mode: 'appointment', appointment: { outcome: { elected: a, round: 2 } } });
      const malformed: [unknown, string][] = [
        [{ ...appointment, rounds: [{ votes: [{ memberId: a, votes: -1 }], blank: 0, invalid: 0 }] }, 'sync.invalid'],
        [{ ...appointment, rounds: [...appointment.rounds, ...appointment.rounds] }, 'sync.invalid'],
        [{ ...appointment, rounds: [{ votes: [{ memberId: demo.members[2]!.id, votes: 6 }], blank: 0, invalid: 0 }] }, 'sync.invalid'],
        // Rounds that do not add up to the nine votants, and an outcome the rounds do not give.
        [{ ...appointment, rounds: [{ votes: [{ memberId: a, votes: 5 }, { memberId: b, votes: 1 }], blank: 0, invalid: 0 }], outcome: { elected: a, round: 1, byAge: false } }, 'appointment.countsMismatch'],
        [{ ...appointment, outcome: { elected: b, round: 2, byAge: false } }, 'appointment.outcomeMismatch'],
      ];
      const r = await secretary.push(malformed.map(([bad]) => secretary.mutation('votes', did, { appointment: bad }, 1)));
      expect(r.results.map((x) => [x.status, x.code])).toEqual(malformed.map(([, code]) => ['rejected', code]));
    });

    it('one organisation never reads nor writes another', async () => {
      const id = newId();
      await secretary.push([secretary.mutation('seances', id, seance())]);
      const other = new Device(app);
      expect((await other.login('secretaire@autre.example')).status).toBe(200);
      expect((await other.pullAll()).some((r) => r.id === id || r.body.organisationId === demo.organisation.id)).toBe(false);
      const before = await checksum(db);
      const r = await other.push([
        other.mutation('seances', id, { place: 'Piraté' }, 1),
        other.mutation('attendance', `${id}:${demo.members[0]!.id}`, { seanceId: id, memberId: demo.members[0]!.id, status: 'present' }),
      ]);
      // Answered as if it did not exist: its existence is not disclosed (a reference to it reads
      // exactly like a reference to nothing).
      expect(r.results.map((x) => [x.status, x.code])).toEqual([
        ['rejected', 'api.notFound'],
        ['rejected', 'sync.badReference'],
      ]);
      const after = await checksum(db);
      // Only the other device's own counter moved.
      expect(after.replace(/"[^"]+",2\]/, '')).not.toContain('Piraté');
      expect(after.length).toBeGreaterThanOrEqual(before.length);
    });

    it('a read-only member cannot push at all: 403 for the whole request, nothing written', async () => {
      const reader = new Device(app);
      await reader.login('lecture@demo.example');
      const before = await checksum(db);
      const r = await reader.push([reader.mutation('seances', newId(), seance())]);
      expect(r.status).toBe(403);
      expect((r as unknown as { error: { code: string } }).error.code).toBe('api.forbidden');
      expect(await checksum(db)).toBe(before);
      expect(await db.get('SELECT client_id FROM clients WHERE client_id = ?', [reader.clientId])).toBeUndefined();
      // Refused before the body is even read: a malformed one gets the same answer.
      const res = await app.request('/api/sync/push', { method: 'POST', headers: { Cookie: reader.cookie }, body: 'pas du JSON' });
      expect(res.status).toBe(403);
    });

    it('an administrator-only table refuses a secretary (forbidden, not hidden)', async () => {
      const s = await secretary.push([secretary.mutation('organisations', demo.organisation.id, { name: 'Renommée' }, 1)]);
      expect(s.results[0]).toMatchObject({ status: 'rejected', code: 'api.forbidden' });
    });

    it("a mutation claiming another organisation is answered not found; its records are as unknown as missing ones", async () => {
      const other = await db.get<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM records WHERE tbl = 'bodies' AND organisation_id <> ?", [
        demo.organisation.id,
      ]);
      const r = await secretary.push([
        secretary.mutation('seances', newId(), seance({ bodyId: other!.id })),
        secretary.mutation('seances', newId(), seance({ organisationId: other!.organisation_id })),
        secretary.mutation('seances', newId(), seance({ bodyId: newId() })),
      ]);
      expect(r.results.map((x) => x.code)).toEqual(['sync.badReference', 'api.notFound', 'sync.badReference']);
    });

    it('null in a patch removes an optional field; an unchanged base is no conflict, a concurrent change is', async () => {
      const id = newId();
      const president = demo.members[0]!.id;
      await secretary.push([secretary.mutation('seances', id, seance({ presidentId: president }))]);
      const cleared = await secretary.push([secretary.mutation('seances', id, { presidentId: null }, 1)]);
      expect(cleared.results[0]!.status).toBe('applied');
      let rec = (await secretary.pullAll()).filter((x) => x.id === id).at(-1)!;
      expect('presidentId' in rec.body).toBe(false);
      expect(rec.version).toBe(2);
      // Clearing what is already absent changes nothing.
      const again = await secretary.push([secretary.mutation('seances', id, { presidentId: null }, 2)]);
      expect(again.results[0]!.status).toBe('applied');
      rec = (await secretary.pullAll()).filter((x) => x.id === id).at(-1)!;
      expect(rec.version).toBe(2);
      // Another device set it meanwhile: clearing it from the old base is a conflict, the value stays.
      const tablet = new Device(app);
      await tablet.login('presidente@demo.example');
      await tablet.push([tablet.mutation('seances', id, { presidentId: president }, 2)]);
      const late = await secretary.push([secretary.mutation('seances', id, { presidentId: null }, 2)]);
      expect(late.results[0]).toMatchObject({ status: 'conflict', code: 'sync.conflict' });
      const all = await secretary.pullAll();
      expect(all.filter((x) => x.id === id).at(-1)!.body.presidentId).toBe(president);
      expect(all.find((x) => x.table === 'conflicts' && x.body.recordId === id)!.body).toMatchObject({ field: 'presidentId', clientValue: null });
      // A required field cannot be cleared.
      const bad = await secretary.push([secretary.mutation('seances', id, { place: null }, 3)]);
      expect(bad.results[0]).toMatchObject({ status: 'rejected', code: 'sync.invalid' });
    });

    it('login: wrong password is a French 401, then 429 after five failures', async () => {
      const d = new Device(app);
      const res = await d.login('admin@demo.example', 'mauvais');
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Adresse électronique ou mot de passe incorrect.');
      for (let i = 0; i < 4; i++) await d.login('admin@demo.example', 'mauvais');
      expect((await d.login('admin@demo.example', DEMO_PASSWORD)).status).toBe(429);
    });

    it('logout ends the session', async () => {
      const d = new Device(app);
      await d.login('presidente@demo.example');
      await app.request('/api/auth/logout', { method: 'POST', headers: { Cookie: d.cookie } });
      const res = await app.request(`/api/sync/pull?clientId=${d.clientId}`, { headers: { Cookie: d.cookie } });
      expect(res.status).toBe(401);
    });
  });
}
