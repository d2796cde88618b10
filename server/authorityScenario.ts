import { expect } from 'vitest';
import { canonicalHash } from '../src/domain/canonical';
import { newId } from '../src/domain/ids';
import { membersInOffice } from '../src/domain/mandates';
import type { Attendance, Deliberation, Mandate, Proxy, Seance, Signature, Vote } from '../src/domain/schemas';
import { verifyChain, type Seal } from '../src/domain/seal';
import { generateDeviceKey, verifySignature, type DeviceKey } from '../src/domain/signing';
import type { Mutation, PulledRecord } from '../src/domain/sync';
import { DELETED } from '../src/domain/syncTables';
import { countsForItem } from '../src/domain/voteEntry';
import { createApp } from './app';
import {
  bureau, Client, command, freshDate, memberName, minutesOf, minutesSignature, registryNumber, signatureCommand, votesNotAddingUp,
  type App, type Command, type Demo, type Pushed, type Rec,
} from './authorityTesting';
import type { Driver } from './db/driver';
import { seedOrganisation } from './seed';

/*
 * The model behind server/authority.property.test.ts: three honest devices and a hostile one
 * issue commands against the real app, through HTTP, with answers lost and requests sent twice;
 * after each run the register must still hold together. The steps are plain data (fast-check
 * generates them there); each names its target by a number taken modulo what the acting device
 * then sees, so any sequence of steps is meaningful.
 */

export const HONEST = ['agent', 'president', 'bernard'] as const;
/** The honest device acting: the secretariat's agent, the president (Claire DUMONT), the secrétaire de séance (Bernard LEFEBVRE). */
export type Who = 0 | 1 | 2;
/** How the network treats an honest step: the device acts on what it pulled before (stale), its answer is lost, its request arrives twice. */
export interface Net {
  stale: boolean;
  drop: boolean;
  dup: boolean;
}

export const ATTACKS = [
  'move', // a deliberation or a presence sent to another séance
  'flip', // a vote recorded again (7–2) in a séance that is not in progress
  'editSealed', // a text, an item, a vote or a presence of a sealed séance changed
  'dupNumber', // a registry number already given, given again
  'forgeOwnKey', // the administrator (no member) signs as the president
  'forgeContent', // a signature over content the server does not hold
  'forgePng', // the printed image swapped after signing
  'forgeReplay', // a stored signature pushed again, under a new id or on another séance
  'forgeMember', // Bernard's device signs as the president
  'foreignClient', // a push under an honest device's client id
  'deleteSignature', // signature.delete
  'sealWrite', // a seal written by a device
  'bornSealed', // a séance created closed, signed or published
  'replay', // the hostile device's last push sent again
  'mandate', // a Bureau mandate ended before the séances it sat in
] as const;
export type Attack = (typeof ATTACKS)[number];

export type Step =
  | { op: 'open'; who: Who; day: 0 | 1; items: 1 | 2; absent: number; net: Net }
  | { op: 'vote'; who: Who; pick: number; share: number; net: Net }
  | { op: 'advance' | 'cancel' | 'close' | 'seal' | 'correct' | 'publish'; who: Who; pick: number; net: Net }
  | { op: 'sign'; who: 1 | 2; pick: number; net: Net }
  | { op: 'presence'; who: Who; pick: number; member: number; net: Net }
  | { op: 'attack'; attack: Attack; pick: number; other: number };

/** One database and app per adapter, with its sessions; every run adds its own devices and séances. */
export interface World {
  db: Driver;
  app: App;
  demo: Demo;
  b: ReturnType<typeof bureau>;
  sessions: { agent: Client; president: Client; bernard: Client; admin: Client };
  /** Every content a device signed, by its hash: what each stored signature must verify against. */
  signed: Map<string, unknown>;
  /** The devices, made by the first run and kept by the next ones (they pull on from where they were). */
  devices?: { honest: [Device, Device, Device]; hostile: Device; rogue: Device };
  /** How the honest devices' commands ended (`name status code` → count): to see what a seed exercised. */
  outcomes: Map<string, number>;
}

