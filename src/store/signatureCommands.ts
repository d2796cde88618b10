import { canonicalHash } from '../domain/canonical';
import { newId } from '../domain/ids';
import type { Seance, Signature } from '../domain/schemas';
import { conventionContent, deliberationContent, minutesContent } from '../domain/signedContent';
import { generateDeviceKey, signContent, type DeviceKey, type Strokes } from '../domain/signing';
import { db } from './db';
import { ValidationError } from './errors';
import { enqueue } from './outbox';

/** This device's key, made on first use; its private half never leaves IndexedDB. */
export async function deviceKey(): Promise<DeviceKey> {
  const d = db();
  const existing = await d.deviceKeys.get('current');
  if (existing) return existing;
  const key = await generateDeviceKey();
  await d.deviceKeys.put({ id: 'current', ...key });
  return key;
}

/** What the signer sees is what is hashed: the same functions run on the server. */
export async function signedContentOf(subject: Signature['subject']): Promise<unknown> {
  const d = db();
  if (subject.kind === 'convention') {
    const c = await d.conventions.get(subject.id as never);
    if (!c) throw new ValidationError({}, 'convention.notFound');
    return conventionContent(c);
  }
  if (subject.kind === 'deliberation') {
    const del = await d.deliberations.get(subject.id as never);
    if (!del) throw new ValidationError({}, 'api.notFound');
    return deliberationContent(del, await d.votes.get(subject.id as never), (await d.seances.get(del.seanceId))?.frozen);
  }
  const seance = await d.seances.get(subject.id as Seance['id']);
  if (!seance) throw new ValidationError({}, 'seance.notFound');
  const deliberations = await d.deliberations.where('seanceId').equals(seance.id).toArray();
  const votes = (await d.votes.bulkGet(deliberations.map((x) => x.id))).filter((v) => !!v);
  const attendance = await d.attendance.where('seanceId').equals(seance.id).toArray();
  return minutesContent({ seance, attendance, deliberations, votes });
}

/** The hash a signature of this act must hold now: one over other content no longer counts. */
export async function currentContentHash(subject: Signature['subject']): Promise<string | null> {
  try {
    return await canonicalHash(await signedContentOf(subject));
  } catch {
    return null;
  }
}

export interface SignInput {
  subject: Signature['subject'];
  seanceId: string;
  organisationId: string;
  role: Signature['role'];
  memberId?: string;
  /** For a convention: which party this signatory signs for. */
  partyIndex?: number;
  signerName: string;
  capacity: string;
  strokes: Strokes;
  png: string | null;
}

/**
 * Signs an act on this device. Signing twice in the same role is idempotent: the first
 * signature stands. When the procès-verbal then carries every required signature, the séance is
 * marked signed: read-only here at once, and sealed by the server when it receives it.
 */
export async function signAct(input: SignInput, now = new Date()): Promise<Signature> {
  if (input.strokes.length === 0) throw new ValidationError({ strokes: 'signature.empty' }, 'signature.empty');
  const d = db();
  const content = await signedContentOf(input.subject);
  const hash = await canonicalHash(content);
  // Signing the same content twice in the same capacity is idempotent; after a correction the
  // earlier signature covers other content and the act is signed again.
  const already = (await d.signatures.where('seanceId').equals(input.seanceId).toArray()).find(
    (s) =>
      s.subject.kind === input.subject.kind && s.subject.id === input.subject.id && s.role === input.role && s.memberId === input.memberId &&
      s.partyIndex === input.partyIndex && s.contentHash === hash,
  );
  if (already) return already;
  const key = await deviceKey();
  const signed = await signContent(
    {
      subject: input.subject, content, strokes: input.strokes, signerName: input.signerName, capacity: input.capacity, signedAt: now.toISOString(),
      png: input.png,
    },
    key,
  );
  const signature: Signature = {
    id: newId<'SignatureId'>(),
    organisationId: input.organisationId as Signature['organisationId'],
    seanceId: input.seanceId,
    role: input.role,
    ...(input.memberId ? { memberId: input.memberId } : {}),
    ...(input.partyIndex !== undefined ? { partyIndex: input.partyIndex } : {}),
    ...(input.png ? { png: input.png } : {}),
    ...signed,
    version: 0,
    updatedAt: now.toISOString(),
  };
  await d.transaction('rw', [d.signatures, d.seances, d.outbox, d.meta], async () => {
    await d.signatures.add(signature);
    await enqueue({ name: 'signature.create', recordId: signature.id, baseVersion: 0, args: signature }, now);
    if (input.subject.kind !== 'minutes') return;
    const seance = await d.seances.get(input.seanceId as Seance['id']);
    if (!seance) return;
    const sigs = await d.signatures.where('seanceId').equals(seance.id).toArray();
    if (missingSigners(seance, sigs, hash).length === 0 && seance.status === 'closed') {
      await d.seances.put({ ...seance, status: 'signed', updatedAt: now.toISOString() });
      await enqueue({ name: 'seance.status', recordId: seance.id, baseVersion: seance.version, args: { status: 'signed', updatedAt: now.toISOString() } }, now);
    }
  });
  return signature;
}

/**
 * Who still has to sign the procès-verbal of a séance (president, then each secretary id). With
 * `currentHash`, a signature over other content (the PV corrected since) does not count.
 */
export function missingSigners(seance: Seance, signatures: Signature[], currentHash?: string | null): ('president' | string)[] {
  const sigs = signatures.filter(
    (s) => s.subject.kind === 'minutes' && s.subject.id === seance.id && (currentHash == null || s.contentHash === currentHash),
  );
  const missing: string[] = [];
  if (!sigs.some((s) => s.role === 'president' && s.memberId === seance.presidentId)) missing.push('president');
  for (const id of seance.secretaryIds) if (!sigs.some((s) => s.role === 'secretary' && s.memberId === id)) missing.push(id);
  return missing;
}
