import { beforeEach, describe, expect, it } from 'vitest';
import type { Deliberation } from '../domain/schemas';
import { itemsOf } from './agenda';
import { checkHere } from './commands';
import { closeSeance, correctionsOf, recordCorrection } from './closing';
import { RegistreDb, useDatabase } from './db';
import { addItem, getDeliberation, reconcileAgenda, updateDraft, type CommandRefused } from './deliberationCommands';
import { seedSeance, writeSeed, type SeedSeance } from './deliberationFixtures';
import { pendingMutations } from './outbox';
import { recordVote } from './votes';

const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as CommandRefused);
const fresh = async () => {
  const d = new RegistreDb(`test-${Math.random()}`);
  await d.open();
  return d;
};

/** Adds items on the current device and votes them 6 pour. */
async function addVoted(seanceId: string, objects: string[]): Promise<Deliberation[]> {
  const items: Deliberation[] = [];
  for (const object of objects) {
    const item = await addItem(seanceId, { object });
    await recordVote(item.id, { mode: 'showOfHands', yes: 6 });
    items.push(item);
  }
  return items;
}

/** What a pull brings: the other device's items and votes, merged by id. */
async function pull(from: RegistreDb, to: RegistreDb): Promise<void> {
  const [items, votes] = [await from.deliberations.toArray(), await from.votes.toArray()];
  await to.transaction('rw', [to.deliberations, to.votes], async () => {
    for (const item of items) if (!(await to.deliberations.get(item.id))) await to.deliberations.put(item);
    for (const vote of votes) if (!(await to.votes.get(vote.deliberationId))) await to.votes.put(vote);
  });
}

const numbers = async (seanceId: string) =>
  Object.fromEntries((await itemsOf(seanceId)).map((i) => [i.object, `${i.orderNumber} ${i.registryNumber ?? '-'}`]));

let seed: SeedSeance;
let laptop: RegistreDb;

beforeEach(async () => {
  seed = seedSeance({ status: 'in_progress' });
  laptop = await fresh();
  await writeSeed(laptop, seed);
  useDatabase(laptop);
});

