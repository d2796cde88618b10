import { canonicalJson } from '../../src/domain/canonical';
import { newId } from '../../src/domain/ids';
import { DELETED, isDeletion } from '../../src/domain/syncTables';
import { SERVER_FIELDS, syncedTables, type ConflictRecord, type SyncedTable, type Mutation, type MutationResult, type PushRequest, type PushResponse } from '../../src/domain/sync';
import type { Driver, Sql } from '../db/driver';
import { ApiError } from '../errors';
import type { AuthContext } from '../auth/context';
import { getRecord, nextSeq, putRecord, type StoredRecord } from './records';
import { checkSignature, missingMinutesSigners, sealSeance } from './signing';
import type { Seance, Signature } from '../../src/domain/schemas';

/** Reference fields and the table they point to: each must exist in the same organisation. */
const REFERENCES: Record<string, string> = {
  bodyId: 'bodies',
  memberId: 'members',
  seanceId: 'seances',
  deliberationId: 'deliberations',
  giverId: 'members',
  holderId: 'members',
};
const SEALED = new Set(['signed', 'published']);
const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

class Refusal extends Error {
  constructor(readonly code: string, readonly detail?: string) {
    super(code);
  }
}

/**
 * Applies a push in one transaction (DESIGN §5): mutations already applied are skipped, so a
 * replayed push is harmless; the client's last mutation number is recorded in the same
 * transaction; a mutation that can never apply is rejected with its reason and the counter
 * still advances.
 */
export async function push(db: Driver, auth: AuthContext, req: PushRequest): Promise<PushResponse> {
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
    const results: MutationResult[] = [];
    for (const m of [...req.mutations].sort((a, b) => a.mutationId - b.mutationId)) {
      if (m.mutationId <= last) {
        results.push({ mutationId: m.mutationId, status: 'skipped' });
        continue;
      }
      // A gap means earlier mutations were lost in transit: stop; the client sends them again.
      if (m.mutationId !== last + 1) break;
      const result = await applyOne(tx, auth, req.clientId, m);
      await tx.run('INSERT INTO mutation_results (client_id, mutation_id, status, code) VALUES (?, ?, ?, ?)', [
        req.clientId,
        m.mutationId,
        result.status,
        result.code ?? null,
      ]);
      results.push(result);
      last = m.mutationId;
    }
    await tx.run('UPDATE clients SET last_mutation_id = ?, user_id = ? WHERE client_id = ?', [last, auth.userId, req.clientId]);
    return { lastMutationId: last, results };
  });
}

async function applyOne(tx: Sql, auth: AuthContext, clientId: string, m: Mutation): Promise<MutationResult> {
  try {
    const conflicts = await apply(tx, auth, clientId, m);
    return conflicts ? { mutationId: m.mutationId, status: 'conflict', code: 'sync.conflict' } : { mutationId: m.mutationId, status: 'applied' };
  } catch (e) {
    if (e instanceof Refusal) return { mutationId: m.mutationId, status: 'rejected', code: e.code, ...(e.detail ? { message: e.detail } : {}) };
    throw e;
  }
}

async function seanceStatusOf(tx: Sql, table: string, body: Record<string, unknown>): Promise<string | undefined> {
  const def = syncedTables[table as keyof typeof syncedTables];
  let seanceId: unknown = def.seanceField ? body[def.seanceField] : undefined;
  if (table === 'votes') seanceId = (await getRecord(tx, 'deliberations', String(body.deliberationId)))?.body.seanceId;
  if (typeof seanceId !== 'string') return undefined;
  if (table === 'seances') return undefined;
  return (await getRecord(tx, 'seances', seanceId))?.body.status as string | undefined;
}

