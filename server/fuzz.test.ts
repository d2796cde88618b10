import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushRequestSchema } from '../src/domain/sync';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters, postgresAvailable } from './testing';

/** Small deterministic PRNG (mulberry32): a failure is reproducible from its seed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * (depth > 2 ? 6 : 9));
  const strings = ['', 'x', '<script>alert(1)</script>', '💥', 'مرحبا', "' OR 1=1 --", '\u0000', 'a'.repeat(300), '2011-02-30', '-1'];
  switch (k) {
    case 0: return null;
    case 1: return r() < 0.5;
    case 2: return Math.floor((r() - 0.5) * 2 ** (r() * 60));
    case 3: return r() < 0.1 ? NaN : r() * 1e6;
    case 4: return strings[Math.floor(r() * strings.length)];
    case 5: return Number.MAX_SAFE_INTEGER + 2;
    case 6: return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const keys = ['clientId', 'mutations', 'mutationId', 'table', 'recordId', 'baseVersion', 'args', 'name', 'email', 'password', 'keyId', 'publicKeyJwk', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 5) }, () => [keys[Math.floor(r() * keys.length)]!, randomValue(r, depth + 1)]));
    }
  }
}

function malformedBody(r: () => number): string {
  const v = randomValue(r);
  const text = JSON.stringify(v) ?? 'undefined';
  switch (Math.floor(r() * 4)) {
    case 0: return text.slice(0, Math.floor(r() * text.length)); // truncated
    case 1: return text + '}'; // trailing garbage
    case 2: return '\uFEFF' + text.replace(/"/g, "'"); // not JSON
    default: return text;
  }
}

const pgUp = await postgresAvailable();

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`malformed input on ${adapter.name}`, () => {
    let db: Driver;
    let app: ReturnType<typeof createApp>;
    let cookie = '';
    beforeAll(async () => {
      db = await adapter.open();
      await seedOrganisation(db);
      app = createApp({ db });
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'secretaire@demo.example', password: DEMO_PASSWORD }),
      });
      cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    });
    afterAll(async () => db.close());

    const snapshot = async () =>
      JSON.stringify([
        await db.all('SELECT tbl, id, version, seq, body FROM records ORDER BY tbl, id'),
        await db.all('SELECT client_id, last_mutation_id FROM clients ORDER BY client_id'),
        await db.all('SELECT user_id, organisation_id, role FROM memberships ORDER BY user_id'),
        await db.all('SELECT key_id FROM device_keys ORDER BY key_id'),
      ]);

    it('1,000 random or malformed payloads on every endpoint: no 5xx, no row changed', async () => {
      const before = await snapshot();
      const r = rng(20111107);
      const endpoints = [
        { method: 'POST', path: '/api/sync/push' },
        { method: 'POST', path: '/api/devices' },
        { method: 'POST', path: '/api/auth/login' },
        { method: 'GET', path: '/api/sync/pull' },
        { method: 'GET', path: '/api/auth/me' },
      ];
      const statuses = new Map<number, number>();
      for (const ep of endpoints) {
        for (let i = 0; i < 1000; i++) {
          const body = malformedBody(r);
          let parsed: unknown;
          try {
            parsed = JSON.parse(body);
          } catch {
            parsed = undefined;
          }
          // A well-formed push would rightly change rows: it is not a malformed payload.
          if (ep.path === '/api/sync/push' && PushRequestSchema.safeParse(parsed).success) continue;
          const query = ep.method === 'GET' ? `?clientId=${encodeURIComponent(String(randomValue(r)))}&cursor=${encodeURIComponent(String(randomValue(r)))}&limit=${encodeURIComponent(String(randomValue(r)))}` : '';
          const res = await app.request(ep.path + query, {
            method: ep.method,
            headers: { 'Content-Type': 'application/json', ...(r() < 0.9 ? { Cookie: cookie } : {}) },
            ...(ep.method === 'POST' ? { body } : {}),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${ep.path} ${body.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/\w/);
        }
      }
      expect(await snapshot()).toBe(before);
      // The fuzzing really hit the validation paths, not only the session check.
      expect(statuses.get(400) ?? 0).toBeGreaterThan(1000);
    }, 120_000);

    it('an oversized body gets 413 and changes nothing', async () => {
      const before = await snapshot();
      const res = await app.request('/api/sync/push', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ clientId: 'abcdefgh', mutations: [], pad: 'x'.repeat(3 * 1024 * 1024) }),
      });
      expect(res.status).toBe(413);
      expect(await snapshot()).toBe(before);
    });
  });
}
