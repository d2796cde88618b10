import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../domain/ids';
import type { AnnexAttachment, Convention, Organisation, Party } from '../domain/schemas';
import { attachmentOf, createConvention } from '../store/conventionCommands';
import { RegistreDb, useDatabase } from '../store/db';
import { addAnnex, addItem } from '../store/deliberationCommands';
import { createSeance } from '../store/seanceCommands';
import { sha256OfBytes } from '../domain/canonical';
import { fetchMissingAnnex, fetchMissingFile, fetchMissingLogo, sniffFileType, uploadPendingFiles } from './files';
import { logoAnnexId, logoImageOf, setOrganisationLogo } from '../store/organisationLogo';
import { readFileSync } from 'node:fs';
import { SyncError, type FetchLike } from './transport';

const orgId = newId<'OrganisationId'>();
let d: RegistreDb;

beforeEach(async () => {
  d = new RegistreDb(`files-${Math.random()}`);
  useDatabase(d);
  await d.open();
});

const parties: Party[] = [
  { organisationName: 'Syndicat mixte de démonstration', signatoryName: 'Claire Martin', capacity: 'Présidente' },
  { organisationName: 'Commune de Saint-Aubin', signatoryName: 'Anne Petit', capacity: 'Maire' },
];

/** A séance of its own body, for the deliberation that holds the file. */
const aSeance = () =>
  createSeance({
    organisationId: orgId,
    bodyId: newId(),
    date: '2011-11-07',
    time: '17:30',
    place: 'Salle',
    convocationDate: '2011-06-30',
    presidentId: newId(),
    secretaryIds: [],
  });

const pdfBytes = (tag: string) => new TextEncoder().encode(`%PDF-1.7\n% ${tag}\n${'x'.repeat(500)}\n%%EOF\n`);

async function conventionWithPdf(tag = 'convention'): Promise<{ convention: Convention; bytes: Uint8Array<ArrayBuffer> }> {
  const s = await aSeance();
  const del = await addItem(s.id, { object: 'Autorisation de signer une convention' });
  const bytes = pdfBytes(tag);
  const convention = await createConvention(del.id, {
    title: 'Convention ENT',
    parties,
    text: '',
    attachment: { name: `${tag}.pdf`, type: 'application/pdf', data: new Blob([bytes], { type: 'application/pdf' }) },
  });
  return { convention, bytes };
}

interface Call {
  method: string;
  url: string;
}

/** A server holding files by hash, as /api/files does; `fail` makes the next requests fail. */
function fakeServer() {
  const files = new Map<string, { type: string; bytes: Uint8Array<ArrayBuffer> }>();
  const calls: Call[] = [];
  const state = { fail: undefined as undefined | 'network' | 401 | 500, tamper: false };
  const fetchImpl: FetchLike = async (url, init) => {
    const method = init?.method ?? 'GET';
    calls.push({ method, url });
    if (state.fail === 'network') throw new TypeError('Failed to fetch');
    if (typeof state.fail === 'number') {
      return Response.json({ error: { code: state.fail === 401 ? 'auth.required' : 'api.badRequest', message: 'Refusé' } }, { status: state.fail });
    }
    const sha = url.replace('/api/files/', '');
    if (method === 'PUT') {
      const bytes = new Uint8Array(await (init!.body as Blob).arrayBuffer());
      if ((await sha256OfBytes(bytes)) !== sha) return Response.json({ error: { code: 'files.hashMismatch', message: 'Empreinte' } }, { status: 400 });
      const created = !files.has(sha);
      files.set(sha, { type: new Headers(init!.headers).get('content-type') ?? '', bytes });
      return Response.json({ sha256: sha, created }, { status: created ? 201 : 200 });
    }
    const file = files.get(sha);
    if (!file) return Response.json({ error: { code: 'api.notFound', message: 'Ressource introuvable.' } }, { status: 404 });
    const bytes = state.tamper ? pdfBytes('tampered') : file.bytes;
    return new Response(method === 'HEAD' ? null : bytes, { status: 200, headers: { 'Content-Type': file.type } });
  };
  return { files, calls, state, fetchImpl };
}

/** Another device: it has the convention record (pulled) but not the bytes. */
async function otherDevice(convention: Convention): Promise<RegistreDb> {
  const other = new RegistreDb(`files-other-${Math.random()}`);
  await other.open();
  await other.conventions.add(convention);
  return other;
}

