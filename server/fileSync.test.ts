import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentOf, createConvention, signConvention } from '../src/store/conventionCommands';
import { useDatabase } from '../src/store/db';
import { addItem } from '../src/store/deliberationCommands';
import { createSeance } from '../src/store/seanceCommands';
import { deviceKey } from '../src/store/signatureCommands';
import { syncOnce } from '../src/sync/engine';
import { fetchMissingFile, uploadPendingFiles } from '../src/sync/files';
import { registerDeviceRequest } from '../src/sync/transport';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { seedOrganisation } from './seed';
import { device } from './testDevice';
import { adapters, postgresAvailable } from './testing';

type App = ReturnType<typeof createApp>;

async function twoPagePdf(): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Convention — page 1');
  doc.addPage().drawText('Convention — page 2');
  return new Uint8Array(await doc.save());
}

const pgUp = await postgresAvailable();

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`a convention's PDF between two devices on ${adapter.name}`, () => {
    let dbs: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      dbs = await adapter.open();
      demo = await seedOrganisation(dbs);
      app = createApp({ db: dbs });
    });
    afterAll(async () => dbs.close());

    it('a PDF attached on the laptop is read, byte-identical, on the tablet after sync, and signed there', async () => {
      const laptop = await device(app, 'secretaire@demo.example');
      const tablet = await device(app, 'presidente@demo.example');
      const bytes = await twoPagePdf();

      useDatabase(laptop.db);
      const s = await createSeance({
        organisationId: demo.organisation.id,
        bodyId: demo.bodies[0]!.id,
        date: '2011-11-07',
        time: '17:30',
        place: 'Salle du Bureau',
        convocationDate: '2011-06-30',
      });
      const del = await addItem(s.id, { object: 'Autorisation de signer la convention ENT' });
      const convention = await createConvention(del.id, {
        title: 'Convention ENT',
        parties: [
          { organisationName: 'Syndicat mixte de démonstration', signatoryName: 'Claire DUMONT', capacity: 'Présidente' },
          { organisationName: 'Commune de Saint-Aubin', signatoryName: 'Anne PETIT', capacity: 'Maire' },
        ],
        text: '',
        attachment: { name: 'convention-ent.pdf', type: 'application/pdf', data: new Blob([bytes], { type: 'application/pdf' }) },
      });
      expect(await syncOnce(laptop.db, laptop.transport)).toMatchObject({ issues: 0 });
      // The tablet syncs before the laptop has uploaded: it knows the hash, the server lacks the bytes.
      await syncOnce(tablet.db, tablet.transport);
      const pulled = (await tablet.db.conventions.get(convention.id))!;
      expect(pulled.attachment).toEqual(convention.attachment);
      expect(await fetchMissingFile(tablet.db, pulled, tablet.fetchImpl)).toBe('notOnServer');

      expect(await uploadPendingFiles(laptop.db, laptop.fetchImpl)).toEqual({ uploaded: 1, alreadyThere: 0, failed: 0 });
      const row = await dbs.get<{ organisation_id: string; size: number }>('SELECT organisation_id, size FROM files WHERE sha256 = ?', [
        convention.attachment!.sha256,
      ]);
      expect(row?.organisation_id).toBe(demo.organisation.id);
      expect(Number(row?.size)).toBe(bytes.length);

      useDatabase(tablet.db);
      expect(await attachmentOf(pulled)).toBeUndefined();
      expect(await fetchMissingFile(tablet.db, pulled, tablet.fetchImpl)).toBe('fetched');
      const received = (await attachmentOf(pulled))!;
      expect(received.length).toBe(bytes.length);
      expect(Buffer.compare(Buffer.from(received), Buffer.from(bytes))).toBe(0);
      expect((await PDFDocument.load(received)).getPageCount()).toBe(2);
      // The tablet got it from the server: it has nothing to send back.
      expect(await uploadPendingFiles(tablet.db, tablet.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 0, failed: 0 });

      // The president signs on the tablet: the file is hashed again, the server verifies the signature.
      const key = await deviceKey();
      await registerDeviceRequest(key.keyId, key.publicKeyJwk, tablet.fetchImpl);
      await signConvention({ conventionId: pulled.id, partyIndex: 0, strokes: [[{ x: 0.1, y: 0.2 }, { x: 0.5, y: 0.6 }]], png: null });
      expect(await syncOnce(tablet.db, tablet.transport)).toMatchObject({ issues: 0 });
      await syncOnce(laptop.db, laptop.transport);
      expect((await laptop.db.signatures.toArray()).filter((x) => x.subject.id === convention.id)).toHaveLength(1);
    });
  });
}
