import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalHash } from '../src/domain/canonical';
import { newId } from '../src/domain/ids';
import { makeSeal, type Seal } from '../src/domain/seal';
import type { SeanceFile } from '../src/domain/seanceFile';
import type { Attendance, Convention, Deliberation, Seance, Signature, Vote } from '../src/domain/schemas';
import { conventionContent, deliberationContent, minutesContent } from '../src/domain/signedContent';
import { generateDeviceKey, signContent, type DeviceKey } from '../src/domain/signing';
import type { Mutation, PullResponse, PushResponse } from '../src/domain/sync';
import { useDatabase } from '../src/store/db';
import { verifyLocalRegister } from '../src/store/registerCheck';
import { exportSeanceFile } from '../src/store/seanceFile';
import { syncOnce } from '../src/sync/engine';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { contentOf } from './sync/signing';
import { getRecord, nextSeq, putRecord } from './sync/records';
import { device } from './testDevice';
import { adapters, frozenFor, postgresAvailable } from './testing';
import { main } from './verify';

/*
 * The register's acceptance case (decision 005): a séance signed and sealed through the real app,
 * exported from a device as a séance file; someone then edits the sealed séance in the server's
 * database and recomputes every hash. `npm run verify` and « Vérifier le registre » on a device
 * that pulls the edited data must both say which séance and which signature fail.
 */

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
  const push = async (muts: Omit<Mutation, 'mutationId'>[]) => {
    const r = (await call('/api/sync/push', { clientId, mutations: muts.map((m) => ({ ...m, mutationId: next++ })) })).json as PushResponse;
    expect(r.results.map((x) => x.code ?? x.status)).toEqual(muts.map(() => 'applied'));
  };
  const pulled = async <T,>(table: string, id: string) =>
    ((await call(`/api/sync/pull?clientId=${clientId}&cursor=0&limit=2000`)).json as PullResponse).records.filter((r) => r.table === table && r.id === id).at(-1)!
      .body as T;
  return { call, push, pulled, register: (key: DeviceKey) => call('/api/devices', { keyId: key.keyId, publicKeyJwk: key.publicKeyJwk }) };
}

