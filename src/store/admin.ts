import type * as z from 'zod';
import { newId, type BodyId, type MandateId, type MemberId, type OrganisationId } from '../domain/ids';
import {
  BodySchema, MandateSchema, MemberSchema, OrganisationSchema, isoDate,
  type Body, type Mandate, type Member, type Organisation,
} from '../domain/schemas';
import { db } from './db';
import { ValidationError, fromZod } from './errors';
import { enqueue } from './outbox';

/*
 * Administration: the organisation, its bodies, members and mandates. Each command validates
 * with the shared zod schema, then writes the record and its outbox entry in one transaction;
 * a refused command (ValidationError) writes nothing.
 *
 * An outbox entry's args are the patch it makes (src/domain/sync.ts): a create carries every
 * field on base version 0; an update only the fields that changed (and updatedAt), with the
 * version it was based on, so the server can tell a real conflict (the same field changed on
 * both sides) from two edits of different fields (docs/architecture.md §5).
 */

const META_FIELDS = ['id', 'organisationId', 'version', 'updatedAt'] as const;
const TITULAR_ROLES: ReadonlySet<Mandate['role']> = new Set(['president', 'vice_president', 'member']);

function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const error = fromZod(parsed.error);
  // A choice left empty ("— Choisir —") is a missing value, not an invalid one.
  for (const [path, key] of Object.entries(error.fieldErrors)) {
    const given = (value as Record<string, unknown>)[path];
    if (key === 'error.invalid' && (given === '' || given === undefined)) error.fieldErrors[path] = 'error.required';
  }
  throw error;
}

/** The editable fields of a patch: identity and sync metadata are never taken from the caller. */
function editable(patch: unknown): Record<string, unknown> {
  const fields = { ...(patch as Record<string, unknown> | null) };
  for (const key of META_FIELDS) delete fields[key];
  return fields;
}

function organisationIdOf(draft: unknown): unknown {
  return (draft as { organisationId?: unknown } | null)?.organisationId;
}

/** Forms send '' for an empty optional field; the schemas expect it absent. */
function blankToUndefined(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out = { ...value };
  for (const key of keys) if (out[key] === '' || out[key] === null) out[key] = undefined;
  return out;
}

