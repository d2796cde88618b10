import { frozenOf } from '../src/domain/frozen';
import type { Attendance, Body, Deliberation, Mandate, Member, Organisation, Proxy, Seance, Vote } from '../src/domain/schemas';
import type { AuditEntry } from '../src/domain/audit';
import { newId } from '../src/domain/ids';
import { membersInOffice } from '../src/domain/mandates';
import { checkVoteCounts } from '../src/domain/tally';
import { countsForItem } from '../src/domain/voteEntry';
import { minutesContent } from '../src/domain/signedContent';
import { signContent, type DeviceKey } from '../src/domain/signing';
import type { Mutation, MutationResult, PulledRecord, PullResponse, PushResponse } from '../src/domain/sync';
import { DELETED } from '../src/domain/syncTables';
import type { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, type seedOrganisation } from './seed';

/*
 * Test support for the server's authority (server/authority.test.ts, authority.property.test.ts):
 * a device as the server sees it, or an attacker with a valid session, speaking the raw HTTP
 * API; and builders of lawful séances, votes, numbers and signatures.
 */

export type App = ReturnType<typeof createApp>;
export type Demo = Awaited<ReturnType<typeof seedOrganisation>>;
export type Rec = Record<string, unknown>;
/** A mutation before the device numbers it. */
export type Command = Omit<Mutation, 'mutationId'>;
export type Pushed = PushResponse & { status: number; error?: { code: string } };

export const command = (name: string, table: string, recordId: string, args: Rec, baseVersion = 0): Command => ({
  name,
  table,
  recordId,
  baseVersion,
  args,
});

const key = (table: string, id: string) => `${table}|${id}`;

/** A signed-in account on one device: its cookie, its client id, its numbered mutations, its pulled records. */
export class Client {
  cookie = '';
  clientId: string = newId();
  next = 1;
  memberId: string | undefined;
  cursor = 0;
  /** The records as this device pulled them (tombstones included), by `table|id`. */
  readonly records = new Map<string, PulledRecord>();

  private constructor(
    readonly app: App,
    readonly email: string,
  ) {}

  static async login(app: App, email: string): Promise<Client> {
    const c = new Client(app, email);
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    c.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    c.memberId = ((await res.json()) as { user: { memberId?: string } }).user.memberId;
    return c;
  }

  /**
   * What a closing of this séance must freeze (domain/frozen.ts), from the records this device
   * pulled, as the device's closing computes it.
   */
  frozen(seanceId: string) {
    const live = (table: string) => [...this.records.values()].filter((r) => r.table === table && !r.body._deleted).map((r) => r.body);
    const seance = this.records.get(`seances|${seanceId}`)!.body as unknown as Seance;
    const deliberations = live('deliberations').filter((d) => d.seanceId === seanceId) as unknown as Deliberation[];
    const ids = new Set(deliberations.map((d) => d.id as string));
    return frozenOf({
      seance,
      organisation: this.records.get(`organisations|${seance.organisationId}`)!.body as unknown as Organisation,
      body: this.records.get(`bodies|${seance.bodyId}`)!.body as unknown as Body,
      members: live('members') as unknown as Member[],
      mandates: live('mandates') as unknown as Mandate[],
      attendance: live('attendance').filter((a) => a.seanceId === seanceId) as unknown as Attendance[],
      deliberations,
      votes: live('votes').filter((v) => ids.has(v.deliberationId as string)) as unknown as Vote[],
      proxies: (live('proxies') as unknown as Proxy[]).filter((x) => x.seanceIds.includes(seance.id)),
    });
  }

  /** Another device of the same account (same session, its own client id, nothing pulled yet). */
  device(): Client {
    const c = new Client(this.app, this.email);
    c.cookie = this.cookie;
    c.memberId = this.memberId;
    return c;
  }

