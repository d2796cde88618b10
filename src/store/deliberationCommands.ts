import { canReorder, compactOrder, moveItem, nextOrderNumber } from '../domain/agenda';
import { canEdit, isSealed } from '../domain/status';
import { newId, type DeliberationId } from '../domain/ids';
import { resolveOrderCollisions } from '../domain/numbering';
import { AnnexAttachmentSchema, DeliberationSchema, type AnnexAttachment, type Deliberation, type Seance } from '../domain/schemas';
import { applyTemplate, templateText, type DraftText, type TemplateId } from '../domain/templates';
import type { Annex } from './db';
import { db, UNSYNCED_ANNEXES } from './db';
import { fromZod, ValidationError } from './errors';
import { assertSeanceOpen } from './guards';
import { enqueue } from './outbox';
import { sha256OfBytes } from '../domain/canonical';
import { sniffFileType } from '../domain/fileType';

/*
 * Agenda and drafting commands. Each validates its input, then writes the records and one
 * outbox entry per changed record in a single Dexie transaction (outbox and meta included), so
 * a change is stored with its mutation or not at all. A closed séance refuses them all: after
 * closing, text changes go through recordCorrection (closing.ts).
 */

/** A refused command whose message needs values: `t(error.formError, error.params)`. */
export class CommandRefused extends ValidationError {
  constructor(
    code: string,
    readonly params: Record<string, string | number> = {},
    fieldErrors: Record<string, string> = {},
  ) {
    super(fieldErrors, code);
    this.name = 'CommandRefused';
  }
}

const writeTables = () => {
  const d = db();
  return [d.seances, d.deliberations, d.votes, d.annexes, d.outbox, d.meta];
};

async function openSeance(seanceId: string): Promise<Seance> {
  const seance = await db().seances.get(seanceId as Seance['id']);
  assertSeanceOpen(seance);
  if (!canEdit(seance.status)) throw new CommandRefused('seance.readOnly');
  return seance;
}

async function itemOf(id: string): Promise<Deliberation> {
  const item = await db().deliberations.get(id as DeliberationId);
  if (!item) throw new CommandRefused('delib.notFound');
  return item;
}

const itemsOfSeance = (seanceId: string) => db().deliberations.where('seanceId').equals(seanceId).toArray();

// Empty lines are editing state (a line just added with Enter), not part of the act.
const lines = (list: readonly string[] | undefined) => list?.filter((line) => line.trim() !== '');

export interface NewItem {
  kind?: Deliberation['kind'];
  object: string;
  rapporteurId?: string | undefined;
  /** Prefills the draft; the given object, if any, wins over the template's. */
  template?: TemplateId | undefined;
  /** The sealed act this new one rectifies (see addRectifyingItem). */
  rectifies?: string | undefined;
}

/** Adds an item at the end of the agenda (before or during the séance). */
export async function addItem(seanceId: string, input: NewItem, now = new Date()): Promise<Deliberation> {
  const d = db();
  return d.transaction('rw', [...writeTables(), d.organisations], async () => {
    const seance = await openSeance(seanceId);
    let draft: Partial<DraftText> = {};
    if (input.template) {
      const org = await d.organisations.get(seance.organisationId);
      const filled = templateText(input.template, { organisationName: org?.name ?? '' });
      draft = applyTemplate({ ...filled, object: input.object, preamble: '', visas: [], recitals: [], articles: [], actesSubject: '' }, filled);
    }
    const parsed = DeliberationSchema.safeParse({
      ...draft,
      object: input.object.trim() || draft.object || '',
      kind: input.kind ?? 'deliberation',
      rapporteurId: input.rapporteurId || undefined,
      rectifies: input.rectifies,
      id: newId<'DeliberationId'>(),
      seanceId: seance.id,
      organisationId: seance.organisationId,
      // Read inside the transaction: two quick additions never get the same number here.
      orderNumber: nextOrderNumber(await itemsOfSeance(seanceId)),
      updatedAt: now.toISOString(),
    });
    if (!parsed.success) throw fromZod(parsed.error);
    const item = parsed.data;
    await d.deliberations.add(item);
    await enqueue({ name: 'deliberation.create', recordId: item.id, baseVersion: 0, args: item }, now);
    return item;
  });
}


/**
 * Corrects a sealed act the only lawful way: a new act, on the agenda of an open séance, linked
 * to the one it rectifies. The sealed act itself is never touched.
 */
