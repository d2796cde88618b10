import { canonicalJson } from '../../src/domain/canonical';
import { newId } from '../../src/domain/ids';
import { DELETED, isDeletion } from '../../src/domain/syncTables';
import { SERVER_FIELDS, syncedTables, type ConflictRecord, type SyncedTable, type Mutation, type MutationResult, type PushRequest, type PushResponse } from '../../src/domain/sync';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import type { AuthContext } from '../auth/context';
import { RecordCache, stampOf, type FieldStamp, type StoredRecord } from './records';
import { checkSignature, missingMinutesSigners, sealSeance } from './signing';
import type { Convention, Seance, Signature } from '../../src/domain/schemas';

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
const SEALED = new Set(['signed', 'published']);
const same = (a: unknown, b: unknown) => a === b || (a ?? null) === (b ?? null) || canonicalJson(a ?? null) === canonicalJson(b ?? null);
const isSynced = (table: string): table is SyncedTable => Object.hasOwn(syncedTables, table);

class Refusal extends Error {
  constructor(readonly code: string, readonly detail?: string) {
    super(code);
  }
}

/**
 * Thrown by `apply()` when it needs something the push has not loaded yet (a record the prefetch
 * did not foresee, the conventions' signatures): the loop loads it and applies the mutation
 * again. `apply()` reads everything before it writes anything, so starting over is harmless.
 */
class Miss {
  constructor(readonly load: () => Promise<unknown>) {}
}

/** What one push transaction knows beyond the records: who pushes, and conventions' signatures. */
interface PushContext {
  cache: RecordCache;
  auth: AuthContext;
  clientId: string;
  /** Convention id → the party indexes already signed; loaded on first need. */
  conventionParties?: Map<string, Set<number>>;
  /** The last field stamp made: records written at the same version share it. */
  stamp?: FieldStamp;
}

/**
 * Applies a push in one transaction (DESIGN §5): mutations already applied are skipped, so a
 * replayed push is harmless; the client's last mutation number is recorded in the same
 * transaction; a mutation that can never apply is rejected with its reason and the counter
 * still advances. A read-only member may not push at all.
 */
