import { canonicalJson } from '../../src/domain/canonical';
import { checkCommand, commandOf, CommandRefusal, effectivePatch, NotLoaded, type ChildTable, type CommandState, type Rec } from '../../src/domain/commands';
import { newId } from '../../src/domain/ids';
import { DELETED } from '../../src/domain/syncTables';
import { SERVER_FIELDS, syncedTables, type ConflictRecord, type SyncedTable, type Mutation, type MutationResult, type PushRequest, type PushResponse } from '../../src/domain/sync';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import type { AuthContext } from '../auth/context';
import { RecordCache, stampOf, type FieldStamp, type StoredRecord } from './records';
import { checkSignature, minutesSignersMissing, sealSeance } from './signing';
import type { Actor } from '../../src/domain/roles';
import type { Seance, Signature } from '../../src/domain/schemas';

/** Reference fields and the table they point to: each must exist in the same organisation. */
export const REFERENCES: [string, string][] = [
  ['bodyId', 'bodies'],
  ['memberId', 'members'],
  ['seanceId', 'seances'],
  ['deliberationId', 'deliberations'],
  ['giverId', 'members'],
  ['holderId', 'members'],
  ['rectifies', 'deliberations'],
];

/**
 * The references a table's records can hold: those its schema has (a validated body has no
 * other field), or all of them when the schema does not tell its fields.
 */
const refsByTable = new Map<string, [string, string][]>();
export function referencesOf(table: SyncedTable): [string, string][] {
  let refs = refsByTable.get(table);
  if (!refs) {
    const shape = (syncedTables[table].schema as { shape?: Record<string, unknown> }).shape;
    refs = shape ? REFERENCES.filter(([field]) => Object.hasOwn(shape, field)) : REFERENCES;
    refsByTable.set(table, refs);
  }
  return refs;
}
/** A new record's field stamps and conflicts: none (shared, never changed in place). */
const NO_STAMPS: Record<string, FieldStamp> = Object.freeze({}) as Record<string, FieldStamp>;
const NO_CONFLICTS: ConflictRecord[] = Object.freeze([]) as unknown as ConflictRecord[];
const same = (a: unknown, b: unknown) => a === b || (a ?? null) === (b ?? null) || canonicalJson(a ?? null) === canonicalJson(b ?? null);
const isSynced = (table: string): table is SyncedTable => Object.hasOwn(syncedTables, table);

class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly detail?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

/** What one push transaction knows beyond the records: who pushes, from where, when. */
interface PushContext {
  cache: RecordCache;
  auth: AuthContext;
  clientId: string;
  /** The state the commands' checks read (src/domain/commands.ts), over the cache. */
  state: CommandState;
  /** The server's time for this push: a signature's receipt, the checks' "now". */
  now: Date;
  /** Who runs the commands (src/domain/roles.ts), made once per push. */
  actor: Actor;
  /** The last field stamp made: records written at the same version share it. */
  stamp?: FieldStamp;
}

/**
 * The commands' view of the server's records, as this push has them: a getter that lacks
 * something throws NotLoaded, the loop loads it and applies the mutation again. A record of
 * another organisation, or deleted, reads as missing.
 */
class ServerState implements CommandState {
  constructor(
    private readonly cache: RecordCache,
    private readonly organisationId: string,
    private readonly at: Date,
  ) {}
  get(table: SyncedTable, id: string): Rec | undefined {
    const r = known(this.cache, table, id);
    return r && r.organisationId === this.organisationId && !r.body[DELETED] ? r.body : undefined;
  }
  children(table: ChildTable, parentId: string): Rec[] {
    const list = this.cache.childrenOf(table, parentId);
    if (!list) throw new NotLoaded(() => this.cache.loadChildren(table, parentId));
    return list.filter((r) => r.organisationId === this.organisationId && !r.body[DELETED]).map((r) => r.body);
  }
  numberHolder(number: string): string | undefined {
    const holder = this.cache.numberHolder(number);
    if (holder === null) throw new NotLoaded(() => this.cache.loadNumber(number));
    return holder;
  }
  now(): Date {
    return this.at;
  }
}

