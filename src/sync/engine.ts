// crypto.randomUUID rather than uuidv7: the client id needs no time order, and it keeps uuidv7 out of the first load.
import type { PulledRecord, PushResponse } from '../domain/sync';
import { DELETED, syncedTableNames } from '../domain/syncTables';
import type { OutboxEntry, RegistreDb } from '../store/db';
import type { Transport } from './transport';

/*
 * The device side of the sync contract (DESIGN §5):
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
 * This device's sync identity. It is also kept outside IndexedDB (localStorage): if the local
 * database disappears while it stays, the loss is detected and told to the user, and the device
 * takes a new identity so that its new mutations can never be mistaken for ones the server
 * already applied (DESIGN §5).
 */
export async function clientIdOf(d: RegistreDb): Promise<string> {
  const row = await d.meta.get(META.clientId);
  if (typeof row?.value === 'string') return row.value;
  const id = crypto.randomUUID();
  const previous = globalThis.localStorage?.getItem(DEVICE_KEY);
  await d.meta.put({ key: META.clientId, value: id });
  if (previous && previous !== id) {
    await d.meta.put({ key: META.lostDatabase, value: { previousClientId: previous, at: new Date().toISOString() } });
  }
  globalThis.localStorage?.setItem(DEVICE_KEY, id);
  return id;
}

export interface LostDatabase {
  previousClientId: string;
  at: string;
  /** What the server had acknowledged from this device before the loss. */
  acknowledged?: number;
}

/** Asks the server how many changes it had from this device's previous identity. */
async function measureLoss(d: RegistreDb, t: Transport): Promise<void> {
  const row = await d.meta.get(META.lostDatabase);
  const lost = row?.value as LostDatabase | undefined;
  if (!lost || lost.acknowledged !== undefined) return;
  const page = await t.pull(lost.previousClientId, Number.MAX_SAFE_INTEGER, 1);
  await d.meta.put({ key: META.lostDatabase, value: { ...lost, acknowledged: page.lastMutationId } });
}

const toWire = (e: OutboxEntry) => ({
  mutationId: e.mutationId,
  name: e.name,
  table: e.table,
  recordId: e.recordId,
  baseVersion: e.baseVersion,
  args: (e.args ?? {}) as Record<string, unknown>,
  createdAt: e.createdAt,
});

export async function pushOutbox(d: RegistreDb, t: Transport, clientId: string): Promise<{ pushed: number; issues: number }> {
  let pushed = 0;
  let issues = 0;
  for (;;) {
    const batch = await d.outbox.orderBy('mutationId').limit(PUSH_BATCH).toArray();
    if (batch.length === 0) break;
    const res = await t.push({ clientId, mutations: batch.map(toWire) });
    const byId = new Map(batch.map((e) => [e.mutationId, e]));
    // The synced tables too: a refused change is undone here (below). `seals` in the scope marks
    // this transaction as applying the server's data (store/sealGuard.ts).
    const tables = syncedTableNames.filter((n) => d.tables.some((x) => x.name === n)).map((n) => d.table(n));
    await d.transaction('rw', [d.outbox, d.syncIssues, d.meta, ...tables], async () => {
      const undo = new Map<string, { table: string; recordId: string; current: NonNullable<PushResponse['results'][number]['current']> | null }>();
      for (const r of res.results) {
        const e = byId.get(r.mutationId);
        if (!e || (r.status !== 'rejected' && r.status !== 'conflict')) continue;
        issues++;
        await d.syncIssues.put({
          mutationId: r.mutationId,
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
      await d.outbox.where('mutationId').belowOrEqual(res.lastMutationId).delete();
      await d.meta.put({ key: META.lastAcked, value: res.lastMutationId });
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
    pushed += batch.filter((e) => e.mutationId <= res.lastMutationId).length;
    // The server stopped before the end of the batch (a gap): try again at the next sync.
    if (res.lastMutationId < batch.at(-1)!.mutationId) break;
  }
  return { pushed, issues };
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

/** One full exchange: push what is pending, then pull what changed. */
export async function syncOnce(d: RegistreDb, t: Transport, onProgress?: (n: number) => void): Promise<SyncReport> {
  const clientId = await clientIdOf(d);
  await measureLoss(d, t);
  const { pushed, issues } = await pushOutbox(d, t, clientId);
  const pulled = await pullAll(d, t, clientId, onProgress);
  await d.meta.put({ key: META.lastSyncAt, value: new Date().toISOString() });
  return { pushed, pulled, issues };
}