export async function openWorld(open: () => Promise<Driver>): Promise<World> {
  const db = await open();
  const demo = await seedOrganisation(db);
  const app = createApp({ db });
  const [agent, president, bernard, admin] = await Promise.all(
    ['secretaire@demo.example', 'presidente@demo.example', 'bernard.lefebvre@demo.example', 'admin@demo.example'].map((e) => Client.login(app, e)),
  );
  return { db, app, demo, b: bureau(demo), sessions: { agent: agent!, president: president!, bernard: bernard!, admin: admin! }, signed: new Map(), outcomes: new Map() };
}

interface Device {
  name: string;
  c: Client;
  key: DeviceKey;
  /** Mutations not yet acknowledged: sent again with the next push (their answer may have been lost). */
  outbox: Mutation[];
  /** Mutation ids sent at least once: a mutation sent for the first time is never answered "skipped". */
  sent: Set<number>;
}

const SEALED = new Set(['signed', 'published']);
const at = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[Math.abs(n) % list.length] : undefined);
const byId = <T extends { id: string }>(list: T[]) => list.sort((x, y) => x.id.localeCompare(y.id));

/** Runs the steps, lets every device settle, then checks what must always hold. */
export async function runScenario(w: World, steps: readonly Step[]): Promise<void> {
  const run = await Run.start(w);
  for (const step of steps) await run.step(step);
  await run.settle();
  await checkRegister(w, run.devices());
}

class Run {
  private hostileLast: Mutation[] = [];
  /** The séances this run opened: the honest devices work on these (the hostile one on any). */
  private readonly mine = new Set<string>();
  private constructor(
    private readonly w: World,
    private readonly honest: [Device, Device, Device],
    private readonly hostile: Device,
    private readonly rogue: Device,
    private readonly dates: [string, string],
  ) {}

  static async start(w: World): Promise<Run> {
    const s = w.sessions;
    const device = async (name: string, session: Client): Promise<Device> => {
      const key = await generateDeviceKey();
      const c = session.device();
      expect(await c.register(key)).toBe(200);
      return { name, c, key, outbox: [], sent: new Set() };
    };
    w.devices ??= {
      honest: (await Promise.all([device('agent', s.agent), device('president', s.president), device('bernard', s.bernard)])) as [Device, Device, Device],
      // The hostile client: the administrator's account (linked to no member), and a second device of Bernard's with a key of its own.
      hostile: await device('hostile', s.admin),
      rogue: await device('rogue', s.bernard),
    };
    const { honest, hostile, rogue } = w.devices;
    return new Run(w, honest, hostile, rogue, [freshDate(), freshDate()]);
  }

  devices(): Client[] {
    return [...this.honest, this.hostile, this.rogue].map((d) => d.c);
  }

  async step(s: Step): Promise<void> {
    if (s.op === 'attack') return this.attack(s.attack, s.pick, s.other);
    const d = this.honest[s.who];
    if (!s.net.stale) await d.c.sync();
    const commands = await this.lawful(d, s);
    if (commands.length) d.outbox.push(...d.c.number(commands));
    await this.flush(d, s.net);
  }

  /** Every honest device sends what it still holds, with nothing lost, until nothing is left. */
  async settle(): Promise<void> {
    for (const d of this.honest) {
      for (let i = 0; i < 3 && d.outbox.length; i++) await this.flush(d, { stale: false, drop: false, dup: false });
      expect(d.outbox, `${d.name}'s outbox`).toEqual([]);
    }
  }

