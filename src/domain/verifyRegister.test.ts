import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeSeal, type Seal } from './seal';
import { parseSeanceFileText } from './seanceFile';
import { minutesContent } from './signedContent';
import { generateDeviceKey } from './signing';
import { publishedKey, registerKeys, rehash, sealedRegister as sealedFrom } from './registerFixtures';
import { verifyRegister } from './verifyRegister';

const fixture = parseSeanceFileText(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8'));
if (!fixture.ok) throw new Error(fixture.message);
const orgId = fixture.file.organisation.id;
const registerKeySet = await registerKeys(orgId);
const { president: presidentKey, secretary: secretaryKey, seal: sealKey, published: keys } = registerKeySet;
const published = (key: typeof sealKey, kind: 'seal' | 'device') => publishedKey(key, orgId, kind);
const sealedRegister = () => sealedFrom(fixture.ok ? fixture.file : (undefined as never), registerKeySet);

describe('verifying the register from séance files', () => {
  it('an intact register verifies, every signature with its key and every seal with the seal key', async () => {
    expect(await verifyRegister(await sealedRegister())).toEqual({ ok: true, sealed: 3, signatures: 9, sealKeys: [sealKey.keyId], unsignedSeals: 0 });
  });

  it('altering one character of a sealed séance fails its signatures and breaks the chain at that séance, and says which', async () => {
    const files = await sealedRegister();
    const d = files[1]!.deliberations[0]!;
    files[1]!.deliberations[0] = { ...d, object: d.object.replace('ENT', 'ENS') };
    const r = await verifyRegister(files);
    expect(r).toMatchObject({ ok: false, seanceId: files[1]!.seance.id });
    expect(!r.ok && r.message).toBe('Séance du 2011-12-12 : le procès-verbal signé par Jean-François VASSEUR (Président) a été modifié depuis sa signature.');
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      'Séance du 2011-12-12 : le procès-verbal signé par Jean-François VASSEUR (Président) a été modifié depuis sa signature.',
      'Séance du 2011-12-12 : le procès-verbal signé par Jean-Claude RENAUX (Secrétaire de séance) a été modifié depuis sa signature.',
      'Séance du 2011-12-12 : l’extrait de la délibération n° 20111107_DL_04 signé par Jean-François VASSEUR (Président) a été modifié depuis sa signature.',
      'Registre altéré à la séance n° 2 (séance du 2011-12-12) : son contenu ne correspond plus à son scellement.',
    ]);
  });

  it('an edited vote count with every hash recomputed passes the chain but fails each device signature and the seal signature', async () => {
    const files = await sealedRegister();
    const v = files[0]!.votes[0]!;
    files[0]!.votes[0] = { ...v, yes: v.yes - 1, no: v.no + 1 };
    await rehash(files);
    const r = await verifyRegister(files);
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      'Séance du 2011-11-07 : la signature de Jean-François VASSEUR (Président) sur le procès-verbal ne se vérifie pas avec sa clé.',
      'Séance du 2011-11-07 : la signature de Jean-Claude RENAUX (Secrétaire de séance) sur le procès-verbal ne se vérifie pas avec sa clé.',
      'Séance du 2011-11-07 : la signature de Jean-François VASSEUR (Président) sur l’extrait de la délibération n° 20111107_DL_04 ne se vérifie pas avec sa clé.',
      'Registre altéré à la séance n° 1 (séance du 2011-11-07) : la signature du scellement ne se vérifie pas avec la clé du serveur.',
      'Registre altéré à la séance n° 2 (séance du 2011-12-12) : la signature du scellement ne se vérifie pas avec la clé du serveur.',
      'Registre altéré à la séance n° 3 (séance du 2012-01-16) : la signature du scellement ne se vérifie pas avec la clé du serveur.',
    ]);
    expect(r).toMatchObject({ ok: false, seanceId: files[0]!.seance.id });
  });

  it('a signature whose key the file does not carry fails, saying so; an older file without keys is told to be exported again', async () => {
    const files = await sealedRegister();
    files[2]!.keys = keys.filter((k) => k.keyId !== secretaryKey.keyId);
    const r = await verifyRegister(files);
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      `Séance du 2012-01-16 : la clé d’appareil ${secretaryKey.keyId.slice(0, 16)}… de la signature de Jean-Claude RENAUX (Secrétaire de séance) sur le procès-verbal est absente du fichier : cette signature ne peut pas être vérifiée.`,
    ]);
    delete files[2]!.keys;
    const old = await verifyRegister(files);
    expect(!old.ok && old.message).toContain('fichier exporté avant la publication des clés : exportez-le à nouveau');
    expect(!old.ok && old.problems.at(-1)!.message).toBe(
      `Registre altéré à la séance n° 3 (séance du 2012-01-16) : la clé du serveur ${sealKey.keyId.slice(0, 16)}… qui a signé le scellement est absente du fichier.`,
    );
  });

  it('a key of the wrong kind, or changed in the file, does not verify', async () => {
    const files = await sealedRegister();
    // The seal key named as a device key.
    files[0]!.keys = keys.map((k) => (k.keyId === sealKey.keyId ? { ...k, kind: 'device' as const } : k));
    const other = await generateDeviceKey();
    files[1]!.keys = keys.map((k) => (k.keyId === presidentKey.keyId ? { ...k, publicKeyJwk: published(other, 'device').publicKeyJwk } : k));
    const r = await verifyRegister(files);
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      'Séance du 2011-12-12 : la clé d’appareil jointe pour la signature de Jean-François VASSEUR (Président) sur le procès-verbal a été modifiée.',
      'Séance du 2011-12-12 : la clé d’appareil jointe pour la signature de Jean-François VASSEUR (Président) sur l’extrait de la délibération n° 20111107_DL_04 a été modifiée.',
      'Registre altéré à la séance n° 1 (séance du 2011-11-07) : la clé qui a signé le scellement n’est pas une clé de scellement de son organisation.',
    ]);
  });

  it('a seal made before seals were signed passes only when a later signed seal covers it', async () => {
    const files = await sealedRegister();
    // Séance 1 sealed unsigned by an older server, séances 2 and 3 signed: the chain covers it.
    let previous: Seal | undefined;
    for (const [i, f] of files.entries()) {
      const signer = i === 0 ? undefined : { organisationId: orgId, key: sealKey };
      previous = await makeSeal(f.seance.id, minutesContent(f), previous, f.seal!.sealedAt, signer);
      f.seal = { ...previous, organisationId: orgId, version: 1 };
    }
    expect(await verifyRegister(files)).toMatchObject({ ok: true, sealed: 3, unsignedSeals: 1 });
    // The last seal unsigned: nothing covers it.
    const { keyId: _k, signature: _s, ...unsigned } = files[2]!.seal!;
    files[2]!.seal = unsigned;
    const r = await verifyRegister(files);
    expect(r).toMatchObject({ ok: false, index: 3, message: 'Registre altéré à la séance n° 3 (séance du 2012-01-16) : le scellement n’est pas signé par le serveur.' });
  });

  it('a sealed procès-verbal without its president’s or secretary’s signature fails', async () => {
    const files = await sealedRegister();
    files[1]!.signatures = files[1]!.signatures.filter((s) => s.subject.kind !== 'minutes');
    const r = await verifyRegister(files);
    expect(!r.ok && r.problems.map((p) => p.message)).toEqual([
      'Séance du 2011-12-12 : le procès-verbal scellé ne porte pas la signature du président de séance.',
      'Séance du 2011-12-12 : le procès-verbal scellé ne porte pas la signature de son secrétaire de séance Jean-Claude RENAUX.',
    ]);
  });

  it('a missing séance is detected', async () => {
    const files = await sealedRegister();
    const r = await verifyRegister([files[0]!, files[2]!]);
    expect(r).toMatchObject({ ok: false, index: 2, message: 'Registre altéré à la séance n° 2 (séance du 2012-01-16) : une séance manque ou a été déplacée (cette séance porte le n° 3).' });
  });

  it('a séance file with keys still parses, and an older one without them too', async () => {
    const [f] = await sealedRegister();
    const parsed = parseSeanceFileText(JSON.stringify(f));
    expect(parsed.ok && parsed.file.keys).toEqual(keys);
    const older = parseSeanceFileText(JSON.stringify({ ...f, keys: undefined }));
    expect(older.ok && older.file.keys).toBeUndefined();
  });
});
