// crypto.randomUUID rather than uuidv7: the client id needs no time order, and it keeps uuidv7 out of the first load.
import type { PulledRecord, PushResponse } from '../domain/sync';
import { DELETED, syncedTableNames } from '../domain/syncTables';
import { db, type OutboxEntry, type RegistreDb } from '../store/db';
import { changesOf, clientIdKey, COUNTERS, CURRENT_CLIENT_ID, perUser, SESSION, sessionUserOf } from '../store/deviceUsers';
import { SyncError, type Transport } from './transport';

/*
 * The device side of the sync contract (docs/architecture.md §5):
 * - push the outbox in order; the server's lastMutationId says what it holds, and only then
 *   are those entries removed (a lost answer is a harmless replay);
 * - pull by the server's sequence cursor, page by page; each page and its cursor are committed
 *   in one IndexedDB transaction, so a cut pull resumes exactly where it stopped;
 * - pulled records never overwrite pending local changes: those are re-applied on top (rebase).
 */

export const META = {
  clientId: 'clientId',
  cursor: 'syncCursor',
  lastSyncAt: 'lastSyncAt',
  lastAcked: 'lastAckedMutationId',
  lostDatabase: 'lostDatabase',
} as const;

const PUSH_BATCH = 200;
const PULL_PAGE = 500;

export interface SyncReport {
  pushed: number;
  pulled: number;
  issues: number;
}

const DEVICE_KEY = 'registre.clientId';

/**
 * This device's sync identity for one user (store/deviceUsers.ts: one client id per user, each
 * with its own numbering; without a user, the one anonymous identity of older versions). It is
 * also kept outside IndexedDB (localStorage, one key per user): if the local database disappears
 * while it stays, the loss is detected and told to the user, and the device takes a new identity
 * so that its new mutations can never be mistaken for ones the server already applied (docs/architecture.md §5).
 */
export async function clientIdOf(d: RegistreDb, userId?: string): Promise<string> {
  const key = clientIdKey(userId);
  const deviceKey = userId ? `${DEVICE_KEY}.${userId}` : DEVICE_KEY;
  const store = globalThis.localStorage;
  return d.transaction('rw', d.meta, async () => {
    const [row, session, current] = await d.meta.bulkGet([key, SESSION, CURRENT_CLIENT_ID]);
    let id = typeof row?.value === 'string' ? row.value : undefined;
    if (id) {
      // An identity moved to its user by version 9: from now on remembered under the user's key.
      if (userId && store && store.getItem(deviceKey) === null) store.setItem(deviceKey, id);
      if (userId && store?.getItem(DEVICE_KEY) === id) store.removeItem(DEVICE_KEY);
    } else {
      id = crypto.randomUUID();
      const previous = store?.getItem(deviceKey);
      await d.meta.put({ key, value: id });
      if (previous && previous !== id) {
        await d.meta.put({ key: META.lostDatabase, value: { previousClientId: previous, at: new Date().toISOString() } });
      }
      store?.setItem(deviceKey, id);
    }
    // The signed-in user's is the one this database syncs as.
    if (sessionUserOf(session?.value) === userId && current?.value !== id) await d.meta.put({ key: CURRENT_CLIENT_ID, value: id });
    return id;
  });
}

export interface LostDatabase {
  previousClientId: string;
  at: string;
  /** What the server had acknowledged from this device before the loss. */
  acknowledged?: number;
}

/** The person has read that the local data had been lost: the notice goes. */
export async function dismissLostDatabase(d: RegistreDb = db()): Promise<void> {
  await d.meta.delete(META.lostDatabase);
}

/** Asks the server how many changes it had from this device's previous identity. */
async function measureLoss(d: RegistreDb, t: Transport): Promise<void> {
  const row = await d.meta.get(META.lostDatabase);
  const lost = row?.value as LostDatabase | undefined;
  if (!lost || lost.acknowledged !== undefined) return;
  const page = await t.pull(lost.previousClientId, Number.MAX_SAFE_INTEGER, 1);
  await d.meta.put({ key: META.lostDatabase, value: { ...lost, acknowledged: page.lastMutationId } });
}

/** The number a change is sent under: its user's (version 9), else the local one (older rows). */
const wireId = (e: OutboxEntry) => e.clientMutationId ?? e.mutationId;

const toWire = (e: OutboxEntry) => ({
  mutationId: wireId(e),
  name: e.name,
  table: e.table,
  recordId: e.recordId,
  baseVersion: e.baseVersion,
  args: (e.args ?? {}) as Record<string, unknown>,
  createdAt: e.createdAt,
});

/**
 * Pushes one user's changes ('' : those of nobody, when no session is stored) under that user's
 * client id, in their order. Another user's changes stay where they are.
 */