function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys({ ...before, ...after }) as (keyof T)[]) {
    if (key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return changes;
}

const notFound = () => new ValidationError({}, 'admin.notFound');

/**
 * Stores an edited record with an outbox entry patching the changed fields. Call inside a
 * transaction over the table, outbox and meta. No change, no entry.
 *
 * The base version is the one the user saw when the form opened (`seenVersion`), not the one
 * stored now: if a pull brought another device's edit of the same field in between, the
 * server sees a conflict and keeps both, instead of this edit silently replacing it.
 */
async function writeUpdate<T extends { id: string; version: number; updatedAt: string }>(
  table: { put(item: NoInfer<T>): PromiseLike<unknown> },
  name: string,
  before: T,
  after: T,
  now: Date,
  seenVersion: number | undefined,
): Promise<T> {
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return before;
  await table.put(after);
  const baseVersion = Math.min(seenVersion ?? before.version, before.version);
  await enqueue({ name, recordId: before.id, baseVersion, args: { ...changes, updatedAt: after.updatedAt } }, now);
  return after;
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function getOrganisation(id: string): Promise<Organisation | undefined> {
  return db().organisations.get(id as OrganisationId);
}

export async function getBody(id: string): Promise<Body | undefined> {
  return db().bodies.get(id as BodyId);
}

export async function getMember(id: string): Promise<Member | undefined> {
  return db().members.get(id as MemberId);
}

/** A member's mandates in every body, most recent first. */
export async function listMandatesOfMember(memberId: string): Promise<Mandate[]> {
  const rows = await db().mandates.where('memberId').equals(memberId).toArray();
  return rows.sort((a, b) => b.start.localeCompare(a.start) || b.id.localeCompare(a.id));
}

/** Every mandate in the bodies of an organisation, in start order (the order they were given). */
export async function listMandatesOfOrganisation(organisationId: string): Promise<Mandate[]> {
  const d = db();
  const bodyIds = await d.bodies.where('organisationId').equals(organisationId).primaryKeys();
  const rows = await d.mandates.where('bodyId').anyOf(bodyIds).toArray();
  return rows.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

// ---------------------------------------------------------------------------------------------
// Organisation

/** `patch` holds the fields the user changed; `seenVersion` the record version they started from. */
export async function updateOrganisation(id: string, patch: unknown, now = new Date(), seenVersion?: number): Promise<Organisation> {
  const d = db();
  return d.transaction('rw', [d.organisations, d.outbox, d.meta], async () => {
    const before = await d.organisations.get(id as OrganisationId);
    if (!before) throw notFound();
    const fields = editable(patch);
    // A SIRET is often copied with spaces ("123 456 789 00012"): only the digits are stored.
    if (typeof fields.siret === 'string') fields.siret = fields.siret.replace(/\s+/g, '');
    const after = validate(OrganisationSchema, { ...before, ...fields, updatedAt: now.toISOString() });
    return writeUpdate(d.organisations, 'organisation.update', before, after, now, seenVersion);
  });
}

// ---------------------------------------------------------------------------------------------
// Bodies

export async function createBody(draft: unknown, now = new Date()): Promise<Body> {
  const body = validate(BodySchema, {
    ...editable(draft),
    organisationId: organisationIdOf(draft),
    id: newId<'BodyId'>(),
    version: 0,
    updatedAt: now.toISOString(),
  });
  const d = db();
  await d.transaction('rw', [d.organisations, d.bodies, d.outbox, d.meta], async () => {
    if (!(await d.organisations.get(body.organisationId))) throw notFound();
    await d.bodies.add(body);
    await enqueue({ name: 'body.create', recordId: body.id, baseVersion: 0, args: body }, now);
  });
  return body;
}

export async function updateBody(id: string, patch: unknown, now = new Date(), seenVersion?: number): Promise<Body> {
  const d = db();
  return d.transaction('rw', [d.bodies, d.outbox, d.meta], async () => {
    const before = await d.bodies.get(id as BodyId);
    if (!before) throw notFound();
    const after = validate(BodySchema, { ...before, ...editable(patch), updatedAt: now.toISOString() });
    return writeUpdate(d.bodies, 'body.update', before, after, now, seenVersion);
  });
}

// ---------------------------------------------------------------------------------------------
// Members

export async function createMember(draft: unknown, now = new Date()): Promise<Member> {
  const member = validate(MemberSchema, {
    ...blankToUndefined(editable(draft), ['birthDate']),
    organisationId: organisationIdOf(draft),
    id: newId<'MemberId'>(),
    version: 0,
    updatedAt: now.toISOString(),
  });
  const d = db();
  await d.transaction('rw', [d.organisations, d.members, d.outbox, d.meta], async () => {
    if (!(await d.organisations.get(member.organisationId))) throw notFound();
    await d.members.add(member);
    await enqueue({ name: 'member.create', recordId: member.id, baseVersion: 0, args: member }, now);
  });
  return member;
}

export async function updateMember(id: string, patch: unknown, now = new Date(), seenVersion?: number): Promise<Member> {
  const d = db();
  return d.transaction('rw', [d.members, d.outbox, d.meta], async () => {
    const before = await d.members.get(id as MemberId);
    if (!before) throw notFound();
    const fields = blankToUndefined(editable(patch), ['birthDate']);
    const after = validate(MemberSchema, { ...before, ...fields, updatedAt: now.toISOString() });
    return writeUpdate(d.members, 'member.update', before, after, now, seenVersion);
  });
}

// ---------------------------------------------------------------------------------------------
// Mandates

/** Two mandates overlap when each starts before the other ends; touching on one day is a succession. */
function overlaps(a: Pick<Mandate, 'start' | 'end'>, b: Pick<Mandate, 'start' | 'end'>): boolean {
  return (a.end === undefined || b.start < a.end) && (b.end === undefined || a.start < b.end);
}

export async function createMandate(draft: unknown, now = new Date()): Promise<Mandate> {
  const fields = blankToUndefined(editable(draft), ['end', 'substituteFor']);
  const parsed = validate(MandateSchema, { ...fields, id: newId<'MandateId'>(), version: 0, updatedAt: now.toISOString() });
  // Only a suppléant sits for someone: a choice left over in the form is dropped.
  const mandate: Mandate = parsed.role === 'substitute' ? parsed : { ...parsed, substituteFor: undefined };
  if (mandate.end !== undefined && mandate.end < mandate.start) {
    throw new ValidationError({ end: 'admin.mandateEndBeforeStart' });
  }
  if (mandate.role === 'substitute' && !mandate.substituteFor) {
    throw new ValidationError({ substituteFor: 'admin.substituteForRequired' });
  }
  if (mandate.substituteFor === mandate.memberId) {
    throw new ValidationError({ substituteFor: 'admin.substituteForSelf' });
  }
  const d = db();
  await d.transaction('rw', [d.bodies, d.members, d.mandates, d.outbox, d.meta], async () => {
    const [body, member] = await Promise.all([d.bodies.get(mandate.bodyId), d.members.get(mandate.memberId)]);
    if (!body || !member || body.organisationId !== member.organisationId) throw notFound();
    const inBody = await d.mandates.where('bodyId').equals(mandate.bodyId).toArray();
    // One seat per person in a body at a time: a new role (member → président) is a new mandate.
    if (inBody.some((m) => m.memberId === mandate.memberId && overlaps(m, mandate))) {
      throw new ValidationError({ start: 'admin.mandateOverlap' });
    }
    if (mandate.substituteFor) {
      const titular = inBody.some((m) => m.memberId === mandate.substituteFor && TITULAR_ROLES.has(m.role));
      if (!titular) throw new ValidationError({ substituteFor: 'admin.substituteForNotTitular' });
    }
    await d.mandates.add(mandate);
    await enqueue({ name: 'mandate.create', recordId: mandate.id, baseVersion: 0, args: mandate }, now);
  });
  return mandate;
}

/** Sets (or corrects) the last day of a mandate: the member is still in office on that day. */
export async function endMandate(id: string, end: string, now = new Date(), seenVersion?: number): Promise<Mandate> {
  const day = isoDate.safeParse(end);
  if (!day.success) throw new ValidationError({ end: 'error.date' });
  const d = db();
  return d.transaction('rw', [d.mandates, d.outbox, d.meta], async () => {
    const before = await d.mandates.get(id as MandateId);
    if (!before) throw notFound();
    if (day.data < before.start) throw new ValidationError({ end: 'admin.mandateEndBeforeStart' });
    const after: Mandate = { ...before, end: day.data, updatedAt: now.toISOString() };
    const others = await d.mandates.where('memberId').equals(before.memberId).toArray();
    // Moving an end later must not make the mandate run into the member's next one in the body.
    if (others.some((m) => m.id !== id && m.bodyId === before.bodyId && overlaps(m, after))) {
      throw new ValidationError({ end: 'admin.mandateOverlap' });
    }
    return writeUpdate(d.mandates, 'mandate.end', before, after, now, seenVersion);
  });
}
