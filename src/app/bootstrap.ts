/**
 * First visit: fetch the organisation's reference data once, so the device can work offline.
 * The validating import is loaded on demand: it is needed once per device, not on every start.
 * (The sync engine replaces this with a proper pull.)
 */
export async function fetchBootstrap(): Promise<void> {
  const res = await fetch('/api/bootstrap', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const { importSnapshot } = await import('../store/snapshot');
  await importSnapshot(await res.json());
}

/** Asks the browser not to evict local data under storage pressure (DESIGN §5). */
export async function requestPersistence(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
