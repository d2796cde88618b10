import { sha256OfBytes } from '../domain/canonical';
import type { AnnexAttachment, Convention, Organisation } from '../domain/schemas';
import { t } from '../i18n';
import { db, logoAnnexId, type Annex, type RegistreDb } from '../store/db';
import { SyncError, type FetchLike } from './transport';

/*
 * Content-addressed file sync (a convention's attached PDF, a deliberation's annex through its
 * `attachments` record, the organisation's logo). The record carries the file's SHA-256
 * and syncs like any record; the bytes travel apart, by that hash:
 * - the device that has the bytes uploads them after a record sync (PUT /api/files/:sha256), and
 *   remembers in `fileSync` what the server already has; a failed upload is retried next round;
 * - a device that lacks them downloads them when the convention is opened, when the user asks
 *   for a deliberation's annex, or when it prints a document under the logo (GET), checks the
 *   hash and keeps them as the same annex (same id) the record names.
 * The server recomputes the hash too: a name always means these exact bytes.
 */

const sameOrigin: FetchLike = (input, init) => fetch(input, { credentials: 'same-origin', ...init });

export const fileUrl = (sha256: string) => `/api/files/${sha256}`;

async function refusal(res: Response): Promise<SyncError> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  return new SyncError(res.status, body.error?.code ?? 'api.badRequest', body.error?.message ?? `HTTP ${res.status}`);
}

export { sniffFileType, type SendableType } from '../domain/fileType';

const SENDABLE: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg'];
/** Whether an annex record's file can travel through the server (other types stay on their device). */
export const isSendable = (a: Pick<AnnexAttachment, 'type' | 'size'>) => a.size > 0 && SENDABLE.includes(a.type);

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

/** A file this device may have to send: its hash, the annex holding it, its type. */
interface Candidate {
  sha256: string;
  annexId: string;
  type: string;
}

/** The conventions' PDFs, the deliberations' annexes and the logo this device may hold. */
async function candidates(d: RegistreDb): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const o of await d.organisations.toArray()) {
    if (o.logo) out.push({ sha256: o.logo.sha256, annexId: logoAnnexId(o.logo.sha256), type: o.logo.contentType });
  }
  for (const c of await d.conventions.toArray()) {
    if (c.attachment) out.push({ sha256: c.attachment.sha256, annexId: c.attachment.annexId, type: 'application/pdf' });
  }
  for (const a of await d.attachments.toArray()) {
    if (isSendable(a)) out.push({ sha256: a.sha256, annexId: a.id, type: a.type });
  }
  return out;
}

/**
 * Uploads every convention attachment and deliberation annex whose bytes are on this device and
 * that the server does not have yet. Never throws for one file: its error stays in `fileSync` and
 * it is tried again next time. A refused session (401, 403) stops the round.
 */