describe('uploadPendingFiles', () => {
  it('uploads an attached PDF once, as the server does not have it, and remembers it', async () => {
    const { convention, bytes } = await conventionWithPdf();
    const sha = convention.attachment!.sha256;
    expect(await d.fileSync.get(sha)).toMatchObject({ state: 'pending', annexId: convention.attachment!.annexId });
    const server = fakeServer();

    expect(await uploadPendingFiles(d, server.fetchImpl)).toEqual({ uploaded: 1, alreadyThere: 0, failed: 0 });
    expect(server.calls).toEqual([
      { method: 'HEAD', url: `/api/files/${sha}` },
      { method: 'PUT', url: `/api/files/${sha}` },
    ]);
    expect(server.files.get(sha)?.type).toBe('application/pdf');
    expect([...server.files.get(sha)!.bytes]).toEqual([...bytes]);
    expect(await d.fileSync.get(sha)).toMatchObject({ state: 'uploaded' });

    server.calls.length = 0;
    expect(await uploadPendingFiles(d, server.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 0, failed: 0 });
    expect(server.calls).toEqual([]);
  });

  it('does not send a file the server already has', async () => {
    const { convention, bytes } = await conventionWithPdf();
    const server = fakeServer();
    server.files.set(convention.attachment!.sha256, { type: 'application/pdf', bytes });
    expect(await uploadPendingFiles(d, server.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 1, failed: 0 });
    expect(server.calls.map((c) => c.method)).toEqual(['HEAD']);
    expect(await d.fileSync.get(convention.attachment!.sha256)).toMatchObject({ state: 'uploaded' });
  });

  it('keeps a failed upload pending with its error, and retries it next round', async () => {
    const { convention } = await conventionWithPdf();
    const sha = convention.attachment!.sha256;
    const server = fakeServer();
    server.state.fail = 'network';
    expect(await uploadPendingFiles(d, server.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 0, failed: 1 });
    expect(await d.fileSync.get(sha)).toMatchObject({ state: 'pending', attempts: 1, error: 'Failed to fetch' });
    server.state.fail = 500;
    await uploadPendingFiles(d, server.fetchImpl);
    expect(await d.fileSync.get(sha)).toMatchObject({ state: 'pending', attempts: 2, error: 'api.badRequest' });

    server.state.fail = undefined;
    expect(await uploadPendingFiles(d, server.fetchImpl)).toMatchObject({ uploaded: 1, failed: 0 });
    const entry = await d.fileSync.get(sha);
    expect(entry?.state).toBe('uploaded');
    expect(entry?.error).toBeUndefined();
  });

  it('stops the round when the session is refused', async () => {
    await conventionWithPdf('one');
    await conventionWithPdf('two');
    const server = fakeServer();
    server.state.fail = 401;
    expect(await uploadPendingFiles(d, server.fetchImpl)).toMatchObject({ failed: 1 });
    expect(server.calls).toHaveLength(1);
  });

  it('uploads what an older device holds without any pending mark, and nothing it does not hold', async () => {
    const { convention } = await conventionWithPdf();
    await d.fileSync.clear(); // attached before file sync existed
    const server = fakeServer();
    expect(await uploadPendingFiles(d, server.fetchImpl)).toMatchObject({ uploaded: 1 });

    const other = await otherDevice(convention);
    const again = fakeServer();
    expect(await uploadPendingFiles(other, again.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 0, failed: 0 });
    expect(again.calls).toEqual([]);
  });

  it('refuses to send local bytes that no longer match the signed hash', async () => {
    const { convention } = await conventionWithPdf();
    const annex = (await d.annexes.get(convention.attachment!.annexId))!;
    await d.annexes.put({ ...annex, data: new Blob([pdfBytes('changed')]) });
    const server = fakeServer();
    expect(await uploadPendingFiles(d, server.fetchImpl)).toMatchObject({ failed: 1 });
    expect(server.calls).toEqual([]);
    expect(await d.fileSync.get(convention.attachment!.sha256)).toMatchObject({ state: 'pending', error: 'files.localMismatch' });
  });
});

