import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { MAX_FILE_BYTES } from './files';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters, postgresAvailable } from './testing';

type App = ReturnType<typeof createApp>;
const pgUp = await postgresAvailable();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small PDF-looking file; `tag` makes each one distinct. */
function pdf(tag: string, size = 2000): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode(`%PDF-1.7\n% ${tag}\n`);
  const bytes = new Uint8Array(Math.max(size, head.length + 6));
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + tag.length) % 256;
  bytes.set(head);
  bytes.set(new TextEncoder().encode('%%EOF\n'), bytes.length - 6);
  return bytes;
}

/** A PNG- or JPEG-looking file (the magic bytes, then filler); `tag` makes each one distinct. */
function image(kind: 'png' | 'jpeg', tag: string, size = 1500): Uint8Array<ArrayBuffer> {
  const magic = kind === 'png' ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] : [0xff, 0xd8, 0xff, 0xe0];
  const bytes = new Uint8Array(size);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 17 + tag.length * 7) % 256;
  bytes.set(magic);
  bytes.set(new TextEncoder().encode(tag), magic.length);
  return bytes;
}

async function signIn(app: App, email: string) {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return {
    cookie,
    put: (hash: string, body: Uint8Array<ArrayBuffer> | string, type = 'application/pdf') =>
      app.request(`/api/files/${hash}`, { method: 'PUT', headers: { 'Content-Type': type, Cookie: cookie }, body }),
    get: (hash: string) => app.request(`/api/files/${hash}`, { headers: { Cookie: cookie } }),
  };
}

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`files on ${adapter.name}`, () => {
    let db: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
      app = createApp({ db });
    });
    afterAll(async () => db.close());

    const count = async () => Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM files'))!.n);

    it('stores a PDF under its SHA-256 and gives back the same bytes, cacheable forever', async () => {
      const secretary = await signIn(app, 'secretaire@demo.example');
      const bytes = pdf('upload', 300_000);
      const hash = sha256(bytes);
      const put = await secretary.put(hash, bytes);
      expect(put.status).toBe(201);
      expect(await put.json()).toEqual({ sha256: hash, size: bytes.length, created: true });

      // Any role of the organisation reads it, the read-only one included.
      for (const email of ['secretaire@demo.example', 'presidente@demo.example', 'lecture@demo.example']) {
        const res = await (await signIn(app, email)).get(hash);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
        // A PDF opens in the browser's viewer; the type is never sniffed.
        expect(res.headers.get('content-disposition')).toBeNull();
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const back = new Uint8Array(await res.arrayBuffer());
        expect(back.length).toBe(bytes.length);
        expect(sha256(back)).toBe(hash);
        expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);
      }
      // HEAD tells whether the server has it, without the bytes (what a device asks before uploading).
      const head = await app.request(`/api/files/${hash}`, { method: 'HEAD', headers: { Cookie: secretary.cookie } });
      expect(head.status).toBe(200);
      expect((await head.arrayBuffer()).byteLength).toBe(0);
      expect((await app.request(`/api/files/${sha256(pdf('absent'))}`, { method: 'HEAD', headers: { Cookie: secretary.cookie } })).status).toBe(404);
      const row = await db.get<{ organisation_id: string; size: number; content_type: string }>(
        'SELECT organisation_id, size, content_type FROM files WHERE sha256 = ?',
        [hash],
      );
      expect(row).toMatchObject({ organisation_id: demo.organisation.id, content_type: 'application/pdf' });
      expect(Number(row!.size)).toBe(bytes.length);
      if (adapter.name === 'sqlite') {
        expect(await db.get('SELECT typeof(bytes) AS t FROM files WHERE sha256 = ?', [hash])).toEqual({ t: 'blob' });
      }
    });

    it('is idempotent: the same file again is answered 200 and changes nothing', async () => {
      const secretary = await signIn(app, 'secretaire@demo.example');
      const bytes = pdf('twice');
      const hash = sha256(bytes);
      expect((await secretary.put(hash, bytes)).status).toBe(201);
      const before = await count();
      const created = await db.get<{ created_at: string }>('SELECT created_at FROM files WHERE sha256 = ?', [hash]);
      const again = await (await signIn(app, 'presidente@demo.example')).put(hash, bytes);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ created: false });
      expect(await count()).toBe(before);
      expect(await db.get('SELECT created_at FROM files WHERE sha256 = ?', [hash])).toEqual(created);
    });

    it('refuses bytes that do not match their hash, in French, and stores nothing', async () => {
      const secretary = await signIn(app, 'secretaire@demo.example');
      const bytes = pdf('honest');
      const other = pdf('tampered');
      const before = await count();
      const res = await secretary.put(sha256(bytes), other);
      expect(res.status).toBe(400);
      const error = await errorCode(res);
      expect(error.code).toBe('files.hashMismatch');
      expect(error.message).toMatch(/empreinte SHA-256/);
      expect(await count()).toBe(before);
      expect((await secretary.get(sha256(bytes))).status).toBe(404);
      expect((await secretary.get(sha256(other))).status).toBe(404);
    });

    it('refuses a malformed name, another type than PDF, PNG or JPEG and an empty file', async () => {
      const secretary = await signIn(app, 'secretaire@demo.example');
      const bytes = pdf('typed');
      const before = await count();
      expect((await secretary.put('abc', bytes)).status).toBe(400);
      expect((await secretary.get('../../etc/passwd')).status).toBe(404);
      expect((await secretary.get('ABC')).status).toBe(400);
      const html = new TextEncoder().encode('<script>alert(1)</script>');
      const asHtml = await secretary.put(sha256(html), html, 'text/html');
      expect(asHtml.status).toBe(400);
      expect((await errorCode(asHtml)).code).toBe('files.unsupportedType');
      // Declared a PDF, but is not one.
      const lying = await secretary.put(sha256(html), html);
      expect((await errorCode(lying)).code).toBe('files.unsupportedType');
      expect((await secretary.put(sha256(new Uint8Array(0)), new Uint8Array(0))).status).toBe(400);
      expect(await count()).toBe(before);
    });

    it('stores a PNG and a JPEG told by their first bytes, served back as downloads never sniffed', async () => {
      const secretary = await signIn(app, 'secretaire@demo.example');
      for (const [kind, type] of [['png', 'image/png'], ['jpeg', 'image/jpeg']] as const) {
        const bytes = image(kind, `annex-${kind}`);
        const hash = sha256(bytes);
        const put = await secretary.put(hash, bytes, type);
        expect(put.status).toBe(201);
        const res = await (await signIn(app, 'presidente@demo.example')).get(hash);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(type);
        expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${hash}"`);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), Buffer.from(bytes))).toBe(0);
        const row = await db.get<{ content_type: string }>('SELECT content_type FROM files WHERE sha256 = ?', [hash]);
        expect(row?.content_type).toBe(type);
      }
    });

    it('refuses an image whose bytes are not the declared type, and SVG (it could run a script)', async () => {
      const secretary = await signIn(app, 'secretaire@demo.example');
      const before = await count();
      const png = image('png', 'declared-jpeg');
      // A PNG declared as JPEG, a PDF declared as PNG, JPEG bytes declared as PDF.
      expect((await errorCode(await secretary.put(sha256(png), png, 'image/jpeg'))).code).toBe('files.unsupportedType');
      const doc = pdf('declared-png');
      expect((await errorCode(await secretary.put(sha256(doc), doc, 'image/png'))).code).toBe('files.unsupportedType');
      const jpeg = image('jpeg', 'declared-pdf');
      expect((await errorCode(await secretary.put(sha256(jpeg), jpeg, 'application/pdf'))).code).toBe('files.unsupportedType');
      const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      const asSvg = await secretary.put(sha256(svg), svg, 'image/svg+xml');
      expect(asSvg.status).toBe(400);
      expect((await errorCode(asSvg)).code).toBe('files.unsupportedType');
      const gif = new TextEncoder().encode('GIF89a' + 'x'.repeat(100));
      expect((await secretary.put(sha256(gif), gif, 'image/gif')).status).toBe(400);
      expect(await count()).toBe(before);
    });

    it("answers another organisation's file as not found, like a missing one", async () => {
      const mine = await signIn(app, 'secretaire@demo.example');
      const bytes = pdf('private');
      const hash = sha256(bytes);
      expect((await mine.put(hash, bytes)).status).toBe(201);
      const neighbour = await signIn(app, 'secretaire@autre.example');
      const res = await neighbour.get(hash);
      expect(res.status).toBe(404);
      expect((await errorCode(res)).code).toBe('api.notFound');
      expect((await neighbour.get(sha256(pdf('never stored')))).status).toBe(404);
      // The neighbour may store the same file for itself; each organisation has its own copy.
      expect((await neighbour.put(hash, bytes)).status).toBe(201);
      expect((await neighbour.get(hash)).status).toBe(200);
    });

    it('refuses a read-only member (403) and a visitor without a session (401)', async () => {
      const reader = await signIn(app, 'lecture@demo.example');
      const bytes = pdf('reader');
      const before = await count();
      const res = await reader.put(sha256(bytes), bytes);
      expect(res.status).toBe(403);
      expect((await errorCode(res)).code).toBe('api.forbidden');
      const anonymous = await app.request(`/api/files/${sha256(bytes)}`, { method: 'PUT', headers: { 'Content-Type': 'application/pdf' }, body: bytes });
      expect(anonymous.status).toBe(401);
      expect((await app.request(`/api/files/${sha256(bytes)}`)).status).toBe(401);
      expect(await count()).toBe(before);
    });

    it('takes a file above the 2 MiB API limit, and refuses one above 20 MiB with 413', async () => {
      const secretary = await signIn(app, 'secretaire@demo.example');
      const big = pdf('big', 5 * 1024 * 1024);
      expect((await secretary.put(sha256(big), big)).status).toBe(201);
      const before = await count();
      const huge = pdf('huge', MAX_FILE_BYTES + 1);
      const res = await secretary.put(sha256(huge), huge);
      expect(res.status).toBe(413);
      expect((await errorCode(res)).code).toBe('api.tooLarge');
      // Declared too large up front: refused before the body is read.
      const declared = await app.request(`/api/files/${sha256(huge)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/pdf', 'Content-Length': String(huge.length), Cookie: secretary.cookie },
        body: huge,
      });
      expect(declared.status).toBe(413);
      expect(await count()).toBe(before);
      // The other API routes keep their 2 MiB limit.
      const push = await app.request('/api/sync/push', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(3 * 1024 * 1024) });
      expect(push.status).toBe(413);
    });
  });
}
