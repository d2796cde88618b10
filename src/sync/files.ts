import type { Convention } from '../domain/schemas';
import { t } from '../i18n';
import type { Annex, RegistreDb } from '../store/db';
import { SyncError, type FetchLike } from './transport';

/*
 * Content-addressed file sync (a convention's attached PDF). The record carries the file's SHA-256
 * and syncs like any record; the bytes travel apart, by that hash:
 * - the device that has the bytes uploads them after a record sync (PUT /api/files/:sha256), and
 *   remembers in `fileSync` what the server already has; a failed upload is retried next round;
 * - a device that lacks them downloads them when the convention is opened (GET), checks the hash
 *   and keeps them as the same annex (same annexId) the record names.
 * The server recomputes the hash too: a name always means these exact bytes.
 */

const sameOrigin: FetchLike = (input, init) => fetch(input, { credentials: 'same-origin', ...init });

export const fileUrl = (sha256: string) => `/api/files/${sha256}`;

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function refusal(res: Response): Promise<SyncError> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  return new SyncError(res.status, body.error?.code ?? 'api.badRequest', body.error?.message ?? `HTTP ${res.status}`);
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface FileUploadReport {
  uploaded: number;
  /** Already on the server (uploaded by another device, or an earlier answer was lost). */
  alreadyThere: number;
  failed: number;
}

/** Uploads one file unless the server has it already. */
async function uploadOne(sha256: string, bytes: Uint8Array<ArrayBuffer>, type: string, fetchImpl: FetchLike): Promise<'uploaded' | 'alreadyThere'> {
  const head = await fetchImpl(fileUrl(sha256), { method: 'HEAD' });
  if (head.ok) return 'alreadyThere';
  if (head.status !== 404) throw await refusal(head);
  const res = await fetchImpl(fileUrl(sha256), { method: 'PUT', headers: { 'Content-Type': type }, body: new Blob([bytes], { type }) });
  if (!res.ok) throw await refusal(res);
  return 'uploaded';
}

/**
 * Uploads every convention attachment whose bytes are on this device and that the server does not
 * have yet. Never throws for one file: its error stays in `fileSync` and it is tried again next
 * time. A refused session (401, 403) stops the round.
 */
export async function uploadPendingFiles(d: RegistreDb, fetchImpl: FetchLike = sameOrigin): Promise<FileUploadReport> {
  const report: FileUploadReport = { uploaded: 0, alreadyThere: 0, failed: 0 };
  const conventions = (await d.conventions.toArray()).filter((c) => c.attachment);
  const done = new Set<string>();
  for (const c of conventions) {
    const a = c.attachment!;
    if (done.has(a.sha256)) continue;
    const entry = await d.fileSync.get(a.sha256);
    if (entry?.state === 'uploaded') continue;
    const annex = await d.annexes.get(a.annexId);
    if (!annex) continue; // Not on this device: nothing to send (another convention may hold the same file).
    done.add(a.sha256);
    try {
      const bytes = new Uint8Array(await annex.data.arrayBuffer());
      if ((await sha256Hex(bytes)) !== a.sha256) throw new SyncError(0, 'files.localMismatch', t('files.localMismatch'));
      const outcome = await uploadOne(a.sha256, bytes, annex.type || 'application/pdf', fetchImpl);
      report[outcome]++;
      await d.fileSync.put({ sha256: a.sha256, annexId: annex.id, state: 'uploaded', updatedAt: new Date().toISOString() });
    } catch (e) {
      report.failed++;
      await d.fileSync.put({
        sha256: a.sha256,
        annexId: annex.id,
        state: 'pending',
        attempts: (entry?.attempts ?? 0) + 1,
        error: e instanceof SyncError ? e.code : messageOf(e),
        updatedAt: new Date().toISOString(),
      });
      if (e instanceof SyncError && (e.status === 401 || e.status === 403)) break;
    }
  }
  return report;
}

/** What fetchMissingFile found. */
export type FetchOutcome = 'none' | 'present' | 'fetched' | 'notOnServer';

const inFlight = new Map<string, Promise<FetchOutcome>>();

async function fetchAndStore(d: RegistreDb, c: Convention, fetchImpl: FetchLike): Promise<FetchOutcome> {
  const a = c.attachment!;
  const res = await fetchImpl(fileUrl(a.sha256));
  // Not uploaded yet by the device that has it: the notice stays, the next opening tries again.
  if (res.status === 404) return 'notOnServer';
  if (!res.ok) throw await refusal(res);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength !== a.size || (await sha256Hex(bytes)) !== a.sha256) throw new SyncError(0, 'files.hashMismatch', t('files.hashMismatch'));
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim() || 'application/pdf';
  const now = new Date().toISOString();
  await d.transaction('rw', [d.annexes, d.fileSync], async () => {
    if (await d.annexes.get(a.annexId)) return;
    const annex: Annex = {
      id: a.annexId,
      // As createConvention does: a convention's annex is named by the convention's id.
      deliberationId: c.id,
      name: a.fileName,
      type,
      size: bytes.byteLength,
      data: new Blob([bytes], { type }),
      addedAt: now,
    };
    await d.annexes.add(annex);
    // The server has it: nothing to upload from here.
    await d.fileSync.put({ sha256: a.sha256, annexId: a.annexId, state: 'uploaded', updatedAt: now });
  });
  return 'fetched';
}

/**
 * Downloads a convention's attached PDF when its bytes are not on this device, checks its size and
 * SHA-256 against the record, and stores it as the annex the record names. A file that does not
 * match is refused (SyncError 'files.hashMismatch') and nothing is stored.
 */
export async function fetchMissingFile(d: RegistreDb, c: Convention, fetchImpl: FetchLike = sameOrigin): Promise<FetchOutcome> {
  const a = c.attachment;
  if (!a) return 'none';
  if (await d.annexes.get(a.annexId)) return 'present';
  // One download per file at a time (a page opened twice, React's double effects).
  const key = `${d.name}/${a.annexId}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchAndStore(d, c, fetchImpl).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}