  private async flush(d: Device, net: Net): Promise<void> {
    if (!d.outbox.length) return;
    const batch = [...d.outbox];
    const send = () => d.c.send(batch);
    const answers: Pushed[] = net.dup ? await Promise.all([send(), send()]) : [await send()];
    for (const a of answers) expect(a.status, `${d.name}'s push: ${a.error?.code ?? ''}`).toBe(200);
    for (const m of batch) {
      // Once, and only once, whatever was lost or sent twice.
      const done = answers.map((a) => a.results.find((r) => r.mutationId === m.mutationId)).filter((r) => r && r.status !== 'skipped');
      expect(done.length, `${d.name}'s mutation ${m.mutationId} (${m.name}) answered ${done.length} times`).toBeLessThanOrEqual(1);
      if (!d.sent.has(m.mutationId)) expect(done.length, `${d.name}'s new mutation ${m.mutationId} (${m.name}) was skipped`).toBe(1);
      for (const r of done) {
        const k = `${m.name} ${r!.status} ${r!.code ?? ''}`.trim();
        this.w.outcomes.set(k, (this.w.outcomes.get(k) ?? 0) + 1);
      }
    }
    for (const m of batch) d.sent.add(m.mutationId);
    if (net.drop) return; // the answer is lost: the device sends it all again next time
    const last = Math.max(...answers.map((a) => a.lastMutationId));
    d.outbox = d.outbox.filter((m) => m.mutationId > last);
  }

  // -------------------------------------------------------------------------------------------
  // What an honest device does, from what it pulled.

  /** The séances a device sees, in the given statuses. */
  private seances(c: Client, ...statuses: string[]): Seance[] {
    return byId(c.live<Seance>('seances').filter((s) => s.bodyId === this.w.b.bodyId && (statuses.length === 0 || statuses.includes(s.status))));
  }

  /** The same, of this run's séances only. */
  private ours(c: Client, ...statuses: string[]): Seance[] {
    return this.seances(c, ...statuses).filter((s) => this.mine.has(s.id));
  }

  private items(c: Client, seanceId: string): Deliberation[] {
    return c.live<Deliberation>('deliberations').filter((d) => d.seanceId === seanceId).sort((x, y) => x.orderNumber - y.orderNumber);
  }

