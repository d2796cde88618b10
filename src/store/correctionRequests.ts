import { CorrectionRequestSchema, type CorrectionRequest } from '../domain/corrections';
import { newId } from '../domain/ids';
import type { Seance } from '../domain/schemas';
import { localSession } from './session';
import { db } from './db';
import { fromZod, ValidationError } from './errors';
import { enqueue } from './outbox';
import { isSealed } from '../domain/status';

/*
 * The president's requests for correction, made from the review (issue #6): a comment on the
 * procès-verbal, a deliberation or a convention of a séance, shown to the secretary on that item
 * until marked done. A request changes nothing by itself; the secretary corrects (closing.ts
 * recordCorrection) and marks it done. A sealed séance takes no request: a later correction is a
 * new act, never an edit.
 */


export interface RequestCorrectionInput {
  seanceId: string;
  subject: CorrectionRequest['subject'];
  comment: string;
}

/** Who is signed in on this device (kept offline): requests and their handling name them. */
async function currentUserName(): Promise<string> {
  const name = (await localSession(db()))?.user.name.trim();
  if (!name) throw new ValidationError({}, 'request.noUser');
  return name;
}

async function openSeance(seanceId: string): Promise<Seance> {
  const seance = await db().seances.get(seanceId as Seance['id']);
  if (!seance) throw new ValidationError({}, 'seance.notFound');
  if (isSealed(seance.status)) throw new ValidationError({}, 'request.sealed');
  return seance;
}

/** The item must belong to the séance: a request on another séance's act would be lost. */
async function assertSubjectOf(seance: Seance, subject: CorrectionRequest['subject']): Promise<void> {
  const d = db();
  const ok =
    subject.kind === 'minutes'
      ? subject.id === seance.id
      : subject.kind === 'deliberation'
        ? (await d.deliberations.get(subject.id as never))?.seanceId === seance.id
        : (await d.conventions.get(subject.id as never))?.seanceId === seance.id;
  if (!ok) throw new ValidationError({ subject: 'request.badSubject' }, 'request.badSubject');
}

/** Records a request for correction, with its outbox entry, in one transaction. */
export async function requestCorrection(input: RequestCorrectionInput, now = new Date()): Promise<CorrectionRequest> {
  const requestedBy = await currentUserName();
  const d = db();
  return d.transaction('rw', [d.seances, d.deliberations, d.conventions, d.correctionRequests, d.outbox, d.meta], async () => {
    const seance = await openSeance(input.seanceId);
    const parsed = CorrectionRequestSchema.safeParse({
      id: newId(),
      organisationId: seance.organisationId,
      seanceId: seance.id,
      subject: input.subject,
      comment: input.comment,
      requestedBy,
      requestedAt: now.toISOString(),
      status: 'open',
      version: 0,
      updatedAt: now.toISOString(),
    });
    if (!parsed.success) throw fromZod(parsed.error);
    await assertSubjectOf(seance, parsed.data.subject);
    const request = parsed.data;
    await d.correctionRequests.add(request);
    await enqueue({ name: 'correctionRequest.create', recordId: request.id, baseVersion: 0, args: request }, now);
    return request;
  });
}

/** The secretary has handled the request: it leaves the list of open requests. Idempotent. */
export async function markCorrectionDone(id: string, now = new Date()): Promise<CorrectionRequest> {
  const doneBy = await currentUserName();
  const d = db();
  return d.transaction('rw', [d.seances, d.correctionRequests, d.outbox, d.meta], async () => {
    const request = await d.correctionRequests.get(id);
    if (!request) throw new ValidationError({}, 'request.notFound');
    if (request.status === 'done') return request;
    await openSeance(request.seanceId);
    const patch = { status: 'done' as const, doneBy, doneAt: now.toISOString(), updatedAt: now.toISOString() };
    const next: CorrectionRequest = { ...request, ...patch };
    await d.correctionRequests.put(next);
    await enqueue({ name: 'correctionRequest.done', recordId: id, baseVersion: request.version, args: patch }, now);
    return next;
  });
}

/* Reads */

/** The requests on one item (a deliberation, a convention, or the procès-verbal: the séance id). */
export async function requestsOn(subjectId: string): Promise<CorrectionRequest[]> {
  return db().correctionRequests.where('subject.id').equals(subjectId).sortBy('requestedAt');
}
