import { useSyncExternalStore } from 'react';

/** What the sync loop is doing now; persisted facts (pending, last sync) live in IndexedDB. */
export interface SyncState {
  running: boolean;
  error?: string;
  progress?: number;
}

let state: SyncState = { running: false };
const listeners = new Set<() => void>();

export function setSyncState(next: SyncState): void {
  state = next;
  listeners.forEach((l) => l());
}

export function useSyncState(): SyncState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
