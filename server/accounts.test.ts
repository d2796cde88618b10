import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters, postgresAvailable } from './testing';

/*
 * Account administration (server/accounts.ts) against a hostile client: another organisation's
 * administrator, a secretary calling the administrator's routes, replayed and expired reset links,
 * parallel requests. Each refusal is checked to have changed nothing.
 */

const pgUp = await postgresAvailable();
let orgs = 0;
const NEW_PASSWORD = 'un mot de passe bien long';

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`account administration on ${adapter.name}`, () => {
    let db: Driver;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      db = await adapter.open();
      app = createApp({ db });
    });
    afterAll(async () => db.close());

    const json = (method: string, body: unknown, cookie?: string): RequestInit => ({
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    async function signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
      const res = await app.request('/api/auth/login', json('POST', { email, password }));
      expect(res.status, `${email} signs in`).toBe(200);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    }
    const loginStatus = async (email: string, password: string) => {
      const res = await app.request('/api/auth/login', json('POST', { email, password }));
      return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code };
    };
    const get = (path: string, cookie: string) => app.request(path, { headers: { cookie } });
    const patch = (id: string, body: unknown, cookie: string) => app.request(`/api/admin/users/${id}`, json('PATCH', body, cookie));
    const reset = (id: string, cookie: string) => app.request(`/api/admin/users/${id}/password-reset`, { method: 'POST', headers: { cookie } });
    const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

    async function organisation() {
      const domain = `comptes${++orgs}-${adapter.name}.example`;
      const snap = await seedOrganisation(db, { name: `Syndicat ${domain}`, emailDomain: domain });
      const admin = await signIn(`admin@${domain}`);
      const users = ((await (await get('/api/admin/users', admin)).json()) as { users: { id: string; email: string; role: string; memberId: string | null; active: boolean }[] }).users;
      const byEmail = (local: string) => users.find((u) => u.email === `${local}@${domain}`)!;
      return { snap, domain, admin, users, secretary: byEmail('secretaire'), president: byEmail('presidente'), adminUser: byEmail('admin') };
    }
    const userRow = (id: string) => db.get<{ role: string; member_id: string | null; deactivated_at: string | null; password_hash: string }>(
      'SELECT m.role, u.member_id, m.deactivated_at, u.password_hash FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.id = ?',
      [id],
    );

    it('lists only the organisation’s accounts, with role, member, state and last sign-in', async () => {
      const a = await organisation();
      const b = await organisation();
      expect(a.users.map((u) => u.email).sort()).toEqual(
        ['admin', 'bernard.lefebvre', 'lecture', 'presidente', 'secretaire'].map((l) => `${l}@${a.domain}`).sort(),
      );
      expect(a.users.some((u) => u.email.endsWith(b.domain))).toBe(false);
      expect(a.president).toMatchObject({ role: 'president', memberId: a.snap.members[0]!.id, active: true });
      expect(a.adminUser).toMatchObject({ role: 'administrateur', memberId: null, active: true });
      expect(Date.parse((a.adminUser as unknown as { lastSignInAt: string }).lastSignInAt)).toBeGreaterThan(Date.now() - 60_000);
      expect((a.secretary as unknown as { lastSignInAt: string | null }).lastSignInAt).toBeNull();
    });

    it('refuses a secretary, a reader and no session on every administrator route, changing nothing', async () => {
      const a = await organisation();
      const before = await userRow(a.president.id);
      for (const who of [`secretaire@${a.domain}`, `lecture@${a.domain}`, `presidente@${a.domain}`]) {
        const cookie = await signIn(who);
        expect((await get('/api/admin/users', cookie)).status).toBe(403);
        const p = await patch(a.president.id, { role: 'administrateur' }, cookie);
        expect(p.status).toBe(403);
        expect((await errorOf(p)).message).toBe('Action non autorisée pour votre rôle.');
        expect((await reset(a.president.id, cookie)).status).toBe(403);
      }
      expect((await app.request('/api/admin/users')).status).toBe(401);
      expect((await app.request(`/api/admin/users/${a.president.id}`, json('PATCH', { role: 'lecture' }))).status).toBe(401);
      expect(await userRow(a.president.id)).toEqual(before);
      expect(await db.get('SELECT COUNT(*) AS n FROM password_resets')).toMatchObject({ n: expect.anything() });
      expect(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM password_resets WHERE user_id = ?', [a.president.id]))!.n)).toBe(0);
    });

    it('answers another organisation’s account exactly like a missing one', async () => {
      const a = await organisation();
      const b = await organisation();
      const before = await userRow(a.secretary.id);
      const foreign = await patch(a.secretary.id, { role: 'administrateur' }, b.admin);
      const missing = await patch('0190-inexistant', { role: 'administrateur' }, b.admin);
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(await foreign.json()).toEqual(await missing.json());
      const foreignReset = await reset(a.secretary.id, b.admin);
      expect(foreignReset.status).toBe(404);
      expect(await foreignReset.json()).toEqual(await (await reset('0190-inexistant', b.admin)).json());
      expect((await patch(a.secretary.id, { active: false }, b.admin)).status).toBe(404);
      // Nor may b link its own account to a's member.
      expect((await patch(b.secretary.id, { memberId: a.snap.members[3]!.id }, b.admin)).status).toBe(400);
      expect(await userRow(a.secretary.id)).toEqual(before);
      expect((await userRow(b.secretary.id))!.member_id).toBeNull();
    });

    it('links an account to a member of the organisation only, one account per member, and unlinks it', async () => {
      const a = await organisation();
      const b = await organisation();
      const member = a.snap.members[4]!;
      const ok = await patch(a.secretary.id, { memberId: member.id }, a.admin);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { user: unknown }).user).toMatchObject({ id: a.secretary.id, memberId: member.id, role: 'secretaire', active: true });
      // The secretary's session says whom she signs as now.
      const secretary = await signIn(`secretaire@${a.domain}`);
      expect(await (await get('/api/auth/me', secretary)).json()).toMatchObject({ user: { memberId: member.id } });

      const foreignMember = await patch(a.secretary.id, { memberId: b.snap.members[4]!.id }, a.admin);
      expect(foreignMember.status).toBe(400);
      expect((await errorOf(foreignMember)).message).toBe('Ce membre n’existe pas dans votre organisation.');
      expect((await patch(a.secretary.id, { memberId: 'pas-un-membre' }, a.admin)).status).toBe(400);
      // The president's member is hers: nobody else signs as Claire DUMONT.
      const taken = await patch(a.secretary.id, { memberId: a.snap.members[0]!.id }, a.admin);
      expect(taken.status).toBe(409);
      expect((await errorOf(taken)).code).toBe('accounts.memberTaken');
      expect((await userRow(a.secretary.id))!.member_id).toBe(member.id);

      expect((await patch(a.secretary.id, { memberId: null }, a.admin)).status).toBe(200);
      expect((await userRow(a.secretary.id))!.member_id).toBeNull();
    });

    it('refuses a malformed body with a 400 or 415 and changes nothing', async () => {
      const a = await organisation();
      const before = await userRow(a.secretary.id);
      for (const body of [{}, { role: 'root' }, { role: 'administrateur', extra: 1 }, { active: 'non' }, { memberId: '' }, { memberId: 'x'.repeat(500) }]) {
        const res = await patch(a.secretary.id, body, a.admin);
        expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      }
      const text = await app.request(`/api/admin/users/${a.secretary.id}`, { method: 'PATCH', headers: { 'content-type': 'text/plain', cookie: a.admin }, body: '{"role":"administrateur"}' });
      expect(text.status).toBe(415);
      const foreignOrigin = await app.request(`/api/admin/users/${a.secretary.id}`, {
        ...json('PATCH', { role: 'administrateur' }, a.admin),
        headers: { 'content-type': 'application/json', cookie: a.admin, origin: 'http://evil.example' },
      });
      expect(foreignOrigin.status).toBe(403);
      expect(await userRow(a.secretary.id)).toEqual(before);
    });

    it('keeps the last administrator: no demotion, no deactivation, until another one exists', async () => {
      const a = await organisation();
      for (const body of [{ role: 'secretaire' }, { active: false }, { role: 'lecture', active: false }]) {
        const res = await patch(a.adminUser.id, body, a.admin);
        expect(res.status).toBe(409);
        expect((await errorOf(res)).code).toBe('accounts.lastAdministrator');
      }
      expect(await userRow(a.adminUser.id)).toMatchObject({ role: 'administrateur', deactivated_at: null });
      // A role change that keeps them administrator is not a demotion.
      expect((await patch(a.adminUser.id, { role: 'administrateur' }, a.admin)).status).toBe(200);

      expect((await patch(a.secretary.id, { role: 'administrateur' }, a.admin)).status).toBe(200);
      const second = await signIn(`secretaire@${a.domain}`);
      // Two administrators demote each other at once: one of them stays.
      const [x, y] = await Promise.all([patch(a.adminUser.id, { role: 'secretaire' }, second), patch(a.secretary.id, { role: 'secretaire' }, a.admin)]);
      // The other is refused: the last administrator (409), or no longer one (403), whichever came second.
      expect([x.status, y.status].filter((s) => s === 200)).toHaveLength(1);
      expect([x.status, y.status].filter((s) => s === 409 || s === 403)).toHaveLength(1);
      const admins = await db.all("SELECT user_id FROM memberships WHERE organisation_id = ? AND role = 'administrateur' AND deactivated_at IS NULL", [a.snap.organisation.id]);
      expect(admins).toHaveLength(1);
    });

    it('deactivates an account: its sessions end, it cannot sign in; reactivated, it can', async () => {
      const a = await organisation();
      const email = `secretaire@${a.domain}`;
      const session = await signIn(email);
      expect((await get('/api/auth/me', session)).status).toBe(200);
      const off = await patch(a.secretary.id, { active: false }, a.admin);
      expect(off.status).toBe(200);
      expect(((await off.json()) as { user: { active: boolean } }).user.active).toBe(false);
      expect((await get('/api/auth/me', session)).status).toBe(401);
      expect(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?', [a.secretary.id]))!.n)).toBe(0);
      expect(await loginStatus(email, DEMO_PASSWORD)).toEqual({ status: 403, code: 'auth.deactivated' });
      // A wrong password says no more than for anyone else.
      expect(await loginStatus(email, 'mauvais mot de passe')).toEqual({ status: 401, code: 'auth.invalidCredentials' });
      expect((await reset(a.secretary.id, a.admin)).status).toBe(409);
      const listed = ((await (await get('/api/admin/users', a.admin)).json()) as { users: { id: string; active: boolean }[] }).users;
      expect(listed.find((u) => u.id === a.secretary.id)!.active).toBe(false);

      expect((await patch(a.secretary.id, { active: true }, a.admin)).status).toBe(200);
      expect((await get('/api/auth/me', await signIn(email))).status).toBe(200);
    });

    it('resets a password with a one-time link kept hashed: used once, never after expiry or replacement', async () => {
      const a = await organisation();
      const email = `presidente@${a.domain}`;
      const oldSession = await signIn(email);
      const res = await reset(a.president.id, a.admin);
      expect(res.status).toBe(201);
      const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(47 * 3600_000);
      // The database keeps a hash of the token, never the token.
      const stored = await db.all<Record<string, unknown>>('SELECT * FROM password_resets WHERE user_id = ?', [a.president.id]);
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(token);

      const opened = await app.request(`/api/auth/password-reset/${token}`);
      expect(opened.status).toBe(200);
      expect(await opened.json()).toMatchObject({ name: 'Claire DUMONT', email });

      const choose = (password: string, t = token) => app.request('/api/auth/password-reset', json('POST', { token: t, password }));
      const short = await choose('court');
      expect(short.status).toBe(400);
      expect((await errorOf(short)).message).toBe('Le mot de passe doit compter au moins 12 caractères.');
      expect((await app.request(`/api/auth/password-reset/${token}`)).status).toBe(200);

      // Two uses at once: one only succeeds.
      const both = await Promise.all([choose(NEW_PASSWORD), choose(`${NEW_PASSWORD} bis`)]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 404]);
      const winner = both[0]!.status === 200 ? NEW_PASSWORD : `${NEW_PASSWORD} bis`;
      // The old password and the sessions opened with it are over; the new one signs in.
      expect((await get('/api/auth/me', oldSession)).status).toBe(401);
      expect((await loginStatus(email, DEMO_PASSWORD)).status).toBe(401);
      expect((await get('/api/auth/me', await signIn(email, winner))).status).toBe(200);

      // Replayed: refused, and the password stays.
      const hash = (await userRow(a.president.id))!.password_hash;
      const replay = await choose('encore un autre mot de passe');
      expect(replay.status).toBe(404);
      expect((await errorOf(replay)).code).toBe('reset.invalid');
      expect((await app.request(`/api/auth/password-reset/${token}`)).status).toBe(404);
      expect((await userRow(a.president.id))!.password_hash).toBe(hash);
    });

    it('refuses an expired link, a replaced one, a forged one and another organisation’s admin’s', async () => {
      const a = await organisation();
      const tokenOf = async (id: string) => ((await (await reset(id, a.admin)).json()) as { token: string }).token;
      const choose = (token: string) => app.request('/api/auth/password-reset', json('POST', { token, password: NEW_PASSWORD }));
      const hash = (await userRow(a.secretary.id))!.password_hash;

      const expired = await tokenOf(a.secretary.id);
      await db.run('UPDATE password_resets SET expires_at = ? WHERE user_id = ?', [new Date(Date.now() - 1000).toISOString(), a.secretary.id]);
      expect((await app.request(`/api/auth/password-reset/${expired}`)).status).toBe(404);
      expect((await choose(expired)).status).toBe(404);

      const first = await tokenOf(a.secretary.id);
      const second = await tokenOf(a.secretary.id);
      expect((await choose(first)).status).toBe(404);
      for (const forged of ['a'.repeat(43), 'court', `${second}x`, '../../admin/users']) {
        expect((await choose(forged)).status).toBe(404);
      }
      expect((await app.request('/api/auth/password-reset/%00')).status).toBe(400);
      expect((await userRow(a.secretary.id))!.password_hash).toBe(hash);
      // Deactivated meanwhile: the link dies with the account's sessions.
      expect((await patch(a.secretary.id, { active: false }, a.admin)).status).toBe(200);
      expect((await choose(second)).status).toBe(404);
      expect((await userRow(a.secretary.id))!.password_hash).toBe(hash);
    });

    it('lists a user’s own sessions, the current one flagged, and ends one of them but no one else’s', async () => {
      const a = await organisation();
      const email = `bernard.lefebvre@${a.domain}`;
      const laptop = await signIn(email);
      const tablet = await signIn(email);
      const listed = (await (await get('/api/auth/sessions', laptop)).json()) as { sessions: { id: string; current: boolean; createdAt: string; lastSeenAt: string }[] };
      expect(listed.sessions).toHaveLength(2);
      expect(listed.sessions.filter((s) => s.current)).toHaveLength(1);
      expect(JSON.stringify(listed)).not.toContain(laptop.split('=')[1]!);
      const other = listed.sessions.find((s) => !s.current)!;
      expect(Date.parse(other.createdAt)).toBeGreaterThan(Date.now() - 60_000);

      // Another user cannot end it, not even an administrator.
      expect((await app.request(`/api/auth/sessions/${other.id}`, { method: 'DELETE', headers: { cookie: a.admin } })).status).toBe(404);
      expect((await get('/api/auth/me', tablet)).status).toBe(200);

      const ended = await app.request(`/api/auth/sessions/${other.id}`, { method: 'DELETE', headers: { cookie: laptop } });
      expect(ended.status).toBe(200);
      expect(await ended.json()).toEqual({ ok: true, current: false });
      expect((await get('/api/auth/me', tablet)).status).toBe(401);
      expect((await get('/api/auth/me', laptop)).status).toBe(200);
      expect((await app.request(`/api/auth/sessions/${other.id}`, { method: 'DELETE', headers: { cookie: laptop } })).status).toBe(404);

      const mine = ((await (await get('/api/auth/sessions', laptop)).json()) as { sessions: { id: string }[] }).sessions[0]!;
      const self = await app.request(`/api/auth/sessions/${mine.id}`, { method: 'DELETE', headers: { cookie: laptop } });
      expect(await self.json()).toEqual({ ok: true, current: true });
      expect(self.headers.get('set-cookie')).toMatch(/registre_session=;/);
      expect((await get('/api/auth/me', laptop)).status).toBe(401);
      expect((await app.request('/api/auth/sessions')).status).toBe(401);
    });
  });
}
