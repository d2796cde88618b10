import { hashKey, queryOptions, type QueryClient, type QueryKey } from '@tanstack/react-query';
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

const followedBy = new WeakMap<QueryClient, Map<string, Followed>>();

/** The reads followed for `client`; the first call also stops following those nobody shows. */
function followed(client: QueryClient): Map<string, Followed> {
  let map = followedBy.get(client);
  if (map) return map;
  const reads = new Map<string, Followed>();
  followedBy.set(client, reads);
  client.getQueryCache().subscribe((event) => {
    const query = event.query;
    const gone = event.type === 'removed' || (event.type === 'observerRemoved' && query.getObserversCount() === 0);
    if (!gone) return;
    const f = reads.get(query.queryHash);
    if (!f) return;
    reads.delete(query.queryHash);
    f.stop();
    // Not followed any more: the next screen to show it reads it again.
    if (event.type === 'observerRemoved') void client.invalidateQueries({ queryKey: query.queryKey, exact: true, refetchType: 'none' });
  });
  return reads;
}

/** Runs `read` under liveQuery: resolves with its first result, then puts each new one in the cache. */
function follow<T>(client: QueryClient, queryKey: QueryKey, read: () => Promise<T>): Promise<T> {
  const reads = followed(client);
  const hash = hashKey(queryKey);
  reads.get(hash)?.stop();
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
        if (reads.get(hash) === entry) reads.delete(hash);
        if (!settled) {
          settled = true;
          reject(e);
        } else {
          // A later run failed: read again through the query, which shows the error.
          void client.invalidateQueries({ queryKey, exact: true });
        }
      },
    });
    reads.set(hash, entry);
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
    staleTime: Infinity,
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
