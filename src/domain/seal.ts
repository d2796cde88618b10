import { canonicalHash } from './canonical';

/*
 * Sealed séances form a hash chain (DESIGN §5): each seal holds the hash of the séance's sealed
 * content and the previous seal's hash, so altering any sealed séance, or removing or reordering
 * one, breaks the chain at that point and every later link.
 */

export interface Seal {
  seanceId: string;
  /** Position in the register's chain, from 1. */
  index: number;
  contentHash: string;
  previousSealHash: string;
  sealedAt: string;
  sealHash: string;
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

export async function makeSeal(seanceId: string, content: unknown, previous: Seal | undefined, sealedAt: string): Promise<Seal> {
  const base = {
    seanceId,
    index: (previous?.index ?? 0) + 1,
    contentHash: await canonicalHash(content),
    previousSealHash: previous?.sealHash ?? GENESIS,
    sealedAt,
  };
  return { ...base, sealHash: await hashOf(base) };
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
