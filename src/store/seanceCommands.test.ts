import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import { RegistreDb, useDatabase } from './db';
import { ValidationError } from './errors';
import { pendingMutations } from './outbox';
import { createSeance } from './seanceCommands';
import { getSeance, listSeances } from './seances';

const orgId = newId<'OrganisationId'>();
const bodyId = newId<'BodyId'>();
const valid = {
  organisationId: orgId,
  bodyId,
  date: '2011-11-07',
  time: '17:30',
  place: 'Salle du conseil',
  convocationDate: '2011-06-30',
};

beforeEach(async () => {
  const fresh = new RegistreDb(`test-${Math.random()}`);
  useDatabase(fresh);
  await fresh.open();
});

describe('createSeance', () => {
  it('stores the séance and its outbox entry together', async () => {
    const s = await createSeance(valid, new Date('2011-06-30T10:00:00Z'));
    expect(await getSeance(s.id)).toMatchObject({ place: 'Salle du conseil', status: 'draft' });
    const outbox = await pendingMutations();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ mutationId: 1, name: 'seance.create', recordId: s.id });
  });

  it('numbers mutations without gaps', async () => {
    await createSeance(valid);
    await createSeance({ ...valid, date: '2011-11-08' });
    expect((await pendingMutations()).map((m) => m.mutationId)).toEqual([1, 2]);
  });

  it('refuses invalid input with field errors and writes nothing', async () => {
    const err = await createSeance({ ...valid, date: '2011-02-30', place: '  ' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors).toMatchObject({ date: 'error.date', place: 'error.required' });
    expect(await listSeances(orgId)).toEqual([]);
    expect(await pendingMutations()).toEqual([]);
  });

  it('refuses a convocation after the séance', async () => {
    const err = await createSeance({ ...valid, convocationDate: '2011-12-01' }).catch((e: unknown) => e);
    expect((err as ValidationError).fieldErrors).toMatchObject({ convocationDate: 'error.convocationAfterSeance' });
  });

  it('lists the most recent séance first', async () => {
    await createSeance({ ...valid, date: '2011-01-10', convocationDate: '2011-01-05' });
    await createSeance({ ...valid, date: '2012-03-01' });
    expect((await listSeances(orgId)).map((s) => s.date)).toEqual(['2012-03-01', '2011-01-10']);
  });
});
