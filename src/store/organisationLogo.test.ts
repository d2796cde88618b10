import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256OfBytes } from '../domain/canonical';
import { newId, type OrganisationId } from '../domain/ids';
import { MAX_LOGO_BYTES, type Organisation } from '../domain/schemas';
import { RegistreDb, useDatabase } from './db';
import { ValidationError } from './errors';
import { logoAnnexId, logoImageOf, removeOrganisationLogo, setOrganisationLogo } from './organisationLogo';
import { pendingMutations } from './outbox';

const orgId = newId<'OrganisationId'>() as OrganisationId;
const organisation: Organisation = {
  id: orgId, name: 'Syndicat mixte de démonstration', kind: 'syndicat_mixte', addressLines: ['12, rue de la Mairie'],
  postalCode: '80000', city: 'AMIENS', phone: '', fax: '', email: '', website: '', siret: '', openingHours: '',
  population: 0, publicationMode: 'electronique', version: 3, updatedAt: '',
};
const now = new Date('2025-03-01T10:00:00Z');
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../e2e/fixtures/${name}`, import.meta.url)));
const file = (name: string, bytes: Uint8Array<ArrayBuffer>, type = 'image/png') => ({ name, data: new Blob([bytes], { type }) });
let d: RegistreDb;

beforeEach(async () => {
  d = new RegistreDb(`logo-${Math.random()}`);
  useDatabase(d);
  await d.open();
  await d.organisations.add(organisation);
});

async function snapshot() {
  return { organisations: await d.organisations.toArray(), annexes: await d.annexes.toArray(), fileSync: await d.fileSync.toArray(), outbox: await d.outbox.toArray() };
}

/** A refused command: its error key on the logo field, and nothing written anywhere. */
async function refusedWith(command: () => Promise<unknown>): Promise<string | undefined> {
  const before = await snapshot();
  const err = await command().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ValidationError);
  expect(await snapshot()).toEqual(before);
  return (err as ValidationError).fieldErrors.logo;
}

describe('setOrganisationLogo', () => {
  it('describes the PNG on the record, keeps its bytes under their hash, marks them to upload, and queues the change', async () => {
    const bytes = fixture('logo.png');
    const sha256 = await sha256OfBytes(bytes);
    const saved = await setOrganisationLogo(orgId, file('  blason.png ', bytes), now);
    const logo = { sha256, fileName: 'blason.png', contentType: 'image/png', size: bytes.byteLength, width: 160, height: 120 };
    expect(saved.logo).toEqual(logo);
    expect((await d.organisations.get(orgId))?.logo).toEqual(logo);
    const annex = await d.annexes.get(logoAnnexId(sha256));
    expect(annex).toMatchObject({ deliberationId: orgId, type: 'image/png', size: bytes.byteLength });
    expect(await d.fileSync.get(sha256)).toMatchObject({ state: 'pending', annexId: logoAnnexId(sha256) });
    expect(await pendingMutations()).toMatchObject([
      { name: 'organisation.update', table: 'organisations', recordId: orgId, baseVersion: 3, args: { logo, updatedAt: now.toISOString() } },
    ]);
    expect([...(await logoImageOf(saved))!.bytes]).toEqual([...bytes]);
  });

  it('takes a JPEG whatever its name says, and names a nameless file', async () => {
    const saved = await setOrganisationLogo(orgId, file('', fixture('logo.jpg'), ''), now);
    expect(saved.logo).toMatchObject({ contentType: 'image/jpeg', fileName: 'logo.jpg', width: 85, height: 64 });
  });

  it('replaces a logo: the new bytes are kept, the old ones freed', async () => {
    const first = await setOrganisationLogo(orgId, file('a.png', fixture('logo.png')), now);
    const second = await setOrganisationLogo(orgId, file('b.jpg', fixture('logo.jpg')), now);
    expect(await d.annexes.get(logoAnnexId(first.logo!.sha256))).toBeUndefined();
    expect(await d.annexes.get(logoAnnexId(second.logo!.sha256))).toBeDefined();
    expect((await pendingMutations()).map((m) => (m.args as { logo: { fileName: string } }).logo.fileName)).toEqual(['a.png', 'b.jpg']);
  });

  it('refuses a text file renamed .png, a PDF and an empty file, writing nothing', async () => {
    const text = new TextEncoder().encode('Ceci n’est pas une image');
    expect(await refusedWith(() => setOrganisationLogo(orgId, file('logo.png', text), now))).toBe('admin.logoNotImage');
    expect(await refusedWith(() => setOrganisationLogo(orgId, file('logo.png', new TextEncoder().encode('%PDF-1.7 x')), now))).toBe('admin.logoNotImage');
    expect(await refusedWith(() => setOrganisationLogo(orgId, file('logo.png', new Uint8Array()), now))).toBe('admin.logoNotImage');
  });

  it('refuses more than 1 MiB, even a real PNG, writing nothing', async () => {
    const png = fixture('logo.png');
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(png);
    expect(await refusedWith(() => setOrganisationLogo(orgId, file('grand.png', big), now))).toBe('admin.logoTooLarge');
  });

  it('is refused to anyone but an administrator, writing nothing', async () => {
    await d.meta.put({ key: 'session', value: { role: 'secretaire' } });
    expect(await refusedWith(() => setOrganisationLogo(orgId, file('logo.png', fixture('logo.png')), now))).toBe('admin.adminOnly');
    await d.meta.put({ key: 'session', value: { role: 'administrateur' } });
    await expect(setOrganisationLogo(orgId, file('logo.png', fixture('logo.png')), now)).resolves.toMatchObject({ logo: { width: 160 } });
  });
});

describe('removeOrganisationLogo', () => {
  it('removes the logo from the record, frees its bytes, and sends null so the server removes it too', async () => {
    const set = await setOrganisationLogo(orgId, file('logo.png', fixture('logo.png')), now);
    const later = new Date('2025-03-02T10:00:00Z');
    const saved = await removeOrganisationLogo(orgId, later);
    expect(saved.logo).toBeUndefined();
    expect('logo' in (await d.organisations.get(orgId))!).toBe(false);
    expect(await d.annexes.get(logoAnnexId(set.logo!.sha256))).toBeUndefined();
    expect(await logoImageOf(saved)).toBeUndefined();
    const last = (await pendingMutations()).at(-1)!;
    expect(last).toMatchObject({ name: 'organisation.update', args: { logo: null, updatedAt: later.toISOString() } });
    expect(JSON.parse(JSON.stringify(last.args))).toHaveProperty('logo', null);
  });

  it('does nothing when there is no logo, and is refused to a secretary', async () => {
    await removeOrganisationLogo(orgId, now);
    expect(await pendingMutations()).toEqual([]);
    await setOrganisationLogo(orgId, file('logo.png', fixture('logo.png')), now);
    await d.meta.put({ key: 'session', value: { role: 'secretaire' } });
    expect(await refusedWith(() => removeOrganisationLogo(orgId, now))).toBe('admin.adminOnly');
  });
});
