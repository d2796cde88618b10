import { createHash } from 'node:crypto';
import type { AuthContext } from './auth/context';
import type { Driver, Sql } from './db/driver';
import { ApiError } from './errors';

/*
 * Content-addressed files of an organisation: a convention's attached PDF or a deliberation's
 * annex (PDF, PNG, JPEG), named by its SHA-256 (the hash its record carries and, for a
 * convention, its signatures cover). The server recomputes the hash of what
 * it receives, so a name always means these bytes; storing the same file again changes nothing.
 */

/** Like a convention's attachment (src/store/conventionCommands.ts MAX_ATTACHMENT_BYTES). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/**
 * What may be stored: PDF, PNG and JPEG, each checked by its first bytes. Served back from our
 * origin, so nothing a browser would run (HTML, SVG, scripts…) is ever taken.
 */
export const FILE_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg'];
/** The first bytes each type must start with. */
const MAGIC: Readonly<Record<string, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
export const FILE_CACHE_CONTROL = 'private, max-age=31536000, immutable';

const SHA256 = /^[0-9a-f]{64}$/;

export function checkSha256(sha256: string): string {
  if (!SHA256.test(sha256)) throw new ApiError(400, 'api.badRequest', 'sha256');
  return sha256;
}

/** The media type without its parameters, e.g. `application/pdf; charset=…` → `application/pdf`. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/* Both drivers take and give a Buffer for a binary column (better-sqlite3: BLOB; pg: BYTEA). */
const blob = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Bytes of files an organisation stores. */
export async function storedBytes(db: Sql, organisationId: string): Promise<number> {
  const row = await db.get<{ n: number | string | null }>('SELECT SUM(size) AS n FROM files WHERE organisation_id = ?', [organisationId]);
  return Number(row?.n ?? 0);
}

/**
 * Stores a file under its SHA-256 for the caller's organisation. `created` is false when it was
 * already there (nothing is written again). Refuses a read-only member, a type other than PDF, PNG
 * or JPEG (declared, and told by the first bytes), more than 20 MiB and bytes whose hash is not
 * `sha256`.
 */
export async function putFile(
  db: Driver,
  auth: AuthContext,
  sha256: string,
  contentType: string | undefined,
  bytes: Uint8Array,
  quotaBytes = Number.POSITIVE_INFINITY,
): Promise<{ created: boolean }> {
  if (auth.role === 'lecture') throw new ApiError(403, 'api.forbidden');
  checkSha256(sha256);
  const type = mediaType(contentType);
  if (!FILE_TYPES.includes(type)) throw new ApiError(400, 'files.unsupportedType', type || undefined);
  if (bytes.byteLength > MAX_FILE_BYTES) throw new ApiError(413, 'api.tooLarge');
  if (bytes.byteLength === 0) throw new ApiError(400, 'files.empty');
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new ApiError(400, 'files.hashMismatch', actual);
  if (!startsWith(bytes, MAGIC[type]!)) throw new ApiError(400, 'files.unsupportedType', type);
  const exists = await db.get<{ size: number }>('SELECT size FROM files WHERE organisation_id = ? AND sha256 = ?', [auth.organisationId, sha256]);
  if (exists) return { created: false };
  if ((await storedBytes(db, auth.organisationId)) + bytes.byteLength > quotaBytes) throw new ApiError(413, 'files.quota');
  // Two devices uploading the same file at once: the second insert is a no-op.
  await db.run(
    `INSERT INTO files (organisation_id, sha256, size, content_type, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (organisation_id, sha256) DO NOTHING`,
    [auth.organisationId, sha256, bytes.byteLength, type, blob(bytes), new Date().toISOString()],
  );
  return { created: true };
}

export interface StoredFile {
  contentType: string;
  size: number;
  bytes: Uint8Array;
}

/** A file of the caller's organisation; any role may read it. Another organisation's is not found. */
export async function getFile(db: Driver, auth: AuthContext, sha256: string): Promise<StoredFile> {
  checkSha256(sha256);
  const row = await db.get<{ content_type: string; size: number; bytes: Uint8Array }>(
    'SELECT content_type, size, bytes FROM files WHERE organisation_id = ? AND sha256 = ?',
    [auth.organisationId, sha256],
  );
  if (!row) throw new ApiError(404, 'api.notFound');
  return { contentType: row.content_type, size: Number(row.size), bytes: row.bytes };
}

/**
 * The headers a stored file is served with. A PDF opens in the browser's viewer; anything else is
 * a download (`Content-Disposition: attachment`), and no type is ever sniffed from the bytes.
 */
export function fileHeaders(file: Pick<StoredFile, 'contentType' | 'size'>, sha256: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    'Cache-Control': FILE_CACHE_CONTROL,
    ETag: `"${sha256}"`,
    'X-Content-Type-Options': 'nosniff',
  };
  if (file.contentType !== 'application/pdf') headers['Content-Disposition'] = `attachment; filename="${sha256}"`;
  return headers;
}
