import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import type { Deliberation, Seance, Vote } from '../domain/schemas';
import { applyPulled } from './engine';
import { RegistreDb, useDatabase } from '../store/db';
import { seedSeance, writeSeed, type SeedSeance } from '../store/deliberationFixtures';
import { SealedSeanceError } from '../store/sealGuard';
import { importSeanceFile } from '../store/seanceFile';

let d: RegistreDb;
beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
});

function deliberationOf(seed: SeedSeance): Deliberation {
  return {
    id: newId<'DeliberationId'>(), seanceId: seed.seance.id, organisationId: seed.organisation.id, orderNumber: 1, kind: 'deliberation',
    object: 'Adhésion', version: 0, updatedAt: '',
  } as unknown as Deliberation;
}
const voteOf = (deliberationId: string) =>
  ({ deliberationId, mode: 'show_of_hands', yes: 6, no: 0, abstain: 0, notVoting: 0, version: 0, updatedAt: '' }) as unknown as Vote;

/** A séance with one voted deliberation, then signed: as on a device after the president signs. */
async function sealedSeance(status: Seance['status'] = 'signed') {
  const seed = seedSeance({ status: 'closed' });
  await writeSeed(d, seed);
  const delib = deliberationOf(seed);
  await d.deliberations.put(delib);
  await d.votes.put(voteOf(delib.id));
  await d.correctionRequests.put({
    id: newId(), organisationId: seed.organisation.id, seanceId: seed.seance.id, subject: { kind: 'minutes', id: seed.seance.id },
    comment: 'Coquille', requestedBy: 'Claire DUMONT', requestedAt: '2011-11-08T10:00:00Z', status: 'open', version: 0, updatedAt: '',
  });
  // The closed → signed move itself is a write on a séance not sealed yet: it goes through.
  await d.seances.update(seed.seance.id, { status });
  return { seed, delib };
}

const refused = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SealedSeanceError);
  expect((err as SealedSeanceError).formError).toBe('sealGuard.refused');
};

describe('the repository refuses writes to a sealed séance (below the commands)', () => {
  it('refuses puts, updates and deletes of the séance and of every row that belongs to it', async () => {
    const { seed, delib } = await sealedSeance();
    const s = seed.seance.id;
    const att = seed.attendance[0]!;
    await refused(d.seances.put({ ...(await d.seances.get(s))!, place: 'Ailleurs' }));
    await refused(d.seances.update(s, { status: 'closed' }));
    await refused(d.seances.delete(s));
    await refused(d.attendance.put({ ...att, status: 'absent' }));
    await refused(d.attendance.where('seanceId').equals(s).modify({ status: 'absent' }));
    await refused(d.attendance.delete(att.id));
    await refused(d.deliberations.update(delib.id, { object: 'Autre chose' }));
    await refused(d.deliberations.add({ ...delib, id: newId<'DeliberationId'>(), orderNumber: 2 }));
    await refused(d.votes.put({ ...voteOf(delib.id), yes: 5, no: 1 }));
    await refused(d.votes.delete(delib.id));
    await refused(d.correctionRequests.where('seanceId').equals(s).modify({ status: 'done' }));
    await refused(d.correctionRequests.add({ ...(await d.correctionRequests.toArray())[0]!, id: newId() }));
    // clear() is a range delete: refused too, since the table holds sealed rows.
    await refused(d.attendance.clear());

    expect((await d.seances.get(s))!.place).toBe(seed.seance.place);
    expect((await d.attendance.get(att.id))!.status).toBe('present');
    expect((await d.deliberations.get(delib.id))!.object).toBe('Adhésion');
    expect((await d.votes.get(delib.id))!.yes).toBe(6);
    expect(await d.attendance.count()).toBe(seed.attendance.length);
  });

  it('a published séance is sealed too; a row moved out of a sealed séance is refused', async () => {
    const { seed, delib } = await sealedSeance('published');
    const other = seedSeance({ status: 'in_progress' });
    await writeSeed(d, other);
    await refused(d.deliberations.put({ ...delib, seanceId: other.seance.id }));
    await refused(d.seances.update(seed.seance.id, { status: 'signed' }));
  });

  it('a refused write inside a transaction aborts the whole transaction (nothing half-written)', async () => {
    const { seed, delib } = await sealedSeance();
    const err = await d
      .transaction('rw', [d.deliberations, d.outbox], async () => {
        await d.outbox.add({ mutationId: 1, name: 'deliberation.update', recordId: delib.id, table: 'deliberations', baseVersion: 0, args: {}, createdAt: '' });
        await d.deliberations.update(delib.id, { object: 'X' });
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SealedSeanceError);
    expect(await d.outbox.count()).toBe(0);
    expect(seed.seance.id).toBeTruthy();
  });

  it('a séance sealed earlier in the same transaction refuses the later writes of that transaction', async () => {
    const seed = seedSeance({ status: 'closed' });
    await writeSeed(d, seed);
    const err = await d
      .transaction('rw', [d.seances, d.attendance], async () => {
        await d.seances.update(seed.seance.id, { status: 'signed' });
        await d.attendance.update(seed.attendance[0]!.id, { status: 'absent' });
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SealedSeanceError);
    expect((await d.seances.get(seed.seance.id))!.status).toBe('closed');
  });

  it('open séances, other tables and other séances are unaffected', async () => {
    const { seed } = await sealedSeance();
    const open = seedSeance({ status: 'in_progress' });
    await writeSeed(d, open);
    await d.attendance.update(open.attendance[0]!.id, { status: 'absent' });
    await d.seances.update(open.seance.id, { place: 'Salle B' });
    const delib = deliberationOf(open);
    await d.deliberations.put(delib);
    await d.votes.put(voteOf(delib.id));
    await d.votes.delete(delib.id);
    expect((await d.seances.get(open.seance.id))!.place).toBe('Salle B');
    // Not guarded: signatures (an extract may still be signed after the seal), members, annexes.
    await d.members.update(seed.ids[1]!, { firstName: 'Paul' });
    await d.meta.put({ key: 'x', value: 1 });
  });

  it('lets the sync engine apply the server’s data to a sealed séance (the server is the authority)', async () => {
    const { seed, delib } = await sealedSeance();
    const s = (await d.seances.get(seed.seance.id))!;
    await applyPulled(
      d,
      [
        { table: 'seances', id: s.id, version: 3, seq: 10, body: { ...s, status: 'published', version: 3 } },
        { table: 'deliberations', id: delib.id, version: 2, seq: 11, body: { ...delib, object: 'Adhésion (texte du serveur)', version: 2 } },
        { table: 'votes', id: delib.id, version: 2, seq: 12, body: { deliberationId: delib.id, _deleted: true } },
      ],
      12,
    );
    expect((await d.seances.get(s.id))!.status).toBe('published');
    expect((await d.deliberations.get(delib.id))!.object).toBe('Adhésion (texte du serveur)');
    expect(await d.votes.get(delib.id)).toBeUndefined();
    // The flag was scoped to the engine's transaction: the next ordinary write is refused again.
    await refused(d.deliberations.update(delib.id, { object: 'X' }));
  });

  it('imports a published séance file (a new séance), but never onto an existing sealed séance', async () => {
    const fixture = readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8');
    const f = await importSeanceFile(fixture);
    expect((await d.seances.get(f.seance.id))!.status).toBe('published');
    expect(await d.deliberations.where('seanceId').equals(f.seance.id).count()).toBe(f.deliberations.length);
    const outbox = await d.outbox.count();
    await refused(importSeanceFile(fixture));
    expect(await d.outbox.count()).toBe(outbox);
  });
});
