import { canonicalHash } from './canonical';
import { verifyChain, verifySealSignature } from './seal';
import type { SeanceFile } from './seanceFile';
import type { PublicKey, Signature } from './schemas';
import { conventionContent, deliberationContent, minutesContent } from './signedContent';
import { verifySignature } from './signing';

/*
 * Verifying the register without trusting whoever holds it (docs/decisions/005-signed-seals.md):
 * - each signature (procès-verbal, extract, convention): its content recomputed from the act as
 *   the file holds it (signedContent.ts), its hash, then its ECDSA signature with the device key
 *   it names, found among the file's published keys;
 * - a sealed procès-verbal carries the president's and every secretary's signature (CGCT
 *   L2121-15: the server seals only then);
 * - the chain of seals in order, and each seal's signature with its organisation's seal key. A
 *   seal made before seals were signed is accepted only when a later signed seal covers it
 *   (through previousSealHash); otherwise an unsigned seal fails.
 * Every problem is said in French, naming the séance and the signature or seal.
 */

/** What verifying a séance needs: a séance file, or the same records read on a device. */
export type RegisterEntry = Pick<
  SeanceFile,
  'seance' | 'attendance' | 'deliberations' | 'votes' | 'conventions' | 'signatures' | 'seal' | 'keys'
> & { organisation: { id: string }; members?: SeanceFile['members'] };

export interface RegisterProblem {
  message: string;
  seanceId: string;
  /** The seal's place in the chain, for a problem of the chain or of a seal. */
  index?: number;
}

export type RegisterCheck =
  | {
      ok: true;
      sealed: number;
      signatures: number;
      /** The seal keys that signed the seals: to compare with the keys the server publishes. */
      sealKeys: string[];
      /** Seals made before seals were signed, covered by a later signed seal. */
      unsignedSeals: number;
    }
  | { ok: false; message: string; problems: RegisterProblem[]; seanceId?: string; index?: number };

const REASONS: Record<string, string> = {
  content: 'son contenu ne correspond plus à son scellement',
  link: 'le chaînage avec la séance précédente est rompu',
  sealHash: 'le scellement a été modifié',
  order: 'une séance manque ou a été déplacée',
  unsigned: 'le scellement n’est pas signé par le serveur',
  wrongKey: 'la clé qui a signé le scellement n’est pas une clé de scellement de son organisation',
  alteredKey: 'la clé de scellement jointe a été modifiée',
  signature: 'la signature du scellement ne se vérifie pas avec la clé du serveur',
};

/** "Registre altéré à la séance n° 2 (séance du 2011-12-12) : …." */
export function sealProblem(index: number, date: string | undefined, reason: string): string {
  return `Registre altéré à la séance n° ${index}${date ? ` (séance du ${date})` : ''} : ${reason}.`;
}

/** A seal whose séance the device does not hold (store/registerCheck.ts). */
export function missingSeanceProblem(index: number): string {
  return sealProblem(index, undefined, 'la séance scellée est absente de cet appareil');
}

const shortKey = (keyId: string) => keyId.slice(0, 16);

/** What a signature is on, as a sentence needs it: « sur le procès-verbal », « le procès-verbal signé ». */
function subjectOf(entry: RegisterEntry, s: Signature): { on: string; signed: string; content: unknown } | undefined {
  if (s.subject.kind === 'minutes') {
    if (s.subject.id !== entry.seance.id) return undefined;
    return { on: 'le procès-verbal', signed: 'le procès-verbal signé', content: minutesContent(entry) };
  }
  if (s.subject.kind === 'deliberation') {
    const d = entry.deliberations.find((x) => x.id === s.subject.id);
    if (!d) return undefined;
    const act = d.registryNumber ? `l’extrait de la délibération n° ${d.registryNumber}` : `l’extrait du point n° ${d.orderNumber}`;
    return { on: act, signed: `${act} signé`, content: deliberationContent(d, entry.votes.find((v) => v.deliberationId === d.id), entry.seance.frozen) };
  }
  const c = entry.conventions.find((x) => x.id === s.subject.id);
  if (!c) return undefined;
  return { on: `la convention « ${c.title} »`, signed: `la convention « ${c.title} » signée`, content: conventionContent(c) };
}