export async function pushOutbox(d: RegistreDb, t: Transport, clientId: string, userId = ''): Promise<{ pushed: number; issues: number }> {
  let pushed = 0;
  let issues = 0;
  for (;;) {
    const batch = await changesOf(d, userId).limit(PUSH_BATCH).toArray();
    if (batch.length === 0) break;
    const res = await t.push({ clientId, mutations: batch.map(toWire) });
    const byId = new Map(batch.map((e) => [wireId(e), e]));
    // The synced tables too: a refused change is undone here (below). `seals` in the scope marks
    // this transaction as applying the server's data (store/sealGuard.ts).
    // Only when the server refused something: a batch fully applied touches three tables.
    const refused = res.results.some((r) => r.status === 'rejected' && r.current !== undefined);
    const tables = refused ? syncedTableNames.filter((n) => d.tables.some((x) => x.name === n)).map((n) => d.table(n)) : [];
    await d.transaction('rw', [d.outbox, d.syncIssues, d.meta, ...tables], async () => {
      const undo = new Map<string, { table: string; recordId: string; current: NonNullable<PushResponse['results'][number]['current']> | null }>();
      for (const r of res.results) {
        const e = byId.get(r.mutationId);
        if (!e || (r.status !== 'rejected' && r.status !== 'conflict')) continue;
        issues++;
        await d.syncIssues.put({
          // The local number: unique on the device, whoever made the change.
          mutationId: e.mutationId,
          name: e.name,
          table: e.table,
          recordId: e.recordId,
          status: r.status,
          code: r.code ?? 'sync.invalid',
          ...(r.message ? { message: r.message } : {}),
          ...(r.params ? { params: r.params } : {}),
          args: e.args,
          at: new Date().toISOString(),
        });
        if (r.status === 'rejected' && r.current !== undefined) undo.set(`${e.table}/${e.recordId}`, { table: e.table, recordId: e.recordId, current: r.current });
      }
      // What the server holds leaves the outbox: by primary-key range when those changes are
      // contiguous there (one user's, the usual case: one IndexedDB operation), else one by one.
      const acked = batch.filter((e) => wireId(e) <= res.lastMutationId).map((e) => e.mutationId);
      if (acked.length > 0) {
        const [lo, hi] = [Math.min(...acked), Math.max(...acked)];
        const span = d.outbox.where(':id').between(lo, hi, true, true);
        if ((await span.count()) === acked.length) await span.delete();
        else await d.outbox.bulkDelete(acked);
      }
      await d.meta.put({ key: perUser(META.lastAcked, userId), value: res.lastMutationId });
      // Rebase: the server refused a change, so this device takes the record back as the server
      // holds it (or removes it, if the server has none), with its other pending changes on top.
      if (undo.size) {
        const pending = await d.outbox.toArray();
        for (const { table, recordId, current } of undo.values()) {
          if (!d.tables.some((x) => x.name === table)) continue;
          const mine = pending.filter((p) => p.table === table && p.recordId === recordId);
          if (current === null) {
            if (mine.length === 0) await d.table(table).delete(recordId);
            continue;
          }
          let body: Record<string, unknown> = { ...current.body, version: current.version };
          for (const p of mine) {
            body = { ...body, ...withoutVersion(p.args) };
            for (const [k, v] of Object.entries(withoutVersion(p.args))) if (v === null) delete body[k];
          }
          await d.table(table).put(body);
        }
      }
    });
    pushed += batch.filter((e) => wireId(e) <= res.lastMutationId).length;
    // The server stopped before the end of the batch (a gap): try again at the next sync.
    if (res.lastMutationId < wireId(batch.at(-1)!)) break;
  }
  return { pushed, issues };
}

/**
 * A new client id for this user, their waiting changes numbered again from 1 under it. For a
 * client id the server refuses as another user's or another organisation's: one that older
 * versions shared between the users of a device (and kept across a change of organisation).
 * The refused push applied nothing, so none of those changes is known under the new id.
 */
export async function renewClientId(d: RegistreDb, userId: string): Promise<string> {
  const id = crypto.randomUUID();
  await d.transaction('rw', [d.outbox, d.meta], async () => {
    const waiting = await changesOf(d, userId).toArray();
    let next = 1;
    await d.outbox.bulkPut(waiting.map((e) => ({ ...e, clientMutationId: next++ })));
    const counters = { ...((await d.meta.get(COUNTERS))?.value as Record<string, number> | undefined), [userId]: next };
    await d.meta.bulkPut([
      { key: COUNTERS, value: counters },
      { key: clientIdKey(userId), value: id },
    ]);
    if (sessionUserOf((await d.meta.get(SESSION))?.value) === userId) await d.meta.put({ key: CURRENT_CLIENT_ID, value: id });
    await d.meta.delete(perUser(META.lastAcked, userId));
  });
  globalThis.localStorage?.setItem(`${DEVICE_KEY}.${userId}`, id);
  return id;
}

