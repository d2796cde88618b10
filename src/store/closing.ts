import { isClosed } from '../domain/status';
import { correctableFields, CorrectionSchema, type CorrectableField, type CorrectionRecord } from '../domain/corrections';
import { newId, type DeliberationId } from '../domain/ids';
import { assignRegistryNumbers, sequenceOffset } from '../domain/numbering';
import { DeliberationSchema, type Deliberation, type Seance } from '../domain/schemas';
import { appointmentStatus } from '../domain/tally';
import type { Correction } from './db';
import { db } from './db';
import { CommandRefused, reconcileAgenda } from './deliberationCommands';
import { fromZod } from './errors';
import { expectedFrozen, factsOf } from '../domain/commands';
import { commandTables, readHere, runCommand } from './commands';
import { assertSeanceOpen } from './guards';
import { enqueue } from './outbox';

/*
 * Closing a séance and correcting it afterwards.
 *
 * Registry numbers are given here, at closing, and never before: the sequence of a number is the
 * item's order number, and only now — once the records of every device that worked offline on
 * the séance have been merged in and the agenda reconciled (reconcileAgenda) — is it certain that
 * no other device holds another item with the same order number. Until then the screens show the
 * number an item will get, marked as provisional. A number once stored is never changed:
 * assignRegistryNumbers keeps existing numbers, and refuses (rather than renumbers) if a new one
 * would collide with a number already given, in this séance or in another séance of the
 * organisation the same day (e.g. the Comité after the Bureau, with the default pattern).
 *
 * The pattern is the default {YYYY}{MM}{DD}_DL_{NN} with its type part ("DL") configurable at
 * closing. The sequence is the order number in the séance, after the numbers other séances of the
 * organisation gave that day (numbering.sequenceOffset): the Comité after the Bureau goes on from
 * the Bureau's last number. The server is the arbiter (domain/commands.ts deliberation.number):
 * a number another device gave meanwhile is refused there, the séance comes back open on this
 * device with the server's numbers, and closing again gives the next free ones.
 */
export const REGISTRY_PATTERN = '{YYYY}{MM}{DD}_{TYPE}_{NN}';
export const DEFAULT_TYPE = 'DL';
const TYPE_RE = /^[A-Z][A-Z0-9]{0,5}$/;
const NUMBER_TYPE_RE = /^\d{8}_([A-Z][A-Z0-9]{0,5})_\d+$/;

const CLOSABLE: readonly Seance['status'][] = ['in_progress'];

/** Deliberation items that have no vote yet, by order number: the séance cannot close with them. */
async function unvoted(items: readonly Deliberation[]): Promise<number[]> {
  const votes = await db().votes.bulkGet(items.map((i) => i.id));
  return items.filter((item, i) => item.kind === 'deliberation' && !votes[i]).map((i) => i.orderNumber);
}

/** Appointments still waiting for a round (no one elected, fewer than three rounds), by order number. */
async function openAppointments(items: readonly Deliberation[]): Promise<number[]> {
  const votes = await db().votes.bulkGet(items.map((i) => i.id));
  return items.filter((_, i) => {
    const vote = votes[i];
    return vote?.mode === 'appointment' && appointmentStatus(vote.appointment).state === 'nextRound';
  }).map((i) => i.orderNumber);
}

/** Registry numbers already used by other séances of the organisation on that date. */
export async function numbersTakenElsewhere(seance: Pick<Seance, 'id' | 'organisationId' | 'date'>): Promise<string[]> {
  const d = db();
  const sameDay = (await d.seances.where('organisationId').equals(seance.organisationId).toArray()).filter(
    (s) => s.date === seance.date && s.id !== seance.id,
  );
  const items = await d.deliberations.where('seanceId').anyOf(sameDay.map((s) => s.id)).toArray();
  return items.map((i) => i.registryNumber).filter((n): n is string => !!n);
}

