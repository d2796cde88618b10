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

const call = async (app: App, method: string, path: string, body?: unknown, cookie = '') => {
  const res = await app.request(path, { method, headers: { ...json, ...(cookie ? { Cookie: cookie } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
};

describe.each(adapters)('invitations ($name)', ({ open }) => {
  let db: Driver;
  let app: App;
  let demo: Awaited<ReturnType<typeof seedOrganisation>>;
  let other: Awaited<ReturnType<typeof seedOrganisation>>;
  let admin: string;
  beforeEach(async () => {
    db = await open();
    demo = await seedOrganisation(db);
    other = await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
    app = createApp({ db, publicUrl: 'https://registre.example.fr' });
    admin = (await signIn(app, 'admin@demo.example')).cookie;
  });
  afterEach(async () => {
    await db.close();
  });

  const invite = (body: Record<string, unknown>, cookie = admin) => call(app, 'POST', '/api/invitations', body, cookie);
  const tokenOf = (url: unknown) => String(url).split('#')[1]!;
  const users = async () => Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))!.n);

  it('an administrator invites; the link, used once, makes the account with the role and member given; the token is stored hashed', async () => {
    const member = demo.members[5]!;
    const inv = await invite({ email: 'Olivier.Fontaine@demo.example', role: 'secretaire', name: 'Olivier FONTAINE', memberId: member.id, days: 3 });
    expect(inv.status).toBe(201);
    expect(inv.body.url).toMatch(/^https:\/\/registre\.example\.fr\/invitation#[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(inv.body.url);
    expect(JSON.stringify(await db.all('SELECT * FROM invitations'))).not.toContain(token);
    expect(Date.parse(String(inv.body.expiresAt)) - Date.now()).toBeGreaterThan(2.9 * 24 * 3600_000);

    const seen = await call(app, 'POST', '/api/invitations/inspect', { token });
    expect(seen).toMatchObject({ status: 200, body: { email: 'olivier.fontaine@demo.example', role: 'secretaire', organisationName: demo.organisation.name } });

    const accepted = await call(app, 'POST', '/api/invitations/accept', { token, password: 'mon mot de passe à moi' });
    expect(accepted).toMatchObject({ status: 201, body: { email: 'olivier.fontaine@demo.example', organisationId: demo.organisation.id } });
    const s = await signIn(app, 'olivier.fontaine@demo.example', 'mon mot de passe à moi');
    expect(s.body).toMatchObject({ role: 'secretaire', organisationId: demo.organisation.id, user: { name: 'Olivier FONTAINE', memberId: member.id } });

    const before = await users();
    expect((await call(app, 'POST', '/api/invitations/accept', { token, password: 'un autre mot de passe' })).body.error?.code).toBe('invitation.invalid');
    expect((await call(app, 'POST', '/api/invitations/inspect', { token })).status).toBe(404);
    expect(await users()).toBe(before);
    expect((await call(app, 'GET', '/api/invitations', undefined, admin)).body.invitations).toEqual([
      expect.objectContaining({ email: 'olivier.fontaine@demo.example', usedAt: expect.any(String) }),
    ]);
  });

  it('an expired invitation is refused and makes no account', async () => {
    const token = tokenOf((await invite({ email: 'tard@demo.example', role: 'lecture', name: 'Tard' })).body.url);
    await db.run('UPDATE invitations SET expires_at = ?', [new Date(Date.now() - 1000).toISOString()]);
    const before = await users();
    expect((await call(app, 'POST', '/api/invitations/inspect', { token })).status).toBe(404);
    const r = await call(app, 'POST', '/api/invitations/accept', { token, password: 'mot de passe assez long' });
    expect(r).toMatchObject({ status: 404, body: { error: { code: 'invitation.invalid' } } });
    expect(await users()).toBe(before);
  });

  it('only an administrator invites, and only into their own organisation', async () => {
    const secretary = (await signIn(app, 'secretaire@demo.example')).cookie;
    expect((await invite({ email: 'x@demo.example', role: 'lecture' }, secretary)).status).toBe(403);
    expect((await call(app, 'GET', '/api/invitations', undefined, secretary)).status).toBe(403);
    // A member of another organisation cannot be given to the account.
    expect((await invite({ email: 'x@demo.example', role: 'president', memberId: other.members[0]!.id })).body.error?.code).toBe('account.unknownMember');
    expect(await db.all('SELECT * FROM invitations')).toEqual([]);

    const ours = await invite({ email: 'y@demo.example', role: 'lecture', name: 'Y' });
    const otherAdmin = (await signIn(app, 'admin@autre.example')).cookie;
    expect((await call(app, 'GET', '/api/invitations', undefined, otherAdmin)).body.invitations).toEqual([]);
    expect((await call(app, 'DELETE', `/api/invitations/${String(ours.body.id)}`, undefined, otherAdmin)).status).toBe(404);
    // Still usable; its own administrator withdraws it, and then it is not.
    const token = tokenOf(ours.body.url);
    expect((await call(app, 'POST', '/api/invitations/inspect', { token })).status).toBe(200);
    expect((await call(app, 'DELETE', `/api/invitations/${String(ours.body.id)}`, undefined, admin)).status).toBe(200);
    expect((await call(app, 'POST', '/api/invitations/inspect', { token })).status).toBe(404);
  });

  it('bad input is refused and changes nothing; a weak password leaves the invitation usable', async () => {
    expect((await invite({ email: 'pas une adresse', role: 'lecture' })).body.error?.code).toBe('account.badEmail');
    expect((await invite({ email: 'z@demo.example', role: 'roi' })).body.error?.code).toBe('account.badRole');
    expect((await invite({ email: 'z@demo.example', role: 'lecture', days: 365 })).status).toBe(400);
    expect((await invite({ email: 'SECRETAIRE@demo.example', role: 'lecture' })).body.error?.code).toBe('account.emailTaken');
    expect(await db.all('SELECT * FROM invitations')).toEqual([]);

    const token = tokenOf((await invite({ email: 'z@demo.example', role: 'lecture' })).body.url);
    const before = await users();
    expect((await call(app, 'POST', '/api/invitations/accept', { token, name: 'Zoé', password: 'court' })).body.error?.code).toBe('account.weakPassword');
    expect((await call(app, 'POST', '/api/invitations/accept', { token, name: 'Zoé', password: DEMO_PASSWORD })).body.error?.code).toBe('account.demoPassword');
    expect((await call(app, 'POST', '/api/invitations/accept', { token, password: 'assez long cette fois' })).body.error?.code).toBe('account.badName');
    expect((await call(app, 'POST', '/api/invitations/accept', { token: 'abc', name: 'Zoé', password: 'assez long cette fois' })).status).toBe(400);
    const plain = await app.request('/api/invitations/accept', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ token, name: 'Zoé', password: 'assez long cette fois' }) });
    expect(plain.status).toBe(415);
    expect(await users()).toBe(before);
    expect((await call(app, 'POST', '/api/invitations/accept', { token, name: 'Zoé', password: 'assez long cette fois' })).status).toBe(201);
  });

  it('a new invitation to the same address replaces the unused one; parallel acceptances make one account', async () => {
    const first = tokenOf((await invite({ email: 'w@demo.example', role: 'lecture', name: 'W' })).body.url);
    const second = tokenOf((await invite({ email: 'w@demo.example', role: 'secretaire', name: 'W' })).body.url);
    expect((await call(app, 'POST', '/api/invitations/inspect', { token: first })).status).toBe(404);
    const before = await users();
    const results = await Promise.all(
      [1, 2, 3].map((i) => call(app, 'POST', '/api/invitations/accept', { token: second, password: `mot de passe numéro ${i}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 404, 404]);
    expect(await users()).toBe(before + 1);
    expect(await db.get("SELECT m.role FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.email = 'w@demo.example'")).toEqual({ role: 'secretaire' });
  });
});

describe.each(adapters)('POST /api/auth/password ($name)', ({ open }) => {
  let db: Driver;
  let app: App;
  beforeEach(async () => {
    db = await open();
    await seedOrganisation(db);
    app = createApp({ db });
  });
  afterEach(async () => {
    await db.close();
  });

  it('changes one’s own password given the current one; other sessions end, this one stays', async () => {
    const here = (await signIn(app, 'secretaire@demo.example')).cookie;
    const elsewhere = (await signIn(app, 'secretaire@demo.example')).cookie;
    const hashBefore = await db.get("SELECT password_hash FROM users WHERE email = 'secretaire@demo.example'");

    expect((await call(app, 'POST', '/api/auth/password', { currentPassword: 'pas le bon', newPassword: 'un nouveau mot de passe' }, here)).body.error?.code).toBe('account.wrongPassword');
    expect((await call(app, 'POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'court' }, here)).body.error?.code).toBe('account.weakPassword');
    expect((await call(app, 'POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'un nouveau mot de passe' })).status).toBe(401);
    expect(await db.get("SELECT password_hash FROM users WHERE email = 'secretaire@demo.example'")).toEqual(hashBefore);
    expect((await call(app, 'GET', '/api/auth/me', undefined, elsewhere)).status).toBe(200);

    expect((await call(app, 'POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'un nouveau mot de passe' }, here)).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', undefined, here)).status).toBe(200);
    expect((await call(app, 'GET', '/api/auth/me', undefined, elsewhere)).status).toBe(401);
    expect((await signIn(app, 'secretaire@demo.example')).status).toBe(401);
    expect((await signIn(app, 'secretaire@demo.example', 'un nouveau mot de passe')).status).toBe(200);
  });

  it('guessing the current password through an open session is limited like signing in', async () => {
    const cookie = (await signIn(app, 'lecture@demo.example')).cookie;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(app, 'POST', '/api/auth/password', { currentPassword: `essai ${i}`, newPassword: 'un nouveau mot de passe' }, cookie)).status);
    expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
    expect(statuses.at(-1)).toBe(429);
  });
});
