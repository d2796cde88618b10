import { QueryClient } from '@tanstack/react-query';
import Dexie from 'dexie';

/*
 * Local data never goes stale by time: it changes only when IndexedDB changes. Dexie tells us
 * which tables changed (in this tab or another), and we invalidate the queries that read them:
 * every query key names the tables it reads (see store/queries.ts).
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: { queries: { staleTime: Infinity, retry: false, networkMode: 'always' }, mutations: { networkMode: 'always' } },
  });
  Dexie.on('storagemutated', (parts) => {
    const tables = new Set<string>();
    for (const key of Object.keys(parts)) {
      const table = /^idb:\/\/[^/]+\/([^/]+)/.exec(key)?.[1];
      if (table) tables.add(table);
    }
    if (tables.size === 0) return;
    void client.invalidateQueries({ predicate: (q) => q.queryKey.some((k) => typeof k === 'string' && tables.has(k)) });
  });
  return client;
}

/**
 * Empties the cache after a change of user or of database (another organisation): nothing read
 * from the previous one stays; the screens on display read again.
 */
export async function emptyCache(client: QueryClient): Promise<void> {
  client.removeQueries({ type: 'inactive' });
  await client.resetQueries();
}
