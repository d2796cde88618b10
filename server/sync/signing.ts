import { canonicalHash } from '../../src/domain/canonical';
import { conventionContent, deliberationContent, minutesContent } from '../../src/domain/signedContent';
import type { Attendance, Convention, Deliberation, Seance, Signature, Vote } from '../../src/domain/schemas';
import { makeSeal, type Seal } from '../../src/domain/seal';
import { DELETED } from '../../src/domain/syncTables';
import { verifySignature } from '../../src/domain/signing';
import type { Sql } from '../db/driver';
import { databaseSealKeys, type SealKeyStore } from './keys';
import { childrenOf, getRecord, nextSeq, putRecord } from './records';

/** The live bodies of a table under a parent (a deletion's placeholder is no record). */
async function bodiesUnder<T>(sql: Sql, organisationId: string, tbl: string, parent: string): Promise<T[]> {
  return (await childrenOf(sql, organisationId, tbl, parent)).filter((r) => !r.body[DELETED]).map((r) => r.body as T);
}

async function live(sql: Sql, organisationId: string, tbl: string, id: string) {
  const r = await getRecord(sql, tbl, id);
  return r && r.organisationId === organisationId && !r.body[DELETED] ? r : undefined;
}

/** The content a signature must cover, computed from the server's own records. */
export async function contentOf(sql: Sql, organisationId: string, subject: Signature['subject']): Promise<unknown> {
  if (subject.kind === 'deliberation') {
    const d = await live(sql, organisationId, 'deliberations', subject.id);
    if (!d) return undefined;
    const v = await live(sql, organisationId, 'votes', subject.id);
    const s = await live(sql, organisationId, 'seances', String(d.body.seanceId));
    return deliberationContent(d.body as Deliberation, v?.body as Vote | undefined, (s?.body as Seance | undefined)?.frozen);
  }
  if (subject.kind === 'minutes') {
    const s = await live(sql, organisationId, 'seances', subject.id);
    if (!s) return undefined;
    const [attendance, deliberations, votes] = await Promise.all([
      bodiesUnder<Attendance>(sql, organisationId, 'attendance', subject.id),
      bodiesUnder<Deliberation>(sql, organisationId, 'deliberations', subject.id),
      bodiesUnder<Vote>(sql, organisationId, 'votes', subject.id),
    ]);
    return minutesContent({ seance: s.body as Seance, attendance, deliberations, votes });
  }
  const c = await live(sql, organisationId, 'conventions', subject.id);
  return c ? conventionContent(c.body as Convention) : undefined;
}

/**
 * A signature is accepted only if its hash matches our records, the device key is the signer's
 * (registered to the pushing user) and the device signature covers the statement, the drawn
 * image included.
 */
export async function checkSignature(sql: Sql, organisationId: string, userId: string, sig: Signature): Promise<string | null> {
  const key = await sql.get<{ user_id: string; public_jwk: string }>('SELECT user_id, public_jwk FROM device_keys WHERE key_id = ?', [
    sig.deviceKeyId,
  ]);
  if (!key || key.user_id !== userId) return 'sync.unknownDeviceKey';
  const content = await contentOf(sql, organisationId, sig.subject);
  if (content === undefined) return 'sync.badReference';
  // The image printed on the documents is the one the device signed (docs/decisions/004).
  if (sig.png !== undefined && sig.pngHash !== (await canonicalHash(sig.png))) return 'signature.imageNotSigned';
  const result = await verifySignature(sig, content, JSON.parse(key.public_jwk) as JsonWebKey);
  return result.ok ? null : 'sync.badSignature';
}

/**
 * The procès-verbal is signed by the president and every secrétaire de séance (CGCT L2121-15):
 * only then may the séance be sealed. A signature counts only if it covers the content as it is
 * now: `stale` names the signers whose signature covers an earlier content.
 */
export async function minutesSignersMissing(sql: Sql, organisationId: string, seance: Seance): Promise<{ missing: string[]; stale: string[] }> {
  const hash = await canonicalHash(await contentOf(sql, organisationId, { kind: 'minutes', id: seance.id }));
  const all = (await bodiesUnder<Signature>(sql, organisationId, 'signatures', seance.id)).filter(
    (s) => s.subject.kind === 'minutes' && s.subject.id === seance.id,
  );
  const stale = all.filter((s) => s.contentHash !== hash).map((s) => s.signerName);
  const sigs = all.filter((s) => s.contentHash === hash);
  const missing: string[] = [];
  if (!seance.presidentId || !sigs.some((s) => s.role === 'president' && s.memberId === seance.presidentId)) missing.push('president');
  for (const sec of seance.secretaryIds) if (!sigs.some((s) => s.role === 'secretary' && s.memberId === sec)) missing.push(sec);
  return { missing, stale };
}

/**
 * Seals a séance at the end of the organisation's chain (the server alone orders the chain),
 * signed with the organisation's seal key (decision 005), made on first need.
 */
export async function sealSeance(sql: Sql, organisationId: string, seance: Seance, now = new Date(), keys: SealKeyStore = databaseSealKeys): Promise<Seal> {
  const rows = await sql.all<{ body: string }>("SELECT body FROM records WHERE organisation_id = ? AND tbl = 'seals'", [organisationId]);
  const seals = rows.map((r) => JSON.parse(r.body) as Seal & { [DELETED]?: boolean }).filter((s) => !s[DELETED]);
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