export async function addRectifyingItem(sealedId: string, seanceId: string, now = new Date()): Promise<Deliberation> {
  const d = db();
  const sealed = await itemOf(sealedId);
  const origin = await d.seances.get(sealed.seanceId);
  if (!origin || !isSealed(origin.status)) throw new CommandRefused('delib.rectifyNotSealed');
  if (sealed.kind !== 'deliberation') throw new CommandRefused('delib.rectifyNotSealed');
  const number = sealed.registryNumber ? `n° ${sealed.registryNumber} ` : '';
  const [y, m, day] = origin.date.split('-');
  const object = `Rectification de la délibération ${number}du ${day}/${m}/${y} – ${sealed.object}`.slice(0, 10_000);
  return addItem(seanceId, { object, kind: 'deliberation', rectifies: sealed.id }, now);
}

/** The later acts that rectify this one (none for most acts). */
export async function rectifiedBy(id: string): Promise<Deliberation[]> {
  return db().deliberations.filter((x) => x.rectifies === id).toArray();
}

/** The fields the drafting screen saves (autosave sends any subset of them). */
export const DraftPatchSchema = DeliberationSchema.pick({
  kind: true, object: true, actesSubject: true, rapporteurId: true, preamble: true, visas: true, recitals: true, articles: true, debates: true,
}).partial();
export type DraftPatch = {
  kind?: Deliberation['kind'];
  object?: string;
  actesSubject?: string;
  rapporteurId?: string | undefined;
  preamble?: string;
  visas?: string[];
  recitals?: string[];
  articles?: string[];
  debates?: string;
};

/** Saves part of a draft. Refused once the séance is closed, and a change of kind once voted. */
export async function updateDraft(id: string, patch: DraftPatch, now = new Date()): Promise<Deliberation> {
  const cleaned = {
    ...patch,
    ...(patch.visas && { visas: lines(patch.visas) }),
    ...(patch.recitals && { recitals: lines(patch.recitals) }),
    ...(patch.articles && { articles: lines(patch.articles) }),
    ...('rapporteurId' in patch && { rapporteurId: patch.rapporteurId || undefined }),
  };
  const parsed = DraftPatchSchema.safeParse(cleaned);
  if (!parsed.success) throw fromZod(parsed.error);
  // zod fills the defaults of absent fields (visas: []…): keep only what the patch carries.
  const data = Object.fromEntries(Object.entries(parsed.data).filter(([key]) => key in cleaned)) as DraftPatch;
  const d = db();
  return d.transaction('rw', writeTables(), async () => {
    const item = await itemOf(id);
    await openSeance(item.seanceId);
    if (data.kind !== undefined && data.kind !== item.kind && (await d.votes.get(item.id))) {
      throw new CommandRefused('delib.kindAfterVote');
    }
    const next = { ...item, ...data, updatedAt: now.toISOString() } as Deliberation;
    if ('rapporteurId' in cleaned && cleaned.rapporteurId === undefined) delete next.rapporteurId;
    await d.deliberations.put(next);
    // A cleared rapporteur travels as null (JSON has no undefined): the server removes the field.
    const args = 'rapporteurId' in cleaned && cleaned.rapporteurId === undefined ? { ...data, rapporteurId: null } : data;
    await enqueue({ name: 'deliberation.update', recordId: id, baseVersion: item.version, args }, now);
    return next;
  });
}

async function renumber(changes: Map<string, number>, now: Date, name: string): Promise<void> {
  const d = db();
  for (const [id, orderNumber] of changes) {
    const item = await itemOf(id);
    await d.deliberations.put({ ...item, orderNumber, updatedAt: now.toISOString() });
    await enqueue({ name, recordId: id, baseVersion: item.version, args: { orderNumber } }, now);
  }
}

/**
 * Moves an item one place up or down. Only before the séance starts: order numbers are the
 * sequence of registry numbers and are fixed once it is in progress.
 */
export async function moveAgendaItem(id: string, direction: 'up' | 'down', now = new Date()): Promise<void> {
  await db().transaction('rw', writeTables(), async () => {
    const item = await itemOf(id);
    const seance = await openSeance(item.seanceId);
    if (!canReorder(seance.status)) throw new CommandRefused('delib.orderFixed');
    await renumber(moveItem(await itemsOfSeance(seance.id), id, direction), now, 'deliberation.move');
  });
}

