import { tableOfMutation } from '../domain/syncTables';
import type { OutboxEntry } from './db';
import { db } from './db';

const NEXT_ID = 'nextMutationId';

/**
 * Records a mutation in the outbox. Must be called inside the same Dexie transaction as the
 * write it describes (tables: outbox and meta included), so the record and its outbox entry
 * are committed together or not at all.
 */
export async function enqueue(
  entry: Omit<OutboxEntry, 'mutationId' | 'createdAt' | 'table'> & { table?: string },
  now: Date,
): Promise<number> {
  const d = db();
  const row = await d.meta.get(NEXT_ID);
  const mutationId = typeof row?.value === 'number' ? row.value : 1;
  // `args` is a patch of the record: the fields this command set (all of them for a create).
  await d.outbox.add({ ...entry, table: entry.table ?? tableOfMutation(entry.name), mutationId, createdAt: now.toISOString() });
  await d.meta.put({ key: NEXT_ID, value: mutationId + 1 });
  return mutationId;
}

export async function pendingCount(): Promise<number> {
  return db().outbox.count();
}

export async function pendingMutations(): Promise<OutboxEntry[]> {
  return db().outbox.orderBy('mutationId').toArray();
}

/**
 * The args of a mutation: the whole record when it is new, otherwise only the fields this
 * command changed, so that another device's edit of another field is never seen as a conflict.
 * A field present before and absent after is sent as `null`: the server removes it (JSON has no
 * `undefined`, and an absent field would mean "unchanged").
 */
export function patchOf<T extends object>(before: T | undefined, after: T, fields: (keyof T)[]): { [K in keyof T]?: T[K] | null } {
  if (!before) return after;
  const patch: { [K in keyof T]?: T[K] | null } = {};
  for (const f of fields) {
    if (after[f] !== undefined) patch[f] = after[f];
    else if (before[f] !== undefined) patch[f] = null;
  }
  return patch;
}
