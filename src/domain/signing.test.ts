import { describe, expect, it } from 'vitest';
import { generateDeviceKey, signContent, verifySignature } from './signing';

const deliberation = {
  registryNumber: '20111107_DL_04',
  object: 'Conventions tripartites pour la mise en œuvre des ENT',
  articles: ['Le Président est autorisé à signer…', 'Le Président est chargé de l’exécution…'],
  vote: { yes: 6, no: 0, abstain: 0 },
};
const strokes = [[{ x: 1, y: 2 }, { x: 3, y: 5 }], [{ x: 10, y: 10 }]];

async function signed() {
  const key = await generateDeviceKey();
  const record = await signContent(
    {
      subject: { kind: 'deliberation', id: 'd1' },
      content: deliberation,
      strokes,
      signerName: 'Jean-François VASSEUR',
      capacity: 'Président',
      signedAt: '2011-11-10T10:00:00.000Z',
    },
    key,
  );
  return { key, record };
}

describe('signatures', () => {
  it('verifies the content that was signed', async () => {
    const { key, record } = await signed();
    expect(await verifySignature(record, deliberation, key.publicKeyJwk)).toEqual({ ok: true });
  });

  it('still verifies when the JSON keys come in another order', async () => {
    const { key, record } = await signed();
    const reordered = { vote: { abstain: 0, no: 0, yes: 6 }, articles: deliberation.articles, object: deliberation.object, registryNumber: deliberation.registryNumber };
    expect(await verifySignature(record, reordered, key.publicKeyJwk)).toEqual({ ok: true });
  });

  it('fails when one character of the deliberation changes', async () => {
    const { key, record } = await signed();
    const altered = { ...deliberation, object: deliberation.object.replace('ENT', 'ENS') };
    expect(await verifySignature(record, altered, key.publicKeyJwk)).toEqual({ ok: false, reason: 'content' });
  });

  it('fails with another device key', async () => {
    const { record } = await signed();
    const other = await generateDeviceKey();
    expect((await verifySignature(record, deliberation, other.publicKeyJwk)).ok).toBe(false);
  });

  it('fails when the statement is forged (signer name changed) or the strokes are swapped', async () => {
    const { key, record } = await signed();
    expect(await verifySignature({ ...record, signerName: 'Quelqu’un d’autre' }, deliberation, key.publicKeyJwk)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(await verifySignature({ ...record, strokes: [[{ x: 0, y: 0 }]] }, deliberation, key.publicKeyJwk)).toEqual({
      ok: false,
      reason: 'strokes',
    });
  });

  it('keeps the private key non-extractable', async () => {
    const key = await generateDeviceKey();
    expect(key.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('jwk', key.privateKey)).rejects.toThrow();
  });
});