/** Runs `npm run verify` on the files, as written to disk; returns its exit code and what it printed. */
async function verify(dir: string, files: SeanceFile[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const paths: string[] = [];
  for (const [i, f] of files.entries()) {
    const path = join(dir, `seance-${i}-${newId()}.json`);
    await writeFile(path, JSON.stringify(f, null, 2));
    paths.push(path);
  }
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void out.push(String(m)));
  const error = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void err.push(String(m)));
  try {
    return { code: await main(paths), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`npm run verify and the device's check against an edited database on ${adapter.name}`, () => {
    let db: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    let dir: string;
    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      app = createApp({ db });
      dir = await mkdtemp(join(tmpdir(), 'registre-verify-'));
    });
    afterAll(async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** A séance with its roll-call, one deliberation and its vote, a convention; closed, signed by all, sealed. */
    async function sealedSeance(seed = demo, domain = 'demo.example') {
      const secretary = await session(app, `secretaire@${domain}`);
      const president = await session(app, `presidente@${domain}`);
      // The secrétaire de séance signs with the account linked to him.
      const elu = await session(app, `bernard.lefebvre@${domain}`);
      const org = seed.organisation.id;
      const [presidentId, secretaryId] = [seed.members[0]!.id, seed.members[1]!.id];
      const seanceId = newId();
      const deliberationId = newId();
      const conventionId = newId();
      await secretary.push([
        {
          name: 'seance.create', table: 'seances', recordId: seanceId, baseVersion: 0,
          args: { id: seanceId, organisationId: org, bodyId: seed.bodies[0]!.id, date: '2011-11-07', time: '17:30', place: 'Salle du Bureau', convocationDate: '2011-06-30', presidentId, secretaryIds: [secretaryId], status: 'in_progress' },
        },
        ...seed.members.slice(0, 6).map((m) => {
          const id = `${seanceId}:${m.id}`;
          return { name: 'attendance.set', table: 'attendance', recordId: id, baseVersion: 0, args: { id, seanceId, memberId: m.id, status: 'present' } };
        }),
        {
          name: 'deliberation.create', table: 'deliberations', recordId: deliberationId, baseVersion: 0,
          args: {
            id: deliberationId, seanceId, organisationId: org, orderNumber: 4,
            object: 'Conventions tripartites pour la mise en place d’un ENT', articles: ['Le Bureau approuve la convention.', 'Le Président est autorisé à la signer.'],
          },
        },
        { name: 'vote.record', table: 'votes', recordId: deliberationId, baseVersion: 0, args: { deliberationId, mode: 'showOfHands', yes: 6 } },
        { name: 'deliberation.number', table: 'deliberations', recordId: deliberationId, baseVersion: 1, args: { registryNumber: '20111107_DL_04' } },
        { name: 'seance.close', table: 'seances', recordId: seanceId, baseVersion: 1, args: { status: 'closed', frozen: frozenFor(seed, { bodyId: seed.bodies[0]!.id, date: '2011-11-07', presidentId, secretaryIds: [secretaryId] }) } },
        {
          name: 'convention.create', table: 'conventions', recordId: conventionId, baseVersion: 0,
          args: {
            id: conventionId, organisationId: org, seanceId, deliberationId, title: 'Convention ENT', text: 'Article 1er…',
            parties: [
              { organisationName: 'Syndicat mixte de démonstration', signatoryName: 'Claire DUMONT', capacity: 'Présidente' },
              { organisationName: 'Collège Jules Verne', signatoryName: 'Anne PETIT', capacity: 'Principale' },
            ],
          },
        },
      ]);
      const seance = await secretary.pulled<Seance>('seances', seanceId);
      const attendance = await Promise.all(seed.members.slice(0, 6).map((m) => secretary.pulled<Attendance>('attendance', `${seanceId}:${m.id}`)));
      const deliberation = await secretary.pulled<Deliberation>('deliberations', deliberationId);
      const vote = await secretary.pulled<Vote>('votes', deliberationId);
      const convention = await secretary.pulled<Convention>('conventions', conventionId);

      const kp = await generateDeviceKey();
      const ks = await generateDeviceKey();
      expect((await president.register(kp)).status).toBe(200);
      expect((await elu.register(ks)).status).toBe(200);
      const sign = async (key: DeviceKey, subject: Signature['subject'], content: unknown, who: Record<string, unknown>) => {
        // Members sign under their name as the screens write it; a party under the convention's.
        const signerName = who.role === 'secretary' ? 'M. Bernard LEFEBVRE' : who.role === 'party' ? 'Claire DUMONT' : 'Mme Claire DUMONT';
        const capacity = who.role === 'secretary' ? 'Secrétaire de séance' : who.role === 'party' ? 'Présidente du syndicat' : 'Présidente';
        const rec = await signContent({ subject, content, strokes: [[{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.4 }]], signerName, capacity, signedAt: new Date().toISOString() }, key);
        const sig = { id: newId(), organisationId: org, seanceId, ...who, ...rec };
        return { name: 'signature.create', table: 'signatures', recordId: sig.id, baseVersion: 0, args: sig };
      };
      const minutes = minutesContent({ seance, attendance, deliberations: [deliberation], votes: [vote] });
      await president.push([
        await sign(kp, { kind: 'minutes', id: seanceId }, minutes, { role: 'president', memberId: presidentId }),
        await sign(kp, { kind: 'deliberation', id: deliberationId }, deliberationContent(deliberation, vote, seance.frozen), { role: 'president', memberId: presidentId }),
        await sign(kp, { kind: 'convention', id: conventionId }, conventionContent(convention), { role: 'party', partyIndex: 0 }),
      ]);
      await elu.push([await sign(ks, { kind: 'minutes', id: seanceId }, minutes, { role: 'secretary', memberId: secretaryId })]);
      await president.push([{ name: 'seance.status', table: 'seances', recordId: seanceId, baseVersion: seance.version, args: { status: 'signed' } }]);
      return { seanceId, deliberationId };
    }

    /** A device that signs in, pulls everything, and exports the séance file. */
    async function exported(seanceId: string, domain = 'demo.example') {
      const tablet = await device(app, `presidente@${domain}`);
      expect(await syncOnce(tablet.db, tablet.transport)).toMatchObject({ issues: 0 });
      useDatabase(tablet.db);
      return { tablet, file: await exportSeanceFile(seanceId) };
    }

    /** What someone with access to the database does: edits the sealed séance, then every hash that names it. */
    async function editInDatabase(seanceId: string, deliberationId: string) {
      await db.transaction(async (tx) => {
        const org = demo.organisation.id;
        const rewrite = async (tbl: string, id: string, change: (body: Record<string, unknown>) => Record<string, unknown>) => {
          const r = (await getRecord(tx, tbl, id))!;
          await putRecord(tx, { ...r, body: change(r.body), seq: await nextSeq(tx) });
        };
        await rewrite('votes', deliberationId, (v) => ({ ...v, yes: 4, no: 2 }));
        await rewrite('deliberations', deliberationId, (d) => ({ ...d, articles: ['Le Bureau rejette la convention.', 'Le Président est autorisé à la signer.'] }));
        const sigs = await tx.all<{ id: string; body: string }>("SELECT id, body FROM records WHERE tbl = 'signatures' AND organisation_id = ?", [org]);
        for (const row of sigs) {
          const s = JSON.parse(row.body) as Signature;
          if (s.seanceId !== seanceId || s.subject.kind === 'convention') continue;
          const hash = await canonicalHash(await contentOf(tx, org, s.subject));
          await rewrite('signatures', row.id, (b) => ({ ...b, contentHash: hash }));
        }
        const seal = (await getRecord(tx, 'seals', seanceId))!.body as unknown as Seal & { organisationId: string };
        const reHashed = await makeSeal(seanceId, await contentOf(tx, org, { kind: 'minutes', id: seanceId }), undefined, seal.sealedAt);
        expect(seal.index).toBe(1);
        await rewrite('seals', seanceId, (b) => ({ ...b, ...reHashed }));
      });
    }

    it('the untouched export verifies; after the database is edited and re-hashed, verify and the device both name the séance and the signature', async () => {
      const { seanceId, deliberationId } = await sealedSeance();
      const before = await exported(seanceId);
      expect(before.file.seal).toMatchObject({ index: 1, keyId: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(before.file.keys!.map((k) => k.kind).sort()).toEqual(['device', 'device', 'seal']);
      const intact = await verify(dir, [before.file]);
      expect(intact).toMatchObject({ code: 0, err: [] });
      expect(intact.out[0]).toBe('Registre intègre : 1 séance(s), 1 scellée(s), 4 signature(s) vérifiée(s).');
      expect(intact.out[1]).toBe(`Scellements signés par la clé de scellement ${before.file.seal!.keyId}.`);
      expect(await verifyLocalRegister()).toMatchObject({ ok: true, sealed: 1, signatures: 4 });

      await editInDatabase(seanceId, deliberationId);
      const expected = [
        'Séance du 2011-11-07 : la signature de Mme Claire DUMONT (Présidente) sur le procès-verbal ne se vérifie pas avec sa clé.',
        'Séance du 2011-11-07 : la signature de Mme Claire DUMONT (Présidente) sur l’extrait de la délibération n° 20111107_DL_04 ne se vérifie pas avec sa clé.',
        'Séance du 2011-11-07 : la signature de M. Bernard LEFEBVRE (Secrétaire de séance) sur le procès-verbal ne se vérifie pas avec sa clé.',
        'Registre altéré à la séance n° 1 (séance du 2011-11-07) : la signature du scellement ne se vérifie pas avec la clé du serveur.',
      ];
      const after = await exported(seanceId);
      expect(after.file.votes[0]).toMatchObject({ yes: 4, no: 2 });
      const tampered = await verify(dir, [after.file]);
      expect(tampered).toMatchObject({ code: 1, out: [] });
      expect([...tampered.err].sort()).toEqual([...expected].sort());
      expect(tampered.err[0]).toMatch(/^Séance du 2011-11-07 : la signature de (Mme Claire DUMONT \(Présidente\)|M. Bernard LEFEBVRE \(Secrétaire de séance\)) sur /);

      // « Vérifier le registre » on the device that pulled the edited data, and on the one that
      // had the séance before: the pull brings the edit there too.
      for (const d of [after.tablet.db, before.tablet.db]) {
        if (d === before.tablet.db) await syncOnce(d, before.tablet.transport);
        useDatabase(d);
        const r = await verifyLocalRegister();
        expect(r.ok).toBe(false);
        expect(!r.ok && r.problems.map((p) => p.message).sort()).toEqual([...expected].sort());
      }

      // The untouched export, kept aside, still verifies.
      expect((await verify(dir, [before.file])).code).toBe(0);
    });

    it('a signature whose key the file does not carry fails, and says so', async () => {
      // An organisation of its own: its register is this one séance.
      const other = await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
      const { seanceId } = await sealedSeance(other, 'autre.example');
      const { file } = await exported(seanceId, 'autre.example');
      const secretaryKey = file.signatures.find((s) => s.role === 'secretary')!.deviceKeyId;
      const r = await verify(dir, [{ ...file, keys: file.keys!.filter((k) => k.keyId !== secretaryKey) }]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([
        `Séance du 2011-11-07 : la clé d’appareil ${secretaryKey.slice(0, 16)}… de la signature de M. Bernard LEFEBVRE (Secrétaire de séance) sur le procès-verbal est absente du fichier : cette signature ne peut pas être vérifiée.`,
      ]);
    });
  });
}
