import { sha256OfBytes } from '../domain/canonical';
import { newId, type ConventionId, type DeliberationId } from '../domain/ids';
import { ConventionSchema, type Convention, type Party, type Signature } from '../domain/schemas';
import { conventionComplete } from '../domain/signedContent';
import type { Strokes } from '../domain/signing';
import type { Annex } from './db';
import { db } from './db';
import { fromZod, ValidationError } from './errors';
import { enqueue } from './outbox';
import { signAct } from './signatureCommands';

/*
 * Conventions authorised by a deliberation (docs/architecture.md §5): parties, a text or an attached PDF, one
 * signature per party. From its first signature a convention is locked: changing it would void
 * what was signed, so edits and deletion are refused here and by the server.
 */

/** 20 MB, like annexes: a scanned convention fits. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export interface ConventionInput {
  title: string;
  parties: Party[];
  text: string;
  /** A PDF to sign instead of (or beside) the text; its SHA-256 is part of what is signed. */
  attachment?: { name: string; type: string; data: Blob } | undefined;
}

const writeTables = () => {
  const d = db();
  return [d.conventions, d.annexes, d.signatures, d.deliberations, d.outbox, d.meta];
};

export async function signaturesOf(conventionId: string): Promise<Signature[]> {
  return (await db().signatures.where('subject.id').equals(conventionId).toArray()).filter((s) => s.subject.kind === 'convention');
}

async function assertUnsigned(conventionId: string): Promise<Convention> {
  const c = await db().conventions.get(conventionId as ConventionId);
  if (!c) throw new ValidationError({}, 'convention.notFound');
  if ((await signaturesOf(c.id)).length > 0) throw new ValidationError({}, 'convention.locked');
  return c;
}

async function isPdf(data: Blob): Promise<boolean> {
  const head = new Uint8Array(await data.slice(0, 5).arrayBuffer());
  return String.fromCharCode(...head) === '%PDF-';
}

async function checkAttachment(file: NonNullable<ConventionInput['attachment']>): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer> }> {
  const name = file.name.trim().slice(0, 255);
  if (!name) throw new ValidationError({ attachment: 'convention.attachmentNoName' }, 'convention.attachmentNoName');
  if (file.data.size > MAX_ATTACHMENT_BYTES) throw new ValidationError({ attachment: 'convention.attachmentTooLarge' }, 'convention.attachmentTooLarge');
  if (file.data.size === 0 || !(await isPdf(file.data))) throw new ValidationError({ attachment: 'convention.attachmentNotPdf' }, 'convention.attachmentNotPdf');
  return { name, bytes: new Uint8Array(await file.data.arrayBuffer()) };
}

function parse(record: unknown): Convention {
  const parsed = ConventionSchema.safeParse(record);
  if (!parsed.success) throw fromZod(parsed.error);
  const c = parsed.data;
  if (!c.text && !c.attachment) throw new ValidationError({ text: 'convention.textRequired' }, 'convention.textRequired');
  return c;
}

/** Creates a convention from the deliberation that authorises it. */
export async function createConvention(deliberationId: string, input: ConventionInput, now = new Date()): Promise<Convention> {
  const file = input.attachment ? await checkAttachment(input.attachment) : undefined;
  const id = newId<'ConventionId'>();
  const attachmentMeta = file
    ? { annexId: newId(), fileName: file.name, sha256: await sha256OfBytes(file.bytes), size: file.bytes.byteLength }
    : undefined;
  const d = db();
  return d.transaction('rw', [...writeTables(), d.fileSync], async () => {
    const del = await d.deliberations.get(deliberationId as DeliberationId);
    if (!del) throw new ValidationError({}, 'delib.notFound');
    if (del.kind !== 'deliberation') throw new ValidationError({}, 'convention.notADeliberation');
    const convention = parse({
      id,
      organisationId: del.organisationId,
      deliberationId: del.id,
      seanceId: del.seanceId,
      title: input.title,
      parties: input.parties,
      text: input.text,
      ...(attachmentMeta ? { attachment: attachmentMeta } : {}),
      version: 0,
      updatedAt: now.toISOString(),
    });
    await d.conventions.add(convention);
    if (file && attachmentMeta) {
      const annex: Annex = {
        id: attachmentMeta.annexId,
        // Kept apart from the deliberation's own annexes: the convention's id names it.
        deliberationId: convention.id,
        name: file.name,
        type: 'application/pdf',
        size: attachmentMeta.size,
        data: new Blob([file.bytes], { type: 'application/pdf' }),
        addedAt: now.toISOString(),
      };
      await d.annexes.add(annex);
      // The bytes go to the server in the background (sync/files.ts), so other devices can read them.
      await d.fileSync.put({ sha256: attachmentMeta.sha256, annexId: annex.id, state: 'pending', updatedAt: now.toISOString() });
    }
    await enqueue({ name: 'convention.create', recordId: convention.id, baseVersion: 0, args: convention }, now);
    return convention;
  });
}

