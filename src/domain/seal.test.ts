import { describe, expect, it } from 'vitest';
import { canonicalHash } from './canonical';
import { makeSeal, verifyChain, verifySealSignature, type Seal } from './seal';
import { generateDeviceKey } from './signing';

async function chainOf(contents: { id: string; text: string }[]) {
  const entries: { seal: Seal; content: unknown }[] = [];
  let previous: Seal | undefined;
  for (const [i, c] of contents.entries()) {
    previous = await makeSeal(c.id, c, previous, `2011-11-${10 + i}T12:00:00Z`);
    entries.push({ seal: previous, content: c });
  }
  return entries;
}

const seances = [
  { id: 's1', text: 'Séance du 6 juin 2011' },
  { id: 's2', text: 'Séance du 7 novembre 2011' },
  { id: 's3', text: 'Séance du 12 décembre 2011' },
];

describe('seal chain', () => {
  it('a chain of untouched séances is valid', async () => {
    expect(await verifyChain(await chainOf(seances))).toEqual({ ok: true, length: 3 });
  });

  it('altering one sealed séance breaks the chain at that séance and says which', async () => {
    const chain = await chainOf(seances);
    chain[1] = { ...chain[1]!, content: { ...seances[1]!, text: 'Séance du 8 novembre 2011' } };
    expect(await verifyChain(chain)).toEqual({ ok: false, index: 2, seanceId: 's2', reason: 'content' });
  });

  it('re-sealing an altered séance does not repair the chain: the next link breaks', async () => {
    const chain = await chainOf(seances);
    const forged = { ...seances[1]!, text: 'falsifié' };
    const reSealed = await makeSeal('s2', forged, chain[0]!.seal, chain[1]!.seal.sealedAt);
    chain[1] = { seal: reSealed, content: forged };
    expect(await verifyChain(chain)).toEqual({ ok: false, index: 3, seanceId: 's3', reason: 'link' });
  });

  it('removing a séance from the register is detected', async () => {
    const chain = await chainOf(seances);
    expect(await verifyChain([chain[0]!, chain[2]!])).toMatchObject({ ok: false, index: 2, reason: 'order' });
  });
});

describe('signed seals', () => {
  const org = 'org-1';
  const signed = async () => {
    const key = await generateDeviceKey();
    const seal = await makeSeal('s1', seances[0], undefined, '2011-11-10T12:00:00Z', { organisationId: org, key });
    return { key, seal };
  };

  it('a seal signed with the seal key verifies with its public half', async () => {
    const { key, seal } = await signed();
    expect(seal.keyId).toBe(key.keyId);
    expect(seal.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(await verifySealSignature(seal, org, key.publicKeyJwk)).toEqual({ ok: true });
    // Signing changes nothing in the chain itself.
    expect(await verifyChain([{ seal, content: seances[0] }])).toEqual({ ok: true, length: 1 });
  });

  it('a seal whose content hash and seal hash were recomputed after an edit passes the chain but fails on its signature', async () => {
    const { key, seal } = await signed();
    const forged = { ...seances[0]!, text: 'falsifié' };
    const reHashed = await makeSeal('s1', forged, undefined, seal.sealedAt);
    const tampered: Seal = { ...reHashed, keyId: seal.keyId!, signature: seal.signature! };
    expect(await verifyChain([{ seal: tampered, content: forged }])).toEqual({ ok: true, length: 1 });
    expect(await verifySealSignature(tampered, org, key.publicKeyJwk)).toEqual({ ok: false, reason: 'signature' });
    expect(tampered.contentHash).toBe(await canonicalHash(forged));
  });

  it('a seal moved to another organisation, checked with another key, or unsigned does not verify', async () => {
    const { key, seal } = await signed();
    expect(await verifySealSignature(seal, 'org-2', key.publicKeyJwk)).toEqual({ ok: false, reason: 'signature' });
    const other = await generateDeviceKey();
    expect(await verifySealSignature(seal, org, other.publicKeyJwk)).toEqual({ ok: false, reason: 'key' });
    const { keyId: _k, signature: _s, ...unsigned } = seal;
    expect(await verifySealSignature(unsigned, org, key.publicKeyJwk)).toEqual({ ok: false, reason: 'unsigned' });
    expect(await verifySealSignature({ ...seal, signature: 'pas du base64 !' }, org, key.publicKeyJwk)).toEqual({ ok: false, reason: 'signature' });
  });
});