describe('fetchMissingFile', () => {
  it('downloads a missing attachment, checks it and keeps it as the same annex', async () => {
    const { convention, bytes } = await conventionWithPdf();
    const server = fakeServer();
    await uploadPendingFiles(d, server.fetchImpl);

    const other = await otherDevice(convention);
    useDatabase(other);
    expect(await attachmentOf(convention)).toBeUndefined();
    expect(await fetchMissingFile(other, convention, server.fetchImpl)).toBe('fetched');
    expect([...(await attachmentOf(convention))!]).toEqual([...bytes]);
    expect(await other.annexes.get(convention.attachment!.annexId)).toMatchObject({
      deliberationId: convention.id,
      name: convention.attachment!.fileName,
      type: 'application/pdf',
      size: bytes.length,
    });
    // The server has it: this device has nothing to upload.
    expect(await other.fileSync.get(convention.attachment!.sha256)).toMatchObject({ state: 'uploaded' });
    server.calls.length = 0;
    expect(await fetchMissingFile(other, convention, server.fetchImpl)).toBe('present');
    expect(await uploadPendingFiles(other, server.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 0, failed: 0 });
    expect(server.calls).toEqual([]);
  });

  it('refuses bytes that do not match the hash and stores nothing', async () => {
    const { convention } = await conventionWithPdf();
    const server = fakeServer();
    await uploadPendingFiles(d, server.fetchImpl);
    server.state.tamper = true;
    const other = await otherDevice(convention);
    const e = await fetchMissingFile(other, convention, server.fetchImpl).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SyncError);
    expect((e as SyncError).code).toBe('files.hashMismatch');
    expect(await other.annexes.count()).toBe(0);
    expect(await other.fileSync.count()).toBe(0);
  });

  it('answers notOnServer while the device that has it has not uploaded it yet', async () => {
    const { convention } = await conventionWithPdf();
    const other = await otherDevice(convention);
    const server = fakeServer();
    expect(await fetchMissingFile(other, convention, server.fetchImpl)).toBe('notOnServer');
    expect(await other.annexes.count()).toBe(0);
    server.state.fail = 500;
    await expect(fetchMissingFile(other, convention, server.fetchImpl)).rejects.toBeInstanceOf(SyncError);
  });

  it('downloads once when asked twice at the same time, and nothing for a convention without PDF', async () => {
    const { convention } = await conventionWithPdf();
    const server = fakeServer();
    await uploadPendingFiles(d, server.fetchImpl);
    server.calls.length = 0;
    const other = await otherDevice(convention);
    const outcomes = await Promise.all([fetchMissingFile(other, convention, server.fetchImpl), fetchMissingFile(other, convention, server.fetchImpl)]);
    expect(outcomes).toEqual(['fetched', 'fetched']);
    expect(server.calls.filter((c) => c.method === 'GET')).toHaveLength(1);
    const { attachment: _a, ...withoutPdf } = convention;
    expect(await fetchMissingFile(other, withoutPdf, server.fetchImpl)).toBe('none');
  });
});

describe('deliberation annexes', () => {
  const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('x'.repeat(3000))]);

  async function annexed(bytes: Uint8Array<ArrayBuffer>, name = 'plan.png', type = 'image/png') {
    const s = await aSeance();
    const del = await addItem(s.id, { object: 'Travaux de voirie' });
    const annex = await addAnnex(del.id, { name, type, data: new Blob([bytes], { type }) });
    return (await d.attachments.get(annex.id))!;
  }

  /** Another device: it has the annex record (pulled) but not the bytes. */
  async function deviceWith(record: AnnexAttachment): Promise<RegistreDb> {
    const other = new RegistreDb(`files-other-${Math.random()}`);
    await other.open();
    await other.attachments.add(record);
    return other;
  }

  it('tells PDF, PNG and JPEG by their first bytes, and nothing else', () => {
    expect(sniffFileType(pdfBytes('x'))).toBe('application/pdf');
    expect(sniffFileType(png())).toBe('image/png');
    expect(sniffFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    expect(sniffFileType(new TextEncoder().encode('<svg/>'))).toBeUndefined();
    expect(sniffFileType(new Uint8Array(0))).toBeUndefined();
  });

  it('uploads an annex with its type, and another device downloads it with progress, byte-identical', async () => {
    const bytes = png();
    const record = await annexed(bytes);
    const server = fakeServer();
    expect(await uploadPendingFiles(d, server.fetchImpl)).toEqual({ uploaded: 1, alreadyThere: 0, failed: 0 });
    expect(server.files.get(record.sha256)?.type).toBe('image/png');
    expect(await d.fileSync.get(record.sha256)).toMatchObject({ state: 'uploaded', annexId: record.id });

    const other = await deviceWith(record);
    const progress: number[] = [];
    expect(await fetchMissingAnnex(other, record, server.fetchImpl, (received, total) => progress.push(received / total))).toBe('fetched');
    expect(progress.at(-1)).toBe(1);
    const stored = (await other.annexes.get(record.id))!;
    expect(stored).toMatchObject({ deliberationId: record.deliberationId, name: 'plan.png', type: 'image/png', size: bytes.length, addedAt: record.addedAt });
    expect([...new Uint8Array(await stored.data.arrayBuffer())]).toEqual([...bytes]);
    expect(await other.fileSync.get(record.sha256)).toMatchObject({ state: 'uploaded' });
    expect(await fetchMissingAnnex(other, record, server.fetchImpl)).toBe('present');
    server.calls.length = 0;
    expect(await uploadPendingFiles(other, server.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 0, failed: 0 });
    expect(server.calls).toEqual([]);
  });

  it('refuses a download that does not match the record, and answers notOnServer before the upload', async () => {
    const record = await annexed(pdfBytes('annexe'), 'annexe.pdf', 'application/pdf');
    const server = fakeServer();
    const other = await deviceWith(record);
    expect(await fetchMissingAnnex(other, record, server.fetchImpl)).toBe('notOnServer');
    await uploadPendingFiles(d, server.fetchImpl);
    server.state.tamper = true;
    const e = await fetchMissingAnnex(other, record, server.fetchImpl, () => undefined).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SyncError);
    expect((e as SyncError).code).toBe('files.hashMismatch');
    expect(await other.annexes.count()).toBe(0);
    server.state.tamper = false;
    expect(await fetchMissingAnnex(other, record, server.fetchImpl)).toBe('fetched');
  });

  it('never sends a file of a type the server does not take', async () => {
    await annexed(new TextEncoder().encode('PK odt'), 'note.odt', 'application/vnd.oasis.opendocument.text');
    const server = fakeServer();
    expect(await uploadPendingFiles(d, server.fetchImpl)).toEqual({ uploaded: 0, alreadyThere: 0, failed: 0 });
    expect(server.calls).toEqual([]);
  });
});

