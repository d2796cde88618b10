import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import { RegistreDb, UNSYNCED_ANNEXES, useDatabase } from './db';
import {
  addAnnex, addItem, addRectifyingItem, annexEntriesOf, annexesOf, CommandRefused, rectifiedBy, deleteAgendaItem, getDeliberation, moveAgendaItem, removeAnnex, setWithdrawn, updateDraft,
} from './deliberationCommands';
import { seedSeance, writeSeed, type SeedSeance } from './deliberationFixtures';
import { ValidationError } from './errors';
import { itemsOf } from './agenda';
import { pendingMutations } from './outbox';
import { recordVote } from './votes';

let fresh: RegistreDb;
let seed: SeedSeance;

async function start(status: 'draft' | 'convened' | 'in_progress' | 'closed' = 'draft') {
  seed = seedSeance({ status });
  await writeSeed(fresh, seed);
  return seed.seance.id;
}
const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as CommandRefused);
const order = async (seanceId: string) => (await itemsOf(seanceId)).map((i) => `${i.orderNumber}:${i.object}`);

beforeEach(async () => {
  fresh = new RegistreDb(`test-${Math.random()}`);
  useDatabase(fresh);
  await fresh.open();
});

describe('addItem', () => {
  it('adds items in order, each with its outbox entry', async () => {
    const id = await start();
    await addItem(id, { object: 'Approbation du procès-verbal' });
    await addItem(id, { object: 'Rapport d’activité', kind: 'information' });
    expect(await order(id)).toEqual(['1:Approbation du procès-verbal', '2:Rapport d’activité']);
    const outbox = await pendingMutations();
    expect(outbox.map((m) => m.name)).toEqual(['deliberation.create', 'deliberation.create']);
  });

  it('prefills a draft from the template, the typed object kept', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Conventions tripartites pour la mise en œuvre des ENT', template: 'signConvention' });
    expect(item.object).toBe('Conventions tripartites pour la mise en œuvre des ENT');
    expect(item.visas).toContain('Vu les statuts de Somme Numérique');
    expect(item.articles).toHaveLength(2);
    expect(item.actesSubject).toBe('1.4');
  });

  it('needs an object and writes nothing without one', async () => {
    const id = await start();
    const err = await refusal(addItem(id, { object: '   ' }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err?.fieldErrors).toMatchObject({ object: 'error.required' });
    expect(await pendingMutations()).toEqual([]);
  });

  it('adds during the séance after the last item, but not once it is closed', async () => {
    const id = await start('in_progress');
    expect((await addItem(id, { object: 'Question urgente' })).orderNumber).toBe(1);
    await fresh.seances.update(id, { status: 'closed' });
    expect((await refusal(addItem(id, { object: 'Trop tard' })))?.message).toBe('seance.readOnly');
  });
});

describe('updateDraft', () => {
  it('stores any text as text: <script>, emoji, right-to-left, long', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    const long = 'Considérant '.repeat(4000);
    const tricky = {
      object: '<script>alert("x")</script> 🎉 مرحبا بالعالم',
      preamble: long,
      visas: ['Vu <b>le</b> CGCT', '', '  ', 'Vu שלום'],
      articles: ['Le Président est autorisé… 👍'],
    };
    await updateDraft(item.id, tricky);
    const saved = await getDeliberation(item.id);
    expect(saved).toMatchObject({ object: tricky.object, visas: ['Vu <b>le</b> CGCT', 'Vu שלום'], articles: tricky.articles });
    expect(saved?.preamble).toBe(long.trim());
  });

  it('keeps the other fields, and records the patch only in the outbox', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet', template: 'signConvention' });
    await updateDraft(item.id, { preamble: 'Exposé' });
    expect(await getDeliberation(item.id)).toMatchObject({ object: 'Objet', preamble: 'Exposé', articles: item.articles });
    expect((await pendingMutations()).at(-1)).toMatchObject({ name: 'deliberation.update', recordId: item.id, args: { preamble: 'Exposé' } });
  });

  it('records the substance of the debates while the séance is open, not once it is closed', async () => {
    const id = await start('in_progress');
    const item = await addItem(id, { object: 'Objet' });
    await updateDraft(item.id, { debates: 'M. BRUNEL demande le coût ; le Président répond.' });
    expect((await getDeliberation(item.id))?.debates).toBe('M. BRUNEL demande le coût ; le Président répond.');
    expect((await pendingMutations()).at(-1)).toMatchObject({ name: 'deliberation.update', args: { debates: 'M. BRUNEL demande le coût ; le Président répond.' } });
    await fresh.seances.update(id, { status: 'closed' });
    expect((await refusal(updateDraft(item.id, { debates: 'Ajout après la clôture' })))?.message).toBe('seance.readOnly');
    expect((await getDeliberation(item.id))?.debates).toBe('M. BRUNEL demande le coût ; le Président répond.');
  });

  it('refuses an unknown ACTES code shape and an empty object', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    expect((await refusal(updateDraft(item.id, { actesSubject: 'cinq' })))?.fieldErrors).toEqual({ actesSubject: 'error.actes' });
    expect((await refusal(updateDraft(item.id, { object: '' })))?.fieldErrors).toEqual({ object: 'error.required' });
  });

  it('clears the rapporteur', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet', rapporteurId: seed.ids[1] });
    expect(item.rapporteurId).toBe(seed.ids[1]);
    await updateDraft(item.id, { rapporteurId: '' });
    expect((await getDeliberation(item.id))?.rapporteurId).toBeUndefined();
  });

  it('refuses to change the kind of an item already voted', async () => {
    const id = await start('in_progress');
    const item = await addItem(id, { object: 'Objet' });
    await recordVote(item.id, { mode: 'showOfHands', yes: 6 });
    expect((await refusal(updateDraft(item.id, { kind: 'information' })))?.message).toBe('delib.kindAfterVote');
  });

  it('refuses any edit once the séance is closed', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    await fresh.seances.update(id, { status: 'closed' });
    expect((await refusal(updateDraft(item.id, { preamble: 'Ajout silencieux' })))?.message).toBe('seance.readOnly');
  });
});