  async call(path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const r = await this.app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: this.cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, json: await r.json() };
  }

  /** Numbers commands as this device's next mutations. */
  number(commands: Command[]): Mutation[] {
    return commands.map((c) => ({ ...c, mutationId: this.next++ }));
  }

  /** Sends mutations exactly as given: a replay, or under another device's client id. */
  async send(mutations: Mutation[], clientId = this.clientId): Promise<Pushed> {
    const r = await this.call('/api/sync/push', { clientId, mutations });
    return { status: r.status, ...(r.json as PushResponse & { error?: { code: string } }) };
  }

  async push(commands: Command[]): Promise<Pushed> {
    return this.send(this.number(commands));
  }

  /** One command; its result. */
  async run(c: Command): Promise<MutationResult> {
    const r = await this.push([c]);
    if (r.status !== 200) throw new Error(`push ${c.name}: HTTP ${r.status} ${r.error?.code ?? ''}`);
    return r.results[0]!;
  }

  /** One command on a record, based on the version this device last pulled (an honest edit). */
  async edit(name: string, table: string, recordId: string, args: Rec): Promise<MutationResult> {
    await this.sync();
    return this.run(command(name, table, recordId, args, this.version(table, recordId)));
  }

  async pullPage(cursor: number, limit = 500, clientId = this.clientId): Promise<PullResponse> {
    const r = await this.call(`/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=${limit}`);
    if (r.status !== 200) throw new Error(`pull: HTTP ${r.status}`);
    return r.json as PullResponse;
  }

  /** Pulls what changed since this device's cursor, page by page, as the sync engine does. */
  async sync(): Promise<void> {
    for (;;) {
      const page = await this.pullPage(this.cursor);
      for (const r of page.records) this.records.set(key(r.table, r.id), r);
      this.cursor = page.cursor;
      if (!page.more) return;
    }
  }

  /** Every record from the start, in one fresh pull (not this device's copy). */
  async pullAll(): Promise<PulledRecord[]> {
    const all: PulledRecord[] = [];
    let cursor = 0;
    for (;;) {
      const page = await this.pullPage(cursor);
      all.push(...page.records);
      cursor = page.cursor;
      if (!page.more) return all;
    }
  }

  /** The live record as this device pulled it. */
  get<T = Rec>(table: string, id: string): T | undefined {
    const r = this.records.get(key(table, id));
    return r && !r.body[DELETED] ? (r.body as T) : undefined;
  }

  /** The version this device last pulled (a tombstone's too); 0 when it has none. */
  version(table: string, id: string): number {
    return this.records.get(key(table, id))?.version ?? 0;
  }

  live<T = Rec>(table: string): T[] {
    return [...this.records.values()].filter((r) => r.table === table && !r.body[DELETED]).map((r) => r.body as T);
  }

  async register(k: DeviceKey): Promise<number> {
    return (await this.call('/api/devices', { keyId: k.keyId, publicKeyJwk: k.publicKeyJwk })).status;
  }

  async audit(table: string, id: string): Promise<{ status: number; entries: AuditEntry[] }> {
    const r = await this.call(`/api/audit?table=${encodeURIComponent(table)}&id=${encodeURIComponent(id)}`);
    return { status: r.status, entries: (r.json as { entries?: AuditEntry[] }).entries ?? [] };
  }
}

/** The live records of a séance and the content its procès-verbal signs (signedContent.ts). */
export function minutesOf(records: Iterable<PulledRecord>, seanceId: string) {
  const live = [...records].filter((r) => !r.body[DELETED]);
  const seance = live.find((r) => r.table === 'seances' && r.id === seanceId)?.body as Seance | undefined;
  if (!seance) return undefined;
  const attendance = live.filter((r) => r.table === 'attendance' && r.body.seanceId === seanceId).map((r) => r.body as Attendance);
  const deliberations = live.filter((r) => r.table === 'deliberations' && r.body.seanceId === seanceId).map((r) => r.body as Deliberation);
  const ids = new Set(deliberations.map((d) => d.id as string));
  const votes = live.filter((r) => r.table === 'votes' && ids.has(r.id)).map((r) => r.body as Vote);
  return { seance, attendance, deliberations, votes, content: minutesContent({ seance, attendance, deliberations, votes }) };
}

/**
 * The votes of a séance that do not add up to their item's votants, counted again from the
 * records as they are now (mandates, roll-call, pouvoirs): `[order number, code]` for each.
 */
export function votesNotAddingUp(records: Iterable<PulledRecord>, seanceId: string): [number, string][] {
  const all = [...records].filter((r) => !r.body[DELETED]);
  const m = minutesOf(all, seanceId);
  if (!m) return [];
  const { seance } = m;
  // A closed séance counts with the mandates it froze at closing (domain/frozen.ts).
  const mandates = seance.frozen
    ? seance.frozen.mandates.map((x) => ({ ...x, bodyId: seance.bodyId }) as unknown as Mandate)
    : all.filter((r) => r.table === 'mandates' && r.body.bodyId === seance.bodyId).map((r) => r.body as Mandate);
  const proxies = all.filter((r) => r.table === 'proxies' && r.body.bodyId === seance.bodyId).map((r) => r.body as Proxy);
  const facts = { seance, inOffice: membersInOffice(mandates, seance.bodyId, seance.date), attendance: m.attendance, proxies };
  const out: [number, string][] = [];
  for (const vote of m.votes) {
    const item = m.deliberations.find((d) => d.id === vote.deliberationId)!;
    const check = checkVoteCounts(vote, countsForItem(facts, item).voters);
    if (!check.ok) out.push([item.orderNumber, check.code]);
  }
  return out;
}