describe('closeSeance', () => {
  it('numbers the seed deliberation 20111107_DL_04 as the 4th item, and closes', async () => {
    await addVoted(seed.seance.id, ['PV', 'Budget', 'Marché']);
    const [ent] = await addVoted(seed.seance.id, ['Conventions tripartites pour la mise en œuvre des ENT']);
    expect(ent?.orderNumber).toBe(4);
    await recordVote((await addItem(seed.seance.id, { object: 'Information', kind: 'information' })).id, { mode: 'none' });
    const closed = await closeSeance(seed.seance.id);
    expect(closed.status).toBe('closed');
    expect(await numbers(seed.seance.id)).toEqual({
      PV: '1 20111107_DL_01', Budget: '2 20111107_DL_02', Marché: '3 20111107_DL_03',
      'Conventions tripartites pour la mise en œuvre des ENT': '4 20111107_DL_04', Information: '5 -',
    });
    expect((await pendingMutations()).at(-1)).toMatchObject({ name: 'seance.close', recordId: seed.seance.id });
  });

  it('refuses to close with a deliberation not voted, and before the séance', async () => {
    await addVoted(seed.seance.id, ['PV']);
    await addItem(seed.seance.id, { object: 'Pas voté' });
    expect(await refusal(closeSeance(seed.seance.id))).toMatchObject({ message: 'closing.unvoted', params: { items: '2' } });
    await laptop.seances.update(seed.seance.id, { status: 'convened' });
    expect((await refusal(closeSeance(seed.seance.id)))?.message).toBe('closing.notInProgress');
  });

  it('refuses to close while an appointment waits for another round', async () => {
    const item = await addItem(seed.seance.id, { object: 'Désignation d’un délégué' });
    const [a, b] = [seed.ids[1]!, seed.ids[2]!];
    const round = (x: number, y: number) => ({ votes: [{ memberId: a, votes: x }, { memberId: b, votes: y }], blank: 0, invalid: 0 });
    const input = (...rounds: ReturnType<typeof round>[]) => ({ mode: 'appointment' as const, appointment: { office: 'délégué', candidates: [a, b], rounds } });
    await recordVote(item.id, input(round(3, 3)));
    expect(await refusal(closeSeance(seed.seance.id))).toMatchObject({ message: 'closing.appointmentOpen', params: { items: '1' } });
    await recordVote(item.id, input(round(3, 3), round(4, 2)));
    expect((await closeSeance(seed.seance.id)).status).toBe('closed');
  });

  it('numbers after the numbers another séance of the same day already has; a type of its own starts again', async () => {
    const other = { ...seedSeance().seance, organisationId: seed.organisation.id, bodyId: seed.body.id, status: 'closed' as const };
    await laptop.seances.put(other);
    await laptop.deliberations.put({ ...(await addItem(seed.seance.id, { object: 'tmp' })), seanceId: other.id, registryNumber: '20111107_DL_01' });
    await addVoted(seed.seance.id, ['Conflit', 'Suite']);
    expect((await refusal(closeSeance(seed.seance.id, new Date(), { type: 'd l' })))?.message).toBe('closing.badType');
    expect((await itemsOf(seed.seance.id)).map((i) => i.registryNumber)).toEqual([undefined, undefined]);
    await closeSeance(seed.seance.id);
    expect(await numbers(seed.seance.id)).toEqual({ Conflit: '1 20111107_DL_02', Suite: '2 20111107_DL_03' });
  });

  it('with a type of its own, a second séance of the day numbers from 01', async () => {
    const other = { ...seedSeance().seance, organisationId: seed.organisation.id, bodyId: seed.body.id, status: 'closed' as const };
    await laptop.seances.put(other);
    await laptop.deliberations.put({ ...(await addItem(seed.seance.id, { object: 'tmp' })), seanceId: other.id, registryNumber: '20111107_DL_01' });
    await addVoted(seed.seance.id, ['Conflit', 'Suite']);
    await closeSeance(seed.seance.id, new Date(), { type: 'cs' });
    expect(await numbers(seed.seance.id)).toEqual({ Conflit: '1 20111107_CS_01', Suite: '2 20111107_CS_02' });
  });

  it('makes the séance read-only', async () => {
    const [item] = await addVoted(seed.seance.id, ['PV']);
    await closeSeance(seed.seance.id);
    expect((await refusal(updateDraft(item!.id, { object: 'Modifié en silence' })))?.message).toBe('seance.readOnly');
    expect((await refusal(recordVote(item!.id, { mode: 'showOfHands', yes: 5, no: 1 })))?.message).toBe('seance.readOnly');
  });
});

describe('two devices offline on the same séance, then merged', () => {
  it('no registry number collides, and both devices agree on every number', async () => {
    // Both devices hold the agreed agenda (items 1 and 2) when the séance starts…
    await addVoted(seed.seance.id, ['PV', 'Budget']);
    const tablet = await fresh();
    await writeSeed(tablet, seed);
    await pull(laptop, tablet);

    // …then each adds items offline: both pick order numbers 3 and 4.
    await addVoted(seed.seance.id, ['Laptop A', 'Laptop B']);
    useDatabase(tablet);
    await addVoted(seed.seance.id, ['Tablet A', 'Tablet B']);
    expect(Object.values(await numbers(seed.seance.id))).toEqual(['1 -', '2 -', '3 -', '4 -']);

    // Merge both ways, then reconcile on each device independently.
    await pull(laptop, tablet);
    useDatabase(laptop);
    await pull(tablet, laptop);
    expect(await reconcileAgenda(seed.seance.id)).toBe(2);
    useDatabase(tablet);
    expect(await reconcileAgenda(seed.seance.id)).toBe(2);
    const onTablet = await numbers(seed.seance.id);
    useDatabase(laptop);
    expect(await numbers(seed.seance.id)).toEqual(onTablet);

    await closeSeance(seed.seance.id);
    const items = await itemsOf(seed.seance.id);
    const registry = items.map((i) => i.registryNumber);
    expect(registry).toHaveLength(6);
    expect(new Set(registry).size).toBe(6);
    expect(new Set(items.map((i) => i.orderNumber)).size).toBe(6);
    // The agreed agenda keeps its numbers; the laptop's items, created first, keep theirs.
    expect(await numbers(seed.seance.id)).toMatchObject({ PV: '1 20111107_DL_01', Budget: '2 20111107_DL_02', 'Laptop A': '3 20111107_DL_03' });
  });

  it('an item merged after the closing is not numbered there (the server refuses the closing that missed it)', async () => {
    await addVoted(seed.seance.id, ['PV']);
    const tablet = await fresh();
    await writeSeed(tablet, seed);
    await pull(laptop, tablet);
    useDatabase(tablet);
    await addVoted(seed.seance.id, ['Ajout tablette']);
    useDatabase(laptop);
    await closeSeance(seed.seance.id);
    await pull(tablet, laptop);
    // The late item has no number, and a number is given only while the séance is in progress
    // (domain/commands.ts deliberation.number): the server refuses this closing, the séance
    // comes back in progress on the laptop, and closing again numbers every item.
    const late = (await itemsOf(seed.seance.id)).find((i) => i.object === 'Ajout tablette')!;
    expect(late.registryNumber).toBeUndefined();
    expect(await refusal(checkHere({ name: 'deliberation.number', recordId: late.id, baseVersion: late.version, args: { registryNumber: '20111107_DL_03' } }, laptop)))
      .toMatchObject({ message: 'closing.notInProgress' });
  });
});

