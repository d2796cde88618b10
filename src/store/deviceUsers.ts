import type { Transaction } from 'dexie';
import type { DeviceKeyEntry, MetaEntry, OutboxEntry, RegistreDb } from './db';

/*
 * Whose the changes waiting on this device are. Several people may use one device, one after the
 * other: each change is recorded with the user who made it and is pushed only under that user's
 * session, with that user's client id and gap-free numbering (the server binds a client id to the
 * user and organisation that first pushed it). Without any stored session (unit tests), changes
 * belong to nobody ('') and go under one anonymous client id, as they did before version 9.
 *
 * Only types come from ./db, so that db.ts can name the version 9 upgrade below.
 */

export const SESSION = 'session';
/** The last user signed in on this database, kept after sign-out (a tab left open still writes as them). */
export const LAST_USER = 'lastUserId';
/** userId → { name }: the users who signed in here, to name them when their changes wait. */
export const USERS = 'users';
/** userId ('' for nobody) → the next number of that user's changes. */
export const COUNTERS = 'mutationCounters';
/** The next local number of a change (the outbox's key), every user together. */
export const NEXT_LOCAL = 'nextMutationId';

/** A per-user meta key; without a user, the device-wide key older versions used. */
export const perUser = (base: string, userId: string | undefined): string => (userId ? `${base}:${userId}` : base);

/** Meta key of a user's client id ('' : the anonymous one, without a stored session). */
export const clientIdKey = (userId: string | undefined): string => `clientId:${userId ?? ''}`;
/**
 * The client id this database syncs as now: the signed-in user's (the anonymous one without a
 * session). The key older versions kept their single identity under; code that asks "was this
 * change mine?" (a conflict's clientId) reads it.
 */
export const CURRENT_CLIENT_ID = 'clientId';

export interface DeviceUser {
  name: string;
}

/** The user id in a stored session value, if it has one. */
export function sessionUserOf(session: unknown): string | undefined {
  const id = (session as { user?: { id?: unknown } } | null | undefined)?.user?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/** Who a new change belongs to: the signed-in user, else the last one signed in here, else nobody. */
export function ownerOf(session: unknown, lastUser: unknown): string {
  return sessionUserOf(session) ?? (typeof lastUser === 'string' ? lastUser : '');
}

export async function knownUsers(d: RegistreDb): Promise<Record<string, DeviceUser>> {
  return ((await d.meta.get(USERS))?.value as Record<string, DeviceUser> | undefined) ?? {};
}

/** Remembers who signs in (inside the sign-in's transaction: meta). */
export async function rememberUser(d: RegistreDb, user: { id: string; name: string }): Promise<void> {
  const users = await knownUsers(d);
  await d.meta.bulkPut([
    { key: USERS, value: { ...users, [user.id]: { name: user.name } } },
    { key: LAST_USER, value: user.id },
  ]);
}

const outboxByUser = (d: RegistreDb, userId: string) =>
  d.outbox.where('[userId+clientMutationId]').between([userId, -Infinity], [userId, Infinity], true, true);

/** The changes of one user, in the order they are pushed. */
export function changesOf(d: RegistreDb, userId: string) {
  return outboxByUser(d, userId);
}

/** How many changes wait for each user ('' for nobody). */
export async function pendingCountsByUser(d: RegistreDb): Promise<Map<string, number>> {
  const keys = (await d.outbox.orderBy('[userId+clientMutationId]').keys()) as unknown as [string, number][];
  const counts = new Map<string, number>();
  for (const [userId] of keys) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  return counts;
}

/**
 * At sign-in: changes that belong to nobody (made before version 9 on a device with no session
 * stored and no registered key, so whose they are is unknown) go to the user signing in, as they
 * would have before. Inside a transaction on outbox and meta.
 */
export async function adoptChangesWithoutUser(d: RegistreDb, userId: string): Promise<number> {
  const orphans = await outboxByUser(d, '').toArray();
  if (orphans.length === 0) return 0;
  const [counterRow, ownId, anonymousId, anonymousAcked] = await d.meta.bulkGet([
    COUNTERS,
    clientIdKey(userId),
    clientIdKey(''),
    'lastAckedMutationId',
  ]);
  const counters = { ...(counterRow?.value as Record<string, number> | undefined) };
  if (!ownId && counters[userId] === undefined && anonymousId) {
    // The user has no identity here yet: they take the anonymous one, with its numbering.
    counters[userId] = counters[''] ?? (orphans.at(-1)!.clientMutationId ?? 0) + 1;
    await d.meta.bulkPut([
      { key: clientIdKey(userId), value: anonymousId.value },
      { key: CURRENT_CLIENT_ID, value: anonymousId.value },
    ]);
    if (anonymousAcked) await d.meta.put({ key: perUser('lastAckedMutationId', userId), value: anonymousAcked.value });
    await d.meta.bulkDelete([clientIdKey(''), 'lastAckedMutationId']);
    await d.outbox.bulkPut(orphans.map((e) => ({ ...e, userId })));
  } else {
    // Never sent under the user's own id: numbered after the user's own changes.
    let next = counters[userId] ?? 1;
    await d.outbox.bulkPut(orphans.map((e) => ({ ...e, userId, clientMutationId: next++ })));
    counters[userId] = next;
  }
  delete counters[''];
  await d.meta.put({ key: COUNTERS, value: counters });
  return orphans.length;
}

/**
 * The version 9 upgrade: the changes waiting here, and the single identity of older versions
 * (client id, numbering, last acknowledged number), become those of the user signed in, else of
 * the user the device's signing key was registered to; with neither they belong to nobody
 * (adoptChangesWithoutUser). Nothing is deleted but the last acknowledged number, moved.
 */
export async function ownChangesByUser(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaEntry, string>('meta');
  const [session, next, clientId, acked] = await meta.bulkGet([SESSION, NEXT_LOCAL, CURRENT_CLIENT_ID, 'lastAckedMutationId']);
  const key = (await tx.table<DeviceKeyEntry, string>('deviceKeys').get('current')) as DeviceKeyEntry | undefined;
  const owner = sessionUserOf(session?.value) ?? key?.registeredFor ?? '';
  await tx.table<OutboxEntry, number>('outbox').toCollection().modify((e) => {
    e.userId = owner;
    e.clientMutationId = e.mutationId;
  });
  // The old numbering was the single client id's: it goes on as the owner's.
  if (typeof next?.value === 'number') await meta.put({ key: COUNTERS, value: { [owner]: next.value } });
  // The identity stays under its old key too: it is the one this database syncs as now.
  if (clientId) await meta.put({ key: clientIdKey(owner), value: clientId.value });
  if (!owner) return;
  if (acked) await meta.put({ key: perUser('lastAckedMutationId', owner), value: acked.value });
  await meta.delete('lastAckedMutationId');
  await meta.put({ key: LAST_USER, value: owner });
  const name = (session?.value as { user?: { name?: unknown } } | undefined)?.user?.name;
  if (typeof name === 'string') await meta.put({ key: USERS, value: { [owner]: { name } } });
}
