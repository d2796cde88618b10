import type { AdminUser } from '../src/domain/accounts';
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import * as z from 'zod';
import { roles, type AuthContext, type Role } from './auth/context';
import { hashPassword } from './auth/passwords';
import { SESSION_COOKIE, tokenHash } from './auth/sessions';
import type { Driver, Sql } from './db/driver';
import { ApiError } from './errors';

/*
 * Account administration (docs/architecture.md §1: the administrateur keeps the organisation's
 * accounts) and each user's own sessions. Every admin route reads the organisation from the
 * session, never from the client; another organisation's account answers like a missing one.
 */

type Env = { Variables: { auth: AuthContext & { name: string } } };
type JsonBody = <T>(c: Context, schema: z.ZodType<T>) => Promise<T>;

/** A password chosen through a reset link: at least this long. */
export const MIN_PASSWORD_LENGTH = 12;
/** How long a reset link stays valid. */
export const RESET_HOURS = 48;

const UserIdSchema = z.string().min(1).max(120);
const PatchUserSchema = z
  .object({
    role: z.enum(roles).optional(),
    memberId: z.string().min(1).max(120).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.role !== undefined || b.memberId !== undefined || b.active !== undefined, { message: 'empty' });
const ResetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const ResetSchema = z.object({ token: z.string().max(100), password: z.string().max(200) }).strict();

interface UserRow {
  id: string;
  name: string;
  email: string;
  member_id: string | null;
  last_sign_in_at: string | null;
  role: Role;
  deactivated_at: string | null;
}

export type { AdminUser };

const toUser = (r: UserRow): AdminUser => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  memberId: r.member_id,
  active: !r.deactivated_at,
  lastSignInAt: r.last_sign_in_at,
});

const USER_COLUMNS = 'u.id, u.name, u.email, u.member_id, u.last_sign_in_at, m.role, m.deactivated_at';

