import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../src/domain/ids';
import { generateDeviceKey, keyIdOf } from '../src/domain/signing';
import { createApp } from './app';
import { MAX_DEVICE_KEYS_PER_USER } from './auth/devices';
import { COUNTERS, delayAfter } from './auth/limits';
import { currentParams, hashPassword, OWASP_LOG2_N } from './auth/passwords';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters, postgresAvailable } from './testing';

/*
 * The attacks of the accounts issue, tried against the server as an attacker would: parallel
 * guesses, forged headers, foreign pages, junk keys. Each test fails on the code before the fix.
 */

type App = ReturnType<typeof createApp>;
const pgUp = await postgresAvailable();

/** A request as it arrives from `address` (the socket's remote address, as @hono/node-server gives it). */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

function tryLogin(app: App, email: string, password: string, address = '192.0.2.10', headers: Record<string, string> = {}) {
  return app.request(
    '/api/auth/login',
    { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) },
    from(address),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`sign-in and requests under attack, on ${adapter.name}`, () => {
    let db: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      app = createApp({ db });
    });
    afterAll(async () => db.close());

    /** A fresh account of the demo organisation, so that no test shares a counter with another. */
    async function account(): Promise<string> {
      const email = `essai-${newId()}@demo.example`;
      const id = newId();
      await db.run('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)', [
        id, email, 'Essai', await hashPassword(DEMO_PASSWORD), new Date().toISOString(),
      ]);
      await db.run('INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)', [id, demo.organisation.id, 'secretaire']);
      return email;
    }

    it('60 parallel wrong passwords: the attempts are counted before the check, and the right one sent with them is refused too', async () => {
      const email = await account();
      const address = '198.51.100.7';
      const burst = await Promise.all([
        ...Array.from({ length: 59 }, () => tryLogin(app, email, 'mauvais', address)),
        tryLogin(app, email, DEMO_PASSWORD, address),
      ]);
      const statuses = burst.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(COUNTERS.pair.free);
      expect(statuses.filter((s) => s === 429)).toHaveLength(60 - COUNTERS.pair.free);
      expect(statuses.at(-1)).toBe(429);
      const refused = burst.find((r) => r.status === 429)!;
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Trop de tentatives/);
    });

    it('a forged X-Forwarded-For is not believed without a trusted proxy; behind one, the client is the last untrusted hop', async () => {
      const email = await account();
      const statuses: number[] = [];
      for (let i = 0; i < COUNTERS.pair.free + 3; i++) {
        statuses.push((await tryLogin(app, email, 'mauvais', '203.0.113.9', { 'X-Forwarded-For': `10.0.${i}.1` })).status);
      }
      expect(statuses.slice(0, COUNTERS.pair.free).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(COUNTERS.pair.free).every((s) => s === 429)).toBe(true);

      // Behind a proxy at 127.0.0.1: a client writing its own first hops is still seen as itself.
      const proxied = createApp({ db, trustedProxies: ['127.0.0.1'] });
      const email2 = await account();
      const viaProxy = (forged: string) =>
        proxied.request(
          '/api/auth/login',
          { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `${forged}, 203.0.113.77` }, body: JSON.stringify({ email: email2, password: 'mauvais' }) },
          from('127.0.0.1'),
        );
      const seen: number[] = [];
      for (let i = 0; i < COUNTERS.pair.free + 1; i++) seen.push((await viaProxy(`10.9.${i}.1`)).status);
      expect(seen.at(-1)).toBe(429);
      // Another client behind the same proxy is not blocked by it.
      const other = await proxied.request(
        '/api/auth/login',
        { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.78' }, body: JSON.stringify({ email: email2, password: DEMO_PASSWORD }) },
        from('127.0.0.1'),
      );
      expect(other.status).toBe(200);
    });

    it('an attacker elsewhere never keeps the real user out for more than a minute, and a success is not counted as a failure', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.parse('2026-12-03T09:00:00Z');
      vi.setSystemTime(start);
      const email = await account();
      // Guesses from ever new addresses, as fast as the server lets them through, for ten minutes.
      let t = start;
      let guesses = 0;
      for (let i = 0; i < 400 && t < start + 10 * 60_000; i++) {
        vi.setSystemTime(t);
        const r = await tryLogin(app, email, 'mauvais', `198.18.${i >> 8}.${i & 255}`);
        if (r.status === 401) guesses++;
        t += 3_000;
      }
      // Past its free tries the account asks for up to a minute between guesses: ~30 in 10 minutes.
      expect(guesses).toBeLessThan(COUNTERS.account.free + 15);
      // The real user, from the mairie, a minute after the last guess: in.
      vi.setSystemTime(t + COUNTERS.account.maxDelayMs);
      expect((await tryLogin(app, email, DEMO_PASSWORD, '192.0.2.200')).status).toBe(200);
      // Signing in again and again is not guessing.
      for (let i = 0; i < COUNTERS.pair.free + 2; i++) expect((await tryLogin(app, email, DEMO_PASSWORD, '192.0.2.200')).status).toBe(200);
    }, 30_000);

    it('failed sign-ins with made-up e-mails leave rows of a fixed size, purged after a day', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.parse('2026-12-04T09:00:00Z');
      vi.setSystemTime(start);
      const long = 'x'.repeat(180);
      for (let i = 0; i < 20; i++) await tryLogin(app, `${long}${i}@inconnu.example`, 'mauvais', `100.64.0.${i}`);
      const rows = await db.all<{ key: string }>('SELECT key FROM login_attempts');
      expect(rows.length).toBeGreaterThanOrEqual(20);
      for (const r of rows) expect(r.key).toMatch(/^[0-9a-f]{64}$/);
      await db.run('INSERT INTO sessions (token_hash, user_id, organisation_id, expires_at) VALUES (?, ?, ?, ?)', [
        'expired-session', 'nobody', demo.organisation.id, new Date(start - 1000).toISOString(),
      ]);
      // A day later, the next sign-in purges them, and the expired session.
      vi.setSystemTime(start + 24 * 3600_000 + 60_000);
      await tryLogin(app, 'secretaire@demo.example', DEMO_PASSWORD, '192.0.2.1');
      const left = await db.all<{ key: string }>('SELECT key FROM login_attempts');
      expect(left.length, JSON.stringify(await db.all('SELECT * FROM login_attempts'))).toBeLessThanOrEqual(3);
      expect(await db.get("SELECT token_hash FROM sessions WHERE token_hash = 'expired-session'")).toBeUndefined();
    }, 30_000);

    it('a page of another origin, or another port of this host, cannot change anything; nor a body that is not JSON', async () => {
      const login = await tryLogin(app, 'secretaire@demo.example', DEMO_PASSWORD);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const seanceId = newId();
      const push = (headers: Record<string, string>) =>
        app.request('/api/sync/push', {
          method: 'POST',
          headers: { Cookie: cookie, Host: 'registre.example', ...headers },
          body: JSON.stringify({
            clientId: newId(),
            mutations: [{ mutationId: 1, name: 'seance.create', table: 'seances', recordId: seanceId, baseVersion: 0, args: {
              id: seanceId, organisationId: demo.organisation.id, bodyId: demo.bodies[0]!.id, date: '2011-11-07', time: '17:30', place: 'Salle', convocationDate: '2011-06-30',
            } }],
          }),
        });
      const json = { 'Content-Type': 'application/json' };
      expect((await push({ ...json, Origin: 'http://evil.example' })).status).toBe(403);
      expect((await push({ ...json, Origin: 'http://registre.example:5555' })).status).toBe(403);
      expect((await push({ ...json, 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
      expect((await push({ ...json, Origin: 'null' })).status).toBe(403);
      const plain = await push({ 'Content-Type': 'text/plain', Origin: 'http://registre.example' });
      expect(plain.status).toBe(415);
      expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('api.jsonOnly');
      expect(await db.get("SELECT id FROM records WHERE tbl = 'seances' AND id = ?", [seanceId])).toBeUndefined();
      // The app itself: same origin.
      expect((await push({ ...json, Origin: 'http://registre.example', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
      expect(await db.get("SELECT id FROM records WHERE tbl = 'seances' AND id = ?", [seanceId])).toBeDefined();
    });

    it('behind HTTPS the session cookie is Secure and HSTS is sent; every answer carries a strict Content-Security-Policy', async () => {
      const httpsApp = createApp({ db, publicUrl: 'https://registre.example' });
      const res = await httpsApp.request(
        '/api/auth/login',
        { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'https://registre.example' }, body: JSON.stringify({ email: 'secretaire@demo.example', password: DEMO_PASSWORD }) },
        from('192.0.2.30'),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      // The public origin is the only one: the Host header a proxy passes on does not count.
      const foreign = await httpsApp.request('/api/auth/logout', { method: 'POST', headers: { Origin: 'https://autre.example', Host: 'autre.example' } });
      expect(foreign.status).toBe(403);

      const plain = await tryLogin(app, 'secretaire@demo.example', DEMO_PASSWORD, '192.0.2.31');
      expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
      expect(plain.headers.get('strict-transport-security')).toBeNull();
      const csp = (await app.request('/api/health')).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    });

    it('a body nested 10,000 deep, or with a NUL character, is a 400 and changes nothing (push, audit, sign-in)', async () => {
      const login = await tryLogin(app, 'secretaire@demo.example', DEMO_PASSWORD, '192.0.2.50');
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const post = (path: string, body: string) => app.request(path, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body });
      const seanceId = newId();
      const args = { id: seanceId, organisationId: demo.organisation.id, bodyId: demo.bodies[0]!.id, date: '2011-11-07', time: '17:30', place: 'Salle', convocationDate: '2011-06-30' };
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      const mutation = (a: unknown) => ({ mutationId: 1, name: 'seance.create', table: 'seances', recordId: seanceId, baseVersion: 0, args: a });
      const nestedPush = `{"clientId":"${newId()}","mutations":[${JSON.stringify(mutation({ ...args, place: 'X' })).replace('"X"', deep)}]}`;
      const answers = [
        await post('/api/sync/push', nestedPush),
        await post('/api/sync/push', JSON.stringify({ clientId: newId(), mutations: [mutation({ ...args, place: 'Salle\u0000du conseil' })] })),
        await app.request(`/api/audit?table=seances&id=${encodeURIComponent('a\u0000b')}`, { headers: { Cookie: cookie } }),
        await tryLogin(app, 'secretaire\u0000@demo.example', DEMO_PASSWORD, '192.0.2.51'),
      ];
      expect(answers.map((r) => r.status)).toEqual([400, 400, 400, 400]);
      expect(await db.get("SELECT id FROM records WHERE tbl = 'seances' AND id = ?", [seanceId])).toBeUndefined();
    });

    it('parallel first pushes under one new client id: each answered, the changes applied once', async () => {
      const login = await tryLogin(app, 'secretaire@demo.example', DEMO_PASSWORD, '192.0.2.60');
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const clientId = newId();
      const seanceId = newId();
      const body = JSON.stringify({
        clientId,
        mutations: [{ mutationId: 1, name: 'seance.create', table: 'seances', recordId: seanceId, baseVersion: 0, args: {
          id: seanceId, organisationId: demo.organisation.id, bodyId: demo.bodies[0]!.id, date: '2011-11-07', time: '17:30', place: 'Salle', convocationDate: '2011-06-30',
        } }],
      });
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => app.request('/api/sync/push', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body })),
      );
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const statuses = await Promise.all(answers.map(async (r) => ((await r.json()) as { results: { status: string }[] }).results[0]?.status ?? 'none'));
      expect(statuses.filter((x) => x === 'applied')).toHaveLength(1);
      expect(Number((await db.get<{ n: number | string }>("SELECT COUNT(*) AS n FROM push_results WHERE record_id = ? AND status = 'applied'", [seanceId]))!.n)).toBe(1);
      expect(await db.get("SELECT id FROM records WHERE tbl = 'seances' AND id = ?", [seanceId])).toBeDefined();
    });

    it('a device key must be a point of P-256, and one account registers twenty devices at most', async () => {
      const email = await account();
      const login = await tryLogin(app, email, DEMO_PASSWORD, '192.0.2.70');
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const register = (keyId: string, publicKeyJwk: JsonWebKey) =>
        app.request('/api/devices', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ keyId, publicKeyJwk }) });
      const good = await generateDeviceKey();
      // The same x twice: not a point of the curve, whatever its key id says.
      const offCurve = { kty: 'EC', crv: 'P-256', x: good.publicKeyJwk.x, y: good.publicKeyJwk.x };
      const bad = await register(await keyIdOf(offCurve), offCurve);
      expect(bad.status).toBe(400);
      for (let i = 0; i < MAX_DEVICE_KEYS_PER_USER; i++) {
        const k = i === 0 ? good : await generateDeviceKey();
        expect((await register(k.keyId, k.publicKeyJwk)).status).toBe(200);
      }
      // Again the first one: known, not a new device.
      expect((await register(good.keyId, good.publicKeyJwk)).status).toBe(200);
      const extra = await generateDeviceKey();
      const refused = await register(extra.keyId, extra.publicKeyJwk);
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('devices.tooMany');
      const userId = (await db.get<{ id: string }>('SELECT id FROM users WHERE email = ?', [email]))!.id;
      expect(Number((await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM device_keys WHERE user_id = ?', [userId]))!.n)).toBe(MAX_DEVICE_KEYS_PER_USER);
    });

    it('uploads: an organisation stores no more than its quota, and an account sends two files at a time', async () => {
      // An organisation of its own, so that its quota counts only the files of this test.
      const other = await seedOrganisation(db, { name: 'Syndicat des quotas', emailDomain: `quota-${newId()}.example` });
      const email = (await db.get<{ email: string }>(
        "SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organisation_id = ? AND m.role = 'secretaire'",
        [other.organisation.id],
      ))!.email;
      const small = createApp({ db, fileQuotaBytes: 3000 });
      const login = await tryLogin(small, email, DEMO_PASSWORD, '192.0.2.80');
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const pdf = (size: number, fill: number): Uint8Array<ArrayBuffer> => {
        const bytes = new Uint8Array(size).fill(fill);
        bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
        return bytes;
      };
      const hex = async (bytes: Uint8Array<ArrayBuffer>) => Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
      const put = async (bytes: Uint8Array<ArrayBuffer>, announce = true) =>
        small.request(`/api/files/${await hex(bytes)}`, {
          method: 'PUT',
          headers: { Cookie: cookie, 'Content-Type': 'application/pdf', ...(announce ? { 'Content-Length': String(bytes.byteLength) } : {}) },
          body: bytes,
        });
      const stored = async () => Number((await db.get<{ n: number | string | null }>('SELECT SUM(size) AS n FROM files WHERE organisation_id = ?', [other.organisation.id]))?.n ?? 0);

      expect((await put(pdf(2000, 1))).status).toBe(201);
      // Announced too large: refused before a byte is read.
      const announced = await put(pdf(1500, 2));
      expect(announced.status).toBe(413);
      expect(((await announced.json()) as { error: { code: string } }).error.code).toBe('files.quota');
      // Not announced: refused once read, before it is stored.
      expect((await put(pdf(1500, 3), false)).status).toBe(413);
      expect(await stored()).toBe(2000);
      // The same file again is no new byte: still accepted.
      expect((await put(pdf(2000, 1))).status).toBe(200);

      // Two uploads whose bodies have not ended hold the account's two places; a third waits its turn.
      const open: ReadableStreamDefaultController<Uint8Array>[] = [];
      const unfinished = () =>
        small.request(`/api/files/${'a'.repeat(64)}`, {
          method: 'PUT',
          headers: { Cookie: cookie, 'Content-Type': 'application/pdf' },
          body: new ReadableStream<Uint8Array>({ start: (ctl) => void open.push(ctl) }),
          duplex: 'half',
        } as RequestInit);
      const held = [unfinished(), unfinished()];
      // Until both holders have entered the route, a file already stored is still answered 200
      // (and nothing is written); then every upload waits its turn, a new file included.
      await vi.waitFor(async () => expect((await put(pdf(2000, 1))).status).toBe(429), { timeout: 20_000, interval: 20 });
      const third = await put(pdf(10, 4));
      expect(third.status).toBe(429);
      expect(((await third.json()) as { error: { code: string } }).error.code).toBe('files.busy');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      // The two bodies end (their bytes do not match their hash: refused, nothing stored).
      for (const ctl of open) {
        ctl.enqueue(new TextEncoder().encode('%PDF-1.7'));
        ctl.close();
      }
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([400, 400]);
      // Their places are given back.
      expect((await put(pdf(10, 5))).status).toBe(201);
    }, 30_000);

    it('a password hashed with weaker parameters is hashed again at the next sign-in', async () => {
      const email = await account();
      const weak = await withLog2N(10, () => hashPassword(DEMO_PASSWORD));
      await db.run('UPDATE users SET password_hash = ? WHERE email = ?', [weak, email]);
      expect((await tryLogin(app, email, DEMO_PASSWORD, '192.0.2.40')).status).toBe(200);
      const stored = (await db.get<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = ?', [email]))!.password_hash;
      expect(stored).not.toBe(weak);
      expect(stored.split('$')[1]).toBe(String(currentParams().N));
      expect((await tryLogin(app, email, DEMO_PASSWORD, '192.0.2.40')).status).toBe(200);
    });
  });
}

async function withLog2N<T>(n: number, fn: () => Promise<T>): Promise<T> {
  const before = process.env.REGISTRE_SCRYPT_LOG2_N;
  process.env.REGISTRE_SCRYPT_LOG2_N = String(n);
  try {
    return await fn();
  } finally {
    process.env.REGISTRE_SCRYPT_LOG2_N = before;
  }
}

describe('the limits themselves', () => {
  it('production hashes use OWASP’s scrypt parameters (N = 2^17, r = 8, p = 1)', () => {
    expect(OWASP_LOG2_N).toBe(17);
    expect(currentParams({})).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    // The test setting cannot go below 2^10, nor above OWASP's.
    expect(currentParams({ REGISTRE_SCRYPT_LOG2_N: '4' }).N).toBe(2 ** 17);
    expect(currentParams({ REGISTRE_SCRYPT_LOG2_N: '12' }).N).toBe(2 ** 12);
  });

  it('asks for no delay during the free tries, then doubles it, up to its cap', () => {
    const c = COUNTERS.pair;
    expect(delayAfter(c.free - 1, c)).toBe(0);
    expect(delayAfter(c.free, c)).toBe(1000);
    expect(delayAfter(c.free + 3, c)).toBe(8000);
    expect(delayAfter(c.free + 1000, c)).toBe(c.maxDelayMs);
  });
});
