import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/domain/ids';
import { conventionContent, minutesContent } from '../src/domain/signedContent';
import { generateDeviceKey, signContent, type DeviceKey } from '../src/domain/signing';
import { makeSeal, verifyChain, verifySealSignature, type Seal } from '../src/domain/seal';
import type { Mutation, PullResponse, PushResponse } from '../src/domain/sync';
import type { Convention, PublicKey, Seance } from '../src/domain/schemas';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters, frozenFor, postgresAvailable } from './testing';

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
    call,
    push: async (muts: Omit<Mutation, 'mutationId'>[]) =>
      (await call('/api/sync/push', { clientId, mutations: muts.map((m) => ({ ...m, mutationId: next++ })) })).json as PushResponse,
    pull: async () => (await call(`/api/sync/pull?clientId=${clientId}&cursor=0&limit=2000`)).json as PullResponse,
    register: async (key: DeviceKey) => call('/api/devices', { keyId: key.keyId, publicKeyJwk: key.publicKeyJwk }),
  };
}

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`signatures and seals on ${adapter.name}`, () => {
    let db: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      app = createApp({ db });
    });
    afterAll(async () => db.close());

    async function closedSeance(secretary: Awaited<ReturnType<typeof session>>) {
      const id = newId();
      const secId = demo.members[1]!.id;
      const seance = {
        id,
        organisationId: demo.organisation.id,
        bodyId: demo.bodies[0]!.id,
        date: '2011-11-07',
        time: '17:30',
        place: 'Salle',
        convocationDate: '2011-06-30',
        presidentId: demo.members[0]!.id,
        secretaryIds: [secId],
        status: 'in_progress',
      };
      // Held, then closed: the server refuses a séance created closed.
      await secretary.push([
        { name: 'seance.create', table: 'seances', recordId: id, baseVersion: 0, args: seance },
        { name: 'seance.close', table: 'seances', recordId: id, baseVersion: 1, args: { status: 'closed', frozen: frozenFor(demo, seance) } },
      ]);
      const pulled = (await secretary.pull()).records.filter((r) => r.id === id).at(-1)!;
      return { id, secId, body: pulled.body as unknown as Seance };
    }

    const sign = async (key: DeviceKey, seance: Seance, role: 'president' | 'secretary', memberId: string, content?: unknown) => {
      const rec = await signContent(
        {
          subject: { kind: 'minutes', id: seance.id },
          content: content ?? minutesContent({ seance, attendance: [], deliberations: [], votes: [] }),
          strokes: [[{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.4 }]],
          signerName: role === 'president' ? 'Mme Claire DUMONT' : 'M. Bernard LEFEBVRE',
          capacity: role === 'president' ? 'Présidente' : 'Secrétaire de séance',
          signedAt: new Date().toISOString(),
        },
        key,
      );
      return { id: newId(), organisationId: demo.organisation.id, seanceId: seance.id, memberId, role, ...rec };
    };

    it('the procès-verbal signed by president and secretary seals the séance in the chain; later edits are refused', async () => {
      const secretary = await session(app, 'secretaire@demo.example');
      const president = await session(app, 'presidente@demo.example');
      // The secrétaire de séance signs with the account linked to him (the agent's has no member).
      const elu = await session(app, 'bernard.lefebvre@demo.example');
      const { id, secId, body } = await closedSeance(secretary);
      const kp = await generateDeviceKey();
      const ks = await generateDeviceKey();
      expect((await president.register(kp)).status).toBe(200);
      expect((await elu.register(ks)).status).toBe(200);

      // Sealing before every signature is refused.
      const early = await president.push([{ name: 'seance.status', table: 'seances', recordId: id, baseVersion: 2, args: { status: 'signed' } }]);
      expect(early.results[0]).toMatchObject({ status: 'rejected', code: 'sync.signaturesMissing' });

      const sp = await sign(kp, body, 'president', demo.members[0]!.id);
      const ss = await sign(ks, body, 'secretary', secId);
      expect((await president.push([{ name: 'signature.create', table: 'signatures', recordId: sp.id, baseVersion: 0, args: sp }])).results[0]!.status).toBe('applied');
      expect((await elu.push([{ name: 'signature.create', table: 'signatures', recordId: ss.id, baseVersion: 0, args: ss }])).results[0]!.status).toBe('applied');
      const sealed = await president.push([{ name: 'seance.status', table: 'seances', recordId: id, baseVersion: 2, args: { status: 'signed' } }]);
      expect(sealed.results[0]!.status).toBe('applied');

      const records = (await secretary.pull()).records;
      const seal = records.find((r) => r.table === 'seals' && r.id === id)!.body as unknown as Seal;
      expect(seal.index).toBe(1);
      const content = minutesContent({ seance: body, attendance: [], deliberations: [], votes: [] });
      expect(await verifyChain([{ seal, content }])).toEqual({ ok: true, length: 1 });

      // The seal is signed with the organisation's seal key, published beside it and by /api/keys.
      const sealKey = records.find((r) => r.table === 'publicKeys' && r.id === seal.keyId)?.body as unknown as PublicKey;
      expect(sealKey).toMatchObject({ kind: 'seal', organisationId: demo.organisation.id });
      expect(await verifySealSignature(seal, demo.organisation.id, sealKey.publicKeyJwk)).toEqual({ ok: true });
      const listed = (await secretary.call('/api/keys')).json as { keys: PublicKey[] };
      expect(listed.keys.map((k) => k.keyId)).toEqual(expect.arrayContaining([kp.keyId, ks.keyId, sealKey.keyId]));
      expect(listed.keys.filter((k) => 'd' in k.publicKeyJwk)).toEqual([]);
      // Someone edits the séance in the database and recomputes the seal's hashes: the chain
      // holds, the signature does not.
      const edited = minutesContent({ seance: { ...body, place: 'Ailleurs' }, attendance: [], deliberations: [], votes: [] });
      const forged = { ...(await makeSeal(id, edited, undefined, seal.sealedAt)), keyId: seal.keyId!, signature: seal.signature! };
      expect(await verifyChain([{ seal: forged, content: edited }])).toEqual({ ok: true, length: 1 });
      expect(await verifySealSignature(forged, demo.organisation.id, sealKey.publicKeyJwk)).toEqual({ ok: false, reason: 'signature' });

      const late = await secretary.push([{ name: 'seance.update', table: 'seances', recordId: id, baseVersion: 3, args: { place: 'Ailleurs' } }]);
      expect(late.results[0]).toMatchObject({ status: 'rejected', code: 'sync.sealed' });
    });

    it('a forged or altered signature, or one made with an unregistered key, is refused', async () => {
      const president = await session(app, 'presidente@demo.example');
      const secretary = await session(app, 'secretaire@demo.example');
      const { body } = await closedSeance(secretary);
      const registered = await generateDeviceKey();
      await president.register(registered);
      const stranger = await generateDeviceKey();

      const altered = await sign(registered, body, 'president', demo.members[0]!.id, { seance: { ...body, place: 'Autre salle' } });
      const forged = { ...(await sign(registered, body, 'president', demo.members[0]!.id)), capacity: 'Quelqu’un' };
      const unknownKey = await sign(stranger, body, 'president', demo.members[0]!.id);
      const r = await president.push(
        [altered, forged, unknownKey].map((sig) => ({ name: 'signature.create', table: 'signatures' as const, recordId: sig.id, baseVersion: 0, args: sig })),
      );
      expect(r.results.map((x) => x.code)).toEqual(['sync.badSignature', 'sync.badSignature', 'sync.unknownDeviceKey']);
    });

    describe('conventions', () => {
      async function convention(secretary: Awaited<ReturnType<typeof session>>) {
        const seanceId = newId();
        const deliberationId = newId();
        const id = newId();
        const seance = {
          id: seanceId, organisationId: demo.organisation.id, bodyId: demo.bodies[0]!.id, date: '2011-11-07', time: '17:30', place: 'Salle',
          convocationDate: '2011-06-30', status: 'in_progress',
        };
        const args = {
          id,
          organisationId: demo.organisation.id,
          seanceId,
          deliberationId,
          title: 'Convention de mise à disposition',
          parties: [
            { organisationName: 'Commune', signatoryName: 'Claire DUMONT', capacity: 'Maire' },
            { organisationName: 'Association', signatoryName: 'Jean MARTIN', capacity: 'Président' },
          ],
          text: 'Article 1er…',
        };
        const r = await secretary.push([
          { name: 'seance.create', table: 'seances', recordId: seanceId, baseVersion: 0, args: seance },
          { name: 'deliberation.create', table: 'deliberations', recordId: deliberationId, baseVersion: 0, args: { id: deliberationId, seanceId, organisationId: demo.organisation.id, orderNumber: 1, object: 'Convention' } },
          { name: 'convention.create', table: 'conventions', recordId: id, baseVersion: 0, args },
        ]);
        expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
        const body = (await secretary.pull()).records.filter((x) => x.id === id).at(-1)!.body as unknown as Convention;
        return body;
      }

      const signParty = async (key: DeviceKey, conv: Convention, over: Record<string, unknown> = {}) => {
        const index = typeof over.partyIndex === 'number' ? over.partyIndex : 0;
        const rec = await signContent(
          {
            subject: { kind: 'convention', id: conv.id },
            content: conventionContent(conv),
            strokes: [[{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.4 }]],
            // Each party's signatory signs under the name the convention gives them.
            signerName: conv.parties[index]?.signatoryName ?? 'Claire DUMONT',
            capacity: 'Maire',
            signedAt: new Date().toISOString(),
          },
          key,
        );
        const sig = { id: newId(), organisationId: demo.organisation.id, seanceId: conv.seanceId, role: 'party', partyIndex: 0, ...rec, ...over };
        return { name: 'signature.create', table: 'signatures', recordId: sig.id, baseVersion: 0, args: sig };
      };

      it('a signed convention refuses edits and deletion', async () => {
        const secretary = await session(app, 'secretaire@demo.example');
        const president = await session(app, 'presidente@demo.example');
        const key = await generateDeviceKey();
        await president.register(key);
        const conv = await convention(secretary);
        // Before any signature it still changes.
        const edit = await secretary.push([{ name: 'convention.update', table: 'conventions', recordId: conv.id, baseVersion: 1, args: { title: 'Convention modifiée' } }]);
        expect(edit.results[0]!.status).toBe('applied');
        const current = (await secretary.pull()).records.filter((x) => x.id === conv.id).at(-1)!.body as unknown as Convention;
        expect((await president.push([await signParty(key, current)])).results[0]!.status).toBe('applied');
        const r = await secretary.push([
          { name: 'convention.update', table: 'conventions', recordId: conv.id, baseVersion: 2, args: { title: 'Encore' } },
          { name: 'convention.delete', table: 'conventions', recordId: conv.id, baseVersion: 2, args: {} },
        ]);
        expect(r.results.map((x) => [x.status, x.code])).toEqual([
          ['rejected', 'sync.sealed'],
          ['rejected', 'sync.sealed'],
        ]);
      });

      it('a party signature needs role party and a party index of the convention; each party signs once', async () => {
        const secretary = await session(app, 'secretaire@demo.example');
        const president = await session(app, 'presidente@demo.example');
        const key = await generateDeviceKey();
        await president.register(key);
        const conv = await convention(secretary);
        const r = await president.push([
          await signParty(key, conv, { role: 'president' }),
          await signParty(key, conv, { partyIndex: 2 }),
          await signParty(key, conv, { partyIndex: undefined }),
          await signParty(key, conv, { partyIndex: 0 }),
          await signParty(key, conv, { partyIndex: 0 }),
          await signParty(key, conv, { partyIndex: 1 }),
        ]);
        expect(r.results.map((x) => x.code ?? x.status)).toEqual(['sync.invalid', 'sync.invalid', 'sync.invalid', 'applied', 'sync.alreadySigned', 'applied']);
        // In a later push too.
        const again = await president.push([await signParty(key, conv, { partyIndex: 1 })]);
        expect(again.results[0]).toMatchObject({ status: 'rejected', code: 'sync.alreadySigned' });
      });
    });

    it('a device key cannot be claimed by another user', async () => {
      const president = await session(app, 'presidente@demo.example');
      const secretary = await session(app, 'secretaire@demo.example');
      const key = await generateDeviceKey();
      await president.register(key);
      expect((await secretary.register(key)).status).toBe(403);
    });
  });
}