/** Returns the number of conflicting fields (0: fully applied). Throws Refusal when it cannot apply. */
async function apply(tx: Sql, auth: AuthContext, clientId: string, m: Mutation): Promise<number> {
  if (!(m.table in syncedTables)) throw new Refusal('sync.unknownTable', m.table);
  const def = syncedTables[m.table as SyncedTable];
  if (auth.role === 'lecture') throw new Refusal('api.forbidden');
  if (def.admin && auth.role !== 'administrateur') throw new Refusal('api.forbidden');
  if ('serverOnly' in def) throw new Refusal('api.forbidden');

  const stored = await getRecord(tx, m.table, m.recordId);
  if (stored && stored.organisationId !== auth.organisationId) throw new Refusal('api.forbidden');
  if (stored?.body[DELETED]) throw new Refusal('sync.deleted');
  if (isDeletion(m.name)) {
    if (!stored) return 0; // already gone, or never reached the server: nothing to remove
    const status = await seanceStatusOf(tx, m.table, stored.body);
    if (status && SEALED.has(status)) throw new Refusal('sync.sealed');
    // A tombstone, so that every device removes the record when it pulls.
    await putRecord(tx, {
      ...stored,
      version: stored.version + 1,
      seq: await nextSeq(tx),
      body: { [def.key]: m.recordId, [DELETED]: true, version: stored.version + 1 },
    });
    return 0;
  }
  const patch: Record<string, unknown> = { ...m.args };
  for (const f of SERVER_FIELDS) delete patch[f];
  if (def.key in patch && patch[def.key] !== m.recordId) throw new Refusal('sync.invalid', `${def.key}`);
  patch[def.key] = m.recordId;

  // Nothing signed changes silently: a sealed séance and everything in it refuse edits.
  if (stored && m.table === 'seances' && SEALED.has(String(stored.body.status))) throw new Refusal('sync.sealed');
  const merged0 = { ...stored?.body, ...patch };
  const status = await seanceStatusOf(tx, m.table, merged0);
  if (status && SEALED.has(status)) throw new Refusal('sync.sealed');

  const conflicts: ConflictRecord[] = [];
  const applied: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    const stamp = stored?.fieldVersions[field];
    // A device's own earlier mutations are ordered before this one: they never conflict with it.
    const changedSince = !!stamp && stamp.v > m.baseVersion && stamp.c !== clientId;
    if (stored && changedSince && field !== 'updatedAt' && !same(stored.body[field], value)) {
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
    } else if (!stored || !same(stored.body[field], value)) {
      applied[field] = value;
    }
  }

  const version = (stored?.version ?? 0) + 1;
  const parsed = def.schema.safeParse({ ...stored?.body, ...applied, version });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal('sync.invalid', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const body = parsed.data as Record<string, unknown>;
  if ('organisationId' in body && body.organisationId !== auth.organisationId) throw new Refusal('api.forbidden');
  if (m.table === 'organisations' && m.recordId !== auth.organisationId) throw new Refusal('api.forbidden');
  for (const [field, target] of Object.entries(REFERENCES)) {
    const ref = body[field];
    if (typeof ref !== 'string' || !(field in applied)) continue;
    const found = await getRecord(tx, target, ref);
    if (!found || found.organisationId !== auth.organisationId) throw new Refusal('sync.badReference', field);
  }

  if (m.table === 'signatures') {
    // A signature never changes; it is accepted once, after checking it against our records.
    if (stored) {
      if (Object.keys(applied).length > 0) throw new Refusal('sync.sealed');
      return 0;
    }
    const reason = await checkSignature(tx, auth.organisationId, auth.userId, body as Signature);
    if (reason) throw new Refusal(reason);
  }
  if (m.table === 'seances' && applied.status === 'signed') {
    const missing = await missingMinutesSigners(tx, auth.organisationId, body as Seance);
    if (missing.length) throw new Refusal('sync.signaturesMissing', missing.join(', '));
  }

  if (!stored || Object.keys(applied).some((f) => f !== def.key) || conflicts.length > 0) {
    const fieldVersions = { ...stored?.fieldVersions };
    for (const f of Object.keys(stored ? applied : body)) fieldVersions[f] = { v: version, c: clientId };
    // Even when every field conflicted, the record gets a new sequence number: the device that
    // lost must pull the server's value, or it would keep showing its own.
    const changed = !stored || Object.keys(applied).some((f) => f !== def.key);
    const record: StoredRecord = {
      tbl: m.table,
      id: m.recordId,
      organisationId: auth.organisationId,
      version: changed ? version : stored.version,
      seq: await nextSeq(tx),
      body: changed ? body : stored.body,
      fieldVersions,
    };
    await putRecord(tx, record);
  }
  if (m.table === 'seances' && applied.status === 'signed') await sealSeance(tx, auth.organisationId, body as Seance);
  for (const c of conflicts) {
    await putRecord(tx, {
      tbl: 'conflicts',
      id: c.id,
      organisationId: auth.organisationId,
      version: 1,
      seq: await nextSeq(tx),
      body: { ...c },
      fieldVersions: {},
    });
  }
  return conflicts.length;
}
