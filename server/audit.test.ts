import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../src/domain/audit';
import { newId } from '../src/domain/ids';
import { minutesContent } from '../src/domain/signedContent';
import { generateDeviceKey, signContent, type DeviceKey } from '../src/domain/signing';
import type { Mutation, PullResponse, PushResponse } from '../src/domain/sync';
import type { Seance } from '../src/domain/schemas';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters, frozenFor, postgresAvailable } from './testing';
import { actionOfChange } from '../src/domain/audit';

type App = ReturnType<typeof createApp>;
const pgUp = await postgresAvailable();

async function session(app: App, email: string) {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const clientId = newId();
  let next = 1;
  const call = async (path: string, body?: unknown) => {
    const r = await app.request(path, {
      method: body ? 'POST' : 'GET',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, json: (await r.json()) as unknown };
  };
  return {
    clientId,
    call,
    push: async (muts: Omit<Mutation, 'mutationId'>[]) =>
      (await call('/api/sync/push', { clientId, mutations: muts.map((m) => ({ ...m, mutationId: next++ })) })).json as PushResponse,
    pull: async () => (await call(`/api/sync/pull?clientId=${clientId}&cursor=0&limit=2000`)).json as PullResponse,
    register: async (key: DeviceKey) => call('/api/devices', { keyId: key.keyId, publicKeyJwk: key.publicKeyJwk }),
    audit: async (table: string, id: string) => {
      const r = await call(`/api/audit?table=${encodeURIComponent(table)}&id=${encodeURIComponent(id)}`);
      return { status: r.status, entries: (r.json as { entries?: AuditEntry[] }).entries, error: (r.json as { error?: { code: string } }).error };
    },
  };
}

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`audit log on ${adapter.name}`, () => {
    let db: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
      app = createApp({ db });
    });
    afterAll(async () => db.close());

    const seanceArgs = (id: string, over: Record<string, unknown> = {}) => ({
      id,
      organisationId: demo.organisation.id,
      bodyId: demo.bodies[0]!.id,
      date: '2011-11-07',
      time: '17:30',
      place: 'Salle',
      convocationDate: '2011-06-30',
      ...over,
    });

    it('lists creation, edits (with their outcome) and deletion, with who and from which device, in order', async () => {
      const secretary = await session(app, 'secretaire@demo.example');
      const president = await session(app, 'presidente@demo.example');
      const sid = newId();
      const did = newId();
      await secretary.push([
        { name: 'seance.create', table: 'seances', recordId: sid, baseVersion: 0, args: seanceArgs(sid) },
        { name: 'deliberation.create', table: 'deliberations', recordId: did, baseVersion: 0, args: { id: did, seanceId: sid, organisationId: demo.organisation.id, orderNumber: 1, object: 'Budget' } },
      ]);
      await president.push([{ name: 'deliberation.update', table: 'deliberations', recordId: did, baseVersion: 1, args: { object: 'Budget primitif' } }]);
      await secretary.push([{ name: 'deliberation.update', table: 'deliberations', recordId: did, baseVersion: 1, args: { object: 'Budget 2012' } }]);
      await secretary.push([{ name: 'deliberation.update', table: 'deliberations', recordId: did, baseVersion: 2, args: { orderNumber: 0 } }]);
      await secretary.push([{ name: 'deliberation.delete', table: 'deliberations', recordId: did, baseVersion: 2, args: {} }]);

      const a = await president.audit('deliberations', did);
      expect(a.status).toBe(200);
      expect(a.entries!.map((e) => [e.action, e.status, e.userName, e.clientId])).toEqual([
        ['created', 'applied', 'Sam Secrétaire', secretary.clientId],
        ['edited', 'applied', 'Claire DUMONT', president.clientId],
        ['edited', 'conflict', 'Sam Secrétaire', secretary.clientId],
        ['edited', 'rejected', 'Sam Secrétaire', secretary.clientId],
        ['deleted', 'applied', 'Sam Secrétaire', secretary.clientId],
      ]);
      // A change pending on a device is shown under the word the server will log it with
      // (the device’s rule, ui/audit/auditData.ts actionOfMutation).
      const applied = [
        { name: 'deliberation.create', table: 'deliberations', baseVersion: 0 },
        { name: 'deliberation.update', table: 'deliberations', baseVersion: 1 },
        { name: 'deliberation.delete', table: 'deliberations', baseVersion: 2 },
      ];
      expect(applied.map((c) => actionOfChange(c, c.baseVersion === 0))).toEqual(a.entries!.filter((e) => e.status === 'applied').map((e) => e.action));
      const times = a.entries!.map((e) => e.at);
      expect(times).toEqual([...times].sort());
      for (const t of times) expect(new Date(t).toISOString()).toBe(t);
      // The séance pushed with it has its own history.
      expect((await president.audit('seances', sid)).entries!.map((e) => e.action)).toEqual(['created']);
    });

    it('any role of the organisation reads it; another organisation gets 404, bad parameters 400, no session 401', async () => {
      const secretary = await session(app, 'secretaire@demo.example');
      const sid = newId();
      await secretary.push([{ name: 'seance.create', table: 'seances', recordId: sid, baseVersion: 0, args: seanceArgs(sid) }]);
      const reader = await session(app, 'lecture@demo.example');
      expect((await reader.audit('seances', sid)).entries).toHaveLength(1);

      const stranger = await session(app, 'secretaire@autre.example');
      const hidden = await stranger.audit('seances', sid);
      expect(hidden.status).toBe(404);
      expect(hidden.error!.code).toBe('api.notFound');
      const missing = await secretary.audit('seances', newId());
      expect(missing.status).toBe(404);
      expect(missing.error!.code).toBe('api.notFound');
      // Another organisation's failed attempt on the record is not in its history.
      await stranger.push([{ name: 'seance.update', table: 'seances', recordId: sid, baseVersion: 1, args: { place: 'Piraté' } }]);
      expect((await secretary.audit('seances', sid)).entries).toHaveLength(1);

      expect((await secretary.audit('inconnue', sid)).status).toBe(400);
      expect((await secretary.call(`/api/audit?table=seances`)).status).toBe(400);
      expect((await secretary.call(`/api/audit?table=seances&id=${'x'.repeat(200)}`)).status).toBe(400);
      expect((await app.request(`/api/audit?table=seances&id=${sid}`)).status).toBe(401);
    });

    it('shows the signatures of the procès-verbal, the seal, correction requests and corrections', async () => {
      const secretary = await session(app, 'secretaire@demo.example');
      const president = await session(app, 'presidente@demo.example');
      const sid = newId();
      const did = newId();
      const secId = demo.members[1]!.id;
      // The secrétaire de séance signs with the account linked to him.
      const elu = await session(app, 'bernard.lefebvre@demo.example');
      await secretary.push([
        { name: 'seance.create', table: 'seances', recordId: sid, baseVersion: 0, args: seanceArgs(sid, { presidentId: demo.members[0]!.id, secretaryIds: [secId], status: 'in_progress' }) },
        { name: 'seance.close', table: 'seances', recordId: sid, baseVersion: 1, args: { status: 'closed', frozen: frozenFor(demo, seanceArgs(sid, { presidentId: demo.members[0]!.id, secretaryIds: [secId] })) } },
      ]);
      const body = (await secretary.pull()).records.filter((r) => r.id === sid).at(-1)!.body as unknown as Seance;
      const kp = await generateDeviceKey();
      const ks = await generateDeviceKey();
      await president.register(kp);
      await elu.register(ks);
      const sign = async (key: DeviceKey, role: 'president' | 'secretary', memberId: string, signedAt: string) => {
        const rec = await signContent(
          {
            subject: { kind: 'minutes', id: sid },
            content: minutesContent({ seance: body, attendance: [], deliberations: [], votes: [] }),
            strokes: [[{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.4 }]],
            signerName: role === 'president' ? 'Mme Claire DUMONT' : 'M. Bernard LEFEBVRE',
            capacity: role === 'president' ? 'Présidente' : 'Secrétaire de séance',
            signedAt,
          },
          key,
        );
        const sig = { id: newId(), organisationId: demo.organisation.id, seanceId: sid, memberId, role, ...rec };
        return { name: 'signature.create', table: 'signatures', recordId: sig.id, baseVersion: 0, args: sig };
      };
      const requestId = newId();
      const t0 = Date.now();
      const iso = (ms: number) => new Date(t0 + ms).toISOString();
      // The president asks for a correction, the secretary makes it: both are in the séance's history.
      expect(
        (
          await president.push([
            {
              name: 'correctionRequest.create',
              table: 'correctionRequests',
              recordId: requestId,
              baseVersion: 0,
              args: { id: requestId, organisationId: demo.organisation.id, seanceId: sid, subject: { kind: 'minutes', id: sid }, comment: 'Heure erronée', requestedBy: 'Claire DUMONT', requestedAt: iso(1) },
            },
          ])
        ).results[0]!.status,
      ).toBe('applied');
      await secretary.push([
        { name: 'correctionRequest.done', table: 'correctionRequests', recordId: requestId, baseVersion: 1, args: { status: 'done', doneBy: 'Sam Secrétaire', doneAt: iso(2) } },
      ]);
      expect((await president.push([await sign(kp, 'president', demo.members[0]!.id, iso(3))])).results[0]!.status).toBe('applied');
      expect((await elu.push([await sign(ks, 'secretary', secId, iso(4))])).results[0]!.status).toBe('applied');
      await new Promise((r) => setTimeout(r, 10));
      expect((await president.push([{ name: 'seance.status', table: 'seances', recordId: sid, baseVersion: 2, args: { status: 'signed' } }])).results[0]!.status).toBe('applied');

      const a = (await secretary.audit('seances', sid)).entries!;
      expect(a.map((e) => [e.action, e.userName])).toEqual([
        ['created', 'Sam Secrétaire'],
        ['edited', 'Sam Secrétaire'],
        ['correctionRequested', 'Claire DUMONT'],
        ['correctionDone', 'Sam Secrétaire'],
        ['signed', 'Claire DUMONT'],
        ['signed', 'Bernard LEFEBVRE'],
        ['edited', 'Claire DUMONT'],
        ['sealed', ''],
      ]);
      expect(a.find((e) => e.action === 'signed')).toMatchObject({ at: iso(3), clientId: president.clientId, status: 'applied' });
      expect(a.find((e) => e.action === 'sealed')!.clientId).toBeNull();

      // A correction of a deliberation (after closing) is in the deliberation's history.
      const sid2 = newId();
      // An information item (nothing to vote, no number): the séance closes at once.
      await secretary.push([
        { name: 'seance.create', table: 'seances', recordId: sid2, baseVersion: 0, args: seanceArgs(sid2, { status: 'in_progress' }) },
        { name: 'deliberation.create', table: 'deliberations', recordId: did, baseVersion: 0, args: { id: did, seanceId: sid2, organisationId: demo.organisation.id, orderNumber: 1, kind: 'information', object: 'Budget' } },
        { name: 'seance.close', table: 'seances', recordId: sid2, baseVersion: 1, args: { status: 'closed', frozen: frozenFor(demo, seanceArgs(sid2)) } },
      ]);
      const cid = newId();
      const corr = await secretary.push([
        { name: 'deliberation.correct', table: 'deliberations', recordId: did, baseVersion: 1, args: { object: 'Budget primitif' } },
        {
          name: 'correction.record',
          table: 'corrections',
          recordId: cid,
          baseVersion: 0,
          args: { id: cid, organisationId: demo.organisation.id, seanceId: sid2, deliberationId: did, field: 'object', before: 'Budget', after: 'Budget primitif', reason: 'Coquille', author: 'Sam Secrétaire', at: new Date(Date.now() + 60_000).toISOString() },
        },
      ]);
      expect(corr.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const d = (await president.audit('deliberations', did)).entries!;
      expect(d.map((e) => [e.action, e.userName, e.clientId])).toEqual([
        ['created', 'Sam Secrétaire', secretary.clientId],
        // The new text, then the record of who corrected it, when and why.
        ['edited', 'Sam Secrétaire', secretary.clientId],
        ['corrected', 'Sam Secrétaire', secretary.clientId],
      ]);
    });

    it('every mutation result records its record, name, user and server time', async () => {
      const secretary = await session(app, 'secretaire@demo.example');
      const sid = newId();
      const before = new Date().toISOString();
      await secretary.push([{ name: 'seance.create', table: 'seances', recordId: sid, baseVersion: 0, args: seanceArgs(sid) }]);
      const row = await db.get<{ tbl: string; record_id: string; name: string; user_id: string; at: string }>(
        'SELECT r.tbl, r.record_id, r.name, p.user_id, p.at FROM push_results r JOIN pushes p ON p.id = r.push_id WHERE p.client_id = ?',
        [secretary.clientId],
      );
      const user = await db.get<{ id: string }>("SELECT id FROM users WHERE email = 'secretaire@demo.example'");
      expect(row).toMatchObject({ tbl: 'seances', record_id: sid, name: 'seance.create', user_id: user!.id });
      expect(row!.at >= before && row!.at <= new Date().toISOString()).toBe(true);
    });
  });
}