/**
 * Applies a push in one transaction (docs/architecture.md §5): mutations already applied are skipped, so a
 * replayed push is harmless; the client's last mutation number is recorded in the same
 * transaction; a mutation that can never apply is rejected with its reason and the counter
 * still advances. Each mutation is a command of the shared registry, checked again here against
 * the server's own records (docs/decisions/004). A read-only member may not push at all; a
 * device's client id belongs to the user and organisation that first pushed it.
 */
export async function push(db: Driver, auth: AuthContext, req: PushRequest, now = new Date()): Promise<PushResponse> {
  if (auth.role === 'lecture') throw new ApiError(403, 'api.forbidden');
  return db.transaction(async (tx) => {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    // A new client id is claimed first: two first pushes at once under one id (a retry racing its
    // lost original) wait on each other here instead of colliding on the key (PostgreSQL).
    await tx.run('INSERT INTO clients (client_id, user_id, organisation_id, last_mutation_id) VALUES (?, ?, ?, 0) ON CONFLICT (client_id) DO NOTHING', [
      req.clientId,
      auth.userId,
      auth.organisationId,
    ]);
    const client = (await tx.get<{ organisation_id: string; user_id: string; last_mutation_id: number }>(
      `SELECT organisation_id, user_id, last_mutation_id FROM clients WHERE client_id = ?${lock}`,
      [req.clientId],
    ))!;
    // Another user's device id (read from the audit, say) would let one skip that device's changes.
    if (client.organisation_id !== auth.organisationId || client.user_id !== auth.userId) throw new ApiError(403, 'api.forbidden');
    let last = Number(client.last_mutation_id);
    const sorted = inOrder(req.mutations);
    const cache = new RecordCache(tx, db.dialect, auth.organisationId);
    const actor: Actor = { userId: auth.userId, organisationId: auth.organisationId, role: auth.role, memberId: auth.memberId };
    const ctx: PushContext = { cache, auth, clientId: req.clientId, now, actor, state: new ServerState(cache, auth.organisationId, now) };
    const results: MutationResult[] = [];
    let i = 0;
    for (; i < sorted.length && sorted[i]!.mutationId <= last; i++) results.push({ mutationId: sorted[i]!.mutationId, status: 'skipped' });
    let pushId = 0;
    if (i < sorted.length) {
      // The counter first: on PostgreSQL its lock orders concurrent pushes before anything is read.
      await cache.loadSeq();
      // Who pushed, from which device and when: said once, for every result of this push.
      const row = await tx.get<{ value: number }>("UPDATE counters SET value = value + 1 WHERE name = 'push' RETURNING value");
      pushId = Number(row!.value);
      await tx.run('INSERT INTO pushes (id, client_id, user_id, at) VALUES (?, ?, ?, ?)', [pushId, req.clientId, auth.userId, now.toISOString()]);
      for (let j = i; j < sorted.length; j++) want(cache, sorted[j]!);
      await cache.prefetch();
    }
    for (; i < sorted.length; i++) {
      const m = sorted[i]!;
      // A gap means earlier mutations were lost in transit: stop; the client sends them again.
      if (m.mutationId !== last + 1) break;
      let result: MutationResult;
      for (;;) {
        try {
          // Synchronous unless the mutation needs SQL (a signature, a seal): no await per mutation.
          let conflicts = apply(ctx, m);
          if (typeof conflicts !== 'number') conflicts = await conflicts;
          result = conflicts ? { mutationId: m.mutationId, status: 'conflict', code: 'sync.conflict' } : { mutationId: m.mutationId, status: 'applied' };
          break;
        } catch (e) {
          if (e instanceof NotLoaded) {
            await e.load();
            continue;
          }
          const refusal = e instanceof CommandRefusal ? new Refusal(e.code, e.detail, e.params) : e;
          if (!(refusal instanceof Refusal)) throw e;
          result = { mutationId: m.mutationId, status: 'rejected', code: refusal.code, ...(refusal.detail ? { message: refusal.detail } : {}) };
          if (Object.keys(refusal.params).length) result.params = refusal.params;
          // The record as the server holds it, so that the device puts it back (it rebases).
          const current = currentOf(ctx, m);
          if (current !== undefined) result.current = current;
          break;
        }
      }
      cache.addResult({
        pushId,
        mutationId: m.mutationId,
        status: result.status,
        code: result.code ?? null,
        tbl: m.table,
        recordId: m.recordId,
        name: m.name,
        baseVersion: m.baseVersion,
      });
      results.push(result);
      last = m.mutationId;
    }
    await cache.flush();
    await tx.run('UPDATE clients SET last_mutation_id = ? WHERE client_id = ?', [last, req.clientId]);
    return { lastMutationId: last, results };
  });
}

