import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters } from './testing';

type App = ReturnType<typeof createApp>;
const json = { 'content-type': 'application/json' };

async function signIn(app: App, email: string, password = DEMO_PASSWORD) {
  const res = await app.request('/api/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email, password }) });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', body: (await res.json()) as Record<string, unknown> };
}

const call = async (app: App, method: string, path: string, cookie: string, body?: unknown) => {
  const res = await app.request(path, { method, headers: { ...json, Cookie: cookie }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
};

describe.each(adapters)('the organisation’s accounts ($name)', ({ open }) => {
  let db: Driver;
  let app: App;
  let demo: Awaited<ReturnType<typeof seedOrganisation>>;
  let other: Awaited<ReturnType<typeof seedOrganisation>>;
  let admin: string;
  const idOf = async (email: string) => (await db.get<{ id: string }>('SELECT id FROM users WHERE email = ?', [email]))!.id;
  const state = async () => JSON.stringify([await db.all('SELECT * FROM users ORDER BY id'), await db.all('SELECT * FROM memberships ORDER BY user_id'), await db.all('SELECT token_hash FROM sessions ORDER BY 1')]);

  beforeEach(async () => {
    db = await open();
    demo = await seedOrganisation(db);
    other = await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
    app = createApp({ db });
    admin = (await signIn(app, 'admin@demo.example')).cookie;
  });
  afterEach(async () => {
    await db.close();
  });

  it('lists its own accounts only, to its administrateur only', async () => {
    const list = await call(app, 'GET', '/api/users', admin);
    const users = list.body.users as { email: string; role: string; memberId?: string; active: boolean }[];
    expect(users.map((u) => u.email).sort()).toEqual(
      ['admin', 'bernard.lefebvre', 'lecture', 'presidente', 'secretaire'].map((n) => `${n}@demo.example`),
    );
    expect(users.find((u) => u.email === 'presidente@demo.example')).toMatchObject({ role: 'president', memberId: demo.members[0]!.id, active: true });
    expect((await call(app, 'GET', '/api/users', (await signIn(app, 'secretaire@demo.example')).cookie)).status).toBe(403);
  });

  it('links an account to a member, changes its role; the session in use sees it at once', async () => {
    const secretary = (await signIn(app, 'secretaire@demo.example')).cookie;
    const id = await idOf('secretaire@demo.example');
    const member = demo.members[3]!;
    expect((await call(app, 'PATCH', `/api/users/${id}`, admin, { memberId: member.id, role: 'president' })).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', secretary)).body).toMatchObject({ role: 'president', user: { memberId: member.id } });
    expect((await call(app, 'PATCH', `/api/users/${id}`, admin, { memberId: null })).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', secretary)).body.user).not.toHaveProperty('memberId');
  });

  it('a deactivated account is signed out and signs in no more, until reactivated', async () => {
    const reader = (await signIn(app, 'lecture@demo.example')).cookie;
    const id = await idOf('lecture@demo.example');
    expect((await call(app, 'PATCH', `/api/users/${id}`, admin, { active: false })).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', reader)).status).toBe(401);
    expect((await signIn(app, 'lecture@demo.example')).status).toBe(401);
    expect(((await call(app, 'GET', '/api/users', admin)).body.users as { email: string; active: boolean }[]).find((u) => u.email === 'lecture@demo.example')!.active).toBe(false);
    expect((await call(app, 'PATCH', `/api/users/${id}`, admin, { active: true })).status).toBe(200);
    expect((await signIn(app, 'lecture@demo.example')).status).toBe(200);
  });

  it('refuses another organisation’s account, another organisation’s member, its own account, a bad role, a non-administrateur; nothing changes', async () => {
    const before = await state();
    const ours = await idOf('secretaire@demo.example');
    const theirs = await idOf('secretaire@autre.example');
    const secretary = (await signIn(app, 'bernard.lefebvre@demo.example')).cookie;
    const mid = await state();
    const cases: [string, string, unknown, number, string][] = [
      [admin, theirs, { active: false }, 404, 'account.unknownUser'],
      [admin, ours, { memberId: other.members[0]!.id }, 404, 'account.unknownMember'],
      [admin, await idOf('admin@demo.example'), { role: 'lecture' }, 403, 'account.self'],
      [admin, ours, { role: 'roi' }, 400, 'account.badRole'],
      [admin, ours, { role: 'lecture', password_hash: 'x' }, 400, 'api.badRequest'],
      [secretary, ours, { active: false }, 403, 'api.forbidden'],
    ];
    for (const [cookie, id, body, status, code] of cases) {
      const r = await call(app, 'PATCH', `/api/users/${id}`, cookie, body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await state()).toBe(mid);
    expect(before).not.toBe(mid); // (the secretary's sign-in added a session)
  });
});

describe.each(adapters)('one’s own sessions ($name)', ({ open }) => {
  let db: Driver;
  let app: App;
  beforeEach(async () => {
    db = await open();
    await seedOrganisation(db);
    await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
    app = createApp({ db });
  });
  afterEach(async () => {
    await db.close();
  });

  const signInFrom = async (email: string, userAgent: string) => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { ...json, 'user-agent': userAgent }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };

  it('are listed with when and from which browser each began, and one of them is ended', async () => {
    const laptop = await signInFrom('secretaire@demo.example', 'Portable de la mairie');
    const tablet = await signInFrom('secretaire@demo.example', 'Tablette du bureau');
    await signInFrom('secretaire@autre.example', 'Ailleurs');
    const list = (await call(app, 'GET', '/api/auth/sessions', laptop)).body.sessions as { id: string; userAgent: string; current: boolean; createdAt: string }[];
    expect(list.map((s) => [s.userAgent, s.current]).sort()).toEqual([
      ['Portable de la mairie', true],
      ['Tablette du bureau', false],
    ]);
    expect(list.every((s) => typeof s.createdAt === 'string')).toBe(true);
    const tabletId = list.find((s) => !s.current)!.id;
    expect((await call(app, 'DELETE', `/api/auth/sessions/${tabletId}`, laptop)).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', tablet)).status).toBe(401);
    expect((await call(app, 'GET', '/api/auth/me', laptop)).status).toBe(200);
  });

  it('another account’s session is not found and goes on', async () => {
    const mine = await signInFrom('secretaire@demo.example', 'A');
    const theirs = await signInFrom('secretaire@autre.example', 'B');
    const theirId = ((await call(app, 'GET', '/api/auth/sessions', theirs)).body.sessions as { id: string }[])[0]!.id;
    expect((await call(app, 'DELETE', `/api/auth/sessions/${theirId}`, mine)).body.error?.code).toBe('session.unknown');
    expect((await call(app, 'DELETE', '/api/auth/sessions/zz', mine)).status).toBe(404);
    expect((await call(app, 'GET', '/api/auth/me', theirs)).status).toBe(200);
  });
});