describe('recordCorrection', () => {
  it('records who, when and why with the before and after values', async () => {
    const [item] = await addVoted(seed.seance.id, ['Conventions tripartites pour la mise en oeuvre des ENT']);
    await closeSeance(seed.seance.id);
    const at = new Date('2011-11-08T09:00:00Z');
    await recordCorrection({
      deliberationId: item!.id, field: 'object', after: 'Conventions tripartites pour la mise en œuvre des ENT',
      reason: 'Erreur matérielle : « œ »', author: 'Jean-Claude RENAUX, secrétaire de séance',
    }, at);
    expect((await getDeliberation(item!.id))?.object).toBe('Conventions tripartites pour la mise en œuvre des ENT');
    expect(await correctionsOf(seed.seance.id)).toEqual([
      expect.objectContaining({
        deliberationId: item!.id, field: 'object', before: 'Conventions tripartites pour la mise en oeuvre des ENT',
        after: 'Conventions tripartites pour la mise en œuvre des ENT', reason: 'Erreur matérielle : « œ »',
        author: 'Jean-Claude RENAUX, secrétaire de séance', at: at.toISOString(),
      }),
    ]);
    expect((await pendingMutations()).slice(-2)).toMatchObject([
      { name: 'deliberation.correct', table: 'deliberations', recordId: item!.id, args: { object: 'Conventions tripartites pour la mise en œuvre des ENT' } },
      { name: 'correction.record', table: 'corrections', args: { reason: 'Erreur matérielle : « œ »', organisationId: seed.organisation.id } },
    ]);
  });

  it('needs a reason and an author, a change, and a closed (not signed) séance', async () => {
    const [item] = await addVoted(seed.seance.id, ['PV']);
    const base = { deliberationId: item!.id, field: 'articles' as const, after: ['Article corrigé'], reason: 'Oubli', author: 'Secrétaire' };
    expect((await refusal(recordCorrection(base)))?.message).toBe('closing.notClosed');
    await closeSeance(seed.seance.id);
    expect((await refusal(recordCorrection({ ...base, reason: ' ', author: '' })))?.fieldErrors).toEqual({ reason: 'error.required', author: 'error.required' });
    expect((await refusal(recordCorrection({ ...base, field: 'object', after: 'PV' })))?.message).toBe('closing.correctionUnchanged');
    await recordCorrection(base);
    expect((await getDeliberation(item!.id))?.articles).toEqual(['Article corrigé']);
    await laptop.seances.update(seed.seance.id, { status: 'signed' });
    expect((await refusal(recordCorrection({ ...base, after: ['Encore'] })))?.message).toBe('closing.sealed');
  });
});
