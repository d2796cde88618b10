import { newId } from '../domain/ids';
import { earliestReconvocationDate } from '../domain/convocation';
import { SeanceSchema, type Seance, type SeanceStatus } from '../domain/schemas';
import { db } from './db';
import { fromZod, ValidationError } from './errors';
import { assertSeanceOpen } from './guards';
import { expectedFrozen, factsOf } from '../domain/commands';
import { commandTables, readHere, runCommand } from './commands';
import { enqueue } from './outbox';

/** Validates and stores a new séance with its outbox entry; nothing is written if invalid. */
export async function createSeance(draft: unknown, now = new Date()): Promise<Seance> {
  const parsed = SeanceSchema.safeParse({
    ...(draft as object),
    id: newId<'SeanceId'>(),
    updatedAt: now.toISOString(),
  });
  if (!parsed.success) throw fromZod(parsed.error);
  const seance = parsed.data;
  const d = db();
  // Checked by the form's schema here; the server checks its president and secretaries exist.
  await d.transaction('rw', [d.seances, d.outbox, d.meta], async () => {
    await d.seances.add(seance);
    await enqueue({ name: 'seance.create', recordId: seance.id, baseVersion: 0, args: seance }, now);
  });
  return seance;
}

/** The moves the secretary can make by hand; closing with votes is a separate command. */
const NEXT: Partial<Record<SeanceStatus, SeanceStatus[]>> = {
  draft: ['convened', 'in_progress'],
  convened: ['in_progress', 'draft'],
};

export async function setSeanceStatus(seanceId: string, status: SeanceStatus, now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', commandTables(d), async () => {
    const seance = await d.seances.get(seanceId as Seance['id']);
    assertSeanceOpen(seance);
    if (!NEXT[seance.status]?.includes(status)) throw new ValidationError({}, 'seance.badTransition');
    await runCommand(
      { name: 'seance.status', recordId: seance.id, baseVersion: seance.version, args: { status, updatedAt: now.toISOString() } },
      now,
    );
  });
}

/** Without quorum the séance is closed as such; nothing is voted (CGCT L2121-17). */
export async function closeWithoutQuorum(seanceId: string, now = new Date()): Promise<void> {
  const d = db();
  await d.transaction('rw', commandTables(d), async () => {
    const seance = await d.seances.get(seanceId as Seance['id']);
    assertSeanceOpen(seance);
    // The names and mandates its documents print, frozen with it (domain/frozen.ts).
    const frozen = await readHere((s) => expectedFrozen(s, seance, factsOf(s, seance)));
    const next = { ...seance, status: 'closed' as const, closedWithoutQuorum: true, frozen, updatedAt: now.toISOString() };
    await runCommand(
      {
        name: 'seance.closeWithoutQuorum',
        recordId: seance.id,
        baseVersion: seance.version,
        args: { status: 'closed', closedWithoutQuorum: true, frozen, updatedAt: next.updatedAt },
        after: next,
      },
      now,
    );
  });
}

/**
 * Convenes the body again after a lack of quorum: at least three days later, same agenda, and
 * it then deliberates validly whatever the number present (CGCT L2121-17).
 */
export async function reconvene(
  failedId: string,
  input: { date: string; time: string; place: string; convocationDate: string },
  now = new Date(),
): Promise<Seance> {
  const d = db();
  const failed = await d.seances.get(failedId as Seance['id']);
  if (!failed?.closedWithoutQuorum) throw new ValidationError({}, 'seance.notWithoutQuorum');
  if (/^\d{4}-\d{2}-\d{2}$/.test(input.date) && input.date < earliestReconvocationDate(failed.date)) {
    throw new ValidationError({ date: 'seance.reconveneTooSoon' });
  }
  const parsed = SeanceSchema.safeParse({
    ...input,
    id: newId<'SeanceId'>(),
    organisationId: failed.organisationId,
    bodyId: failed.bodyId,
    presidentId: failed.presidentId,
    secretaryIds: failed.secretaryIds,
    reconvenedFrom: failed.id,
    status: 'convened',
    updatedAt: now.toISOString(),
  });
  if (!parsed.success) throw fromZod(parsed.error);
  const seance = parsed.data;
  await d.transaction('rw', [d.seances, d.deliberations, d.outbox, d.meta], async () => {
    await d.seances.add(seance);
    await enqueue({ name: 'seance.create', recordId: seance.id, baseVersion: 0, args: seance }, now);
    // Same agenda: the items are copied without numbers; they will be numbered in the new séance.
    const items = await d.deliberations.where('seanceId').equals(failed.id).toArray();
    for (const item of items) {
      const copy = { ...item, id: newId<'DeliberationId'>(), seanceId: seance.id, registryNumber: undefined, withdrawn: [], version: 0 };
      await d.deliberations.add(copy);
      await enqueue({ name: 'deliberation.create', recordId: copy.id, baseVersion: 0, args: copy }, now);
    }
  });
  return seance;
}
