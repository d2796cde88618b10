import Dexie from 'dexie';

/**
 * Calls `fn` after each write to `table` of the local database, in this tab or another (Dexie's
 * `storagemutated`); returns the function that stops it. For work that follows writes, such as
 * the background sync after an outbox entry; screens read through `liveRead` (store/live.ts).
 */
export function onTableWrite(table: string, fn: () => void): () => void {
  const onChange = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((k) => k.includes(`/${table}/`))) fn();
  };
  Dexie.on('storagemutated', onChange);
  return () => Dexie.on('storagemutated').unsubscribe(onChange);
}