describe('agenda order', () => {
  it('moves an item up or down before the séance', async () => {
    const id = await start('convened');
    const [, b] = [await addItem(id, { object: 'A' }), await addItem(id, { object: 'B' }), await addItem(id, { object: 'C' })];
    await moveAgendaItem(b.id, 'up');
    expect(await order(id)).toEqual(['1:B', '2:A', '3:C']);
    await moveAgendaItem(b.id, 'up');
    expect(await order(id)).toEqual(['1:B', '2:A', '3:C']);
    await moveAgendaItem(b.id, 'down');
    await moveAgendaItem(b.id, 'down');
    expect(await order(id)).toEqual(['1:A', '2:C', '3:B']);
  });

  it('deletes an item and closes the gap before the séance', async () => {
    const id = await start();
    const a = await addItem(id, { object: 'A' });
    await addItem(id, { object: 'B' });
    await addItem(id, { object: 'C' });
    await addAnnex(a.id, { name: 'a.pdf', type: 'application/pdf', data: new Blob(['%PDF']) });
    await deleteAgendaItem(a.id);
    expect(await order(id)).toEqual(['1:B', '2:C']);
    expect(await annexesOf(a.id)).toEqual([]);
  });

  it('fixes order numbers once the séance is in progress', async () => {
    const id = await start('draft');
    const a = await addItem(id, { object: 'A' });
    await addItem(id, { object: 'B' });
    await fresh.seances.update(id, { status: 'in_progress' });
    expect((await refusal(moveAgendaItem(a.id, 'down')))?.message).toBe('delib.orderFixed');
    expect((await refusal(deleteAgendaItem(a.id)))?.message).toBe('delib.orderFixed');
    expect(await order(id)).toEqual(['1:A', '2:B']);
  });
});

describe('setWithdrawn', () => {
  it('records a withdrawal, which then refuses 6 votes for 5 votants', async () => {
    const id = await start('in_progress');
    const item = await addItem(id, { object: 'Subvention à une association présidée par un membre' });
    await setWithdrawn(item.id, [seed.ids[5]!]);
    const err = await refusal(recordVote(item.id, { mode: 'showOfHands', yes: 6 }));
    expect(err).toMatchObject({ message: 'vote.countsMismatch', params: { total: 6, voters: 5 } });
    await recordVote(item.id, { mode: 'showOfHands', yes: 5 });
  });

  it('is fixed once the item is voted', async () => {
    const id = await start('in_progress');
    const item = await addItem(id, { object: 'Objet' });
    await recordVote(item.id, { mode: 'showOfHands', yes: 6 });
    expect((await refusal(setWithdrawn(item.id, [seed.ids[1]!])))?.message).toBe('delib.withdrawAfterVote');
  });
});