/** Changes the title, parties or text of a convention nobody has signed yet. */
export async function updateConvention(id: string, input: Omit<ConventionInput, 'attachment'>, now = new Date()): Promise<Convention> {
  const d = db();
  return d.transaction('rw', writeTables(), async () => {
    const before = await assertUnsigned(id);
    const after = parse({ ...before, title: input.title, parties: input.parties, text: input.text, updatedAt: now.toISOString() });
    await d.conventions.put(after);
    await enqueue(
      {
        name: 'convention.update',
        recordId: id,
        baseVersion: before.version,
        args: { title: after.title, parties: after.parties, text: after.text, updatedAt: after.updatedAt },
      },
      now,
    );
    return after;
  });
}

export async function deleteConvention(id: string, now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', writeTables(), async () => {
    const before = await assertUnsigned(id);
    await d.conventions.delete(before.id);
    await d.annexes.where('deliberationId').equals(before.id).delete();
    await enqueue({ name: 'convention.delete', recordId: id, baseVersion: before.version, args: {} }, now);
  });
}

/** The attached PDF's bytes, if this device has them (files are not synced yet). */
export async function attachmentOf(c: Convention): Promise<Uint8Array | undefined> {
  if (!c.attachment) return undefined;
  const annex = await db().annexes.get(c.attachment.annexId);
  return annex ? new Uint8Array(await annex.data.arrayBuffer()) : undefined;
}

export interface PartySignInput {
  conventionId: string;
  partyIndex: number;
  strokes: Strokes;
  png: string | null;
}

/**
 * One party's signatory signs. The attached PDF, when this device has it, is hashed again first:
 * what the signatory saw must be what the convention's hash says.
 */
export async function signConvention(input: PartySignInput, now = new Date()): Promise<Signature> {
  const c = await db().conventions.get(input.conventionId as ConventionId);
  if (!c) throw new ValidationError({}, 'convention.notFound');
  const party = c.parties[input.partyIndex];
  if (!party) throw new ValidationError({}, 'convention.noSuchParty');
  if ((await signaturesOf(c.id)).some((s) => s.partyIndex === input.partyIndex)) throw new ValidationError({}, 'convention.alreadySigned');
  const bytes = await attachmentOf(c);
  // Nobody signs a text they cannot read: the attached PDF must be on this device first.
  if (c.attachment && !bytes) throw new ValidationError({}, 'convention.signAfterReading');
  if (bytes && c.attachment && (await sha256OfBytes(new Uint8Array(bytes))) !== c.attachment.sha256) {
    throw new ValidationError({}, 'convention.attachmentChanged');
  }
  return signAct(
    {
      subject: { kind: 'convention', id: c.id },
      seanceId: c.seanceId,
      organisationId: c.organisationId,
      role: 'party',
      partyIndex: input.partyIndex,
      signerName: party.signatoryName,
      capacity: `${party.capacity}, ${party.organisationName}`,
      strokes: input.strokes,
      png: input.png,
    },
    now,
  );
}

export type PartyStatus = { party: Party; index: number; signature?: Signature };

/** Each party with its signature, if any: what the convention screen and the PDF show. */
export function partyStatuses(c: Convention, signatures: Signature[]): PartyStatus[] {
  return c.parties.map((party, index) => {
    const signature = signatures.find((s) => s.subject.kind === 'convention' && s.subject.id === c.id && s.partyIndex === index);
    return signature ? { party, index, signature } : { party, index };
  });
}

export const isComplete = conventionComplete;
