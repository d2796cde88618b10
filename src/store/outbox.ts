import { tableOfMutation } from '../domain/syncTables';
import type { OutboxEntry } from './db';
import { db } from './db';
import { changesOf, COUNTERS, knownUsers, LAST_USER, NEXT_LOCAL, ownerOf, pendingCountsByUser, SESSION, sessionUserOf } from './deviceUsers';

/**
 * Records a mutation in the outbox. Must be called inside the same Dexie transaction as the
 * write it describes (tables: outbox and meta included), so the record and its outbox entry
 * are committed together or not at all.
 *
 * The change belongs to the user of the stored session, read in this same transaction (else to
 * the last user signed in here; with none, to nobody): it is numbered among that user's changes
 * and pushed only under that user's session (store/deviceUsers.ts).
 */
export async function enqueue(
  entry: Omit<OutboxEntry, 'mutationId' | 'createdAt' | 'table' | 'userId' | 'clientMutationId'> & { table?: string },
  now: Date,
): Promise<number> {
  const d = db();
  const [local, session, lastUser, counterRow] = await d.meta.bulkGet([NEXT_LOCAL, SESSION, LAST_USER, COUNTERS]);
  const mutationId = typeof local?.value === 'number' ? local.value : 1;
  const userId = ownerOf(session?.value, lastUser?.value);
  const counters = { ...(counterRow?.value as Record<string, number> | undefined) };
  const clientMutationId = counters[userId] ?? 1;
  counters[userId] = clientMutationId + 1;
  // `args` is a patch of the record: the fields this command set (all of them for a create).
  await d.outbox.add({ ...entry, table: entry.table ?? tableOfMutation(entry.name), mutationId, userId, clientMutationId, createdAt: now.toISOString() });
  await d.meta.bulkPut([
    { key: NEXT_LOCAL, value: mutationId + 1 },
    { key: COUNTERS, value: counters },
  ]);
  return mutationId;
}

/** The changes the signed-in user has not sent yet (those a sync now would push). */
export async function pendingCount(): Promise<number> {
  const d = db();
  return changesOf(d, sessionUserOf((await d.meta.get(SESSION))?.value) ?? '').count();
}

/** Changes waiting here for another user than the signed-in one: they go when that user signs in again. */
export interface PendingOfUser {
  userId: string;
  /** Unknown for changes made before version 9 whose user never signed in since. */
  name?: string;
  count: number;
}

export async function pendingOfOtherUsers(): Promise<PendingOfUser[]> {
  const d = db();
  const me = sessionUserOf((await d.meta.get(SESSION))?.value);
  const [counts, users] = await Promise.all([pendingCountsByUser(d), knownUsers(d)]);
  return [...counts]
    .filter(([userId]) => userId && userId !== me)
    .map(([userId, count]) => ({ userId, count, ...(users[userId] ? { name: users[userId].name } : {}) }));
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