/** The server's record a refused mutation aimed at: null when it has none (or not for this user). */
function currentOf(ctx: PushContext, m: Mutation): MutationResult['current'] {
  if (!isSynced(m.table)) return undefined;
  const r = ctx.cache.peek(m.table, m.recordId);
  if (r === undefined) return undefined;
  if (!r || r.organisationId !== ctx.auth.organisationId || r.body[DELETED]) return null;
  return { version: r.version, body: r.body };
}

/** The mutations by number: as sent when they already are (the usual case), else a sorted copy. */
function inOrder(mutations: Mutation[]): Mutation[] {
  for (let i = 1; i < mutations.length; i++) {
    if (mutations[i]!.mutationId < mutations[i - 1]!.mutationId) return [...mutations].sort((a, b) => a.mutationId - b.mutationId);
  }
  return mutations;
}

/** The records a mutation will read, for the prefetch: its own, and the ones its fields point to. */
function want(cache: RecordCache, m: Mutation): void {
  if (!isSynced(m.table)) return;
  cache.want(m.table, m.recordId);
  const args = m.args;
  for (const [field, table] of referencesOf(m.table)) {
    const ref = args[field];
    if (typeof ref === 'string') cache.want(table, ref);
  }
}

/** A record from the push's cache; a `NotLoaded` when it was not loaded yet. */
function known(cache: RecordCache, tbl: string, id: string): StoredRecord | undefined {
  const r = cache.peek(tbl, id);
  if (r === undefined) throw new NotLoaded(() => cache.get(tbl, id));
  return r ?? undefined;
}

/**
 * `{ ...base, ...patch }`, made with Object.assign: V8 gives the copy a shape that the schema
 * reads twice as fast as a spread's (zod's object parsing looks up every field of the schema,
 * absent ones included). A `__proto__` key would set the prototype there: spread then.
 */
function copyOf(base: Record<string, unknown> | undefined, patch: Record<string, unknown>): Record<string, unknown> {
  if (Object.hasOwn(patch, '__proto__') || (base && Object.hasOwn(base, '__proto__'))) return { ...base, ...patch };
  return base ? Object.assign({}, base, patch) : Object.assign({}, patch);
}

function hasServerField(args: Record<string, unknown>): boolean {
  for (const f of SERVER_FIELDS) if (f in args) return true;
  return false;
}

/** What `apply()` decided to write for one mutation. */
interface Outcome {
  m: Mutation;
  /** The live record before the mutation (undefined: none, or deleted). */
  stored: StoredRecord | undefined;
  /** The validated record. */
  body: Record<string, unknown>;
  /** The fields this mutation wrote. */
  applied: Record<string, unknown>;
  version: number;
  changedFields: number;
  conflicts: ConflictRecord[];
}

/**
 * Returns the number of conflicting fields (0: fully applied), or a promise of it when the
 * mutation needs SQL (a signature to check, a séance to seal). Throws Refusal (or a
 * CommandRefusal) when it cannot apply, NotLoaded when it must be applied again once something
 * is loaded. Everything is read and checked before anything is written.
 */
