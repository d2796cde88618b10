import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import { makeSeal } from '../domain/seal';
import { minutesContent } from '../domain/signedContent';
import { RegistreDb, useDatabase } from './db';
import { verifyLocalRegister } from './registerCheck';
import { createSeance } from './seanceCommands';

let d: RegistreDb;
beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
});

async function sealed(date: string, previous?: Awaited<ReturnType<typeof makeSeal>>) {
  const s = await createSeance({ organisationId: newId(), bodyId: newId(), date, time: '18:00', place: 'Salle', convocationDate: '2011-01-01' });
  const seal = await makeSeal(s.id, minutesContent({ seance: s, attendance: [], deliberations: [], votes: [] }), previous, `${date}T20:00:00Z`);
  await d.seals.put({ ...seal, organisationId: s.organisationId, version: 1 });
  return { s, seal };
}

describe('Vérifier le registre on the device', () => {
  it('is valid for untouched séances and names the séance altered afterwards', async () => {
    const a = await sealed('2011-11-07');
    const b = await sealed('2011-12-12', a.seal);
    await sealed('2012-01-16', b.seal);
    expect((await verifyLocalRegister()).result).toEqual({ ok: true, length: 3 });
    await d.seances.update(b.s.id, { place: 'Salle modifiée en douce' });
    const { result, dates } = await verifyLocalRegister();
    expect(result).toMatchObject({ ok: false, index: 2, reason: 'content' });
    expect(dates[1]).toBe('2011-12-12');
  });
});
