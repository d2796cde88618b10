import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import { conventionContent } from '../domain/signedContent';
import { verifySignature } from '../domain/signing';
import type { Party } from '../domain/schemas';
import {
  attachmentOf, createConvention, deleteConvention, isComplete, partyStatuses, signConvention, signaturesOf, updateConvention,
} from './conventionCommands';
import { RegistreDb, useDatabase } from './db';
import { addItem } from './deliberationCommands';
import { ValidationError } from './errors';
import { pendingMutations } from './outbox';
import { createSeance } from './seanceCommands';
import { deviceKey } from './signatureCommands';

const orgId = newId<'OrganisationId'>();
let d: RegistreDb;

beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
});

const parties: Party[] = [
  { organisationName: 'Syndicat mixte de démonstration', signatoryName: 'Claire Martin', capacity: 'Présidente' },
  { organisationName: 'Communauté de communes du Val', signatoryName: 'Paul Durand', capacity: 'Président' },
  { organisationName: 'Commune de Saint-Aubin', signatoryName: 'Anne Petit', capacity: 'Maire' },
];
const stroke = [[{ x: 0.1, y: 0.2 }, { x: 0.5, y: 0.6 }]];

async function deliberation() {
  const s = await createSeance({
    organisationId: orgId,
    bodyId: newId(),
    date: '2011-11-07',
    time: '17:30',
    place: 'Salle',
    convocationDate: '2011-06-30',
    presidentId: newId(),
    secretaryIds: [],
  });
  return addItem(s.id, { object: 'Autorisation de signer une convention ENT' });
}

const refused = async (p: Promise<unknown>, code: string) => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ValidationError);
  expect((e as ValidationError).formError ?? (e as ValidationError).message).toBe(code);
};

describe('conventions', () => {
  it('is created from its deliberation with the parties and queued for the server', async () => {
    const del = await deliberation();
    const c = await createConvention(del.id, { title: 'Convention ENT', parties, text: 'Article 1. Objet.' });
    expect(c.seanceId).toBe(del.seanceId);
    expect(c.parties).toHaveLength(3);
    const m = (await pendingMutations()).at(-1)!;
    expect(m).toMatchObject({ name: 'convention.create', table: 'conventions', recordId: c.id, baseVersion: 0 });
  });

  it('refuses a convention with fewer than two parties, or with neither text nor PDF, and writes nothing', async () => {
    const del = await deliberation();
    const before = (await pendingMutations()).length;
    await expect(createConvention(del.id, { title: 'X', parties: parties.slice(0, 1), text: 'a' })).rejects.toBeInstanceOf(ValidationError);
    await refused(createConvention(del.id, { title: 'X', parties, text: '  ' }), 'convention.textRequired');
    expect(await d.conventions.count()).toBe(0);
    expect((await pendingMutations()).length).toBe(before);
  });

  it('keeps an attached PDF on the device with its SHA-256, and refuses a file that is not a PDF', async () => {
    const del = await deliberation();
    const pdf = new Blob(['%PDF-1.7\n% a tiny test file\n%%EOF\n'], { type: 'application/pdf' });
    const c = await createConvention(del.id, { title: 'Convention', parties, text: '', attachment: { name: 'convention.pdf', type: 'application/pdf', data: pdf } });
    expect(c.attachment?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const bytes = await attachmentOf(c);
    expect(new TextDecoder().decode(bytes)).toContain('a tiny test file');
    await refused(
      createConvention(del.id, { title: 'Y', parties, text: '', attachment: { name: 'x.pdf', type: 'application/pdf', data: new Blob(['<html>']) } }),
      'convention.attachmentNotPdf',
    );
  });

  it('three parties sign; each signature verifies against the convention and the device key', async () => {
    const del = await deliberation();
    const c = await createConvention(del.id, { title: 'Convention ENT', parties, text: 'Article 1. Objet.' });
    for (const i of [2, 0, 1]) await signConvention({ conventionId: c.id, partyIndex: i, strokes: stroke, png: null });
    const sigs = await signaturesOf(c.id);
    expect(sigs.map((s) => s.partyIndex).sort()).toEqual([0, 1, 2]);
    expect(isComplete(c, sigs)).toBe(true);
    expect(partyStatuses(c, sigs).map((p) => p.signature?.signerName)).toEqual(['Claire Martin', 'Paul Durand', 'Anne Petit']);
    const key = await deviceKey();
    for (const s of sigs) {
      expect(s.role).toBe('party');
      expect((await verifySignature(s, conventionContent(c), key.publicKeyJwk)).ok).toBe(true);
    }
    // One changed character of the text and the signature no longer holds.
    expect((await verifySignature(sigs[0]!, conventionContent({ ...c, text: 'Article 1. Objet!' }), key.publicKeyJwk)).ok).toBe(false);
  });

  it('a party signs once; an unknown party is refused', async () => {
    const del = await deliberation();
    const c = await createConvention(del.id, { title: 'Convention', parties, text: 'Texte' });
    await signConvention({ conventionId: c.id, partyIndex: 1, strokes: stroke, png: null });
    await refused(signConvention({ conventionId: c.id, partyIndex: 1, strokes: stroke, png: null }), 'convention.alreadySigned');
    await refused(signConvention({ conventionId: c.id, partyIndex: 5, strokes: stroke, png: null }), 'convention.noSuchParty');
    expect((await signaturesOf(c.id)).length).toBe(1);
  });

  it('can be edited or deleted until the first signature, never after', async () => {
    const del = await deliberation();
    const c = await createConvention(del.id, { title: 'Convention', parties, text: 'Texte' });
    const edited = await updateConvention(c.id, { title: 'Convention modifiée', parties, text: 'Texte' });
    expect(edited.title).toBe('Convention modifiée');
    expect((await pendingMutations()).at(-1)).toMatchObject({ name: 'convention.update', args: { title: 'Convention modifiée' } });
    await signConvention({ conventionId: c.id, partyIndex: 0, strokes: stroke, png: null });
    await refused(updateConvention(c.id, { title: 'Autre', parties, text: 'Texte' }), 'convention.locked');
    await refused(deleteConvention(c.id), 'convention.locked');
    expect((await d.conventions.get(c.id))?.title).toBe('Convention modifiée');
  });

  it('refuses to sign when the attached PDF on the device no longer matches its hash', async () => {
    const del = await deliberation();
    const pdf = new Blob(['%PDF-1.7\noriginal\n'], { type: 'application/pdf' });
    const c = await createConvention(del.id, { title: 'C', parties, text: '', attachment: { name: 'c.pdf', type: 'application/pdf', data: pdf } });
    await d.annexes.update(c.attachment!.annexId, { data: new Blob(['%PDF-1.7\naltered\n']) });
    await refused(signConvention({ conventionId: c.id, partyIndex: 0, strokes: stroke, png: null }), 'convention.attachmentChanged');
    // Not on this device at all (another device attached it, not downloaded yet): no signing either.
    await d.annexes.delete(c.attachment!.annexId);
    await refused(signConvention({ conventionId: c.id, partyIndex: 0, strokes: stroke, png: null }), 'convention.signAfterReading');
    expect(await signaturesOf(c.id)).toEqual([]);
  });
});