/** Deletes an item (and its annexes) before the séance starts; the others close up. */
export async function deleteAgendaItem(id: string, now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', [...writeTables(), d.attachments], async () => {
    const item = await itemOf(id);
    const seance = await openSeance(item.seanceId);
    if (!canReorder(seance.status)) throw new CommandRefused('delib.orderFixed');
    // Its annexes go with it, here and (through their records) on every device. Removed first:
    // the server refuses a record whose deliberation no longer exists.
    for (const a of await d.attachments.where('deliberationId').equals(item.id).toArray()) {
      await d.attachments.delete(a.id);
      await enqueue({ name: 'attachment.delete', recordId: a.id, baseVersion: a.version, args: {} }, now);
    }
    await d.deliberations.delete(item.id);
    await d.annexes.where('deliberationId').equals(item.id).delete();
    await d.votes.delete(item.id);
    await enqueue({ name: 'deliberation.delete', recordId: id, baseVersion: item.version, args: {} }, now);
    await renumber(compactOrder(await itemsOfSeance(seance.id)), now, 'deliberation.move');
  });
}

/**
 * Members withdrawn from this item for a personal interest (CGCT L2131-11): they leave the
 * room, so the item's quorum and votants change. Fixed once the item is voted: the counts of a
 * recorded vote must keep adding up (cancel the vote first).
 */
export async function setWithdrawn(id: string, memberIds: readonly string[], now = new Date()): Promise<Deliberation> {
  const parsed = DeliberationSchema.shape.withdrawn.safeParse([...new Set(memberIds)]);
  if (!parsed.success) throw fromZod(parsed.error);
  const d = db();
  return d.transaction('rw', writeTables(), async () => {
    const item = await itemOf(id);
    await openSeance(item.seanceId);
    if (await d.votes.get(item.id)) throw new CommandRefused('delib.withdrawAfterVote');
    const next = { ...item, withdrawn: parsed.data, updatedAt: now.toISOString() };
    await d.deliberations.put(next);
    await enqueue({ name: 'deliberation.withdraw', recordId: id, baseVersion: item.version, args: { withdrawn: parsed.data } }, now);
    return next;
  });
}

/** 20 MB: a scanned convention fits; IndexedDB quotas on tablets are not endless. */
export const MAX_ANNEX_BYTES = 20 * 1024 * 1024;

/**
 * Keeps a file with the deliberation, in IndexedDB, so it is there offline, and tells the other
 * devices about it: one transaction writes the bytes (`annexes`, never synced, so a pull never
 * overwrites them), the synced `attachments` record (name, type, size, SHA-256) with its
 * `attachment.create` mutation, and the `fileSync` mark that has the bytes uploaded after the next
 * sync round (sync/files.ts). The type is told by the file's first bytes: PDF, PNG and JPEG travel
 * through the server; any other file is listed on every device but its bytes stay on this one.
 */
export async function addAnnex(deliberationId: string, file: { name: string; type: string; data: Blob }, now = new Date()): Promise<Annex> {
  const name = file.name.trim().slice(0, 255);
  if (!name) throw new CommandRefused('delib.annexNoName');
  if (file.data.size > MAX_ANNEX_BYTES) throw new CommandRefused('delib.annexTooLarge', { max: MAX_ANNEX_BYTES / 1024 / 1024 });
  const bytes = new Uint8Array(await file.data.arrayBuffer());
  const sha256 = await sha256OfBytes(bytes);
  const sniffed = sniffFileType(bytes);
  // A declared PDF or image that is not one travels as nothing the server would serve.
  const declared = file.type && !['application/pdf', 'image/png', 'image/jpeg'].includes(file.type) ? file.type : 'application/octet-stream';
  const type = sniffed ?? declared;
  const d = db();
  return d.transaction('rw', [...writeTables(), d.attachments, d.fileSync], async () => {
    const item = await itemOf(deliberationId);
    await openSeance(item.seanceId);
    const at = now.toISOString();
    const annex: Annex = { id: newId<'AnnexId'>(), deliberationId, name, type, size: file.data.size, data: file.data, addedAt: at };
    const parsed = AnnexAttachmentSchema.safeParse({
      id: annex.id,
      organisationId: item.organisationId,
      seanceId: item.seanceId,
      deliberationId: item.id,
      name,
      type,
      size: annex.size,
      sha256,
      addedAt: at,
      version: 0,
      updatedAt: at,
    });
    if (!parsed.success) throw fromZod(parsed.error);
    const record = parsed.data;
    await d.annexes.add(annex);
    await d.attachments.add(record);
    if (sniffed && annex.size > 0 && (await d.fileSync.get(sha256))?.state !== 'uploaded') {
      await d.fileSync.put({ sha256, annexId: annex.id, state: 'pending', updatedAt: at });
    }
    await enqueue({ name: 'attachment.create', recordId: record.id, baseVersion: 0, args: record }, now);
    return annex;
  });
}

