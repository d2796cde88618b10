import { canonicalJson } from '../../src/domain/canonical';
import { newId } from '../../src/domain/ids';
import { DELETED, isDeletion } from '../../src/domain/syncTables';
import { SERVER_FIELDS, syncedTables, type ConflictRecord, type SyncedTable, type Mutation, type MutationResult, type PushRequest, type PushResponse } from '../../src/domain/sync';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import type { AuthContext } from '../auth/context';
import { RecordCache, stampOf, type StoredRecord } from './records';
import { checkSignature, missingMinutesSigners, sealSeance } from './signing';
import type { Convention, Seance, Signature } from '../../src/domain/schemas';

/** Reference fields and the table they point to: each must exist in the same organisation. */
const REFERENCES: [string, string][] = [
  ['bodyId', 'bodies'],
  ['memberId', 'members'],
  ['seanceId', 'seances'],
  ['deliberationId', 'deliberations'],
  ['giverId', 'members'],
  ['holderId', 'members'],
  ['rectifies', 'deliberations'],
];
const SEALED = new Set(['signed', 'published']);
const same = (a: unknown, b: unknown) => a === b || (a ?? null) === (b ?? null) || canonicalJson(a ?? null) === canonicalJson(b ?? null);

class Refusal extends Error {
  constructor(readonly code: string, readonly detail?: string) {
    super(code);
  }
}