/** The account if it belongs to the organisation; anyone else's is "not found", like a missing one. */
async function userOf(sql: Sql, organisationId: string, userId: string): Promise<UserRow> {
  const row = await sql.get<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u JOIN memberships m ON m.user_id = u.id AND m.organisation_id = ? WHERE u.id = ?`,
    [organisationId, userId],
  );
  if (!row) throw new ApiError(404, 'accounts.notFound');
  return row;
}

function adminOf(c: Context<Env>): AuthContext {
  const auth = c.get('auth');
  if (auth.role !== 'administrateur') throw new ApiError(403, 'api.forbidden');
  return auth;
}

/** A session's public id: derived from what the table keeps, so that the token itself never leaves. */
const sessionId = (hash: string) => tokenHash(`session:${hash}`).slice(0, 32);

/** Routes that need no session: opening a reset link and choosing the new password. Mounted before the session check. */
export function mountPublicAccountRoutes(app: Hono<Env>, db: Driver, jsonBody: JsonBody): void {
  app.get('/api/auth/password-reset/:token', async (c) => {
    const token = ResetTokenSchema.safeParse(c.req.param('token'));
    if (!token.success) throw new ApiError(404, 'reset.invalid');
    const row = await db.get<{ name: string; email: string; expires_at: string }>(
      `SELECT u.name, u.email, r.expires_at FROM password_resets r
         JOIN users u ON u.id = r.user_id
         JOIN memberships m ON m.user_id = r.user_id AND m.organisation_id = r.organisation_id AND m.deactivated_at IS NULL
       WHERE r.token_hash = ? AND r.used_at IS NULL AND r.expires_at > ?`,
      [tokenHash(token.data), new Date().toISOString()],
    );
    if (!row) throw new ApiError(404, 'reset.invalid');
    return c.json({ name: row.name, email: row.email, expiresAt: row.expires_at });
  });

  app.post('/api/auth/password-reset', async (c) => {
    const body = await jsonBody(c, ResetSchema);
    if (body.password.length < MIN_PASSWORD_LENGTH) throw new ApiError(400, 'reset.tooShort');
    const token = ResetTokenSchema.safeParse(body.token);
    if (!token.success) throw new ApiError(404, 'reset.invalid');
    // Hashed before the transaction: scrypt is slow and holds no lock.
    const hash = await hashPassword(body.password);
    const now = new Date().toISOString();
    await db.transaction(async (tx) => {
      // Used once: the update that marks it is the one that reads it, so two parallel uses
      // cannot both find it unused.
      const used = await tx.get<{ user_id: string; organisation_id: string }>(
        'UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id, organisation_id',
        [now, tokenHash(token.data), now],
      );
      const active = used && (await tx.get('SELECT 1 AS k FROM memberships WHERE user_id = ? AND organisation_id = ? AND deactivated_at IS NULL', [used.user_id, used.organisation_id]));
      if (!used || !active) throw new ApiError(404, 'reset.invalid');
      await tx.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, used.user_id]);
      // A new password ends every session opened with the old one.
      await tx.run('DELETE FROM sessions WHERE user_id = ?', [used.user_id]);
      await tx.run('DELETE FROM password_resets WHERE user_id = ? AND used_at IS NULL', [used.user_id]);
    });
    return c.json({ ok: true });
  });
}

/** Routes behind the session check: the administrator's, then every user's own sessions. */
export function mountAccountRoutes(app: Hono<Env>, db: Driver, jsonBody: JsonBody): void {
  app.get('/api/admin/users', async (c) => {
    const { organisationId } = adminOf(c);
    const rows = await db.all<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.organisation_id = ? ORDER BY u.name, u.email`,
      [organisationId],
    );
    return c.json({ users: rows.map(toUser) });
  });

  app.patch('/api/admin/users/:id', async (c) => {
    const { organisationId, userId } = adminOf(c);
    const id = UserIdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new ApiError(404, 'accounts.notFound');
    const body = await jsonBody(c, PatchUserSchema);
    const now = new Date().toISOString();
    const user = await db.transaction(async (tx) => {
      // The organisation's active administrators, locked on PostgreSQL: two administrators
      // demoting each other at once wait on each other, and the second sees the first's change.
      const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
      const admins = await tx.all<{ user_id: string }>(
        `SELECT user_id FROM memberships WHERE organisation_id = ? AND role = 'administrateur' AND deactivated_at IS NULL ORDER BY user_id${lock}`,
        [organisationId],
      );
      // Demoted by another administrator since the session was read: no longer one.
      if (!admins.some((a) => a.user_id === userId)) throw new ApiError(403, 'api.forbidden');
      const target = await userOf(tx, organisationId, id.data);
      const staysAdmin = (body.role ?? target.role) === 'administrateur' && (body.active ?? !target.deactivated_at);
      if (!staysAdmin && admins.some((a) => a.user_id === target.id) && admins.length <= 1) {
        throw new ApiError(409, 'accounts.lastAdministrator');
      }
      if (typeof body.memberId === 'string' && body.memberId !== target.member_id) {
        const member = await tx.get<{ body: string }>("SELECT body FROM records WHERE tbl = 'members' AND id = ? AND organisation_id = ?", [
          body.memberId,
          organisationId,
        ]);
        if (!member || (JSON.parse(member.body) as { _deleted?: boolean })._deleted) throw new ApiError(400, 'accounts.unknownMember');
        // One signs only in one's own name: a member is the signatory of one account at most.
        const taken = await tx.get(
          'SELECT 1 AS k FROM users u JOIN memberships m ON m.user_id = u.id AND m.organisation_id = ? WHERE u.member_id = ? AND u.id <> ?',
          [organisationId, body.memberId, target.id],
        );
        if (taken) throw new ApiError(409, 'accounts.memberTaken');
      }
      if (body.role !== undefined) await tx.run('UPDATE memberships SET role = ? WHERE user_id = ? AND organisation_id = ?', [body.role, target.id, organisationId]);
      if (body.memberId !== undefined) await tx.run('UPDATE users SET member_id = ? WHERE id = ?', [body.memberId, target.id]);
      if (body.active === false && !target.deactivated_at) {
        await tx.run('UPDATE memberships SET deactivated_at = ? WHERE user_id = ? AND organisation_id = ?', [now, target.id, organisationId]);
        // A deactivated account's sessions end now, and its reset links with them.
        await tx.run('DELETE FROM sessions WHERE user_id = ? AND organisation_id = ?', [target.id, organisationId]);
        await tx.run('DELETE FROM password_resets WHERE user_id = ? AND organisation_id = ? AND used_at IS NULL', [target.id, organisationId]);
      }
      if (body.active === true) await tx.run('UPDATE memberships SET deactivated_at = NULL WHERE user_id = ? AND organisation_id = ?', [target.id, organisationId]);
      return userOf(tx, organisationId, target.id);
    });
    return c.json({ user: toUser(user) });
  });

  app.post('/api/admin/users/:id/password-reset', async (c) => {
    const { organisationId, userId } = adminOf(c);
    const id = UserIdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new ApiError(404, 'accounts.notFound');
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + RESET_HOURS * 3600_000).toISOString();
    await db.transaction(async (tx) => {
      const target = await userOf(tx, organisationId, id.data);
      if (target.deactivated_at) throw new ApiError(409, 'accounts.deactivated');
      // Only the newest link opens: an earlier one handed to the wrong person stops working.
      await tx.run('DELETE FROM password_resets WHERE user_id = ? AND used_at IS NULL', [target.id]);
      await tx.run(
        'INSERT INTO password_resets (token_hash, user_id, organisation_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        [tokenHash(token), target.id, organisationId, userId, now.toISOString(), expiresAt],
      );
    });
    return c.json({ token, expiresAt }, 201);
  });

  app.get('/api/auth/sessions', async (c) => {
    const { userId } = c.get('auth');
    const current = tokenHash(getCookie(c, SESSION_COOKIE) ?? '');
    const rows = await db.all<{ token_hash: string; created_at: string | null; last_seen_at: string | null; expires_at: string }>(
      'SELECT token_hash, created_at, last_seen_at, expires_at FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC',
      [userId, new Date().toISOString()],
    );
    return c.json({
      sessions: rows.map((r) => ({
        id: sessionId(r.token_hash),
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        current: r.token_hash === current,
      })),
    });
  });

  app.delete('/api/auth/sessions/:id', async (c) => {
    const { userId } = c.get('auth');
    const wanted = c.req.param('id');
    const rows = await db.all<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = ?', [userId]);
    const found = rows.find((r) => sessionId(r.token_hash) === wanted);
    if (!found) throw new ApiError(404, 'sessions.notFound');
    await db.run('DELETE FROM sessions WHERE token_hash = ? AND user_id = ?', [found.token_hash, userId]);
    const current = found.token_hash === tokenHash(getCookie(c, SESSION_COOKIE) ?? '');
    if (current) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true, current });
  });
}
