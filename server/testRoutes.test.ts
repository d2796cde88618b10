import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../src/domain/ids';
import type { PullResponse, PushResponse } from '../src/domain/sync';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import type { TestOrganisation } from './testRoutes';
import { adapters } from './testing';

let db: Driver | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await db?.close();
  db = undefined;
});

type App = ReturnType<typeof createApp>;

async function signIn(app: App, email: string): Promise<{ status: number; cookie: string }> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

const organisations = async (d: Driver) => Number((await d.get<{ n: number }>("SELECT COUNT(*) AS n FROM records WHERE tbl = 'organisations'"))?.n);

describe('the e2e seeding route', () => {
  it('does not exist without REGISTRE_TEST_ROUTES=1: 401 without a session, 404 with one, nothing created', async () => {
    vi.stubEnv('REGISTRE_TEST_ROUTES', '');
    db = await adapters[0]!.open();
    await seedOrganisation(db);
    const app = createApp({ db });
    const before = await organisations(db);
    expect((await app.request('/api/test/organisation', { method: 'POST' })).status).toBe(401);
    const { cookie } = await signIn(app, 'secretaire@demo.example');
    const res = await app.request('/api/test/organisation', { method: 'POST', headers: { Cookie: cookie } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'api.notFound' } });
    expect(await organisations(db)).toBe(before);
  });

  it('with it, makes a new organisation per call, with the demo bodies and members and accounts of its own', async () => {
    vi.stubEnv('REGISTRE_TEST_ROUTES', '1');
    db = await adapters[0]!.open();
    const app = createApp({ db });
    const make = async () => {
      const res = await app.request('/api/test/organisation', { method: 'POST' });
      expect(res.status).toBe(201);
      return (await res.json()) as TestOrganisation;
    };
    const [a, b] = [await make(), await make()];
    expect(a.organisation.id).not.toBe(b.organisation.id);
    expect(a.bodies.map((x) => x.name)).toEqual(['Bureau', 'Comité syndical']);
    expect(a.members).toHaveLength(9);
    expect(a.accounts.map((x) => x.role)).toEqual(['administrateur', 'secretaire', 'president', 'secretaire', 'lecture']);
    const emailsOfB = new Set(b.accounts.map((x) => x.email));
    expect(a.accounts.some((x) => emailsOfB.has(x.email))).toBe(false);
    // An account of one signs in to that one and sees only its records.
    const secretary = a.accounts.find((x) => x.name === 'Sam Secrétaire')!;
    const { status, cookie } = await signIn(app, secretary.email);
    expect(status).toBe(200);
    const pull = await app.request(`/api/sync/pull?clientId=${newId()}&cursor=0&limit=2000`, { headers: { Cookie: cookie } });
    const records = ((await pull.json()) as PullResponse).records;
    expect(records.filter((r) => r.table === 'organisations').map((r) => r.id)).toEqual([a.organisation.id]);
    expect(records.filter((r) => r.table === 'members')).toHaveLength(9);
  });
});

describe('the server clock', () => {
  it('dates sessions and pushes: a session ends when the clock passes its expiry', async () => {
    db = await adapters[0]!.open();
    const demo = await seedOrganisation(db);
    let now = Date.parse('2030-01-01T08:00:00.000Z');
    const app = createApp({ db, clock: () => new Date(now) });
    const { cookie } = await signIn(app, 'secretaire@demo.example');
    const sid = newId();
    const clientId = newId();
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({
        clientId,
        mutations: [{ mutationId: 1, name: 'seance.create', table: 'seances', recordId: sid, baseVersion: 0, args: {
          id: sid, organisationId: demo.organisation.id, bodyId: demo.bodies[0]!.id, date: '2011-11-07', time: '17:30', place: 'Salle', convocationDate: '2011-06-30',
        } }],
      }),
    });
    expect(((await res.json()) as PushResponse).results[0]!.status).toBe('applied');
    expect(await db.get('SELECT at FROM pushes WHERE client_id = ?', [clientId])).toEqual({ at: '2030-01-01T08:00:00.000Z' });

    now += 12 * 3600_000 - 1;
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(200);
    now += 1;
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(401);
  });
});
