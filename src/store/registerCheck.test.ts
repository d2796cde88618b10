import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { canonicalHash } from '../domain/canonical';
import { makeSeal } from '../domain/seal';
import { parseSeanceFileText, type SeanceFile } from '../domain/seanceFile';
import { deliberationContent, minutesContent } from '../domain/signedContent';
import { publishedKey, registerKeys, sealedRegister } from '../domain/registerFixtures';
import { generateDeviceKey } from '../domain/signing';
import { verifyRegister } from '../domain/verifyRegister';
import { RegistreDb, useDatabase } from './db';
import { verifyLocalRegister } from './registerCheck';
import { exportSeanceFile } from './seanceFile';

const fixture = parseSeanceFileText(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8'));
if (!fixture.ok) throw new Error(fixture.message);
const keys = await registerKeys(fixture.file.organisation.id);

let d: RegistreDb;
let files: SeanceFile[];
beforeEach(async () => {
  d = new RegistreDb(`test-${Math.random()}`);
  useDatabase(d);
  await d.open();
  files = await sealedRegister(fixture.ok ? fixture.file : (undefined as never), keys);
  await received(files);
});

/** Writes séances as a pull from the server does (its transaction holds `seals`: server data). */
async function received(list: SeanceFile[]) {
  await d.transaction('rw', [d.organisations, d.bodies, d.members, d.seances, d.attendance, d.deliberations, d.votes, d.signatures, d.seals, d.publicKeys], async () => {
    for (const f of list) {
      await d.organisations.put(f.organisation);
      await d.bodies.put(f.body);
      await d.members.bulkPut(f.members);
      await d.seances.put(f.seance);
      await d.attendance.bulkPut(f.attendance);
      await d.deliberations.bulkPut(f.deliberations);
      await d.votes.bulkPut(f.votes);
      await d.signatures.bulkPut(f.signatures);
      if (f.seal) await d.seals.put(f.seal);
      await d.publicKeys.bulkPut(f.keys ?? []);
    }
  });
}

describe('Vérifier le registre on the device', () => {
  it('is valid for untouched séances, checking every signature and seal with the published keys', async () => {
    expect(await verifyLocalRegister()).toEqual({ ok: true, sealed: 3, signatures: 9, sealKeys: [keys.seal.keyId], unsignedSeals: 0 });
  });

  it('names the séance and the signature when a vote count was edited and every hash recomputed', async () => {
    const f = files[1]!;
    const v = f.votes[0]!;
    f.votes[0] = { ...v, yes: v.yes - 1, no: v.no + 1 };
    const del = f.deliberations[0]!;
    for (const s of f.signatures) {
      s.contentHash = await canonicalHash(s.subject.kind === 'minutes' ? minutesContent(f) : deliberationContent(del, f.votes[0]));
    }
    // The seal re-hashed too, and the next séance's link with it.
    const reSealed = await makeSeal(f.seance.id, minutesContent(f), files[0]!.seal, f.seal!.sealedAt);
    f.seal = { ...f.seal!, ...reSealed };
    const next = await makeSeal(files[2]!.seance.id, minutesContent(files[2]!), f.seal, files[2]!.seal!.sealedAt);
    files[2]!.seal = { ...files[2]!.seal!, ...next };
    await received(files);

    const r = await verifyLocalRegister();
    expect(r).toMatchObject({ ok: false, seanceId: f.seance.id });
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      'Séance du 2011-12-12 : la signature de Jean-François VASSEUR (Président) sur le procès-verbal ne se vérifie pas avec sa clé.',
      'Séance du 2011-12-12 : la signature de Jean-Claude RENAUX (Secrétaire de séance) sur le procès-verbal ne se vérifie pas avec sa clé.',
      'Séance du 2011-12-12 : la signature de Jean-François VASSEUR (Président) sur l’extrait de la délibération n° 20111107_DL_04 ne se vérifie pas avec sa clé.',
      'Registre altéré à la séance n° 2 (séance du 2011-12-12) : la signature du scellement ne se vérifie pas avec la clé du serveur.',
      'Registre altéré à la séance n° 3 (séance du 2012-01-16) : la signature du scellement ne se vérifie pas avec la clé du serveur.',
    ]);
  });

  it('says so when a signature’s key was not published to this device', async () => {
    await d.publicKeys.delete(keys.secretary.keyId);
    const r = await verifyLocalRegister();
    expect(!r.ok && r.problems).toHaveLength(3);
    expect(!r.ok && r.message).toBe(
      `Séance du 2011-11-07 : la clé d’appareil ${keys.secretary.keyId.slice(0, 16)}… de la signature de Jean-Claude RENAUX (Secrétaire de séance) sur le procès-verbal est absente du fichier : cette signature ne peut pas être vérifiée.`,
    );
  });

  it('names a sealed séance this device does not hold, and the séance altered without re-hashing', async () => {
    await d.transaction('rw', [d.seances, d.seals], () => d.seances.delete(files[0]!.seance.id));
    await d.transaction('rw', [d.seances, d.seals], () => d.seances.update(files[2]!.seance.id, { place: 'Salle modifiée en douce' }));
    const r = await verifyLocalRegister();
    expect(r).toMatchObject({ ok: false, index: 1, seanceId: files[0]!.seance.id });
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      'Registre altéré à la séance n° 1 : la séance scellée est absente de cet appareil.',
      'Séance du 2012-01-16 : le procès-verbal signé par Jean-François VASSEUR (Président) a été modifié depuis sa signature.',
      'Séance du 2012-01-16 : le procès-verbal signé par Jean-Claude RENAUX (Secrétaire de séance) a été modifié depuis sa signature.',
      'Registre altéré à la séance n° 1 (séance du 2011-12-12) : une séance manque ou a été déplacée (cette séance porte le n° 2).',
    ]);
  });

  it('exports each séance with its seal and the keys it names, and the exported files verify', async () => {
    const unrelated = await generateDeviceKey();
    await d.transaction('rw', [d.publicKeys, d.seals], () => d.publicKeys.put(publishedKey(unrelated, fixture.ok ? fixture.file.organisation.id : '', 'device')));
    const exported = [];
    for (const f of files) {
      const text = JSON.stringify(await exportSeanceFile(f.seance.id));
      const parsed = parseSeanceFileText(text);
      if (!parsed.ok) throw new Error(parsed.message);
      expect(parsed.file.seal).toEqual(f.seal);
      expect(parsed.file.keys!.map((k) => k.keyId).sort()).toEqual([keys.president.keyId, keys.secretary.keyId, keys.seal.keyId].sort());
      exported.push(parsed.file);
    }
    expect(await verifyRegister(exported)).toMatchObject({ ok: true, sealed: 3, signatures: 9 });
  });
});
