import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import type { Deliberation } from '../domain/schemas';
import { markCorrectionDone, requestCorrection, requestsOn } from './correctionRequests';
import { RegistreDb, useDatabase } from './db';
import { seedSeance, writeSeed, type SeedSeance } from './deliberationFixtures';
import { ValidationError } from './errors';
import { pendingMutations } from './outbox';

let d: RegistreDb;
let seed: SeedSeance;
let delib: Deliberation;

async function signIn(name: string) {
  await d.meta.put({ key: 'session', value: { user: { id: newId(), name }, organisationId: seed.organisation.id, role: 'president', signedInAt: '' } });
}

beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
  seed = seedSeance({ status: 'closed' });
  await writeSeed(d, seed);
  delib = {
    id: newId<'DeliberationId'>(), seanceId: seed.seance.id, organisationId: seed.organisation.id, orderNumber: 1, kind: 'deliberation',
    object: 'Adhésion', version: 0, updatedAt: '',
  } as unknown as Deliberation;
  await d.deliberations.put(delib);
  await signIn('Claire DUMONT');
});

const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ValidationError);

describe('requests for correction (the president’s review)', () => {
  it('records a request on a deliberation, by the signed-in user, with its outbox entry', async () => {
    const now = new Date('2011-11-08T09:30:00Z');
    const r = await requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'deliberation', id: delib.id }, comment: '  Le montant est 12 000 €.  ' }, now);
    expect(r).toMatchObject({ status: 'open', requestedBy: 'Claire DUMONT', requestedAt: now.toISOString(), comment: 'Le montant est 12 000 €.' });
    expect(await requestsOn(delib.id)).toEqual([r]);
    const [m] = await pendingMutations();
    expect(m).toMatchObject({ name: 'correctionRequest.create', table: 'correctionRequests', recordId: r.id, baseVersion: 0 });
  });

  it('records a request on the procès-verbal as a whole (subject: the séance)', async () => {
    const r = await requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'minutes', id: seed.seance.id }, comment: 'Ajouter l’heure de clôture.' });
    expect(await requestsOn(seed.seance.id)).toEqual([r]);
  });

  it('refuses an empty comment with a French field error, and writes nothing', async () => {
    const err = await refusal(requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'minutes', id: seed.seance.id }, comment: '   ' }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err?.fieldErrors.comment).toBe('error.required');
    expect(await d.correctionRequests.count()).toBe(0);
    expect(await d.outbox.count()).toBe(0);
  });

  it('refuses a comment that is too long, a subject of another séance, and an unknown séance', async () => {
    const long = await refusal(requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'minutes', id: seed.seance.id }, comment: 'x'.repeat(2001) }));
    expect(long?.fieldErrors.comment).toBe('error.tooLong');
    const other = await refusal(requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'deliberation', id: newId() }, comment: 'Voir' }));
    expect(other?.formError).toBe('request.badSubject');
    const otherMinutes = await refusal(requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'minutes', id: newId() }, comment: 'Voir' }));
    expect(otherMinutes?.formError).toBe('request.badSubject');
    const unknown = await refusal(requestCorrection({ seanceId: newId(), subject: { kind: 'minutes', id: newId() }, comment: 'Voir' }));
    expect(unknown?.formError).toBe('seance.notFound');
    expect(await d.correctionRequests.count()).toBe(0);
  });

  it('refuses when nobody is signed in on the device', async () => {
    await d.meta.delete('session');
    const err = await refusal(requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'minutes', id: seed.seance.id }, comment: 'Voir' }));
    expect(err?.formError).toBe('request.noUser');
  });

  it('refuses a request, or marking one done, once the séance is sealed', async () => {
    const r = await requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'deliberation', id: delib.id }, comment: 'Voir' });
    await d.seances.update(seed.seance.id, { status: 'signed' });
    const err = await refusal(requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'minutes', id: seed.seance.id }, comment: 'Voir' }));
    expect(err?.formError).toBe('request.sealed');
    const done = await refusal(markCorrectionDone(r.id));
    expect(done?.formError).toBe('request.sealed');
    expect((await d.correctionRequests.get(r.id))!.status).toBe('open');
  });

  it('the secretary marks a request done: who and when, a patch in the outbox; twice is harmless', async () => {
    const r = await requestCorrection({ seanceId: seed.seance.id, subject: { kind: 'deliberation', id: delib.id }, comment: 'Voir' });
    await signIn('Sam Secrétaire');
    const now = new Date('2011-11-09T08:00:00Z');
    const done = await markCorrectionDone(r.id, now);
    expect(done).toMatchObject({ status: 'done', doneBy: 'Sam Secrétaire', doneAt: now.toISOString(), requestedBy: 'Claire DUMONT' });
    await markCorrectionDone(r.id);
    const names = (await pendingMutations()).map((m) => [m.name, m.args]);
    expect(names).toHaveLength(2);
    expect(names[1]).toEqual(['correctionRequest.done', { status: 'done', doneBy: 'Sam Secrétaire', doneAt: now.toISOString(), updatedAt: now.toISOString() }]);
    const missing = await refusal(markCorrectionDone(newId()));
    expect(missing?.formError).toBe('request.notFound');
  });
});