describe('the organisation’s logo', () => {
  const png = new Uint8Array(readFileSync(new URL('../../e2e/fixtures/logo.png', import.meta.url)));
  const org: Organisation = {
    id: orgId as Organisation['id'], name: 'Syndicat', kind: 'syndicat_mixte', addressLines: [], postalCode: '', city: '', phone: '', fax: '',
    email: '', website: '', siret: '', openingHours: '', population: 0, publicationMode: 'electronique', version: 1, updatedAt: '',
  };

  it('is uploaded by the device that chose it, then fetched and checked by another one when it prints', async () => {
    await d.organisations.add({ ...org });
    const withLogo = await setOrganisationLogo(orgId, { name: 'logo.png', data: new Blob([png], { type: 'image/png' }) });
    const sha = withLogo.logo!.sha256;
    const server = fakeServer();
    expect(await uploadPendingFiles(d, server.fetchImpl)).toEqual({ uploaded: 1, alreadyThere: 0, failed: 0 });
    expect(server.files.get(sha)?.type).toBe('image/png');
    expect(await d.fileSync.get(sha)).toMatchObject({ state: 'uploaded', annexId: logoAnnexId(sha) });

    // Another device has the pulled record, not the bytes.
    const other = new RegistreDb(`files-other-${Math.random()}`);
    await other.open();
    await other.organisations.add(withLogo);
    expect(await fetchMissingLogo(other, withLogo, server.fetchImpl)).toBe('fetched');
    const annex = await other.annexes.get(logoAnnexId(sha));
    expect([...new Uint8Array(await annex!.data.arrayBuffer())]).toEqual([...png]);
    expect(annex?.type).toBe('image/png');
    expect(await other.fileSync.get(sha)).toMatchObject({ state: 'uploaded' });
    expect(await fetchMissingLogo(other, withLogo, server.fetchImpl)).toBe('present');
    useDatabase(other);
    expect((await logoImageOf(withLogo))?.type).toBe('image/png');
  });

  it('is not stored when the server sends other bytes, nor when it does not have it yet', async () => {
    await d.organisations.add({ ...org });
    const withLogo = await setOrganisationLogo(orgId, { name: 'logo.png', data: new Blob([png], { type: 'image/png' }) });
    const server = fakeServer();
    const other = new RegistreDb(`files-other-${Math.random()}`);
    await other.open();
    expect(await fetchMissingLogo(other, withLogo, server.fetchImpl)).toBe('notOnServer');
    await uploadPendingFiles(d, server.fetchImpl);
    server.state.tamper = true;
    await expect(fetchMissingLogo(other, withLogo, server.fetchImpl)).rejects.toMatchObject({ code: 'files.hashMismatch' });
    expect(await other.annexes.count()).toBe(0);
    expect(await fetchMissingLogo(other, { ...withLogo, logo: undefined }, server.fetchImpl)).toBe('none');
  });
});
