import { QueryClient } from '@tanstack/react-query';

/*
 * Local data never goes stale by time: it changes only when IndexedDB changes, and each read of
 * the store follows what it read (store/live.ts, docs/decisions/007-live-reads.md).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: Infinity, retry: false, networkMode: 'always' }, mutations: { networkMode: 'always' } },
  });
}