  private async lawful(d: Device, s: Exclude<Step, { op: 'attack' }>): Promise<Command[]> {
    const { b } = this.w;
    const c = d.c;
    const unvoted = (x: Seance) => this.items(c, x.id).find((i) => !c.get('votes', i.id));
    switch (s.op) {
      case 'open': {
        const id = newId();
        this.mine.add(id);
        const present = 9 - Math.min(5, Math.max(0, s.absent));
        return [
          b.seance(id, this.dates[s.day]),
          ...b.members.map((m, i) => b.presence(id, m, i < present ? 'present' : 'absent')),
          ...Array.from({ length: s.items }, (_, i) => b.item(newId(), id, i + 1)),
        ];
      }
      case 'advance': {
        // The next thing to do for one of this run's séances, as this device sees it.
        const seance = at(this.ours(c, 'in_progress', 'closed', 'signed'), s.pick);
        if (!seance) return [];
        if (seance.status === 'in_progress') {
          const item = unvoted(seance);
          return item ? this.vote(c, seance, item, s.pick) : this.close(c, seance);
        }
        if (seance.status === 'signed') return [command('seance.publish', 'seances', seance.id, { status: 'published' }, c.version('seances', seance.id))];
        const hash = await canonicalHash(minutesOf(c.records.values(), seance.id)!.content);
        const signedBy = (memberId: string) => c.live<Signature>('signatures').some((g) => g.subject.id === seance.id && g.memberId === memberId && g.contentHash === hash);
        const mine = c.memberId;
        if (mine && !signedBy(mine)) return this.sign(d, seance);
        if (signedBy(b.presidentId) && signedBy(b.secretaryId)) return [command('seance.status', 'seances', seance.id, { status: 'signed' }, c.version('seances', seance.id))];
        return [];
      }
      case 'vote': {
        const seance = at(this.ours(c, 'in_progress').filter((x) => unvoted(x)), s.pick);
        return seance ? this.vote(c, seance, unvoted(seance)!, s.share) : [];
      }
      case 'cancel': {
        const seance = at(this.ours(c, 'in_progress'), s.pick);
        const item = seance && this.items(c, seance.id).find((i) => c.get('votes', i.id));
        return item ? [command('vote.cancel', 'votes', item.id, {}, c.version('votes', item.id))] : [];
      }
      case 'presence': {
        const seance = at(this.ours(c, 'in_progress'), s.pick);
        if (!seance) return [];
        const member = b.members[2 + (Math.abs(s.member) % 7)]!;
        const id = `${seance.id}:${member}`;
        const now = c.get<{ status: string }>('attendance', id)?.status;
        return [command('attendance.set', 'attendance', id, { status: now === 'present' ? 'absent' : 'present' }, c.version('attendance', id))];
      }
      case 'close': {
        const seance = at(this.ours(c, 'in_progress').filter((x) => !unvoted(x)), s.pick);
        return seance ? this.close(c, seance) : [];
      }
      case 'sign': {
        const seance = at(this.ours(c, 'closed'), s.pick);
        return seance ? this.sign(d, seance) : [];
      }
      case 'seal': {
        // Tried whether or not the signatures are there: the server decides.
        const seance = at(this.ours(c, 'closed'), s.pick);
        return seance ? [command('seance.status', 'seances', seance.id, { status: 'signed' }, c.version('seances', seance.id))] : [];
      }
      case 'publish': {
        const seance = at(this.ours(c, 'signed'), s.pick);
        return seance ? [command('seance.publish', 'seances', seance.id, { status: 'published' }, c.version('seances', seance.id))] : [];
      }
      case 'correct': {
        const seance = at(this.ours(c, 'closed'), s.pick);
        const item = seance && this.items(c, seance.id)[0];
        if (!seance || !item) return [];
        const after = [`Article 1er : une subvention de ${1000 * (1 + (Math.abs(s.pick) % 100))} euros est attribuée.`];
        if (JSON.stringify(after) === JSON.stringify(item.articles)) return [];
        const id = newId();
        return [
          command('deliberation.correct', 'deliberations', item.id, { articles: after }, c.version('deliberations', item.id)),
          command('correction.record', 'corrections', id, {
            id, organisationId: b.organisationId, seanceId: seance.id, deliberationId: item.id, field: 'articles', before: item.articles, after,
            reason: 'Erreur matérielle', author: 'Sam Secrétaire', at: new Date().toISOString(),
          }),
        ];
      }
    }
  }

  /** A show of hands that adds up to the item's votants as this device counts them, `share` tenths for. */
  private vote(c: Client, seance: Seance, item: Deliberation, share: number): Command[] {
    const voters = this.counts(c, seance, item).voters;
    let yes = Math.round((voters * (Math.abs(share) % 11)) / 10);
    let no = voters - yes;
    if (yes === no && yes > 0) [yes, no] = [yes + 1, no - 1]; // no tie: no casting vote to record
    return [this.w.b.vote(item.id, yes, no, 0, c.version('votes', item.id))];
  }

  /** The next free numbers of the day, as this device knows them, then the closing. */
  private close(c: Client, seance: Seance): Command[] {
    const prefix = `${seance.date.replaceAll('-', '')}_DL_`;
    let next = 1 + Math.max(0, ...c.live<Deliberation>('deliberations').filter((x) => x.registryNumber?.startsWith(prefix)).map((x) => Number(x.registryNumber!.slice(prefix.length))));
    return [
      ...this.items(c, seance.id).filter((i) => !i.registryNumber).map((i) => command('deliberation.number', 'deliberations', i.id, { registryNumber: registryNumber(seance.date, next++) }, c.version('deliberations', i.id))),
      command('seance.close', 'seances', seance.id, { status: 'closed', frozen: c.frozen(seance.id) }, c.version('seances', seance.id)),
    ];
  }