describe('annexes', () => {
  const pdf = '%PDF-1.4 test';
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('keeps the bytes on the device and writes the synced record, its mutation and the pending upload', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    const annex = await addAnnex(item.id, { name: 'convention ENT.pdf', type: 'application/pdf', data: new Blob([pdf]) }, new Date('2026-03-01T10:00:00Z'));
    const [stored] = await annexesOf(item.id);
    expect(stored).toMatchObject({ id: annex.id, name: 'convention ENT.pdf', type: 'application/pdf', size: 13 });
    const record = await fresh.attachments.get(annex.id);
    expect(record).toEqual({
      id: annex.id,
      organisationId: item.organisationId,
      seanceId: id,
      deliberationId: item.id,
      name: 'convention ENT.pdf',
      type: 'application/pdf',
      size: 13,
      sha256: sha256(pdf),
      addedAt: '2026-03-01T10:00:00.000Z',
      version: 0,
      updatedAt: '2026-03-01T10:00:00.000Z',
    });
    const outbox = await pendingMutations();
    expect(outbox.map((m) => m.name)).toEqual(['deliberation.create', 'attachment.create']);
    expect(outbox[1]).toMatchObject({ table: 'attachments', recordId: annex.id, baseVersion: 0, args: record });
    expect(await fresh.fileSync.get(sha256(pdf))).toMatchObject({ annexId: annex.id, state: 'pending' });
    expect(await annexEntriesOf(item.id)).toEqual([{ id: annex.id, name: 'convention ENT.pdf', type: 'application/pdf', size: 13, addedAt: record!.addedAt, record, annex: stored }]);
  });

  it('removes the bytes and the record, and sends a removal (a tombstone for the other devices)', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    const annex = await addAnnex(item.id, { name: 'a.pdf', type: 'application/pdf', data: new Blob([pdf]) });
    await fresh.attachments.update(annex.id, { version: 3 }); // as after a sync
    await removeAnnex(annex.id);
    expect(await annexesOf(item.id)).toEqual([]);
    expect(await fresh.attachments.get(annex.id)).toBeUndefined();
    expect(await annexEntriesOf(item.id)).toEqual([]);
    const last = (await pendingMutations()).at(-1);
    expect(last).toMatchObject({ name: 'attachment.delete', table: 'attachments', recordId: annex.id, baseVersion: 3, args: {} });
  });

  it('removes an annex whose bytes are on another device (only its record is here)', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    const annex = await addAnnex(item.id, { name: 'a.pdf', type: 'application/pdf', data: new Blob([pdf]) });
    await fresh.annexes.delete(annex.id);
    const [entry] = await annexEntriesOf(item.id);
    expect(entry).toMatchObject({ id: annex.id, name: 'a.pdf' });
    expect(entry?.annex).toBeUndefined();
    await removeAnnex(annex.id);
    expect(await annexEntriesOf(item.id)).toEqual([]);
    expect((await pendingMutations()).at(-1)?.name).toBe('attachment.delete');
  });

  it('refuses to add or remove once the séance is closed, and writes nothing', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    const annex = await addAnnex(item.id, { name: 'a.pdf', type: 'application/pdf', data: new Blob([pdf]) });
    await fresh.seances.update(id, { status: 'closed' });
    const before = await pendingMutations();
    expect((await refusal(addAnnex(item.id, { name: 'b.pdf', type: 'application/pdf', data: new Blob(['%PDF-1.4 b']) })))?.message).toBe('seance.readOnly');
    expect((await refusal(removeAnnex(annex.id)))?.message).toBe('seance.readOnly');
    expect(await pendingMutations()).toEqual(before);
    expect(await fresh.attachments.count()).toBe(1);
    expect(await fresh.annexes.count()).toBe(1);
  });

  it('types the file by its first bytes; a type the server does not take is listed but not uploaded', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const image = await addAnnex(item.id, { name: 'plan.png', type: '', data: new Blob([png]) });
    expect((await fresh.attachments.get(image.id))?.type).toBe('image/png');
    const doc = await addAnnex(item.id, { name: 'note.odt', type: 'application/vnd.oasis.opendocument.text', data: new Blob(['PK not a pdf']) });
    expect((await fresh.attachments.get(doc.id))?.type).toBe('application/vnd.oasis.opendocument.text');
    // Declared a PDF, but is not one: never sent as a PDF.
    const fake = await addAnnex(item.id, { name: 'faux.pdf', type: 'application/pdf', data: new Blob(['<html>']) });
    expect((await fresh.attachments.get(fake.id))?.type).toBe('application/octet-stream');
    expect((await fresh.fileSync.toArray()).map((f) => f.annexId)).toEqual([image.id]);
    expect((await pendingMutations()).filter((m) => m.name === 'attachment.create')).toHaveLength(3);
  });

  it('still lists a file attached before annexes were synced, but not bytes whose record was removed elsewhere', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    const legacy = { id: newId(), deliberationId: item.id, name: 'ancien.pdf', type: 'application/pdf', size: 4, data: new Blob(['%PDF']), addedAt: '2020-01-01T00:00:00.000Z' };
    const orphan = { ...legacy, id: newId(), name: 'retiré ailleurs.pdf' };
    await fresh.annexes.bulkAdd([legacy, orphan]);
    await fresh.meta.put({ key: UNSYNCED_ANNEXES, value: [legacy.id] });
    expect((await annexEntriesOf(item.id)).map((e) => [e.name, !!e.record])).toEqual([['ancien.pdf', false]]);
    await removeAnnex(legacy.id);
    expect(await annexEntriesOf(item.id)).toEqual([]);
    expect((await pendingMutations()).map((m) => m.name)).toEqual(['deliberation.create']);
  });

  it('remembers, when a device upgrades, which annexes it held before annexes were synced', async () => {
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name);
    old.version(6).stores({ annexes: 'id, deliberationId', meta: 'key' });
    await old.table('annexes').add({ id: 'a1', deliberationId: 'd1', name: 'x.pdf', type: 'application/pdf', size: 1, data: new Blob(['x']), addedAt: '' });
    old.close();
    const upgraded = new RegistreDb(name);
    await upgraded.open();
    expect(await upgraded.meta.get(UNSYNCED_ANNEXES)).toEqual({ key: UNSYNCED_ANNEXES, value: ['a1'] });
    expect(await upgraded.attachments.count()).toBe(0);
    upgraded.close();
  });

  it('refuses a file without a name', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Objet' });
    expect((await refusal(addAnnex(item.id, { name: ' ', type: '', data: new Blob([]) })))?.message).toBe('delib.annexNoName');
  });
});

