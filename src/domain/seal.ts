import { canonicalHash } from './canonical';
import { keyIdOf, signStatement, verifyStatement } from './signing';

/*
 * Sealed séances form a hash chain (docs/architecture.md §5): each seal holds the hash of the séance's sealed
 * content and the previous seal's hash, so altering any sealed séance, or removing or reordering
 * one, breaks the chain at that point and every later link.
 *
 * A hash chain alone can be recomputed by whoever edits the data, so the server also signs each
 * seal with its organisation's seal key (docs/decisions/005-signed-seals.md): an ECDSA P-256
 * signature over the seal statement, verified with the published public key. A signed seal
 * vouches for every earlier seal too, through `previousSealHash`.
 */

export interface Seal {
  seanceId: string;
  /** Position in the register's chain, from 1. */
  index: number;
  contentHash: string;
  previousSealHash: string;
  sealedAt: string;
  sealHash: string;
  /** The seal key that signed it; absent on seals made before seals were signed. */
  keyId?: string;
  /** base64 of the raw (r||s) ECDSA signature of `sealStatement()`. */
  signature?: string;
}

/** What the server's seal key signs: the seal, bound to its organisation's register. */
export interface SealStatement {
  seanceId: string;
  index: number;
  contentHash: string;
  previousSealHash: string;
  sealedAt: string;
  sealHash: string;
  organisationId: string;
}

/** A seal key as the server holds it (server/sync/sealKeys.ts); the private half stays there. */
export interface SealSigner {
  organisationId: string;
  key: { keyId: string; privateKey: CryptoKey };
}

export const GENESIS = '0'.repeat(64);

async function hashOf(seal: Omit<Seal, 'sealHash'>): Promise<string> {
  return canonicalHash({
    seanceId: seal.seanceId,
    index: seal.index,
    contentHash: seal.contentHash,
    previousSealHash: seal.previousSealHash,
    sealedAt: seal.sealedAt,
  });
}

export function sealStatement(seal: Seal, organisationId: string): SealStatement {
  return {
    seanceId: seal.seanceId,
    index: seal.index,
    contentHash: seal.contentHash,
    previousSealHash: seal.previousSealHash,
    sealedAt: seal.sealedAt,
    sealHash: seal.sealHash,
    organisationId,
  };
}

/** The next seal of a chain; signed when a signer is given (the server always gives one). */
export async function makeSeal(seanceId: string, content: unknown, previous: Seal | undefined, sealedAt: string, signer?: SealSigner): Promise<Seal> {
  const base = {
    seanceId,
    index: (previous?.index ?? 0) + 1,
    contentHash: await canonicalHash(content),
    previousSealHash: previous?.sealHash ?? GENESIS,
    sealedAt,
  };
  const seal: Seal = { ...base, sealHash: await hashOf(base) };
  if (!signer) return seal;
  return { ...seal, keyId: signer.key.keyId, signature: await signStatement(signer.key.privateKey, sealStatement(seal, signer.organisationId)) };
}

export type SealSignatureResult = { ok: true } | { ok: false; reason: 'unsigned' | 'key' | 'signature' };

/**
 * Checks a seal's signature with the public key it names (`keyId`): 'unsigned' when it has none,
 * 'key' when the given key is not that one, 'signature' when the signature does not verify (the
 * seal, its organisation or the signature changed). Pure, shared by Node and the browser.
 */
export async function verifySealSignature(seal: Seal, organisationId: string, publicKeyJwk: JsonWebKey): Promise<SealSignatureResult> {
  if (!seal.signature || !seal.keyId) return { ok: false, reason: 'unsigned' };
  if ((await keyIdOf(publicKeyJwk)) !== seal.keyId) return { ok: false, reason: 'key' };
  const valid = await verifyStatement(publicKeyJwk, sealStatement(seal, organisationId), seal.signature);
  return valid ? { ok: true } : { ok: false, reason: 'signature' };
}

export type ChainResult =
  | { ok: true; length: number }
  | { ok: false; index: number; seanceId: string; reason: 'content' | 'sealHash' | 'link' | 'order' };

/** Verifies a chain given in order, each seal with the content it claims to seal. */
export async function verifyChain(entries: readonly { seal: Seal; content: unknown }[]): Promise<ChainResult> {
  let previous = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const { seal, content } = entries[i]!;
    const fail = (reason: 'content' | 'sealHash' | 'link' | 'order') =>
      ({ ok: false, index: i + 1, seanceId: seal.seanceId, reason }) as const;
    if (seal.index !== i + 1) return fail('order');
    if (seal.previousSealHash !== previous) return fail('link');
    if ((await canonicalHash(content)) !== seal.contentHash) return fail('content');
    if ((await hashOf(seal)) !== seal.sealHash) return fail('sealHash');
    previous = seal.sealHash;
  }
  return { ok: true, length: entries.length };
}