  /** The device's member signs the procès-verbal as it pulled it, unless it did already. */
  private async sign(d: Device, seance: Seance): Promise<Command[]> {
    const { b, demo } = this.w;
    const memberId = d.c.memberId;
    if (!memberId) return [];
    const content = minutesOf(d.c.records.values(), seance.id)!.content;
    const hash = await canonicalHash(content);
    if (d.c.live<Signature>('signatures').some((g) => g.subject.id === seance.id && g.memberId === memberId && g.contentHash === hash)) return [];
    this.w.signed.set(hash, content);
    const role = memberId === b.presidentId ? 'president' : 'secretary';
    return [signatureCommand(await minutesSignature(d.key, { organisationId: b.organisationId, seanceId: seance.id, content, role, memberId, signerName: memberName(demo, memberId) }))];
  }

  private counts(c: Client, seance: Seance, item: Deliberation) {
    const mandates = c.live<Mandate>('mandates').filter((m) => m.bodyId === seance.bodyId);
    return countsForItem(
      {
        seance,
        inOffice: membersInOffice(mandates, seance.bodyId, seance.date),
        attendance: c.live<Attendance>('attendance').filter((a) => a.seanceId === seance.id),
        proxies: c.live<Proxy>('proxies').filter((p) => p.bodyId === seance.bodyId),
      },
      item,
    );
  }

  // -------------------------------------------------------------------------------------------
  // What the hostile client tries. Each is refused, except where said.