/**
 * Pushes the signed-in user's changes. A 403 on a client id the server has acknowledged before
 * from this device means it now belongs to someone else (see renewClientId): the device takes
 * a new one and pushes once more. A read-only member's 403 is only said.
 */
export async function pushOwnChanges(
  d: RegistreDb,
  t: Transport,
  userId: string | undefined,
  role?: string,
): Promise<{ pushed: number; issues: number; clientId: string }> {
  let clientId = await clientIdOf(d, userId);
  try {
    return { ...(await pushOutbox(d, t, clientId, userId ?? '')), clientId };
  } catch (e) {
    const acknowledged = userId ? await d.meta.get(perUser(META.lastAcked, userId)) : undefined;
    if (!userId || role === 'lecture' || !acknowledged || !(e instanceof SyncError) || e.status !== 403) throw e;
    clientId = await renewClientId(d, userId);
    return { ...(await pushOutbox(d, t, clientId, userId)), clientId };
  }
}

function withoutVersion(args: unknown): Record<string, unknown> {
  const { version: _v, ...rest } = (args ?? {}) as Record<string, unknown>;
  return rest;
}

export async function applyPulled(d: RegistreDb, records: PulledRecord[], cursor: number): Promise<void> {
  const tables = syncedTableNames.filter((n) => d.tables.some((t) => t.name === n)).map((n) => d.table(n));
  // The local byte store of annexes: a pulled removal of an annex record frees its bytes too.
  const byteStore = d.tables.some((t) => t.name === 'annexes') ? [d.annexes] : [];
  await d.transaction('rw', [...tables, ...byteStore, d.outbox, d.meta], async () => {
    const pending = await d.outbox.toArray();
    const pendingByRecord = new Map<string, OutboxEntry[]>();
    for (const p of pending) {
      const key = `${p.table}/${p.recordId}`;
      pendingByRecord.set(key, [...(pendingByRecord.get(key) ?? []), p]);
    }
    const byTable = new Map<string, Record<string, unknown>[]>();
    for (const rec of records) {
      if (!d.tables.some((t) => t.name === rec.table)) continue;
      if (rec.body[DELETED]) {
        // Flush what this page put before, so the deletion comes after it.
        const rows = byTable.get(rec.table);
        if (rows?.length) await d.table(rec.table).bulkPut(rows);
        byTable.delete(rec.table);
        await d.table(rec.table).delete(rec.id);
        if (rec.table === 'attachments' && byteStore.length) await d.annexes.delete(rec.id);
        continue;
      }
      let body: Record<string, unknown> = { ...rec.body, version: rec.version };
      // Rebase: what this device has not pushed yet stays visible on top of the server's state.
      for (const p of pendingByRecord.get(`${rec.table}/${rec.id}`) ?? []) {
        body = { ...body, ...withoutVersion(p.args) };
        // A pending `null` clears the field (outbox.ts patchOf): the record must not hold a null.
        for (const [k, v] of Object.entries(withoutVersion(p.args))) if (v === null) delete body[k];
      }
      // Within a page a later version of the same record replaces the earlier one.
      byTable.set(rec.table, [...(byTable.get(rec.table) ?? []), body]);
    }
    for (const [table, rows] of byTable) await d.table(table).bulkPut(rows);
    await d.meta.put({ key: META.cursor, value: cursor });
  });
}

export async function pullAll(d: RegistreDb, t: Transport, clientId: string, onProgress?: (n: number) => void): Promise<number> {
  let cursor = Number((await d.meta.get(META.cursor))?.value ?? 0);
  let pulled = 0;
  for (;;) {
    const page = await t.pull(clientId, cursor, PULL_PAGE);
    await applyPulled(d, page.records, page.cursor);
    pulled += page.records.length;
    onProgress?.(pulled);
    cursor = page.cursor;
    if (!page.more) return pulled;
  }
}

/**
 * One full exchange as the user of the stored session (nobody without one): push that user's
 * changes, then pull what changed. Other users' changes wait for them (store/deviceUsers.ts),
 * but the pull re-applies them on top all the same.
 */
export async function syncOnce(d: RegistreDb, t: Transport, onProgress?: (n: number) => void): Promise<SyncReport> {
  const session = (await d.meta.get(SESSION))?.value as { role?: string } | undefined;
  const userId = sessionUserOf(session);
  await clientIdOf(d, userId);
  await measureLoss(d, t);
  const { pushed, issues, clientId } = await pushOwnChanges(d, t, userId, session?.role);
  const pulled = await pullAll(d, t, clientId, onProgress);
  await d.meta.put({ key: META.lastSyncAt, value: new Date().toISOString() });
  return { pushed, pulled, issues };
}