/** The organisation's records as the server holds them, a line a row: what a refused push must leave as it was. */
export async function recordsOf(db: Driver, organisationId: string): Promise<string[]> {
  const rows = await db.all<{ tbl: string; id: string; version: number; body: string }>(
    'SELECT tbl, id, version, body FROM records WHERE organisation_id = ? ORDER BY tbl, id',
    [organisationId],
  );
  const numbers = await db.all<{ number: string; deliberation_id: string }>(
    'SELECT number, deliberation_id FROM registry_numbers WHERE organisation_id = ? ORDER BY number',
    [organisationId],
  );
  return [...rows.map((r) => `${r.tbl} ${r.id} v${Number(r.version)} ${r.body}`), ...numbers.map((n) => `number ${n.number} ${n.deliberation_id}`)];
}

/** The name printed under a member's signature, as the screens write it ("Mme Claire DUMONT"). */
export const memberName = (demo: Demo, memberId: string) => {
  const m = demo.members.find((x) => x.id === memberId)!;
  return `${m.civility} ${m.firstName} ${m.lastName}`;
};

/** `20111107_DL_01`: the séance's date, the type, two digits. */
export const registryNumber = (date: string, n: number) => `${date.replaceAll('-', '')}_DL_${String(n).padStart(2, '0')}`;

let days = 0;
/**
 * A date no other séance of the run has: registry numbers (date and sequence) then never meet
 * another test's. Dates start on 7 November 2011, the reference séance.
 */
export function freshDate(): string {
  return new Date(Date.UTC(2011, 10, 7 + days++)).toISOString().slice(0, 10);
}

/** Lawful commands for the demo organisation's Bureau (nine members, all in office since 2008). */
export function bureau(demo: Demo) {
  const organisationId = demo.organisation.id;
  const bodyId = demo.bodies.find((b) => b.name === 'Bureau')!.id;
  const members = demo.members.map((m) => m.id as string);
  const [presidentId, secretaryId] = [members[0]!, members[1]!];
  return {
    organisationId,
    bodyId,
    members,
    presidentId,
    secretaryId,
    seance: (id: string, date: string, over: Rec = {}) =>
      command('seance.create', 'seances', id, {
        id,
        organisationId,
        bodyId,
        date,
        time: '17:30',
        place: 'Salle du Bureau',
        convocationDate: '2011-06-30',
        presidentId,
        secretaryIds: [secretaryId],
        status: 'in_progress',
        ...over,
      }),
    presence: (seanceId: string, memberId: string, status = 'present', base = 0) =>
      command('attendance.set', 'attendance', `${seanceId}:${memberId}`, { id: `${seanceId}:${memberId}`, seanceId, memberId, status }, base),
    item: (id: string, seanceId: string, orderNumber: number, over: Rec = {}) =>
      command('deliberation.create', 'deliberations', id, {
        id,
        seanceId,
        organisationId,
        orderNumber,
        object: `Point ${orderNumber}`,
        articles: [`Article 1er : le Bureau approuve le point ${orderNumber}.`],
        ...over,
      }),
    vote: (deliberationId: string, yes: number, no = 0, abstain = 0, base = 0) =>
      command('vote.record', 'votes', deliberationId, { deliberationId, mode: 'showOfHands', yes, no, abstain, notVoting: 0 }, base),
  };
}

export type Role = 'president' | 'secretary';

/** A signature of a séance's procès-verbal over `content`, as the signing device makes it. */
export async function minutesSignature(
  k: DeviceKey,
  o: { organisationId: string; seanceId: string; content: unknown; role: Role; memberId?: string; signerName: string; signedAt?: string; png?: string; capacity?: string },
): Promise<Rec> {
  const rec = await signContent(
    {
      subject: { kind: 'minutes', id: o.seanceId },
      content: o.content,
      strokes: [[{ x: 0.1, y: 0.5 }, { x: 0.9, y: 0.4 }]],
      signerName: o.signerName,
      capacity: o.capacity ?? (o.role === 'president' ? 'Présidente' : 'Secrétaire de séance'),
      signedAt: o.signedAt ?? new Date().toISOString(),
      ...(o.png ? { png: o.png } : {}),
    },
    k,
  );
  return {
    id: newId(),
    organisationId: o.organisationId,
    seanceId: o.seanceId,
    ...(o.memberId ? { memberId: o.memberId } : {}),
    role: o.role,
    ...rec,
    ...(o.png ? { png: o.png } : {}),
  };
}

export const signatureCommand = (sig: Rec) => command('signature.create', 'signatures', String(sig.id), sig);