/** The type part of the numbers already given in the séance, if any. */
function typeInUse(items: readonly Deliberation[]): string | undefined {
  for (const item of items) {
    const match = item.registryNumber ? NUMBER_TYPE_RE.exec(item.registryNumber) : null;
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** Stores the registry number of every deliberation that has none yet; returns how many. */
async function numberItems(seance: Seance, now: Date, requestedType?: string): Promise<number> {
  const d = db();
  const items = await d.deliberations.where('seanceId').equals(seance.id).toArray();
  // Numbers already given fix the type of the séance: a late item follows its siblings.
  const type = typeInUse(items) ?? requestedType ?? DEFAULT_TYPE;
  if (!TYPE_RE.test(type)) throw new CommandRefused('closing.badType', { type }, { type: 'closing.badType' });
  const taken = new Set(await numbersTakenElsewhere(seance));
  let numbers: Map<string, string>;
  try {
    numbers = assignRegistryNumbers(items, seance.date, REGISTRY_PATTERN, { type, taken, offset: sequenceOffset(taken, seance.date, type) });
  } catch (e) {
    throw new CommandRefused('closing.numberingFailed', { reason: e instanceof Error ? e.message : String(e) });
  }
  let given = 0;
  for (const item of items) {
    const registryNumber = numbers.get(item.id);
    if (!registryNumber || item.registryNumber === registryNumber) continue;
    await runCommand(
      { name: 'deliberation.number', recordId: item.id, baseVersion: item.version, args: { registryNumber }, after: { ...item, registryNumber, updatedAt: now.toISOString() } },
      now,
    );
    given += 1;
  }
  return given;
}

const closingTables = () => commandTables(db());

/**
 * Closes the séance: reconciles the agenda, checks every deliberation was voted, gives the
 * registry numbers and sets the status to closed, all in one transaction. From then on the
 * séance is read-only and any change is a recorded correction.
 */
export async function closeSeance(seanceId: string, now = new Date(), opts: { type?: string } = {}): Promise<Seance> {
  const d = db();
  return d.transaction('rw', closingTables(), async () => {
    const seance = await d.seances.get(seanceId as Seance['id']);
    assertSeanceOpen(seance);
    if (!CLOSABLE.includes(seance.status)) throw new CommandRefused('closing.notInProgress');
    await reconcileAgenda(seance.id, now);
    const items = await d.deliberations.where('seanceId').equals(seance.id).toArray();
    const missing = await unvoted(items);
    if (missing.length > 0) throw new CommandRefused('closing.unvoted', { items: missing.sort((a, b) => a - b).join(', '), count: missing.length });
    const open = await openAppointments(items);
    if (open.length > 0) throw new CommandRefused('closing.appointmentOpen', { items: open.sort((a, b) => a - b).join(', '), count: open.length });
    await numberItems(seance, now, opts.type?.trim().toUpperCase() || undefined);
    // The names and mandates its documents print, frozen with it (domain/frozen.ts).
    const frozen = await readHere((s) => expectedFrozen(s, seance, factsOf(s, seance)));
    const closed: Seance = { ...seance, status: 'closed', frozen, updatedAt: now.toISOString() };
    await runCommand({ name: 'seance.close', recordId: seance.id, baseVersion: seance.version, args: { status: 'closed', frozen }, after: closed }, now);
    return closed;
  });
}

export { correctableFields, type CorrectableField } from '../domain/corrections';

export interface CorrectionInput {
  deliberationId: string;
  field: CorrectableField;
  after: unknown;
  /** Why the text changes: required, it is what makes the correction not a silent edit. */
  reason: string;
  /** Who corrects: name and capacity, e.g. "Jean-Claude RENAUX, secrétaire de séance". */
  author: string;
}

/**
 * Corrects a deliberation of a closed séance: the new value is written together with a
 * correction record (who, when, why, before, after) and their outbox entries. A signed or
 * published séance is sealed: its content no longer changes at all.
 */
export async function recordCorrection(input: CorrectionInput, now = new Date()): Promise<CorrectionRecord> {
  const reason = input.reason.trim();
  const author = input.author.trim();
  const fieldErrors: Record<string, string> = {};
  if (!reason) fieldErrors.reason = 'error.required';
  if (!author) fieldErrors.author = 'error.required';
  if (!correctableFields.includes(input.field)) fieldErrors.field = 'error.invalid';
  if (Object.keys(fieldErrors).length > 0) throw new CommandRefused('closing.correctionIncomplete', {}, fieldErrors);
  // No rapporteur is stored as no field at all, not as an empty id.
  const value = input.field === 'rapporteurId' && !input.after ? undefined : input.after;
  const parsed = DeliberationSchema.shape[input.field].safeParse(value);
  if (!parsed.success) throw fromZod(parsed.error);
  const after = Array.isArray(parsed.data) ? parsed.data.filter((line) => line.trim() !== '') : parsed.data;
  const d = db();
  return d.transaction('rw', [d.seances, d.deliberations, d.corrections, d.outbox, d.meta], async () => {
    const item = await d.deliberations.get(input.deliberationId as DeliberationId);
    if (!item) throw new CommandRefused('delib.notFound');
    const seance = await d.seances.get(item.seanceId);
    if (!seance) throw new CommandRefused('seance.notFound');
    if (seance.status !== 'closed') throw new CommandRefused(isClosed(seance.status) ? 'closing.sealed' : 'closing.notClosed');
    const before = item[input.field];
    if (JSON.stringify(before ?? '') === JSON.stringify(after ?? '')) throw new CommandRefused('closing.correctionUnchanged');
    const checked = CorrectionSchema.safeParse({
      id: newId<'CorrectionId'>(),
      organisationId: item.organisationId,
      seanceId: seance.id,
      deliberationId: item.id,
      field: input.field,
      before: before ?? '',
      after: after ?? '',
      reason,
      author,
      at: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    if (!checked.success) throw fromZod(checked.error);
    const correction: CorrectionRecord = checked.data;
    const next = { ...item, [input.field]: after, updatedAt: now.toISOString() } as Deliberation;
    if (after === undefined) delete next[input.field];
    await d.deliberations.put(next);
    await d.corrections.add(correction);
    // Two mutations: the new text of the deliberation (a patch the server applies like any
    // other), and the correction record that says who, when and why.
    await enqueue({ name: 'deliberation.correct', recordId: item.id, baseVersion: item.version, args: after === undefined ? {} : { [input.field]: after } }, now);
    await enqueue({ name: 'correction.record', table: 'corrections', recordId: correction.id, baseVersion: 0, args: correction }, now);
    return correction;
  });
}

/* Reads */

/** Corrections of a séance, oldest first. */
export async function correctionsOf(seanceId: string): Promise<Correction[]> {
  return db().corrections.where('seanceId').equals(seanceId).sortBy('at');
}
