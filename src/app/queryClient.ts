import { QueryClient } from '@tanstack/react-query';
import Dexie from 'dexie';

/*
 * Local data never goes stale by time: it changes only when IndexedDB changes. Dexie tells us
 * which tables changed (in this tab or another), and we invalidate the queries keyed by them.
 * Every query key therefore starts with a table name (see the features' key factories).
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
    for (const table of tables) void client.invalidateQueries({ queryKey: [table] });
  });
  return client;
}
