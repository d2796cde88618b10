import { sha256OfBytes } from '../domain/canonical';
import type { OrganisationId } from '../domain/ids';
import { imageInfo } from '../domain/images';
import { LogoSchema, MAX_LOGO_BYTES, OrganisationSchema, type Logo, type LogoType, type Organisation } from '../domain/schemas';
import { db, logoAnnexId, type Annex } from './db';
import { fromZod, ValidationError } from './errors';
import { enqueue } from './outbox';

/*
 * The organisation's logo (issue #3), printed on the letterhead of its documents. The record
 * carries what the image is (LogoSchema); the bytes stay in this device's `annexes` table under
 * an id made from their hash and go to the server in the background, like a convention's PDF
 * (sync/files.ts uploadPendingFiles); another device fetches them when it prints.
 *
 * Only an administrator changes the organisation: the server refuses the mutation from anyone
 * else (server/sync/push.ts), and these commands refuse it here first, so that a secretary does
 * not see a logo that will never be kept.
 */

export { logoAnnexId };

export interface LogoFile {
  name: string;
  data: Blob;
}

async function assertAdministrator(): Promise<void> {
  const session = (await db().meta.get('session'))?.value as { role?: unknown } | undefined;
  // No session yet (tests, a device set up by import): the server still decides at sync.
  if (session && session.role !== 'administrateur') throw new ValidationError({ logo: 'admin.adminOnly' }, 'admin.adminOnly');
}

const refuse = (key: string) => new ValidationError({ logo: key }, key);

/** Checks the file (size, then type by its bytes) and describes it; nothing is stored here. */
async function describe(file: LogoFile): Promise<{ logo: Logo; bytes: Uint8Array<ArrayBuffer> }> {
  if (file.data.size > MAX_LOGO_BYTES) throw refuse('admin.logoTooLarge');
  const bytes = new Uint8Array(await file.data.arrayBuffer());
  const info = bytes.byteLength > 0 ? imageInfo(bytes) : undefined;
  if (!info) throw refuse('admin.logoNotImage');
  const extension = info.type === 'image/png' ? 'png' : 'jpg';
  const parsed = LogoSchema.safeParse({
    sha256: await sha256OfBytes(bytes),
    fileName: file.name.trim().slice(0, 200) || `logo.${extension}`,
    contentType: info.type,
    size: bytes.byteLength,
    width: info.width,
    height: info.height,
  });
  if (!parsed.success) throw fromZod(parsed.error);
  return { logo: parsed.data, bytes };
}

async function organisationOf(id: string): Promise<Organisation> {
  const org = await db().organisations.get(id as OrganisationId);
  if (!org) throw new ValidationError({}, 'admin.notFound');
  return org;
}

/** Frees the bytes of a logo no longer used (the server keeps its copy for the other devices). */
async function dropBytes(previous: Logo | undefined, kept: string | undefined): Promise<void> {
  if (!previous || previous.sha256 === kept) return;
  const d = db();
  await d.annexes.delete(logoAnnexId(previous.sha256));
  const entry = await d.fileSync.get(previous.sha256);
  if (entry?.annexId === logoAnnexId(previous.sha256)) await d.fileSync.delete(previous.sha256);
}

/**
 * Sets (or replaces) the organisation's logo: a PNG or JPEG of 1 MiB at most, told by its bytes.
 * A refused file writes nothing. The record change and the bytes are written in one transaction.
 */
export async function setOrganisationLogo(id: string, file: LogoFile, now = new Date()): Promise<Organisation> {
  await assertAdministrator();
  const { logo, bytes } = await describe(file);
  const d = db();
  return d.transaction('rw', [d.organisations, d.annexes, d.fileSync, d.outbox, d.meta], async () => {
    const before = await organisationOf(id);
    const parsed = OrganisationSchema.safeParse({ ...before, logo, updatedAt: now.toISOString() });
    if (!parsed.success) throw fromZod(parsed.error);
    const after = parsed.data;
    if (!(await d.annexes.get(logoAnnexId(logo.sha256)))) {
      const annex: Annex = {
        id: logoAnnexId(logo.sha256),
        // Apart from any deliberation's annexes: the organisation's id names it.
        deliberationId: before.id,
        name: logo.fileName,
        type: logo.contentType,
        size: logo.size,
        data: new Blob([bytes], { type: logo.contentType }),
        addedAt: now.toISOString(),
      };
      await d.annexes.add(annex);
    }
    if ((await d.fileSync.get(logo.sha256))?.state !== 'uploaded') {
      await d.fileSync.put({ sha256: logo.sha256, annexId: logoAnnexId(logo.sha256), state: 'pending', updatedAt: now.toISOString() });
    }
    await dropBytes(before.logo, logo.sha256);
    await d.organisations.put(after);
    await enqueue({ name: 'organisation.update', recordId: id, baseVersion: before.version, args: { logo, updatedAt: after.updatedAt } }, now);
    return after;
  });
}

/** Removes the logo: the documents go back to the letterhead without it. */
export async function removeOrganisationLogo(id: string, now = new Date()): Promise<Organisation> {
  await assertAdministrator();
  const d = db();
  return d.transaction('rw', [d.organisations, d.annexes, d.fileSync, d.outbox, d.meta], async () => {
    const before = await organisationOf(id);
    if (!before.logo) return before;
    const { logo: _removed, ...rest } = before;
    const after: Organisation = { ...rest, updatedAt: now.toISOString() };
    await dropBytes(before.logo, undefined);
    await d.organisations.put(after);
    // `null` removes the field on the server (JSON has no undefined; outbox.ts patchOf).
    await enqueue({ name: 'organisation.update', recordId: id, baseVersion: before.version, args: { logo: null, updatedAt: after.updatedAt } }, now);
    return after;
  });
}

export interface LogoImage {
  bytes: Uint8Array<ArrayBuffer>;
  type: LogoType;
}

/** The logo's bytes when they are on this device (stored under their hash: they are the record's). */
export async function logoImageOf(org: Pick<Organisation, 'logo'>): Promise<LogoImage | undefined> {
  const logo = org.logo;
  if (!logo) return undefined;
  const annex = await db().annexes.get(logoAnnexId(logo.sha256));
  if (!annex) return undefined;
  const bytes = new Uint8Array(await annex.data.arrayBuffer());
  return { bytes, type: logo.contentType };
}