function apply(ctx: PushContext, m: Mutation): number | Promise<number> {
  const { cache, auth, clientId, state } = ctx;
  const table = m.table;
  if (!isSynced(table)) throw new Refusal('sync.unknownTable', table);
  const def = syncedTables[table];
  if ('serverOnly' in def) throw new Refusal('api.forbidden');
  // What is not a command of the registry is refused: there is no generic patch.
  const command = commandOf(m.name);
  if (!command || command.table !== table) throw new Refusal('sync.unknownCommand', m.name);
  if (!command.roles.includes(auth.role)) throw new Refusal('api.forbidden');

  // Another organisation's record answers as if it did not exist (its existence is not disclosed).
  if (table === 'organisations' && m.recordId !== auth.organisationId) throw new Refusal('api.notFound');
  const found = known(cache, table, m.recordId);
  if (found && found.organisationId !== auth.organisationId) throw new Refusal('api.notFound');
  // A deleted record stays deleted; only an upsert (a vote recorded again after its cancellation)
  // makes it anew, its versions going on from the tombstone's.
  const tombstone = found?.body[DELETED] ? found : undefined;
  if (tombstone && command.effect !== 'upsert') throw new Refusal('sync.deleted');
  const stored = tombstone ? undefined : found;
  const actor = ctx.actor;

  if (command.effect === 'delete') {
    if (!stored) return 0; // already gone, or never reached the server: nothing to remove
    checkCommand(command, { name: m.name, table, recordId: m.recordId, before: stored.body, after: undefined, patch: {}, actor }, state, def.key);
    // A tombstone, so that every device removes the record when it pulls.
    cache.put({
      ...stored,
      version: stored.version + 1,
      seq: cache.nextSeq(),
      body: { [def.key]: m.recordId, [DELETED]: true, version: stored.version + 1 },
    });
    return 0;
  }
  // `null` in a patch removes the field (an optional field cleared on the device). The
  // arguments are used as they are unless they need changing (never changed in place).
  let patch: Record<string, unknown> = m.args;
  if (patch[def.key] !== m.recordId || hasServerField(patch)) {
    patch = { ...patch };
    for (const f of SERVER_FIELDS) if (f in patch) delete patch[f];
    if (def.key in patch && patch[def.key] !== m.recordId) throw new Refusal('sync.invalid', `${def.key}`);
    patch[def.key] = m.recordId;
  }
  if (command.effect === 'create' && stored) {
    // A create sent again (a séance file imported twice): the same content is harmless, other
    // content is not a create.
    for (const f in patch) if (f !== 'updatedAt' && f !== 'version' && !same(stored.body[f], patch[f])) throw new Refusal('sync.exists', f);
    return 0;
  }
  patch = effectivePatch(command, stored?.body, patch, m.baseVersion);

  const conflicts: ConflictRecord[] = stored ? [] : NO_CONFLICTS;
  // A new record takes the whole patch; an existing one, the fields that changed without conflict.
  const applied: Record<string, unknown> = stored ? {} : patch;
  let changedFields = 0;
  if (stored) {
    for (const field in patch) {
      const value = patch[field];
      if (same(stored.body[field], value)) continue;
      const stamp = stampOf(stored, field);
      // A device's own earlier mutations are ordered before this one: they never conflict with it.
      const changedSince = !!stamp && stamp.v > m.baseVersion && stamp.c !== clientId;
      if (changedSince && field !== 'updatedAt') {
        conflicts.push({
          id: newId(),
          table,
          version: 1,
          recordId: m.recordId,
          field,
          serverValue: stored.body[field],
          clientValue: value,
          clientId,
          mutationId: m.mutationId,
          resolved: false,
        });
      } else {
        applied[field] = value;
        if (field !== def.key) changedFields++;
      }
    }
  }

  const version = (found?.version ?? 0) + 1;
  const candidate = copyOf(stored?.body, applied);
  candidate.version = version;
  for (const f in applied) if (applied[f] === null) delete candidate[f]; // null clears the field
  const parsed = def.schema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal('sync.invalid', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const body = parsed.data as Record<string, unknown>;
  if ('organisationId' in body && body.organisationId !== auth.organisationId) throw new Refusal('api.notFound');
  for (const [field, refTable] of referencesOf(table)) {
    const ref = body[field];
    if (typeof ref !== 'string' || !(field in applied)) continue;
    const target = known(cache, refTable, ref);
    // Missing, or another organisation's: the same answer, so that nothing tells them apart.
    if (!target || target.organisationId !== auth.organisationId || target.body[DELETED]) throw new Refusal('sync.badReference', field);
  }
  // The register's rules, the same the device ran, against the server's records.
  checkCommand(command, { name: m.name, table, recordId: m.recordId, before: stored?.body, after: body, patch: applied, actor }, state, def.key);

  const outcome: Outcome = { m, stored, body, applied, version, changedFields, conflicts };
  if (table === 'signatures') return sign(ctx, outcome);
  if (table === 'seances' && applied.status === 'signed') return seal(ctx, outcome);
  write(ctx, outcome);
  return writeConflicts(ctx, conflicts);
}

/** A new signature: checked against the records and the signer's key (in SQL), then written. */
async function sign(ctx: PushContext, outcome: Outcome): Promise<number> {
  const { cache, auth } = ctx;
  const sig = outcome.body as Signature;
  await cache.flush();
  const reason = await checkSignature(cache.sql, auth.organisationId, auth.userId, sig);
  if (reason) throw new Refusal(reason);
  // The server's time of receipt, beside the device's signedAt (a device offline signs days before).
  outcome.body = { ...outcome.body, receivedAt: ctx.now.toISOString() };
  write(ctx, outcome);
  return writeConflicts(ctx, outcome.conflicts);
}

/**
 * A séance signed: every signature the procès-verbal requires must be there and cover its
 * content as it is now (a signature of content that has since changed does not count); then the
 * séance is written and sealed.
 */
async function seal(ctx: PushContext, outcome: Outcome): Promise<number> {
  const { cache, auth } = ctx;
  await cache.flush();
  const { missing, stale } = await minutesSignersMissing(cache.sql, auth.organisationId, outcome.body as Seance);
  // A signature over an earlier text does not count; the act signed again over this one does.
  if (missing.length) throw new Refusal(stale.length ? 'sync.signaturesStale' : 'sync.signaturesMissing', missing.join(', '));
  write(ctx, outcome);
  await cache.flush();
  await sealSeance(cache.sql, auth.organisationId, outcome.body as Seance, ctx.now);
  // sealSeance wrote the seal and advanced the counter in SQL: read both again from there.
  cache.forget('seals', outcome.m.recordId);
  await cache.loadSeq();
  return writeConflicts(ctx, outcome.conflicts);
}

function write(ctx: PushContext, { m, stored, body, applied, version, changedFields, conflicts }: Outcome): void {
  const { cache, auth, clientId } = ctx;
  const changed = !stored || changedFields > 0;
  if (!changed && conflicts.length === 0) return;
  // A new record: one stamp for all its fields. An existing one: its stamps, and this one for
  // each field this mutation wrote. Stamps are never changed in place, so records share them.
  let stamp = ctx.stamp;
  if (stamp?.v !== version) ctx.stamp = stamp = { v: version, c: clientId };
  let fieldVersions = NO_STAMPS;
  if (stored) {
    fieldVersions = { ...stored.fieldVersions };
    for (const f in applied) fieldVersions[f] = stamp;
  }
  // A vote is listed under its deliberation's séance (the checks read a séance's votes).
  const parent = m.table === 'votes' ? (ctx.state.get('deliberations', String(body.deliberationId))?.seanceId as string | undefined) : undefined;
  if (m.table === 'deliberations' && typeof body.registryNumber === 'string' && body.registryNumber !== stored?.body.registryNumber) {
    cache.giveNumber(body.registryNumber, m.recordId);
  }
  // Even when every field conflicted, the record gets a new sequence number: the device that
  // lost must pull the server's value, or it would keep showing its own.
  cache.put({
    tbl: m.table,
    id: m.recordId,
    organisationId: auth.organisationId,
    version: changed ? version : stored.version,
    seq: cache.nextSeq(),
    body: changed ? body : stored.body,
    fieldVersions,
    stamp: stored ? stored.stamp : stamp,
    ...(parent ? { parent } : {}),
  });
}

function writeConflicts(ctx: PushContext, conflicts: ConflictRecord[]): number {
  for (const c of conflicts) {
    ctx.cache.put({
      tbl: 'conflicts',
      id: c.id,
      organisationId: ctx.auth.organisationId,
      version: 1,
      seq: ctx.cache.nextSeq(),
      body: { ...c },
      fieldVersions: {},
    });
  }
  return conflicts.length;
}
