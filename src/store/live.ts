import { hashKey, queryOptions, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { liveQuery } from 'dexie';

/*
 * Reads that track what they read (docs/decisions/007-live-reads.md). A screen's read runs inside
 * Dexie's `liveQuery`, which records every table, index range and key the read touched and runs it
 * again when any of them changes, in this tab or another; each new result goes into TanStack
 * Query's cache under the read's key. So a key only names the read (`['seance', id]`): nobody
 * lists the tables it touches, and none can be forgotten.
 *
 * A read must not write: bytes a record names and the device lacks are fetched by
 * `fetchMissingBytes` (sync/files.ts), and the read sees them arrive.
 */

interface Followed {
  /** Stops following; after the first result when it has not come yet (the fetch must settle). */
  stop(): void;
}

/** The queries whose read is followed now: their data is current, so never stale. */
const followedQueries = new WeakMap<Query, Followed>();
const watchedClients = new WeakSet<QueryClient>();

/** Stops following a read nobody shows any more (its last observer gone, or the query removed). */
function watch(client: QueryClient): void {
  if (watchedClients.has(client)) return;
  watchedClients.add(client);
  client.getQueryCache().subscribe((event) => {
    const query = event.query;
    const gone = event.type === 'removed' || (event.type === 'observerRemoved' && query.getObserversCount() === 0);
    if (!gone) return;
    const f = followedQueries.get(query);
    if (!f) return;
    // Not followed any more, hence stale (see liveRead's staleTime): the next screen to show it reads it again.
    followedQueries.delete(query);
    f.stop();
  });
}

/** Runs `read` under liveQuery: resolves with its first result, then puts each new one in the cache. */
function follow<T>(client: QueryClient, queryKey: QueryKey, read: () => Promise<T>): Promise<T> {
  watch(client);
  const query = client.getQueryCache().get(hashKey(queryKey));
  if (query) followedQueries.get(query)?.stop();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let stopAfterFirst = false;
    const entry: Followed = {
      stop: () => {
        if (settled) subscription.unsubscribe();
        else stopAfterFirst = true;
      },
    };
    const subscription = liveQuery(read).subscribe({
      next: (value) => {
        if (!settled) {
          settled = true;
          resolve(value);
          if (stopAfterFirst) subscription.unsubscribe();
        } else client.setQueryData(queryKey, value);
      },
      error: (e: unknown) => {
        if (query && followedQueries.get(query) === entry) followedQueries.delete(query);
        if (!settled) {
          settled = true;
          reject(e);
        } else {
          // A later run failed: read again through the query, which shows the error.
          void client.invalidateQueries({ queryKey, exact: true });
        }
      },
    });
    if (query) followedQueries.set(query, entry);
  });
}

/**
 * Query options for a read of the local store that stays current: `useQuery(liveRead(key, read))`.
 * `key` names the read and its arguments, never the tables it reads. `read` only reads.
 */
export function liveRead<T, const K extends QueryKey>(queryKey: K, read: () => Promise<T>) {
  return queryOptions({
    queryKey,
    queryFn: ({ client, queryKey: key }) => follow(client, key, read),
    // Current while followed; once nobody shows it, the next screen to show it reads it again.
    staleTime: (query) => (followedQueries.has(query as unknown as Query) ? Infinity : 0),
  });
}

/**
 * Empties the cache after a change of user or of database (another organisation): nothing read
 * from the previous one stays; the screens on display read again (and follow the new database).
 */
export async function emptyCache(client: QueryClient): Promise<void> {
  client.removeQueries({ type: 'inactive' });
  await client.resetQueries();
}
