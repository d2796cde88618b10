import { createHash, randomBytes } from 'node:crypto';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import type { AuthContext, Role } from './context';
import { clearAttempts, purgeExpired, reserveAttempt } from './limits';
import { hashPassword, needsRehash, verifyNobody, verifyPassword } from './passwords';

export const SESSION_COOKIE = 'registre_session';
export const SESSION_HOURS = 12;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** What the sessions table keeps of a session's token (server/accounts.ts lists them by it). */
export const tokenHash = sha;
/** A session's last activity is written at most this often, not at every request. */
export const LAST_SEEN_EVERY_MS = 5 * 60_000;

/** Expired sessions and idle counters are purged at most this often, from sign-ins. */
const PURGE_EVERY_MS = 60_000;
const lastPurge = new WeakMap<Driver, number>();

/**
 * Password login. The attempt is counted before the password is checked (auth/limits.ts): past
 * its free tries an account, an address or the pair asks for a growing delay (429 with
 * Retry-After). An unknown e-mail costs one hash like a known one; a deactivated account is unknown.
 */
export async function login(db: Driver, email: string, password: string, address: string, now = new Date(), userAgent = '') {
  const at = now.getTime();
  if (at - (lastPurge.get(db) ?? 0) >= PURGE_EVERY_MS) {
    lastPurge.set(db, at);
    await purgeExpired(db, at);
  }
  const address_ = address.slice(0, 64);
  await reserveAttempt(db, email, address_, at);
  const user = await db.get<{ id: string; name: string; password_hash: string; member_id: string | null }>('SELECT id, name, password_hash, member_id FROM users WHERE email = ?', [
    email.toLowerCase(),
  ]);
  const ok = user ? await verifyPassword(password, user.password_hash) : await verifyNobody(password);
  if (!user || !ok) throw new ApiError(401, 'auth.invalidCredentials');
  await clearAttempts(db, email, address_);
  if (needsRehash(user.password_hash)) await db.run('UPDATE users SET password_hash = ? WHERE id = ?', [await hashPassword(password), user.id]);
  // A membership the administrator deactivated (server/accounts.ts) opens no session.
  const membership = await db.get<{ organisation_id: string; role: Role }>(
    'SELECT organisation_id, role FROM memberships WHERE user_id = ? AND deactivated_at IS NULL ORDER BY organisation_id LIMIT 1',
    [user.id],
  );
  if (!membership) {
    const any = await db.get('SELECT 1 AS k FROM memberships WHERE user_id = ?', [user.id]);
    throw new ApiError(403, any ? 'auth.deactivated' : 'auth.noOrganisation');
  }
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.run('INSERT INTO sessions (token_hash, user_id, organisation_id, expires_at, created_at, last_seen_at, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    sha(token),
    user.id,
    membership.organisation_id,
    expires.toISOString(),
    now.toISOString(),
    now.toISOString(),
    userAgent.slice(0, 200),
  ]);
  await db.run('UPDATE users SET last_sign_in_at = ? WHERE id = ?', [now.toISOString(), user.id]);
  return {
    token,
    expires,
    user: { id: user.id, name: user.name, email: email.toLowerCase(), ...(user.member_id ? { memberId: user.member_id } : {}) },
    organisationId: membership.organisation_id,
    role: membership.role,
  };
}

export async function sessionFor(db: Driver, token: string | undefined, now = new Date()): Promise<AuthContext & { name: string } | undefined> {
  if (!token || token.length > 200) return undefined;
  const row = await db.get<{ user_id: string; organisation_id: string; expires_at: string; last_seen_at: string | null; role: Role; name: string; member_id: string | null }>(
    `SELECT s.user_id, s.organisation_id, s.expires_at, s.last_seen_at, m.role, u.name, u.member_id FROM sessions s
       JOIN memberships m ON m.user_id = s.user_id AND m.organisation_id = s.organisation_id AND m.deactivated_at IS NULL
       JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ?`,
    [sha(token)],
  );
  if (!row || Date.parse(row.expires_at) <= now.getTime()) return undefined;
  // Shown to the user among their sessions (GET /api/auth/sessions): written now and then only.
  if (!row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) >= LAST_SEEN_EVERY_MS) {
    await db.run('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', [now.toISOString(), sha(token)]);
  }
  return {
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    name: row.name,
    ...(row.member_id ? { memberId: row.member_id } : {}),
  };
}

export async function logout(db: Driver, token: string | undefined): Promise<void> {
  if (token) await db.run('DELETE FROM sessions WHERE token_hash = ?', [sha(token)]);
}
