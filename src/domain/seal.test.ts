import { describe, expect, it } from 'vitest';
import { makeSeal, verifyChain, type Seal } from './seal';

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
