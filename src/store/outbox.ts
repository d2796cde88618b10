import type { OutboxEntry } from './db';
import { db } from './db';

const NEXT_ID = 'nextMutationId';

/**
 * Records a mutation in the outbox. Must be called inside the same Dexie transaction as the
 * write it describes (tables: outbox and meta included), so the record and its outbox entry
 * are committed together or not at all.
 */
export async function enqueue(entry: Omit<OutboxEntry, 'mutationId' | 'createdAt'>, now: Date): Promise<number> {
  const d = db();
  const row = await d.meta.get(NEXT_ID);
  const mutationId = typeof row?.value === 'number' ? row.value : 1;
  await d.outbox.add({ ...entry, mutationId, createdAt: now.toISOString() });
  await d.meta.put({ key: NEXT_ID, value: mutationId + 1 });
  return mutationId;
}

export async function pendingCount(): Promise<number> {
  return db().outbox.count();
}

export async function pendingMutations(): Promise<OutboxEntry[]> {
  return db().outbox.orderBy('mutationId').toArray();
}