describe('addRectifyingItem (a sealed act is corrected by a new act, never edited)', () => {
  async function sealedAndOpen(status: 'signed' | 'closed' = 'signed') {
    seed = seedSeance({ status: 'closed' });
    await writeSeed(fresh, seed);
    const sealed = {
      id: newId<'DeliberationId'>(), seanceId: seed.seance.id, organisationId: seed.organisation.id, orderNumber: 4, kind: 'deliberation' as const,
      registryNumber: '20111107_DL_04', object: 'Conventions tripartites ENT', actesSubject: '', preamble: '', visas: [], recitals: [], articles: ['Article 1'],
      withdrawn: [], version: 1, updatedAt: '',
    };
    const later = { ...seed.seance, id: newId<'SeanceId'>(), date: '2011-12-05', status: 'draft' as const };
    await fresh.transaction('rw', [fresh.deliberations, fresh.seances], async () => {
      await fresh.deliberations.put(sealed);
      await fresh.seances.put(later);
    });
    // Sealed the way signing does it: the closed séance becomes signed.
    if (status === 'signed') await fresh.seances.update(seed.seance.id, { status: 'signed' });
    return { sealed, later };
  }

  it('puts a linked act on the agenda of an open séance and leaves the sealed act as it was', async () => {
    const { sealed, later } = await sealedAndOpen();
    const item = await addRectifyingItem(sealed.id, later.id);
    expect(item.seanceId).toBe(later.id);
    expect(item.rectifies).toBe(sealed.id);
    expect(item.object).toBe('Rectification de la délibération n° 20111107_DL_04 du 07/11/2011 – Conventions tripartites ENT');
    expect((await pendingMutations()).at(-1)).toMatchObject({ name: 'deliberation.create', args: { rectifies: sealed.id } });
    expect(await fresh.deliberations.get(sealed.id)).toEqual(sealed);
    expect((await rectifiedBy(sealed.id)).map((d) => d.id)).toEqual([item.id]);
  });

  it('is refused for an act whose séance is not sealed (a correction is used then), and into a closed séance', async () => {
    const { sealed, later } = await sealedAndOpen('closed');
    expect((await refusal(addRectifyingItem(sealed.id, later.id)))?.formError).toBe('delib.rectifyNotSealed');
    const s2 = await sealedAndOpen('signed');
    await fresh.seances.update(s2.later.id, { status: 'closed' });
    expect(await refusal(addRectifyingItem(s2.sealed.id, s2.later.id))).toBeInstanceOf(ValidationError);
    expect(await rectifiedBy(s2.sealed.id)).toEqual([]);
  });
});

describe('deleteAgendaItem with annexes', () => {
  it('removes the item’s annex records too, each with its deletion queued before the item’s', async () => {
    const id = await start();
    const item = await addItem(id, { object: 'Point avec annexe' });
    await addAnnex(item.id, { name: 'plan.pdf', type: 'application/pdf', data: new Blob(['%PDF-1.7\nplan\n']) });
    expect(await fresh.attachments.where('deliberationId').equals(item.id).count()).toBe(1);
    await deleteAgendaItem(item.id);
    expect(await fresh.attachments.where('deliberationId').equals(item.id).count()).toBe(0);
    expect(await fresh.annexes.where('deliberationId').equals(item.id).count()).toBe(0);
    const names = (await pendingMutations()).map((m) => m.name);
    expect(names.indexOf('attachment.delete')).toBeGreaterThan(-1);
    expect(names.indexOf('attachment.delete')).toBeLessThan(names.indexOf('deliberation.delete'));
  });
});