async function signatureProblem(entry: RegisterEntry, s: Signature, keys: Map<string, PublicKey>): Promise<string | undefined> {
  const who = `${s.signerName} (${s.capacity})`;
  const subject = subjectOf(entry, s);
  if (!subject) return `la signature de ${who} porte sur un document absent du fichier`;
  if ((await canonicalHash(subject.content)) !== s.contentHash) return `${subject.signed} par ${who} a été modifié depuis sa signature`;
  const key = keys.get(s.deviceKeyId);
  if (!key) {
    const older = entry.keys === undefined ? ' (fichier exporté avant la publication des clés : exportez-le à nouveau)' : '';
    return `la clé d’appareil ${shortKey(s.deviceKeyId)}… de la signature de ${who} sur ${subject.on} est absente du fichier${older} : cette signature ne peut pas être vérifiée`;
  }
  if (key.kind !== 'device' || key.organisationId !== entry.organisation.id) {
    return `la signature de ${who} sur ${subject.on} nomme une clé qui n’est pas une clé d’appareil de l’organisation`;
  }
  const result = await verifySignature(
    {
      subject: s.subject,
      contentHash: s.contentHash,
      strokesHash: s.strokesHash,
      signerName: s.signerName,
      capacity: s.capacity,
      signedAt: s.signedAt,
      deviceKeyId: s.deviceKeyId,
      strokes: s.strokes,
      deviceSignature: s.deviceSignature,
    },
    subject.content,
    key.publicKeyJwk,
  );
  if (result.ok) return undefined;
  if (result.reason === 'strokes') return `le tracé de la signature de ${who} sur ${subject.on} a été modifié`;
  if (result.reason === 'key') return `la clé d’appareil jointe pour la signature de ${who} sur ${subject.on} a été modifiée`;
  return `la signature de ${who} sur ${subject.on} ne se vérifie pas avec sa clé`;
}

/** The procès-verbal of a sealed séance is signed by its president and every secretary (CGCT L2121-15). */
function missingMinutesSigners(entry: RegisterEntry): string[] {
  const sigs = entry.signatures.filter((s) => s.subject.kind === 'minutes' && s.subject.id === entry.seance.id);
  const missing: string[] = [];
  if (!sigs.some((s) => s.role === 'president')) missing.push('du président de séance');
  for (const id of entry.seance.secretaryIds) {
    if (sigs.some((s) => s.role === 'secretary' && s.memberId === id)) continue;
    const m = entry.members?.find((x) => x.id === id);
    missing.push(`de son secrétaire de séance ${m ? `${m.firstName} ${m.lastName}` : id}`);
  }
  return missing;
}

/**
 * Checks a register given as séance files (or the same records from a device): every
 * signature, every seal and the chain. Says exactly what fails, first problem first.
 */
export async function verifyRegister(files: readonly RegisterEntry[]): Promise<RegisterCheck> {
  const problems: RegisterProblem[] = [];
  let signatures = 0;
  for (const f of files) {
    const keys = new Map((f.keys ?? []).map((k) => [k.keyId, k]));
    const say = (text: string) => problems.push({ seanceId: f.seance.id, message: `Séance du ${f.seance.date} : ${text}.` });
    if (f.seal) for (const who of missingMinutesSigners(f)) say(`le procès-verbal scellé ne porte pas la signature ${who}`);
    for (const s of f.signatures) {
      signatures++;
      const problem = await signatureProblem(f, s, keys);
      if (problem) say(problem);
    }
  }

  const sealed = files.filter((f) => f.seal).sort((a, b) => a.seal!.index - b.seal!.index);
  const chain = await verifyChain(sealed.map((f) => ({ seal: f.seal!, content: minutesContent(f) })));
  const lastSigned = Math.max(0, ...sealed.filter((f) => f.seal!.signature).map((f) => f.seal!.index));
  const sealKeys = new Set<string>();
  let unsignedSeals = 0;
  for (const [i, f] of sealed.entries()) {
    const seal = f.seal!;
    const fail = (reason: string) => problems.push({ seanceId: f.seance.id, index: i + 1, message: sealProblem(i + 1, f.seance.date, reason) });
    if (!chain.ok && chain.index === i + 1) {
      // Out of place: say which number this séance's seal holds.
      const where = chain.reason === 'order' ? ` (cette séance porte le n° ${seal.index})` : '';
      fail(`${REASONS[chain.reason]!}${where}`);
      break;
    }
    if (!seal.signature || !seal.keyId) {
      // A later signed seal signs this one's hash through the chain.
      if (seal.index < lastSigned) unsignedSeals++;
      else fail(REASONS.unsigned!);
      continue;
    }
    const key = (f.keys ?? []).find((k) => k.keyId === seal.keyId);
    if (!key) {
      fail(`la clé du serveur ${shortKey(seal.keyId)}… qui a signé le scellement est absente du fichier`);
      continue;
    }
    if (key.kind !== 'seal' || key.organisationId !== f.organisation.id) {
      fail(REASONS.wrongKey!);
      continue;
    }
    const result = await verifySealSignature(seal, f.organisation.id, key.publicKeyJwk);
    if (!result.ok) fail(REASONS[result.reason === 'key' ? 'alteredKey' : 'signature']!);
    else sealKeys.add(seal.keyId);
  }

  const first = problems[0];
  if (first) return { ok: false, message: first.message, problems, seanceId: first.seanceId, ...(first.index ? { index: first.index } : {}) };
  return { ok: true, sealed: sealed.length, signatures, sealKeys: [...sealKeys], unsignedSeals };
}