  private async attack(attack: Attack, pick: number, other: number): Promise<void> {
    const { b, demo } = this.w;
    const x = this.hostile.c;
    const rogue = this.rogue;
    await Promise.all([x.sync(), rogue.c.sync()]);
    const all = this.seances(x);
    const status = (seanceId: string) => x.get<Seance>('seances', seanceId)?.status ?? '';
    const refused = async (c: Client, commands: Command[], what: string) => {
      const mutations = c.number(commands);
      if (c === x) this.hostileLast = mutations;
      const r = await c.send(mutations);
      expect(r.status, `${attack}: ${what}`).toBe(200);
      expect(r.results.map((m) => [m.status, m.code]).filter(([st]) => st !== 'rejected'), `${attack}: ${what}`).toEqual([]);
      return r;
    };
    const push = async (commands: Command[]) => {
      const mutations = x.number(commands);
      this.hostileLast = mutations;
      return x.send(mutations);
    };
    const closed = all.filter((s) => s.status === 'closed');
    const content = (seanceId: string) => minutesOf(rogue.c.records.values(), seanceId)!.content;
    const claire = { role: 'president' as const, memberId: b.presidentId, signerName: memberName(demo, b.presidentId) };
    const bernard = { role: 'secretary' as const, memberId: b.secretaryId, signerName: memberName(demo, b.secretaryId) };

    switch (attack) {
      case 'move': {
        const targets = [
          ...byId(x.live<Deliberation>('deliberations')).map((d) => ['deliberations', d.id, d.seanceId] as const),
          ...byId(x.live<{ id: string; seanceId: string }>('attendance')).map((a) => ['attendance', a.id, a.seanceId] as const),
        ];
        const t = at(targets, pick);
        const to = at(all.filter((s) => s.id !== t?.[2]), other);
        if (!t || !to) return;
        const name = t[0] === 'deliberations' ? at(['deliberation.update', 'deliberation.correct', 'deliberations.resolve'], other)! : at(['attendance.set', 'attendance.movement'], other)!;
        return void (await refused(x, [command(name, t[0], t[1], { seanceId: to.id }, x.version(t[0], t[1]))], `${name} to ${to.status}`));
      }
      case 'flip': {
        const votes = x.live<Vote>('votes').sort((v, u) => v.deliberationId.localeCompare(u.deliberationId)).filter((v) => {
          const d = x.get<Deliberation>('deliberations', v.deliberationId);
          return d && status(d.seanceId) !== 'in_progress';
        });
        const v = at(votes, pick);
        if (!v) return;
        return void (await refused(x, [b.vote(v.deliberationId, 7, 2, 0, x.version('votes', v.deliberationId))], `vote flip in a ${status(x.get<Deliberation>('deliberations', v.deliberationId)!.seanceId)} séance`));
      }
      case 'editSealed': {
        const s = at(all.filter((z) => SEALED.has(z.status)), pick);
        const item = s && this.items(x, s.id)[0];
        if (!s || !item) return;
        const att = `${s.id}:${at(b.members, other)}`;
        const edits: Command[] = [
          command('deliberation.update', 'deliberations', item.id, { articles: ['Article 1er : le Bureau rejette.'] }, x.version('deliberations', item.id)),
          command('deliberation.correct', 'deliberations', item.id, { object: 'Autre objet' }, x.version('deliberations', item.id)),
          command('deliberation.delete', 'deliberations', item.id, {}, x.version('deliberations', item.id)),
          command('attendance.set', 'attendance', att, { status: 'absent' }, x.version('attendance', att)),
          command('vote.cancel', 'votes', item.id, {}, x.version('votes', item.id)),
          b.item(newId(), s.id, 9),
          command('seance.update', 'seances', s.id, { place: 'Ailleurs' }, x.version('seances', s.id)),
        ];
        return void (await refused(x, [at(edits, other)!], `edit of a ${s.status} séance`));
      }
      case 'dupNumber': {
        const given = byId(x.live<Deliberation>('deliberations').filter((d) => d.registryNumber));
        const open = byId(x.live<Deliberation>('deliberations').filter((d) => !d.registryNumber && status(d.seanceId) === 'in_progress'));
        const taken = at(given, pick);
        const target = at(open.filter((d) => x.get<Seance>('seances', d.seanceId)!.date === x.get<Seance>('seances', taken?.seanceId ?? '')?.date), other) ?? at(open, other);
        if (!taken || !target) return;
        return void (await refused(x, [command('deliberation.number', 'deliberations', target.id, { registryNumber: taken.registryNumber }, x.version('deliberations', target.id))], 'a number given twice'));
      }
      case 'forgeOwnKey': {
        const s = at(closed, pick);
        if (!s) return;
        const sig = await minutesSignature(this.hostile.key, { organisationId: b.organisationId, seanceId: s.id, content: content(s.id), ...claire });
        return void (await refused(x, [signatureCommand(sig)], 'the administrator signing as the president'));
      }
      case 'forgeContent': {
        const s = at(closed, pick);
        if (!s) return;
        const m = minutesOf(rogue.c.records.values(), s.id)!;
        const altered = { ...m.content, seance: { ...(m.content.seance as Rec), place: 'Ailleurs' } };
        const sig = await minutesSignature(rogue.key, { organisationId: b.organisationId, seanceId: s.id, content: altered, ...bernard });
        return void (await refused(rogue.c, [signatureCommand(sig)], 'a signature over other content'));
      }
      case 'forgePng': {
        const s = at(closed, pick);
        if (!s) return;
        const sig = await minutesSignature(rogue.key, { organisationId: b.organisationId, seanceId: s.id, content: content(s.id), ...bernard, png: 'data:image/png;base64,U0lHTkU=' });
        return void (await refused(rogue.c, [signatureCommand({ ...sig, png: 'data:image/png;base64,QVVUUkU=' })], 'a swapped image'));
      }
      case 'forgeReplay': {
        const sig = at(byId(x.live<Signature>('signatures')), pick);
        if (!sig) return;
        const elsewhere = at(closed.filter((s) => s.id !== sig.seanceId), other);
        const copies: Rec[] = [{ ...sig, id: newId() }];
        if (elsewhere) copies.push({ ...sig, id: newId(), seanceId: elsewhere.id, subject: { kind: 'minutes', id: elsewhere.id } });
        return void (await refused(rogue.c, copies.map(signatureCommand), 'a stored signature pushed again'));
      }
      case 'forgeMember': {
        const s = at(closed, pick);
        if (!s) return;
        const sig = await minutesSignature(rogue.key, { organisationId: b.organisationId, seanceId: s.id, content: content(s.id), ...claire });
        return void (await refused(rogue.c, [signatureCommand(sig)], "Bernard's device signing as the president"));
      }
      case 'foreignClient': {
        const victim = this.honest[Math.abs(pick) % 3]!;
        // A device that never pushed has no client row yet: there is no id to read from the audit.
        if (!victim.sent.size) return;
        const s = at(all, other);
        const r = await x.send(
          [{ mutationId: 1_000_000, name: 'seance.update', table: 'seances', recordId: s?.id ?? newId(), baseVersion: 99, args: { place: 'Piratée' } }],
          victim.c.clientId,
        );
        expect(r.status, `push under ${victim.name}'s client id`).toBe(403);
        return;
      }
      case 'deleteSignature': {
        const sig = at(byId(x.live<Signature>('signatures')), pick);
        if (!sig) return;
        const r = await push([command(at(['signature.delete', 'signatures.delete', 'signature.update'], other)!, 'signatures', sig.id, { _deleted: true }, x.version('signatures', sig.id))]);
        expect(r.results.map((m) => m.code), 'a signature deleted').toEqual(['sync.unknownCommand']);
        return;
      }
      case 'sealWrite': {
        const s = at(all, pick);
        if (!s) return;
        const seal = { seanceId: s.id, organisationId: b.organisationId, index: 1, contentHash: '0'.repeat(64), previousSealHash: '0'.repeat(64), sealedAt: new Date().toISOString(), sealHash: '0'.repeat(64) };
        const r = await push([command('seal.create', 'seals', s.id, seal, x.version('seals', s.id))]);
        expect(r.results.map((m) => m.code), 'a seal from a device').toEqual(['api.forbidden']);
        return;
      }
      case 'bornSealed': {
        const st = at(['closed', 'signed', 'published'], other)!;
        return void (await refused(x, [b.seance(newId(), this.dates[0], { status: st })], `a séance created ${st}`));
      }
      case 'replay': {
        if (!this.hostileLast.length) return;
        const r = await x.send(this.hostileLast);
        expect(r.results.map((m) => m.status), 'a push replayed').toEqual(this.hostileLast.map(() => 'skipped'));
        return;
      }
      case 'mandate': {
        // Not asserted here: the register's checks after the run say whether it did harm.
        const mandate = at(byId(x.live<Mandate>('mandates').filter((m) => m.bodyId === b.bodyId && m.memberId !== b.presidentId && m.memberId !== b.secretaryId && !m.end)), pick);
        if (!mandate) return;
        await push([command('mandate.end', 'mandates', mandate.id, { end: '2009-12-31' }, x.version('mandates', mandate.id))]);
        return;
      }
    }
  }
}