export async function push(db: Driver, auth: AuthContext, req: PushRequest): Promise<PushResponse> {
  if (auth.role === 'lecture') throw new ApiError(403, 'api.forbidden');
  return db.transaction(async (tx) => {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const client = await tx.get<{ organisation_id: string; last_mutation_id: number }>(
      `SELECT organisation_id, last_mutation_id FROM clients WHERE client_id = ?${lock}`,
      [req.clientId],
    );
    if (client && client.organisation_id !== auth.organisationId) throw new ApiError(403, 'api.forbidden');
    if (!client) {
      await tx.run('INSERT INTO clients (client_id, user_id, organisation_id, last_mutation_id) VALUES (?, ?, ?, 0)', [
        req.clientId,
        auth.userId,
        auth.organisationId,
      ]);
    }
    let last = Number(client?.last_mutation_id ?? 0);
    const sorted = inOrder(req.mutations);
    const cache = new RecordCache(tx, db.dialect);
    const ctx: PushContext = { cache, auth, clientId: req.clientId };
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
      await tx.run('INSERT INTO pushes (id, client_id, user_id, at) VALUES (?, ?, ?, ?)', [pushId, req.clientId, auth.userId, new Date().toISOString()]);
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
          if (e instanceof Miss) {
            await e.load();
            continue;
          }
          if (!(e instanceof Refusal)) throw e;
          result = { mutationId: m.mutationId, status: 'rejected', code: e.code, ...(e.detail ? { message: e.detail } : {}) };
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
    await tx.run('UPDATE clients SET last_mutation_id = ?, user_id = ? WHERE client_id = ?', [last, auth.userId, req.clientId]);
    return { lastMutationId: last, results };
  });
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

/** A record from the push's cache; a `Miss` when it was not loaded yet. */
function known(cache: RecordCache, tbl: string, id: string): StoredRecord | undefined {
  const r = cache.peek(tbl, id);
  if (r === undefined) throw new Miss(() => cache.get(tbl, id));
  return r ?? undefined;
}

function seanceStatusOf(cache: RecordCache, table: SyncedTable, body: Record<string, unknown>): string | undefined {
  if (table === 'seances') return undefined;
  const def = syncedTables[table];
  let seanceId: unknown = def.seanceField ? body[def.seanceField] : undefined;
  if (table === 'votes') seanceId = known(cache, 'deliberations', String(body.deliberationId))?.body.seanceId;
  if (typeof seanceId !== 'string') return undefined;
  return known(cache, 'seances', seanceId)?.body.status as string | undefined;
}

/** The party indexes already signed on each convention of the organisation (read once per push). */
async function conventionParties(ctx: PushContext): Promise<Map<string, Set<number>>> {
  if (ctx.conventionParties) return ctx.conventionParties;
  await ctx.cache.flush();
  const rows = await ctx.cache.sql.all<{ body: string }>("SELECT body FROM records WHERE organisation_id = ? AND tbl = 'signatures'", [
    ctx.auth.organisationId,
  ]);
  const map = new Map<string, Set<number>>();
  for (const r of rows) {
    const s = JSON.parse(r.body) as Signature & { [DELETED]?: boolean };
    if (s[DELETED] || s.subject?.kind !== 'convention') continue;
    let set = map.get(s.subject.id);
    if (!set) map.set(s.subject.id, (set = new Set()));
    set.add(s.partyIndex ?? -1);
  }
  ctx.conventionParties = map;
  return map;
}

/** The conventions' signed parties, or a `Miss` when they were not read yet. */
function knownParties(ctx: PushContext): Map<string, Set<number>> {
  if (!ctx.conventionParties) throw new Miss(() => conventionParties(ctx));
  return ctx.conventionParties;
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
 * mutation needs SQL (a signature to check, a séance to seal). Throws Refusal when it cannot
 * apply, Miss when it must be applied again once something is loaded. Everything is read and
 * checked before anything is written.
 */
function apply(ctx: PushContext, m: Mutation): number | Promise<number> {
  const { cache, auth, clientId } = ctx;
  const table = m.table;
  if (!isSynced(table)) throw new Refusal('sync.unknownTable', table);
  const def = syncedTables[table];
  if (auth.role === 'lecture') throw new Refusal('api.forbidden');
  if (def.admin && auth.role !== 'administrateur') throw new Refusal('api.forbidden');
  if ('serverOnly' in def) throw new Refusal('api.forbidden');

  // Another organisation's record answers as if it did not exist (its existence is not disclosed).
  if (table === 'organisations' && m.recordId !== auth.organisationId) throw new Refusal('api.notFound');
  const stored = known(cache, table, m.recordId);
  if (stored && stored.organisationId !== auth.organisationId) throw new Refusal('api.notFound');
  if (stored?.body[DELETED]) throw new Refusal('sync.deleted');
  // A convention signed by one party no longer changes: a change would void that signature.
  if (stored && table === 'conventions' && knownParties(ctx).get(m.recordId)?.size) throw new Refusal('sync.sealed');
  if (isDeletion(m.name)) {
    if (!stored) return 0; // already gone, or never reached the server: nothing to remove
    const status = seanceStatusOf(cache, table, stored.body);
    if (status && SEALED.has(status)) throw new Refusal('sync.sealed');
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

  // Nothing signed changes silently: a sealed séance and everything in it refuse edits.
  if (stored && table === 'seances' && SEALED.has(String(stored.body.status))) throw new Refusal('sync.sealed');
  if ((def.seanceField && table !== 'seances') || table === 'votes') {
    const status = seanceStatusOf(cache, table, stored ? { ...stored.body, ...patch } : patch);
    if (status && SEALED.has(status)) throw new Refusal('sync.sealed');
  }

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

  const version = (stored?.version ?? 0) + 1;
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
    const found = known(cache, refTable, ref);
    // Missing, or another organisation's: the same answer, so that nothing tells them apart.
    if (!found || found.organisationId !== auth.organisationId) throw new Refusal('sync.badReference', field);
  }

  const outcome: Outcome = { m, stored, body, applied, version, changedFields, conflicts };
  if (table === 'signatures') {
    // A signature never changes; it is accepted once, after checking it against our records.
    if (stored) {
      if (changedFields > 0) throw new Refusal('sync.sealed');
      return 0;
    }
    return sign(ctx, outcome);
  }
  if (table === 'seances' && applied.status === 'signed') return seal(ctx, outcome);
  write(ctx, outcome);
  return writeConflicts(ctx, conflicts);
}

/** A new signature: checked against the records (in SQL), then written. */
async function sign(ctx: PushContext, outcome: Outcome): Promise<number> {
  const { cache, auth } = ctx;
  const sig = outcome.body as Signature;
  let party: number | undefined;
  if (sig.subject.kind === 'convention') {
    const conv = await cache.get('conventions', sig.subject.id);
    if (conv && conv.organisationId === auth.organisationId && !conv.body[DELETED]) {
      const parties = (conv.body as Convention).parties;
      if (sig.role !== 'party' || sig.partyIndex === undefined || sig.partyIndex >= parties.length) {
        throw new Refusal('sync.invalid', 'partyIndex');
      }
      if ((await conventionParties(ctx)).get(sig.subject.id)?.has(sig.partyIndex)) throw new Refusal('sync.alreadySigned');
      party = sig.partyIndex;
    }
  }
  await cache.flush();
  const reason = await checkSignature(cache.sql, auth.organisationId, auth.userId, sig);
  if (reason) throw new Refusal(reason);
  if (party !== undefined) {
    const map = await conventionParties(ctx);
    let set = map.get(sig.subject.id);
    if (!set) map.set(sig.subject.id, (set = new Set()));
    set.add(party);
  }
  write(ctx, outcome);
  return writeConflicts(ctx, outcome.conflicts);
}

/** A séance signed: every minutes signature must be there; then it is written and sealed. */
async function seal(ctx: PushContext, outcome: Outcome): Promise<number> {
  const { cache, auth } = ctx;
  await cache.flush();
  const missing = await missingMinutesSigners(cache.sql, auth.organisationId, outcome.body as Seance);
  if (missing.length) throw new Refusal('sync.signaturesMissing', missing.join(', '));
  write(ctx, outcome);
  await cache.flush();
  await sealSeance(cache.sql, auth.organisationId, outcome.body as Seance);
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