export async function uploadPendingFiles(d: RegistreDb, fetchImpl: FetchLike = sameOrigin): Promise<FileUploadReport> {
  const report: FileUploadReport = { uploaded: 0, alreadyThere: 0, failed: 0 };
  const done = new Set<string>();
  // One read of the upload states per round (this runs after every sync): most files are sent.
  const all = await candidates(d);
  const states = new Map((await d.fileSync.bulkGet(all.map((a) => a.sha256))).flatMap((e) => (e ? [[e.sha256, e] as const] : [])));
  for (const a of all) {
    if (done.has(a.sha256)) continue;
    const entry = states.get(a.sha256);
    if (entry?.state === 'uploaded') continue;
    const annex = await d.annexes.get(a.annexId);
    if (!annex) continue; // Not on this device: nothing to send (another record may hold the same file).
    done.add(a.sha256);
    try {
      const bytes = new Uint8Array(await annex.data.arrayBuffer());
      if ((await sha256OfBytes(bytes)) !== a.sha256) throw new SyncError(0, 'files.localMismatch', t('files.localMismatch'));
      const type = a.type === 'application/pdf' ? annex.type || 'application/pdf' : a.type;
      const outcome = await uploadOne(a.sha256, bytes, type, fetchImpl);
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

/** Progress of a download: bytes received of the expected size. */
export type OnProgress = (received: number, total: number) => void;

/**
 * GETs a file by its hash and checks it against the size and SHA-256 the record names. Undefined
 * when the server does not have it (yet); a mismatch is refused (SyncError 'files.hashMismatch').
 */
async function download(
  sha256: string,
  size: number,
  fetchImpl: FetchLike,
  onProgress?: OnProgress,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string } | undefined> {
  const res = await fetchImpl(fileUrl(sha256));
  // Not uploaded yet by the device that has it: the notice stays, the next try may find it.
  if (res.status === 404) return undefined;
  if (!res.ok) throw await refusal(res);
  let bytes: Uint8Array<ArrayBuffer>;
  if (onProgress && res.body) {
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    onProgress(0, size);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      // More than announced: no need to read on, it cannot match.
      if (received > size) break;
      onProgress(received, size);
    }
    if (received > size) await reader.cancel().catch(() => undefined);
    bytes = new Uint8Array(received);
    let at = 0;
    for (const chunk of chunks) {
      if (at + chunk.byteLength > bytes.byteLength) break;
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
  } else {
    bytes = new Uint8Array(await res.arrayBuffer());
  }
  if (bytes.byteLength !== size || (await sha256OfBytes(bytes)) !== sha256) throw new SyncError(0, 'files.hashMismatch', t('files.hashMismatch'));
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  return { bytes, type };
}

async function fetchAndStore(d: RegistreDb, c: Convention, fetchImpl: FetchLike): Promise<FetchOutcome> {
  const a = c.attachment!;
  const got = await download(a.sha256, a.size, fetchImpl);
  if (!got) return 'notOnServer';
  const type = got.type || 'application/pdf';
  const bytes = got.bytes;
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

/** What a download needs of an annex record (a logo is described the same way). */
export type AnnexFile = Pick<AnnexAttachment, 'id' | 'deliberationId' | 'name' | 'type' | 'size' | 'sha256' | 'addedAt'>;

async function fetchAnnexAndStore(d: RegistreDb, a: AnnexFile, fetchImpl: FetchLike, onProgress?: OnProgress): Promise<FetchOutcome> {
  const got = await download(a.sha256, a.size, fetchImpl, onProgress);
  if (!got) return 'notOnServer';
  const { bytes } = got;
  // The record's type was told by the file's first bytes on the device that attached it.
  const type = a.type || got.type;
  const now = new Date().toISOString();
  await d.transaction('rw', [d.annexes, d.fileSync], async () => {
    if (await d.annexes.get(a.id)) return;
    const annex: Annex = {
      id: a.id,
      deliberationId: a.deliberationId,
      name: a.name,
      type,
      size: bytes.byteLength,
      data: new Blob([bytes], { type }),
      addedAt: a.addedAt,
    };
    await d.annexes.add(annex);
    // The server has it: nothing to upload from here.
    await d.fileSync.put({ sha256: a.sha256, annexId: a.id, state: 'uploaded', updatedAt: now });
  });
  return 'fetched';
}

/**
 * Downloads a deliberation's annex named by its `attachments` record when its bytes are not on
 * this device, checks its size and SHA-256 and stores it in `annexes` under the record's id. A
 * file that does not match is refused (SyncError 'files.hashMismatch') and nothing is stored.
 * `onProgress` is told the bytes received as they come (of the first caller, when asked twice).
 */
export async function fetchMissingAnnex(
  d: RegistreDb,
  a: AnnexFile,
  fetchImpl: FetchLike = sameOrigin,
  onProgress?: OnProgress,
): Promise<FetchOutcome> {
  if (await d.annexes.get(a.id)) return 'present';
  const key = `${d.name}/${a.id}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchAnnexAndStore(d, a, fetchImpl, onProgress).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/**
 * Downloads the organisation's logo when the record names one whose bytes are not on this device
 * (chosen on another device), checks its size and SHA-256 and keeps it under its hash. A file
 * that does not match is refused (SyncError 'files.hashMismatch') and nothing is stored.
 */
export async function fetchMissingLogo(d: RegistreDb, org: Organisation, fetchImpl: FetchLike = sameOrigin): Promise<FetchOutcome> {
  const logo = org.logo;
  if (!logo) return 'none';
  // Kept like an annex, under its hash; the organisation's id names it (store/organisationLogo.ts).
  const owner = org.id as string as AnnexFile['deliberationId'];
  const annex = { id: logoAnnexId(logo.sha256), deliberationId: owner, name: logo.fileName, type: logo.contentType, size: logo.size, sha256: logo.sha256 };
  return fetchMissingAnnex(d, { ...annex, addedAt: new Date().toISOString() }, fetchImpl);
}

/** Bytes a record names that this device may lack: an annex, a convention's PDF, the logo. */
export type MissingBytes =
  | { kind: 'annex'; annex: AnnexFile }
  | { kind: 'convention'; convention: Convention }
  | { kind: 'logo'; organisation: Organisation };

/** One name per file, to ask for it once (its hash; '' when the record names none). */
export function missingBytesKey(what: MissingBytes): string {
  if (what.kind === 'annex') return what.annex.sha256;
  if (what.kind === 'convention') return what.convention.attachment?.sha256 ?? '';
  return what.organisation.logo?.sha256 ?? '';
}

/**
 * The one way the screens get the bytes a record names and this device lacks (docs/decisions/
 * 007-live-reads.md): never from inside a read. Stored in `annexes` once checked, so the live reads
 * that show the file see it arrive. `d` is this device's current database unless given.
 */
export function fetchMissingBytes(
  what: MissingBytes,
  opts: { onProgress?: OnProgress; fetchImpl?: FetchLike; d?: RegistreDb } = {},
): Promise<FetchOutcome> {
  const d = opts.d ?? db();
  const fetchImpl = opts.fetchImpl ?? sameOrigin;
  if (what.kind === 'annex') return fetchMissingAnnex(d, what.annex, fetchImpl, opts.onProgress);
  if (what.kind === 'convention') return fetchMissingFile(d, what.convention, fetchImpl);
  return fetchMissingLogo(d, what.organisation, fetchImpl);
}
