import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import { verifySignature } from '../domain/signing';
import { RegistreDb, useDatabase } from './db';
import { ValidationError } from './errors';
import { pendingMutations } from './outbox';
import { createSeance } from './seanceCommands';
import { deviceKey, missingSigners, signAct, signedContentOf } from './signatureCommands';

const orgId = newId<'OrganisationId'>();
const president = newId<'MemberId'>();
const secretary = newId<'MemberId'>();
let d: RegistreDb;

beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
});

async function closedSeance() {
  const s = await createSeance({
    organisationId: orgId,
    bodyId: newId(),
    date: '2011-11-07',
    time: '17:30',
    place: 'Salle',
    convocationDate: '2011-06-30',
    presidentId: president,
    secretaryIds: [secretary],
  });
  await d.seances.update(s.id, { status: 'closed' });
  return (await d.seances.get(s.id))!;
}

const stroke = [[{ x: 0.1, y: 0.2 }, { x: 0.5, y: 0.6 }]];
const base = (seanceId: string) => ({
  subject: { kind: 'minutes' as const, id: seanceId },
  seanceId,
  organisationId: orgId,
  strokes: stroke,
  png: null,
});

describe('signing on the device', () => {
  it('the device key persists, non-extractable, across reads', async () => {
    const k1 = await deviceKey();
    const k2 = await deviceKey();
    expect(k2.keyId).toBe(k1.keyId);
    expect(k2.privateKey.extractable).toBe(false);
  });

  it('the procès-verbal signed by president and secretary marks the séance signed, and the signature verifies', async () => {
    const s = await closedSeance();
    const sp = await signAct({ ...base(s.id), role: 'president', memberId: president, signerName: 'Claire DUMONT', capacity: 'Présidente' });
    expect(missingSigners((await d.seances.get(s.id))!, await d.signatures.toArray())).toEqual([secretary]);
    expect((await d.seances.get(s.id))!.status).toBe('closed');
    await signAct({ ...base(s.id), role: 'secretary', memberId: secretary, signerName: 'Bernard LEFEBVRE', capacity: 'Secrétaire de séance' });
    expect((await d.seances.get(s.id))!.status).toBe('signed');
    expect((await pendingMutations()).map((m) => m.name).slice(-3)).toEqual(['signature.create', 'signature.create', 'seance.status']);

    const key = await deviceKey();
    const content = await signedContentOf({ kind: 'minutes', id: s.id });
    expect(await verifySignature({ ...sp }, content, key.publicKeyJwk)).toEqual({ ok: true });
  });

  it('signing twice in the same role keeps the first signature', async () => {
    const s = await closedSeance();
    const a = await signAct({ ...base(s.id), role: 'president', memberId: president, signerName: 'Claire DUMONT', capacity: 'Présidente' });
    const b = await signAct({ ...base(s.id), role: 'president', memberId: president, signerName: 'Claire DUMONT', capacity: 'Présidente' });
    expect(b.id).toBe(a.id);
    expect(await d.signatures.count()).toBe(1);
  });

  it('an empty drawing is refused and nothing is written', async () => {
    const s = await closedSeance();
    const err = await signAct({ ...base(s.id), strokes: [], role: 'president', signerName: 'X', capacity: 'Y' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(await d.signatures.count()).toBe(0);
  });

  it('after sealing, attendance edits are refused by the repository', async () => {
    const s = await closedSeance();
    await signAct({ ...base(s.id), role: 'president', memberId: president, signerName: 'C', capacity: 'P' });
    await signAct({ ...base(s.id), role: 'secretary', memberId: secretary, signerName: 'B', capacity: 'S' });
    const { setAttendanceStatus } = await import('./attendanceCommands');
    const err = await setAttendanceStatus(s.id, president, 'absent').catch((e: unknown) => e);
    expect((err as ValidationError).formError).toBe('seance.readOnly');
  });
});