/**
 * Removes an annex (by its id, the same for the bytes and the record) while the séance is
 * editable: its bytes here and its record everywhere (`attachment.delete`, a tombstone). The
 * server keeps the file itself: another record may name the same bytes.
 */
export async function removeAnnex(annexId: string, now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', [...writeTables(), d.attachments], async () => {
    const record = await d.attachments.get(annexId);
    const annex = await d.annexes.get(annexId);
    const deliberationId = record?.deliberationId ?? annex?.deliberationId;
    if (!deliberationId) return;
    const item = await itemOf(deliberationId);
    await openSeance(item.seanceId);
    await d.annexes.delete(annexId);
    if (!record) return; // attached before annexes were synced: nothing to tell the others
    await d.attachments.delete(annexId);
    await enqueue({ name: 'attachment.delete', recordId: annexId, baseVersion: record.version, args: {} }, now);
  });
}

/**
 * Makes the séance's order numbers unique again after records from another device were merged
 * in (two devices offline may both have added "item 4"). Deterministic: every device computes
 * the same numbers (numbering.resolveOrderCollisions), and an item that already has a registry
 * number never moves. Returns the number of items renumbered. Runs inside the caller's
 * transaction when there is one (closeSeance), else in its own.
 */
export async function reconcileAgenda(seanceId: string, now = new Date()): Promise<number> {
  const d = db();
  return d.transaction('rw', [d.deliberations, d.outbox, d.meta], async () => {
    const items = await itemsOfSeance(seanceId);
    const resolved = resolveOrderCollisions(items);
    const changes = new Map<string, number>();
    const before = new Map(items.map((i) => [i.id, i.orderNumber]));
    for (const item of resolved) if (before.get(item.id) !== item.orderNumber) changes.set(item.id, item.orderNumber);
    await renumber(changes, now, 'deliberation.renumber');
    return changes.size;
  });
}

/* Reads */

export async function getDeliberation(id: string): Promise<Deliberation | null> {
  return (await db().deliberations.get(id as DeliberationId)) ?? null;
}

/** The annexes whose bytes are on this device. */
export async function annexesOf(deliberationId: string): Promise<Annex[]> {
  return db().annexes.where('deliberationId').equals(deliberationId).sortBy('addedAt');
}

/** A deliberation's annex as listed: its synced record, and its bytes when they are here. */
export interface AnnexEntry {
  id: string;
  name: string;
  type: string;
  size: number;
  addedAt: string;
  /** The synced record; absent for a file attached before annexes were synced (this device only). */
  record?: AnnexAttachment;
  /** The bytes, when they are on this device. */
  annex?: Annex;
}

/**
 * The deliberation's annexes as every device knows them (its `attachments` records), each with
 * its bytes when they are on this device; a file attached here before annexes were synced has no
 * record and is listed from its bytes. Bytes whose record another device removed are not listed.
 * In the order they were added.
 */
export async function annexEntriesOf(deliberationId: string): Promise<AnnexEntry[]> {
  const d = db();
  const [records, local, unsynced] = await Promise.all([
    d.attachments.where('deliberationId').equals(deliberationId).toArray(),
    d.annexes.where('deliberationId').equals(deliberationId).toArray(),
    d.meta.get(UNSYNCED_ANNEXES),
  ]);
  const legacy = new Set(Array.isArray(unsynced?.value) ? (unsynced.value as unknown[]) : []);
  const bytes = new Map(local.map((a) => [a.id, a]));
  const entries: AnnexEntry[] = records.map((r) => {
    const annex = bytes.get(r.id);
    bytes.delete(r.id);
    return { id: r.id, name: r.name, type: r.type, size: r.size, addedAt: r.addedAt, record: r, ...(annex && { annex }) };
  });
  for (const annex of bytes.values()) if (legacy.has(annex.id)) entries.push({ id: annex.id, name: annex.name, type: annex.type, size: annex.size, addedAt: annex.addedAt, annex });
  return entries.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id));
}
