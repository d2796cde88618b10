import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalHash } from '../src/domain/canonical';
import { newId } from '../src/domain/ids';
import type { Seal } from '../src/domain/seal';
import { conventionContent } from '../src/domain/signedContent';
import { generateDeviceKey, signContent, type DeviceKey } from '../src/domain/signing';
import type { Convention, Deliberation } from '../src/domain/schemas';
import type { MutationResult } from '../src/domain/sync';
import { createApp } from './app';
import {
  bureau, Client, command, freshDate, memberName, minutesOf, minutesSignature, recordsOf, registryNumber, signatureCommand, votesNotAddingUp,
  type App, type Demo, type Pushed, type Rec, type Role,
} from './authorityTesting';
import type { Driver } from './db/driver';
import { seedOrganisation } from './seed';
import { adapters, postgresAvailable } from './testing';

/*
 * The server is the register's authority (docs/decisions/004): each test below is a way a
 * device, or someone holding a valid session, once changed the register behind its rules, sent
 * as a raw push over HTTP. Each asserts the refusal and that the server's records did not move,
 * so it fails against a server that stored the patch it was sent.
 */

const pgUp = await postgresAvailable();
const codes = (r: Pushed) => r.results.map((x) => [x.status, x.code]);
const refused = (code: string) => ['rejected', code];

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`the server's authority on ${adapter.name}`, () => {
    let db: Driver;
    let app: App;
    let demo: Demo;
    let b: ReturnType<typeof bureau>;
    /** The secretariat's agent (no member), the president (Claire DUMONT), the secrétaire de séance (Bernard LEFEBVRE). */
    let agent: Client;
    let president: Client;
    let bernard: Client;
    /** Sessions of the administrator, of a reader, and of another organisation's secretariat. */
    let sessions: Record<'admin' | 'reader' | 'stranger', Client>;
    const keys = {} as Record<'agent' | 'president' | 'bernard', DeviceKey>;

    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
      app = createApp({ db });
      b = bureau(demo);
      [agent, president, bernard] = await Promise.all(
        ['secretaire@demo.example', 'presidente@demo.example', 'bernard.lefebvre@demo.example'].map((e) => Client.login(app, e)),
      ) as [Client, Client, Client];
      const [admin, reader, stranger] = await Promise.all(['admin@demo.example', 'lecture@demo.example', 'secretaire@autre.example'].map((e) => Client.login(app, e)));
      sessions = { admin: admin!, reader: reader!, stranger: stranger! };
      for (const [who, c] of [['agent', agent], ['president', president], ['bernard', bernard]] as const) {
        keys[who] = await generateDeviceKey();
        expect(await c.register(keys[who])).toBe(200);
      }
    });
    afterAll(async () => db.close());

    // -------------------------------------------------------------------------------------------
    // A lawful register, built through the API as the devices build it.

    interface Held {
      id: string;
      date: string;
      items: string[];
    }

    /** What a refused push must leave as it was: call it before, then call what it returns after. */
    async function unchanged(): Promise<() => Promise<void>> {
      const before = await recordsOf(db, demo.organisation.id);
      return async () => expect(await recordsOf(db, demo.organisation.id)).toEqual(before);
    }

    const allApplied = (r: Pushed) => {
      expect(r.status).toBe(200);
      expect(r.results.filter((x) => x.status !== 'applied')).toEqual([]);
    };

    /** A séance in progress: the nine members of the Bureau (or the first `present` of them) in the room, its items on the agenda. */
    async function held(o: { items?: number | Rec[]; present?: number; date?: string; by?: Client; status?: string; bodyId?: string } = {}): Promise<Held> {
      const by = o.by ?? agent;
      const id = newId();
      const date = o.date ?? freshDate();
      const specs = typeof o.items === 'number' ? Array.from({ length: o.items }, () => ({})) : (o.items ?? [{}]);
      const items = specs.map(() => newId());
      const present = o.present ?? 9;
      allApplied(
        await by.push([
          b.seance(id, date, { status: o.status ?? 'in_progress', ...(o.bodyId ? { bodyId: o.bodyId } : {}) }),
          ...b.members.map((m, i) => b.presence(id, m, i < present ? 'present' : 'absent')),
          ...specs.map((spec, i) => b.item(items[i]!, id, i + 1, spec)),
        ]),
      );
      return { id, date, items };
    }

    /** Every item voted, nine for. */
    async function voted(s: Held, by = agent): Promise<Held> {
      allApplied(await by.push(s.items.map((d) => b.vote(d, 9))));
      return s;
    }

    /** Numbered from `first` on and closed, in one push, as closing does it on the device. */
    async function closed(s: Held, by = agent, first = 1): Promise<Held> {
      await by.sync();
      allApplied(
        await by.push([
          ...s.items.map((d, i) => command('deliberation.number', 'deliberations', d, { registryNumber: registryNumber(s.date, first + i) }, by.version('deliberations', d))),
          command('seance.close', 'seances', s.id, { status: 'closed', frozen: by.frozen(s.id) }, by.version('seances', s.id)),
        ]),
      );
      return s;
    }

    const heldAndClosed = async (o: Parameters<typeof held>[0] = {}) => closed(await voted(await held(o)));

    const signerOf = (role: Role) => (role === 'president' ? { c: president, k: keys.president, memberId: b.presidentId } : { c: bernard, k: keys.bernard, memberId: b.secretaryId });

    /** The signature of the procès-verbal as the signer's device makes it, over the content it pulled. */
    async function signature(s: Held, role: Role, over: { signedAt?: string; png?: string } = {}): Promise<Rec> {
      const { c, k, memberId } = signerOf(role);
      await c.sync();
      return minutesSignature(k, {
        organisationId: b.organisationId,
        seanceId: s.id,
        content: minutesOf(c.records.values(), s.id)!.content,
        role,
        memberId,
        signerName: memberName(demo, memberId),
        ...over,
      });
    }

    async function sign(s: Held, role: Role): Promise<MutationResult & { id: string }> {
      const sig = await signature(s, role);
      return { ...(await signerOf(role).c.run(signatureCommand(sig))), id: String(sig.id) };
    }

    /** Sealing: the president's device turns the séance to signed. */
    const sealing = (s: Held) => president.edit('seance.status', 'seances', s.id, { status: 'signed' });

    /** Closed, signed by the president and the secrétaire de séance, sealed: the real path. */
    async function sealedSeance(o: Parameters<typeof held>[0] = {}): Promise<Held> {
      const s = await heldAndClosed(o);
      expect((await sign(s, 'president')).status).toBe('applied');
      expect((await sign(s, 'secretary')).status).toBe('applied');
      expect(await sealing(s)).toMatchObject({ status: 'applied' });
      return s;
    }

    async function sealOf(id: string): Promise<Seal | undefined> {
      const row = await db.get<{ body: string }>("SELECT body FROM records WHERE tbl = 'seals' AND id = ?", [id]);
      return row && (JSON.parse(row.body) as Seal);
    }

    /** The séance's content as a fresh pull gives it still hashes to what its seal sealed. */
    async function expectSealIntact(s: Held, reader: Client) {
      const seal = await sealOf(s.id);
      expect(seal).toBeDefined();
      const now = minutesOf(await reader.pullAll(), s.id)!;
      expect(await canonicalHash(now.content)).toBe(seal!.contentHash);
      return now;
    }

    /** A new device (its own client id, nothing pulled) of an account already signed in. */
    const fresh = (who: Client) => who.device();

    // -------------------------------------------------------------------------------------------
    // 1. A sealed séance emptied

    it('1. a sealed séance keeps its acts and its roll-call: nothing moves out to a draft, no vote flips, no text, item or presence changes', async () => {
      const s = await sealedSeance({ items: 2 });
      const draft = newId();
      allApplied(await agent.push([b.seance(draft, freshDate(), { status: 'draft' })]));
      const hostile = await fresh(agent);
      await hostile.sync();
      const [d1, d2] = s.items as [string, string];
      const att = `${s.id}:${b.members[2]}`;
      const v = (table: string, id: string) => hostile.version(table, id);
      const same = await unchanged();

      const moves = await hostile.push([
        command('deliberation.update', 'deliberations', d1, { seanceId: draft }, v('deliberations', d1)),
        command('deliberation.correct', 'deliberations', d1, { seanceId: draft }, v('deliberations', d1)),
        command('deliberations.resolve', 'deliberations', d2, { seanceId: draft }, v('deliberations', d2)),
        command('deliberation.number', 'deliberations', d2, { seanceId: draft, registryNumber: hostile.get<Deliberation>('deliberations', d2)!.registryNumber }, v('deliberations', d2)),
        command('attendance.set', 'attendance', att, { seanceId: draft }, v('attendance', att)),
        command('attendance.movement', 'attendance', att, { seanceId: draft, movements: [] }, v('attendance', att)),
        // Sent whole, as a device that created it would: only the command's own field is taken.
        command('attendance.set', 'attendance', att, { id: att, seanceId: draft, memberId: b.members[2]!, status: 'present' }),
        // Created again in the draft under the same id.
        command('deliberation.create', 'deliberations', d1, { ...hostile.get('deliberations', d1), seanceId: draft }),
      ]);
      expect(codes(moves)).toEqual([
        refused('sync.fieldNotAllowed'),
        refused('sync.fieldNotAllowed'),
        refused('sync.fieldNotAllowed'),
        refused('sync.fieldNotAllowed'),
        refused('sync.fieldNotAllowed'),
        refused('sync.fieldNotAllowed'),
        refused('sync.sealed'),
        refused('sync.exists'),
      ]);
      // The refusal hands back the record as the server holds it: still in its séance.
      expect(moves.results[0]!.current).toMatchObject({ body: { id: d1, seanceId: s.id } });

      const edits = await hostile.push([
        b.vote(d1, 7, 2, 0, v('votes', d1)),
        command('vote.cancel', 'votes', d1, {}, v('votes', d1)),
        command('deliberation.update', 'deliberations', d1, { articles: ['Article 1er : le Bureau rejette.'] }, v('deliberations', d1)),
        command('deliberation.correct', 'deliberations', d1, { articles: ['Article 1er : le Bureau rejette.'] }, v('deliberations', d1)),
        command('deliberation.delete', 'deliberations', d2, {}, v('deliberations', d2)),
        command('attendance.set', 'attendance', att, { status: 'absent' }, v('attendance', att)),
        b.item(newId(), s.id, 3),
      ]);
      expect(codes(edits)).toEqual(Array(7).fill(refused('sync.sealed')));
      await same();

      const now = await expectSealIntact(s, hostile);
      expect(now.deliberations.map((d) => d.id).sort()).toEqual([d1, d2].sort());
      expect(now.votes.map((x) => [x.yes, x.no])).toEqual([[9, 0], [9, 0]]);
      expect(now.attendance.filter((a) => a.status === 'present')).toHaveLength(9);
      expect(minutesOf(hostile.records.values(), draft)!.deliberations).toEqual([]);
    });

    // -------------------------------------------------------------------------------------------
    // 2. Sealed over a changed PV

    const thousand = ['Article 1er : une subvention de 1 000 euros est attribuée au comité des fêtes.'];
    const hundredThousand = ['Article 1er : une subvention de 100 000 euros est attribuée au comité des fêtes.'];

    async function corrected(s: Held) {
      const [d] = s.items as [string];
      await agent.sync();
      allApplied(
        await agent.push([
          command('deliberation.correct', 'deliberations', d, { articles: hundredThousand }, agent.version('deliberations', d)),
          command('correction.record', 'corrections', newId(), {
            organisationId: b.organisationId, seanceId: s.id, deliberationId: d, field: 'articles', before: thousand, after: hundredThousand,
            reason: 'Erreur de plume', author: 'Sam Secrétaire', at: new Date().toISOString(),
          }),
        ].map((c) => (c.name === 'correction.record' ? { ...c, args: { ...c.args, id: c.recordId } } : c))),
      );
    }

    it('2. signatures of a PV that said "1 000 euros" do not seal it once corrected to "100 000 euros"', async () => {
      const s = await heldAndClosed({ items: [{ articles: thousand }] });
      expect((await sign(s, 'president')).status).toBe('applied');
      expect((await sign(s, 'secretary')).status).toBe('applied');
      // Corrected after they signed: allowed while the séance is closed, with its correction record.
      await corrected(s);
      const same = await unchanged();
      expect(await sealing(s)).toMatchObject({ status: 'rejected', code: 'sync.signaturesStale' });
      await same();
      expect(await sealOf(s.id)).toBeUndefined();
      expect((await president.pullAll()).find((r) => r.table === 'seances' && r.id === s.id)!.body.status).toBe('closed');
    });

    it('2b. once corrected, the PV signed again over its new content seals', async () => {
      const s = await heldAndClosed({ items: [{ articles: thousand }] });
      expect((await sign(s, 'president')).status).toBe('applied');
      expect((await sign(s, 'secretary')).status).toBe('applied');
      await corrected(s);
      // The signers read the corrected text and sign it: that, and only that, seals.
      const again = [await sign(s, 'president'), await sign(s, 'secretary'), await sealing(s)];
      expect(again.map((x) => [x.status, x.code])).toEqual([['applied', undefined], ['applied', undefined], ['applied', undefined]]);
      const now = await expectSealIntact(s, agent);
      expect(now.deliberations[0]!.articles).toEqual(hundredThousand);
    });

    // -------------------------------------------------------------------------------------------
    // 3. Signatures deleted

    async function signedConvention(o: { seanceId?: boolean } = {}) {
      const s = await held();
      const id = newId();
      const conv = {
        id, organisationId: b.organisationId, seanceId: s.id, deliberationId: s.items[0]!, title: 'Convention de mise à disposition',
        parties: [
          { organisationName: 'Syndicat', signatoryName: 'Claire DUMONT', capacity: 'Présidente' },
          { organisationName: 'Association', signatoryName: 'Jean MARTIN', capacity: 'Président' },
        ],
        text: 'Article 1er…',
      };
      expect(await agent.run(command('convention.create', 'conventions', id, conv))).toMatchObject({ status: 'applied' });
      await president.sync();
      const body = president.get<Convention>('conventions', id)!;
      const partySignature = async (partyIndex: number, withSeance = o.seanceId ?? true) => {
        const rec = await signContent(
          {
            subject: { kind: 'convention', id },
            content: conventionContent(body),
            strokes: [[{ x: 0.2, y: 0.2 }, { x: 0.8, y: 0.6 }]],
            signerName: body.parties[partyIndex]!.signatoryName,
            capacity: body.parties[partyIndex]!.capacity,
            signedAt: new Date().toISOString(),
          },
          keys.president,
        );
        return { id: newId(), organisationId: b.organisationId, ...(withSeance ? { seanceId: s.id } : {}), role: 'party', partyIndex, ...rec };
      };
      const sig = await partySignature(0);
      expect(await president.run(signatureCommand(sig))).toMatchObject({ status: 'applied' });
      return { s, id, sig, partySignature };
    }

    it('3. no command deletes, rewrites or revokes a signature, of a PV or of a convention; the convention stays locked', async () => {
      const s = await heldAndClosed();
      const pv = await sign(s, 'president');
      expect(pv.status).toBe('applied');
      const conv = await signedConvention();
      const hostile = await fresh(president);
      await hostile.sync();
      const same = await unchanged();
      const names = ['signature.delete', 'signature.update', 'signatures.resolve', 'signature.revoke', 'signature.put', 'signatures.delete'];
      for (const id of [pv.id, String(conv.sig.id)]) {
        const r = await hostile.push(names.map((name) => command(name, 'signatures', id, { id, _deleted: true }, hostile.version('signatures', id))));
        expect(codes(r)).toEqual(names.map(() => refused('sync.unknownCommand')));
        // Nor created again over itself with other content.
        const again = await hostile.run(command('signature.create', 'signatures', id, { ...hostile.get('signatures', id), signerName: 'Personne' }));
        expect(again).toMatchObject({ status: 'rejected', code: 'sync.exists' });
      }
      await same();
      const r = await agent.push([
        command('convention.update', 'conventions', conv.id, { title: 'Convention modifiée' }, 1),
        command('convention.delete', 'conventions', conv.id, {}, 1),
      ]);
      expect(codes(r)).toEqual([refused('sync.sealed'), refused('sync.sealed')]);
      await same();
    });

    it('3b. a party signature must name its convention\'s séance, and a party signs once', async () => {
      const conv = await signedConvention();
      const same = await unchanged();
      // Without its séance the convention's lock would not see it: refused, not stored aside.
      const r = await president.push([signatureCommand(await conv.partySignature(1, false)), signatureCommand(await conv.partySignature(0, true))]);
      expect(codes(r)).toEqual([refused('sync.invalid'), refused('sync.alreadySigned')]);
      await same();
    });

    // -------------------------------------------------------------------------------------------
    // 4. A deletion placeholder never crashes

    it('4. a signature turned into a deletion placeholder in the database breaks no later signing, sealing, pull or audit', async () => {
      const s = await heldAndClosed();
      const other = await heldAndClosed();
      const a = await sign(s, 'president');
      const c = await sign(other, 'president');
      // As an older server wrote a deletion: the body replaced, the row (and its parent) kept...
      await db.run('UPDATE records SET body = ? WHERE tbl = ? AND id = ?', [JSON.stringify({ id: a.id, _deleted: true }), 'signatures', a.id]);
      // ...or its parent cleared too.
      await db.run('UPDATE records SET body = ?, parent_id = NULL WHERE tbl = ? AND id = ?', [JSON.stringify({ id: c.id, _deleted: true }), 'signatures', c.id]);

      expect(await president.run(signatureCommand({ ...(await signature(s, 'president')), id: a.id }))).toMatchObject({ status: 'rejected', code: 'sync.deleted' });
      for (const x of [s, other]) {
        expect(await sign(x, 'president')).toMatchObject({ status: 'applied' });
        expect(await sign(x, 'secretary')).toMatchObject({ status: 'applied' });
        expect(await sealing(x)).toMatchObject({ status: 'applied' });
        await expectSealIntact(x, agent);
      }
      // A third séance of the organisation seals after them, in the chain.
      const third = await sealedSeance();
      const [s1, s2, s3] = [await sealOf(s.id), await sealOf(other.id), await sealOf(third.id)];
      expect([s2!.index, s3!.index]).toEqual([s1!.index + 1, s1!.index + 2]);
      expect(s3!.previousSealHash).toBe(s2!.sealHash);
      expect((await agent.audit('seances', s.id)).status).toBe(200);
      expect((await agent.pullPage(0, 2000)).records.find((r) => r.id === a.id)!.body).toEqual({ id: a.id, _deleted: true });
    });

    // -------------------------------------------------------------------------------------------
    // 5. A cancelled vote can be recorded again

    it('5. a vote recorded, cancelled and recorded again applies; the séance then closes, is signed and sealed without the cancelled one', async () => {
      const s = await held();
      const [d] = s.items as [string];
      expect(await agent.run(b.vote(d, 9))).toMatchObject({ status: 'applied' });
      expect(await agent.edit('vote.cancel', 'votes', d, {})).toMatchObject({ status: 'applied' });
      await agent.sync();
      expect(agent.records.get(`votes|${d}`)!.body).toMatchObject({ _deleted: true });
      expect(await agent.run(b.vote(d, 6, 3))).toMatchObject({ status: 'applied' });
      await closed(s);
      expect((await sign(s, 'president')).status).toBe('applied');
      expect((await sign(s, 'secretary')).status).toBe('applied');
      expect(await sealing(s)).toMatchObject({ status: 'applied' });
      const now = await expectSealIntact(s, agent);
      expect(now.votes.map((v) => [v.deliberationId, v.yes, v.no])).toEqual([[d, 6, 3]]);
    });

    // -------------------------------------------------------------------------------------------
    // 6. Two acts with the same number

    it('6. two devices closing séances of the same day cannot give one number twice; the second takes the next free number', async () => {
      const date = freshDate();
      const a = await voted(await held({ date, by: agent }), agent);
      const bs = await voted(await held({ date, by: bernard }), bernard);
      const number = registryNumber(date, 1);
      await closed(a, agent);
      await bernard.sync();
      const [d] = bs.items as [string];
      const same = await unchanged();
      const second = await bernard.push([
        command('deliberation.number', 'deliberations', d, { registryNumber: number }, bernard.version('deliberations', d)),
        command('seance.close', 'seances', bs.id, { status: 'closed', frozen: bernard.frozen(bs.id) }, bernard.version('seances', bs.id)),
      ]);
      expect(codes(second)).toEqual([refused('closing.numberTaken'), refused('closing.unnumbered')]);
      await same();
      // The server's deliberation, without a number: the device puts it back and numbers again.
      const current = second.results[0]!.current!;
      expect(current.body).toMatchObject({ id: d, seanceId: bs.id });
      expect(current.body.registryNumber).toBeUndefined();
      const retry = await bernard.push([
        command('deliberation.number', 'deliberations', d, { registryNumber: registryNumber(date, 2) }, current.version),
        command('seance.close', 'seances', bs.id, { status: 'closed', frozen: bernard.frozen(bs.id) }, bernard.version('seances', bs.id)),
      ]);
      expect(codes(retry)).toEqual([['applied', undefined], ['applied', undefined]]);
      const acts = (await agent.pullAll()).filter((r) => r.table === 'deliberations' && (r.body.seanceId === a.id || r.body.seanceId === bs.id));
      expect(acts.map((r) => r.body.registryNumber).sort()).toEqual([registryNumber(date, 1), registryNumber(date, 2)]);
    });

    it('6b. the same number pushed by two devices at the same moment is given once', async () => {
      const date = freshDate();
      const a = await voted(await held({ date, by: agent }), agent);
      const bs = await voted(await held({ date, by: bernard }), bernard);
      await Promise.all([agent.sync(), bernard.sync()]);
      const closing = (c: Client, s: Held) =>
        c.push([
          command('deliberation.number', 'deliberations', s.items[0]!, { registryNumber: registryNumber(date, 1) }, c.version('deliberations', s.items[0]!)),
          command('seance.close', 'seances', s.id, { status: 'closed', frozen: c.frozen(s.id) }, c.version('seances', s.id)),
        ]);
      const [ra, rb] = await Promise.all([closing(agent, a), closing(bernard, bs)]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const outcomes = [codes(ra), codes(rb)].map((x) => JSON.stringify(x)).sort();
      expect(outcomes).toEqual(
        [
          [['applied', undefined], ['applied', undefined]],
          [refused('closing.numberTaken'), refused('closing.unnumbered')],
        ].map((x) => JSON.stringify(x)).sort(),
      );
      const held1 = await db.all<{ deliberation_id: string }>('SELECT deliberation_id FROM registry_numbers WHERE organisation_id = ? AND number = ?', [
        b.organisationId,
        registryNumber(date, 1),
      ]);
      expect(held1).toHaveLength(1);
    });

    // -------------------------------------------------------------------------------------------
    // 7. Frozen as published

    it('7. a séance is never created closed, signed or published, nor published before it is sealed; a sealed one is published', async () => {
      const same = await unchanged();
      const born = await agent.push(['closed', 'signed', 'published'].map((status) => b.seance(newId(), freshDate(), { status })));
      expect(codes(born)).toEqual(Array(3).fill(refused('seance.badTransition')));
      await same();

      const draft = await held({ status: 'draft' });
      const shut = await heldAndClosed();
      const hostile = await fresh(agent);
      await hostile.sync();
      const early = await hostile.push(
        [draft, shut].flatMap((s) => [
          command('seance.status', 'seances', s.id, { status: 'published' }, hostile.version('seances', s.id)),
          command('seance.publish', 'seances', s.id, { status: 'published' }, hostile.version('seances', s.id)),
        ]),
      );
      expect(codes(early)).toEqual(Array(4).fill(refused('seance.badTransition')));
      await (await unchanged())();

      const sealed1 = await sealedSeance();
      const sealed2 = await sealedSeance();
      expect(await agent.edit('seance.publish', 'seances', sealed1.id, { status: 'published' })).toMatchObject({ status: 'applied' });
      expect(await agent.edit('seance.status', 'seances', sealed2.id, { status: 'published' })).toMatchObject({ status: 'applied' });
      // And never back.
      const back = await agent.push([command('seance.status', 'seances', sealed1.id, { status: 'signed' }, agent.version('seances', sealed1.id) + 1)]);
      expect(codes(back)).toEqual([refused('sync.sealed')]);
      await agent.sync();
      expect([agent.get<Rec>('seances', sealed1.id)!.status, agent.get<Rec>('seances', sealed2.id)!.status]).toEqual(['published', 'published']);
      await expectSealIntact(sealed1, agent);
    });

    // -------------------------------------------------------------------------------------------
    // 8. Signature not tied to its signer

    it('8. a signature is the signed-in member\'s own, in a capacity that is theirs, dated honestly, over the image it shows, once', async () => {
      const s = await heldAndClosed();
      await agent.sync();
      const content = minutesOf(agent.records.values(), s.id)!.content;
      const base = { organisationId: b.organisationId, seanceId: s.id, content };
      const claire = { role: 'president' as const, memberId: b.presidentId, signerName: 'Mme Claire DUMONT' };
      const same = await unchanged();

      // The agent's account is linked to no member: it signs as nobody, whatever it claims.
      const asAgent = await agent.push([
        signatureCommand(await minutesSignature(keys.agent, { ...base, ...claire })),
        signatureCommand(await minutesSignature(keys.agent, { ...base, role: 'president', signerName: 'Mme Claire DUMONT' })),
      ]);
      expect(codes(asAgent)).toEqual([refused('signature.notSigner'), refused('signature.notSigner')]);

      const k = keys.president;
      const byPresident = await president.push([
        // For Bernard LEFEBVRE, as secretary.
        signatureCommand(await minutesSignature(k, { ...base, role: 'secretary', memberId: b.secretaryId, signerName: 'M. Bernard LEFEBVRE' })),
        // As herself, in a capacity that is not hers in this séance.
        signatureCommand(await minutesSignature(k, { ...base, role: 'secretary', memberId: b.presidentId, signerName: 'Mme Claire DUMONT' })),
        // Under another name.
        signatureCommand(await minutesSignature(k, { ...base, ...claire, signerName: 'Mme Claire DUPONT' })),
        signatureCommand(await minutesSignature(k, { ...base, ...claire, signedAt: '2099-01-01T00:00:00.000Z' })),
        signatureCommand(await minutesSignature(k, { ...base, ...claire, signedAt: 'not-a-date' })),
        // The day before the séance.
        signatureCommand(await minutesSignature(k, { ...base, ...claire, signedAt: new Date(Date.parse(`${s.date}T00:00:00.000Z`) - 86_400_000).toISOString() })),
        // The image shown is not the image signed.
        signatureCommand({ ...(await minutesSignature(k, { ...base, ...claire, png: 'data:image/png;base64,U0lHTkVE' })), png: 'data:image/png;base64,U1dBUFBFRA==' }),
        // Bernard's key, or a key nobody registered.
        signatureCommand(await minutesSignature(keys.bernard, { ...base, ...claire })),
        signatureCommand(await minutesSignature(await generateDeviceKey(), { ...base, ...claire })),
      ]);
      expect(codes(byPresident)).toEqual([
        refused('signature.notSigner'),
        refused('signature.notTheirCapacity'),
        refused('signature.notSigner'),
        refused('signature.inFuture'),
        refused('signature.badDate'),
        refused('signature.beforeSeance'),
        refused('signature.imageNotSigned'),
        refused('sync.unknownDeviceKey'),
        refused('sync.unknownDeviceKey'),
      ]);
      await same();

      // The lawful one, with a receipt time the device tries to set itself.
      const good = await minutesSignature(k, { ...base, ...claire, png: 'data:image/png;base64,U0lHTkVE' });
      const t0 = new Date().toISOString();
      const push = president.number([signatureCommand({ ...good, receivedAt: '1999-01-01T00:00:00.000Z' })]);
      expect(codes(await president.send(push))).toEqual([['applied', undefined]]);
      const t1 = new Date().toISOString();
      // Replayed as it was: skipped; sent again under a new id: refused.
      expect(codes(await president.send(push))).toEqual([['skipped', undefined]]);
      const before = await unchanged();
      expect(codes(await president.push([signatureCommand({ ...good, id: newId() })]))).toEqual([refused('sync.alreadySigned')]);
      await before();
      const stored = (await president.pullAll()).find((r) => r.table === 'signatures' && r.id === good.id)!.body;
      expect(stored.receivedAt).not.toBe('1999-01-01T00:00:00.000Z');
      expect(String(stored.receivedAt) >= t0 && String(stored.receivedAt) <= t1).toBe(true);
      expect(stored.memberId).toBe(b.presidentId);
    });

    // -------------------------------------------------------------------------------------------
    // 9. Seals are the server's

    it('9. a device cannot write a seal', async () => {
      const s = await heldAndClosed();
      const fake = { seanceId: s.id, organisationId: b.organisationId, index: 1, contentHash: '0'.repeat(64), previousSealHash: '0'.repeat(64), sealedAt: new Date().toISOString(), sealHash: '1'.repeat(64) };
      const same = await unchanged();
      const r = await agent.push(['seal.create', 'seals.put', 'seals.resolve'].map((name) => command(name, 'seals', s.id, fake)));
      expect(codes(r)).toEqual(Array(3).fill(refused('api.forbidden')));
      await same();
      expect(await sealOf(s.id)).toBeUndefined();
    });

    // -------------------------------------------------------------------------------------------
    // 10. Another user's clientId

    it("10. another user pushing under a device's client id (read from the audit) is refused; that device's next change still applies", async () => {
      const a = await fresh(agent);
      const sid = newId();
      expect(await a.run(b.seance(sid, freshDate()))).toMatchObject({ status: 'applied' });
      // Any role reads the audit, client ids included.
      const reader = await fresh(sessions.reader);
      const entries = (await reader.audit('seances', sid)).entries;
      expect(entries[0]!.clientId).toBe(a.clientId);

      const same = await unchanged();
      for (const intruder of [await fresh(president), await fresh(sessions.stranger)]) {
        // Far ahead, so that the device's next mutations would be skipped as already seen.
        const r = await intruder.send(
          [{ mutationId: 1000, name: 'seance.update', table: 'seances', recordId: sid, baseVersion: 1, args: { place: 'Ailleurs' } }],
          a.clientId,
        );
        expect(r.status).toBe(403);
        expect(r.error!.code).toBe('api.forbidden');
      }
      await same();
      const client = await db.get<{ last_mutation_id: number }>('SELECT last_mutation_id FROM clients WHERE client_id = ?', [a.clientId]);
      expect(Number(client!.last_mutation_id)).toBe(1);
      expect(await a.edit('seance.update', 'seances', sid, { place: 'Salle des fêtes' })).toMatchObject({ status: 'applied' });
      await a.sync();
      expect(a.get<Rec>('seances', sid)!.place).toBe('Salle des fêtes');
    });

    // -------------------------------------------------------------------------------------------
    // Votes, the lifecycle, names, fields and roles

    it('a vote whose counts do not add up to the votants is refused', async () => {
      const s = await held();
      const same = await unchanged();
      expect(codes(await agent.push([b.vote(s.items[0]!, 5, 2)]))).toEqual([refused('vote.countsMismatch')]);
      await same();
    });

    it('a vote without quorum is refused', async () => {
      const s = await held({ present: 4 });
      const same = await unchanged();
      expect(codes(await agent.push([b.vote(s.items[0]!, 4)]))).toEqual([refused('vote.noQuorum')]);
      await same();
    });

    it('a vote is taken only while the séance is in progress', async () => {
      const draft = await held({ status: 'draft' });
      const shut = await heldAndClosed();
      await agent.sync();
      const same = await unchanged();
      const r = await agent.push([b.vote(draft.items[0]!, 9), b.vote(shut.items[0]!, 5, 4, 0, agent.version('votes', shut.items[0]!))]);
      expect(codes(r)).toEqual([refused('vote.notInProgress'), refused('vote.notInProgress')]);
      await same();
    });

    it('the roll-call under a voted item does not change: its counts are locked', async () => {
      const s = await voted(await held());
      await agent.sync();
      const same = await unchanged();
      const att = `${s.id}:${b.members[8]}`;
      const r = await agent.push([
        command('attendance.set', 'attendance', att, { status: 'absent' }, agent.version('attendance', att)),
        command('attendance.movement', 'attendance', att, { movements: [{ kind: 'departure', fromOrder: 1 }] }, agent.version('attendance', att)),
      ]);
      expect(codes(r)).toEqual([refused('vote.countsLocked'), refused('vote.countsLocked')]);
      await same();
    });

    it("reference data changes under a sealed séance: a mandate ended or given before it changes neither its counts nor its seal", async () => {
      // On the Comité syndical: whatever the server does here, the Bureau of the other tests is untouched.
      const comite = demo.bodies.find((x) => x.name !== 'Bureau')!.id;
      const s = await sealedSeance({ bodyId: comite });
      const admin = await fresh(sessions.admin);
      await admin.sync();
      const mandate = admin.live<{ id: string; bodyId: string; memberId: string }>('mandates').find((m) => m.bodyId === comite && m.memberId === b.members[8])!;
      // Hervé LEROUX out of office since 2009: the séance would have had eight votants, not nine.
      const ended = await admin.push([command('mandate.end', 'mandates', mandate.id, { end: '2009-12-31' }, admin.version('mandates', mandate.id))]);
      // A tenth member in office since 2008: the quorum and the votants of the séance change.
      const member = newId();
      const given = await admin.push([
        command('member.create', 'members', member, { id: member, organisationId: b.organisationId, civility: 'Mme', firstName: 'Anne', lastName: 'NOUVELLE' }),
        command('mandate.create', 'mandates', newId(), { bodyId: comite, memberId: member, role: 'member', start: '2008-03-21' }),
      ]);
      // Correcting a mandate is the administrator's right; the sealed séance froze the mandates of
      // its day at closing (domain/frozen.ts): its members in office, votants and seal stay.
      expect(ended.results[0]!.status, 'mandate.end before the séance').toBe('applied');
      expect(given.results.map((x) => x.status), 'mandate.create before the séance').toEqual(['applied', 'applied']);
      expect((await admin.pullAll()).find((r) => r.table === 'seances' && r.id === s.id)!.body.frozen).toMatchObject({
        mandates: expect.arrayContaining([expect.objectContaining({ id: mandate.id })]),
      });
      expect(JSON.stringify((await admin.pullAll()).find((r) => r.table === 'seances' && r.id === s.id)!.body.frozen)).not.toContain(member);
      // The sealed votes, counted again with the mandates of the séance's day, still add up.
      expect(votesNotAddingUp(await admin.pullAll(), s.id)).toEqual([]);
      await expectSealIntact(s, admin);
    });

    it('the lifecycle: closing is seance.close, not a status; nothing goes back to a draft', async () => {
      const s = await voted(await held());
      await agent.sync();
      const same = await unchanged();
      const r = await agent.push([
        command('seance.status', 'seances', s.id, { status: 'closed' }, agent.version('seances', s.id)),
        command('seance.status', 'seances', s.id, { status: 'draft' }, agent.version('seances', s.id)),
        command('seance.status', 'seances', s.id, { status: 'signed' }, agent.version('seances', s.id)),
      ]);
      expect(codes(r)).toEqual([refused('seance.badTransition'), refused('seance.badTransition'), refused('seance.badTransition')]);
      await same();
    });

    it('a séance with a deliberation not voted does not close', async () => {
      const s = await held({ items: 2 });
      expect(await agent.run(b.vote(s.items[0]!, 9))).toMatchObject({ status: 'applied' });
      await agent.sync();
      const r = await agent.push([
        command('deliberation.number', 'deliberations', s.items[0]!, { registryNumber: registryNumber(s.date, 1) }, agent.version('deliberations', s.items[0]!)),
        command('deliberation.number', 'deliberations', s.items[1]!, { registryNumber: registryNumber(s.date, 2) }, agent.version('deliberations', s.items[1]!)),
        command('seance.close', 'seances', s.id, { status: 'closed', frozen: agent.frozen(s.id) }, agent.version('seances', s.id)),
      ]);
      // The numbers themselves are lawful; the closing is not.
      expect(codes(r)).toEqual([['applied', undefined], ['applied', undefined], refused('closing.unvoted')]);
      expect(r.results.at(-1)!.message).toBe('2');
      expect((await agent.pullAll()).find((x) => x.id === s.id)!.body.status).toBe('in_progress');
    });

    it('a name that is not a command is refused, whatever its table', async () => {
      const s = await held();
      await agent.sync();
      const same = await unchanged();
      const names: [string, string, string][] = [
        ['seance.put', 'seances', s.id],
        ['seances.patch', 'seances', s.id],
        ['deliberation.patch', 'deliberations', s.items[0]!],
        ['vote.flip', 'votes', s.items[0]!],
        ['toString', 'seances', s.id],
        ['__proto__', 'seances', s.id],
        // A command of another table.
        ['seance.update', 'deliberations', s.items[0]!],
      ];
      const r = await agent.push(names.map(([name, table, id]) => command(name, table, id, { place: 'Ailleurs', object: 'Autre' }, agent.version(table, id))));
      expect(codes(r)).toEqual(names.map(() => refused('sync.unknownCommand')));
      await same();
    });

    it('a command carries only its own fields', async () => {
      const s = await voted(await held());
      await agent.sync();
      const [d] = s.items as [string];
      const same = await unchanged();
      const r = await agent.push([
        command('deliberation.number', 'deliberations', d, { registryNumber: registryNumber(s.date, 1), object: 'Autre objet' }, agent.version('deliberations', d)),
        command('seance.status', 'seances', s.id, { status: 'in_progress', place: 'Ailleurs' }, agent.version('seances', s.id)),
        command('vote.record', 'votes', d, { yes: 9, seanceId: newId() }, agent.version('votes', d)),
      ]);
      expect(codes(r)).toEqual([refused('sync.fieldNotAllowed'), refused('sync.fieldNotAllowed'), refused('sync.fieldNotAllowed')]);
      expect(r.results[0]!.message).toBe('object');
      await same();
    });

    it("roles: the secretariat does not run the administrator's commands", async () => {
      const same = await unchanged();
      const id = newId();
      const r = await agent.push([
        command('member.create', 'members', id, { id, organisationId: b.organisationId, civility: 'M.', firstName: 'Intrus', lastName: 'NOUVEAU' }),
        command('organisation.update', 'organisations', b.organisationId, { name: 'Renommée' }, 1),
        command('mandate.create', 'mandates', newId(), { bodyId: b.bodyId, memberId: b.members[0]!, role: 'member', start: '2008-03-21' }),
      ]);
      expect(codes(r)).toEqual(Array(3).fill(refused('api.forbidden')));
      await same();
    });
  });
}
