import { onTableWrite } from '../store/changes';
import { db } from '../store/db';
import { syncOnce, type SyncReport } from './engine';
import { confirmOfflineSession, markExpired } from './session';
import { setSyncState } from './status';
import { httpTransport, registerDeviceRequest, SyncError } from './transport';
import type { LocalSession } from './session';

const PERIOD_MS = 30_000;

/** A signature is only accepted from a device whose key the server knows: register it first. */
async function registerDeviceKey(session: LocalSession): Promise<void> {
  const key = await db().deviceKeys.get('current');
  if (!key || key.registeredFor === session.user.id) return;
  await registerDeviceRequest(key.keyId, key.publicKeyJwk);
  await db().deviceKeys.put({ ...key, registeredFor: session.user.id });
}
const AFTER_WRITE_MS = 1_500;

/*
 * After a successful record sync, the files this device holds and the server lacks are uploaded
 * (sync/files.ts). Not awaited: a large PDF never delays nor fails the record sync, and one tab at
 * a time uploads (its own Web Lock). Failures stay in `fileSync` and are retried next round.
 */
function uploadFilesInBackground(): void {
  // Loaded at the first upload, out of the first load (the shell does not need it to show).
  const upload = async () => {
    const { uploadPendingFiles } = await import('./files');
    await uploadPendingFiles(db());
  };
  const locked = navigator.locks
    ? navigator.locks.request('registre-files', { ifAvailable: true }, async (lock) => lock && upload())
    : upload();
  void locked.catch(() => undefined);
}

/**
 * Runs the sync in the background: at start, when the network comes back, every 30 s and soon
 * after each local write. Only one tab syncs at a time (Web Locks); any tab can write.
 */
export function startBackgroundSync(): () => void {
  const transport = httpTransport();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const run = async () => {
    if (stopped || !navigator.onLine) return;
    const work = async () => {
      // Read under the lock: a sign-in may have replaced it meanwhile. One opened offline is
      // confirmed with the server first.
      const session = await confirmOfflineSession(db());
      if (!session || session.expired || session.offline) return;
      setSyncState({ running: true });
      try {
        await registerDeviceKey(session);
        await syncOnce(db(), transport, (n) => setSyncState({ running: true, progress: n }));
        setSyncState({ running: false });
        uploadFilesInBackground();
      } catch (e) {
        if (e instanceof SyncError && e.status === 401) await markExpired(db());
        setSyncState({ running: false, error: e instanceof Error ? e.message : String(e) });
      }
    };
    if (navigator.locks) await navigator.locks.request('registre-sync', { ifAvailable: true }, async (lock) => lock && work());
    else await work();
  };

  const soon = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run().finally(() => soon(PERIOD_MS)), ms);
  };

  const onOnline = () => soon(0);
  window.addEventListener('online', onOnline);
  const stopFollowingWrites = onTableWrite('outbox', () => soon(AFTER_WRITE_MS));
  soon(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', onOnline);
    stopFollowingWrites();
  };
}

/**
 * "Synchroniser maintenant": after the sync or sign-in under way, if any (in this tab or another),
 * so that it runs as the user signed in by then; said running from the click on.
 */
export async function syncNow(): Promise<void> {
  setSyncState({ running: true });
  const work = async () => {
    const session = navigator.onLine ? await confirmOfflineSession(db()) : undefined;
    if (!session || session.expired || session.offline) {
      setSyncState({ running: false });
      return;
    }
    try {
      await registerDeviceKey(session);
      await syncOnce(db(), httpTransport(), (n) => setSyncState({ running: true, progress: n }));
      setSyncState({ running: false });
      uploadFilesInBackground();
    } catch (e) {
      if (e instanceof SyncError && e.status === 401) await markExpired(db());
      setSyncState({ running: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  await withSyncPaused(work);
}

/** One sync of this device's current database, now (sign-in, sign-out): `onProgress` counts pulled records. */
export function syncHere(onProgress?: (pulled: number) => void): Promise<SyncReport> {
  return syncOnce(db(), httpTransport(), onProgress);
}

/**
 * Runs `fn` with no sync in any tab meanwhile (it waits for a running one to end): a sign-in
 * changes whose the server's cookie is, and no push may go out under the wrong user meanwhile.
 */
export async function withSyncPaused<T>(fn: () => Promise<T>): Promise<T> {
  return navigator.locks ? navigator.locks.request('registre-sync', fn) : fn();
}
