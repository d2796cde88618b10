import { conventionContent, deliberationContent, minutesContent } from '../../src/domain/signedContent';
import type { Attendance, Convention, Deliberation, Seance, Signature, Vote } from '../../src/domain/schemas';
import { makeSeal, type Seal } from '../../src/domain/seal';
import { verifySignature } from '../../src/domain/signing';
import type { Sql } from '../db/driver';
import { databaseSealKeys, type SealKeyStore } from './keys';
import { getRecord, nextSeq, putRecord } from './records';

async function recordsOf<T>(sql: Sql, organisationId: string, tbl: string): Promise<T[]> {
  const rows = await sql.all<{ body: string }>('SELECT body FROM records WHERE organisation_id = ? AND tbl = ?', [organisationId, tbl]);
  return rows.map((r) => JSON.parse(r.body) as T);
}

/** The content a signature must cover, computed from the server's own records. */
export async function contentOf(sql: Sql, organisationId: string, subject: Signature['subject']): Promise<unknown> {
  if (subject.kind === 'deliberation') {
    const d = await getRecord(sql, 'deliberations', subject.id);
    if (!d || d.organisationId !== organisationId) return undefined;
    const v = await getRecord(sql, 'votes', subject.id);
    return deliberationContent(d.body as Deliberation, v?.body as Vote | undefined);
  }
  if (subject.kind === 'minutes') {
    const s = await getRecord(sql, 'seances', subject.id);
    if (!s || s.organisationId !== organisationId) return undefined;
    const attendance = (await recordsOf<Attendance>(sql, organisationId, 'attendance')).filter((a) => a.seanceId === subject.id);
    const deliberations = (await recordsOf<Deliberation>(sql, organisationId, 'deliberations')).filter((d) => d.seanceId === subject.id);
    const ids = new Set(deliberations.map((d) => d.id));
    const votes = (await recordsOf<Vote>(sql, organisationId, 'votes')).filter((v) => ids.has(v.deliberationId));
    return minutesContent({ seance: s.body as Seance, attendance, deliberations, votes });
  }
  const c = await getRecord(sql, 'conventions', subject.id);
  return c && c.organisationId === organisationId ? conventionContent(c.body as Convention) : undefined;
}

/** A signature is accepted only if the hash matches our records and the device key is the signer's. */
export async function checkSignature(sql: Sql, organisationId: string, userId: string, sig: Signature): Promise<string | null> {
  const key = await sql.get<{ user_id: string; public_jwk: string }>('SELECT user_id, public_jwk FROM device_keys WHERE key_id = ?', [
    sig.deviceKeyId,
  ]);
  if (!key || key.user_id !== userId) return 'sync.unknownDeviceKey';
  const content = await contentOf(sql, organisationId, sig.subject);
  if (content === undefined) return 'sync.badReference';
  const result = await verifySignature(
    {
      subject: sig.subject,
      contentHash: sig.contentHash,
      strokesHash: sig.strokesHash,
      signerName: sig.signerName,
      capacity: sig.capacity,
      signedAt: sig.signedAt,
      deviceKeyId: sig.deviceKeyId,
      strokes: sig.strokes,
      deviceSignature: sig.deviceSignature,
    },
    content,
    JSON.parse(key.public_jwk) as JsonWebKey,
  );
  return result.ok ? null : 'sync.badSignature';
}

/**
 * The procès-verbal is signed by the president and every secrétaire de séance (CGCT L2121-15):
 * only then may the séance be sealed.
 */
export async function missingMinutesSigners(sql: Sql, organisationId: string, seance: Seance): Promise<string[]> {
  const sigs = (await recordsOf<Signature>(sql, organisationId, 'signatures')).filter(
    (s) => s.subject.kind === 'minutes' && s.subject.id === seance.id,
  );
  const missing: string[] = [];
  if (!sigs.some((s) => s.role === 'president')) missing.push('president');
  for (const sec of seance.secretaryIds) if (!sigs.some((s) => s.role === 'secretary' && s.memberId === sec)) missing.push(sec);
  return missing;
}

/**
 * Seals a séance at the end of the organisation's chain (the server alone orders the chain),
 * signed with the organisation's seal key (decision 005), made on first need.
 */
export async function sealSeance(sql: Sql, organisationId: string, seance: Seance, now = new Date(), keys: SealKeyStore = databaseSealKeys): Promise<Seal> {
  const seals = await recordsOf<Seal>(sql, organisationId, 'seals');
  const previous = seals.sort((a, b) => b.index - a.index)[0];
  const content = await contentOf(sql, organisationId, { kind: 'minutes', id: seance.id });
  const key = await keys.getOrCreate(sql, organisationId, now);
  const seal = await makeSeal(seance.id, content, previous, now.toISOString(), { organisationId, key });
  await putRecord(sql, {
    tbl: 'seals',
    id: seance.id,
    organisationId,
    version: 1,
    seq: await nextSeq(sql),
    body: { ...seal, organisationId, version: 1 },
    fieldVersions: {},
  });
  return seal;
}