/** What one push transaction knows beyond the records: who pushes, and conventions' signatures. */
interface PushContext {
  cache: RecordCache;
  auth: AuthContext;
  clientId: string;
  /** Convention id → the party indexes already signed; loaded on first need. */
  conventionParties?: Map<string, Set<number>>;
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
    const sorted = [...req.mutations].sort((a, b) => a.mutationId - b.mutationId);
    const cache = new RecordCache(tx, db.dialect);
    const ctx: PushContext = { cache, auth, clientId: req.clientId };
    const fresh = sorted.filter((m) => m.mutationId > last);
    if (fresh.length > 0) {
      // The counter first: on PostgreSQL its lock orders concurrent pushes before anything is read.
      await cache.loadSeq();
      await cache.prefetch(wantedBy(fresh));
    }
    const at = new Date().toISOString();
    const results: MutationResult[] = [];
    for (const m of sorted) {
      if (m.mutationId <= last) {
        results.push({ mutationId: m.mutationId, status: 'skipped' });
        continue;
      }
      // A gap means earlier mutations were lost in transit: stop; the client sends them again.
      if (m.mutationId !== last + 1) break;
      const result = await applyOne(ctx, m);
      cache.addResult({
        clientId: req.clientId,
        mutationId: m.mutationId,
        status: result.status,
        code: result.code ?? null,
        tbl: m.table,
        recordId: m.recordId,
        name: m.name,
        userId: auth.userId,
        at,
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

/** The records a batch of mutations will read: their own, and the ones their fields point to. */
function* wantedBy(mutations: Mutation[]): Generator<[string, string]> {
  for (const m of mutations) {
    if (!(m.table in syncedTables)) continue;
    yield [m.table, m.recordId];
    for (const [field, target] of REFERENCES) {
      const ref = m.args[field];
      if (typeof ref === 'string') yield [target, ref];
    }
  }
}

async function applyOne(ctx: PushContext, m: Mutation): Promise<MutationResult> {
  try {
    const conflicts = await apply(ctx, m);
    return conflicts ? { mutationId: m.mutationId, status: 'conflict', code: 'sync.conflict' } : { mutationId: m.mutationId, status: 'applied' };
  } catch (e) {
    if (e instanceof Refusal) return { mutationId: m.mutationId, status: 'rejected', code: e.code, ...(e.detail ? { message: e.detail } : {}) };
    throw e;
  }
}

/** A record from the push's cache, read from the database only when the prefetch missed it. */
async function load(cache: RecordCache, tbl: string, id: string): Promise<StoredRecord | undefined> {
  const r = cache.peek(tbl, id);
  return r === undefined ? cache.get(tbl, id) : (r ?? undefined);
}

async function seanceStatusOf(cache: RecordCache, table: string, body: Record<string, unknown>): Promise<string | undefined> {
  if (table === 'seances') return undefined;
  const def = syncedTables[table as keyof typeof syncedTables];
  let seanceId: unknown = def.seanceField ? body[def.seanceField] : undefined;
  if (table === 'votes') seanceId = (await load(cache, 'deliberations', String(body.deliberationId)))?.body.seanceId;
  if (typeof seanceId !== 'string') return undefined;
  return (await load(cache, 'seances', seanceId))?.body.status as string | undefined;
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

/** Returns the number of conflicting fields (0: fully applied). Throws Refusal when it cannot apply. */
async function apply(ctx: PushContext, m: Mutation): Promise<number> {
  const { cache, auth, clientId } = ctx;
  if (!(m.table in syncedTables)) throw new Refusal('sync.unknownTable', m.table);
  const def = syncedTables[m.table as SyncedTable];
  if (auth.role === 'lecture') throw new Refusal('api.forbidden');
  if (def.admin && auth.role !== 'administrateur') throw new Refusal('api.forbidden');
  if ('serverOnly' in def) throw new Refusal('api.forbidden');

  // Another organisation's record answers as if it did not exist (its existence is not disclosed).
  if (m.table === 'organisations' && m.recordId !== auth.organisationId) throw new Refusal('api.notFound');
  const peeked = cache.peek(m.table, m.recordId);
  const stored = peeked === undefined ? await cache.get(m.table, m.recordId) : (peeked ?? undefined);
  if (stored && stored.organisationId !== auth.organisationId) throw new Refusal('api.notFound');
  if (stored?.body[DELETED]) throw new Refusal('sync.deleted');
  // A convention signed by one party no longer changes: a change would void that signature.
  if (stored && m.table === 'conventions' && (await conventionParties(ctx)).get(m.recordId)?.size) throw new Refusal('sync.sealed');
  if (isDeletion(m.name)) {
    if (!stored) return 0; // already gone, or never reached the server: nothing to remove
    const status = await seanceStatusOf(cache, m.table, stored.body);
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
  // `null` in a patch removes the field (an optional field cleared on the device).
  const patch: Record<string, unknown> = { ...m.args };
  for (const f of SERVER_FIELDS) if (f in patch) delete patch[f];
  if (def.key in patch && patch[def.key] !== m.recordId) throw new Refusal('sync.invalid', `${def.key}`);
  patch[def.key] = m.recordId;

  // Nothing signed changes silently: a sealed séance and everything in it refuse edits.
  if (stored && m.table === 'seances' && SEALED.has(String(stored.body.status))) throw new Refusal('sync.sealed');
  if ((def.seanceField && m.table !== 'seances') || m.table === 'votes') {
    const status = await seanceStatusOf(cache, m.table, stored ? { ...stored.body, ...patch } : patch);
    if (status && SEALED.has(status)) throw new Refusal('sync.sealed');
  }

  const conflicts: ConflictRecord[] = [];
  // A new record takes the whole patch; an existing one, the fields that changed without conflict.
  const applied: Record<string, unknown> = stored ? {} : patch;
  let changedFields = 0;
  if (stored) {
    for (const field in patch) {
      const value = patch[field];
      const stamp = stampOf(stored, field);
      // A device's own earlier mutations are ordered before this one: they never conflict with it.
      const changedSince = !!stamp && stamp.v > m.baseVersion && stamp.c !== clientId;
      if (same(stored.body[field], value)) continue;
      if (changedSince && field !== 'updatedAt') {
        conflicts.push({
          id: newId(),
          table: m.table,
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
  const candidate: Record<string, unknown> = stored ? { ...stored.body, ...applied, version } : { ...applied, version };
  for (const f in applied) if (applied[f] === null) delete candidate[f]; // null clears the field
  const parsed = def.schema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal('sync.invalid', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const body = parsed.data as Record<string, unknown>;
  if ('organisationId' in body && body.organisationId !== auth.organisationId) throw new Refusal('api.notFound');
  for (const [field, target] of REFERENCES) {
    const ref = body[field];
    if (typeof ref !== 'string' || !(field in applied)) continue;
    const known = cache.peek(target, ref);
    const found = known === undefined ? await cache.get(target, ref) : (known ?? undefined);
    // Missing, or another organisation's: the same answer, so that nothing tells them apart.
    if (!found || found.organisationId !== auth.organisationId) throw new Refusal('sync.badReference', field);
  }

  if (m.table === 'signatures') {
    // A signature never changes; it is accepted once, after checking it against our records.
    if (stored) {
      if (changedFields > 0) throw new Refusal('sync.sealed');
      return 0;
    }
    const sig = body as Signature;
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
  }
  const sealing = m.table === 'seances' && applied.status === 'signed';
  if (sealing) {
    await cache.flush();
    const missing = await missingMinutesSigners(cache.sql, auth.organisationId, body as Seance);
    if (missing.length) throw new Refusal('sync.signaturesMissing', missing.join(', '));
  }

  const changed = !stored || changedFields > 0;
  if (changed || conflicts.length > 0) {
    // A new record: one stamp for all its fields. An existing one: its stamps, and this one for
    // each field this mutation wrote.
    const stamp = { v: version, c: clientId };
    const fieldVersions = stored ? { ...stored.fieldVersions } : {};
    if (stored) for (const f in applied) fieldVersions[f] = stamp;
    // Even when every field conflicted, the record gets a new sequence number: the device that
    // lost must pull the server's value, or it would keep showing its own.
    const record: StoredRecord = {
      tbl: m.table,
      id: m.recordId,
      organisationId: auth.organisationId,
      version: changed ? version : stored.version,
      seq: cache.nextSeq(),
      body: changed ? body : stored.body,
      fieldVersions,
      stamp: stored ? stored.stamp : stamp,
    };
    cache.put(record);
  }
  if (sealing) {
    await cache.flush();
    await sealSeance(cache.sql, auth.organisationId, body as Seance);
    // sealSeance wrote the seal and advanced the counter in SQL: read both again from there.
    cache.forget('seals', m.recordId);
    await cache.loadSeq();
  }
  for (const c of conflicts) {
    cache.put({
      tbl: 'conflicts',
      id: c.id,
      organisationId: auth.organisationId,
      version: 1,
      seq: cache.nextSeq(),
      body: { ...c },
      fieldVersions: {},
    });
  }
  return conflicts.length;
}