/**
 * What must hold after any run, over the whole organisation: sealed content unchanged, every
 * signature its signer's and valid, registry numbers unique, every vote adding up, and every
 * device's pulled copy the server's records.
 */
export async function checkRegister(w: World, devices: Client[]): Promise<void> {
  const org = w.b.organisationId;
  const rows = await w.db.all<{ tbl: string; id: string; version: number; body: string }>('SELECT tbl, id, version, body FROM records WHERE organisation_id = ?', [org]);
  const server = rows.map((r): PulledRecord => ({ table: r.tbl as PulledRecord['table'], id: r.id, version: Number(r.version), seq: 0, body: JSON.parse(r.body) as Rec }));
  const live = server.filter((r) => !r.body[DELETED]);
  const of = (table: string) => live.filter((r) => r.table === table).map((r) => r.body);

  // Sealed séances: their content as it now is hashes to what their seal sealed; the chain holds.
  const seals = (of('seals') as unknown as Seal[]).sort((x, y) => x.index - y.index);
  const chain = [];
  for (const seal of seals) {
    const m = minutesOf(server, seal.seanceId)!;
    expect(SEALED.has(m.seance.status), `séance ${seal.seanceId} sealed yet ${m.seance.status}`).toBe(true);
    expect(await canonicalHash(m.content), `sealed content of séance ${m.seance.date} changed`).toBe(seal.contentHash);
    chain.push({ seal, content: m.content });
  }
  expect(await verifyChain(chain)).toEqual({ ok: true, length: seals.length });
  for (const s of of('seances') as Seance[]) if (SEALED.has(s.status)) expect(seals.some((x) => x.seanceId === s.id), `séance ${s.id} ${s.status} without a seal`).toBe(true);

  // Signatures: by a key registered to the account of the member who signs, over content a device signed.
  const keys = new Map(
    (await w.db.all<{ key_id: string; public_jwk: string; member_id: string | null }>('SELECT d.key_id, d.public_jwk, u.member_id FROM device_keys d JOIN users u ON u.id = d.user_id')).map((k) => [k.key_id, k]),
  );
  for (const sig of of('signatures') as unknown as Signature[]) {
    const key = keys.get(sig.deviceKeyId);
    expect(key, `signature ${sig.id}: key`).toBeDefined();
    if (sig.role !== 'party') expect(key!.member_id, `signature ${sig.id} by ${sig.signerName}: the key's account is another member's`).toBe(sig.memberId);
    const content = w.signed.get(sig.contentHash);
    expect(content, `signature ${sig.id} by ${sig.signerName}: over content no device signed`).toBeDefined();
    expect(await verifySignature(sig, content, JSON.parse(key!.public_jwk) as JsonWebKey), `signature ${sig.id}`).toEqual({ ok: true });
    if (sig.png !== undefined) expect(await canonicalHash(sig.png)).toBe(sig.pngHash);
  }

  // Registry numbers: one act each in the organisation, the séance's date in it.
  const numbered = (of('deliberations') as Deliberation[]).filter((d) => d.registryNumber);
  const numbers = numbered.map((d) => d.registryNumber!);
  expect(numbers.filter((n, i) => numbers.indexOf(n) !== i), 'numbers given twice').toEqual([]);
  for (const d of numbered) expect(d.registryNumber!.startsWith(String((of('seances') as Seance[]).find((s) => s.id === d.seanceId)?.date).replaceAll('-', ''))).toBe(true);
  const table = await w.db.all<{ number: string; deliberation_id: string }>('SELECT number, deliberation_id FROM registry_numbers WHERE organisation_id = ?', [org]);
  expect(Object.fromEntries(table.map((t) => [t.number, t.deliberation_id]))).toEqual(Object.fromEntries(numbered.map((d) => [d.registryNumber, d.id])));

  // Votes: each adds up to its item's votants, counted again from the records as they are.
  for (const s of of('seances') as Seance[]) expect(votesNotAddingUp(server, s.id), `votes of the séance of ${s.date} (${s.status})`).toEqual([]);

  // Every device, pulling on from where it was, holds exactly the server's records.
  const expected = new Map(server.map((r) => [`${r.table}|${r.id}`, JSON.stringify([r.version, r.body])]));
  for (const c of devices) {
    await c.sync();
    const differs = [...new Set([...expected.keys(), ...c.records.keys()])].filter((k) => {
      const r = c.records.get(k);
      return expected.get(k) !== (r ? JSON.stringify([r.version, r.body]) : undefined);
    });
    expect(differs, `${c.email}'s copy`).toEqual([]);
  }
}
