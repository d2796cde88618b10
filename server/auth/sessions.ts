import { createHash, randomBytes } from 'node:crypto';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import type { AuthContext, Role } from './context';
import { verifyPassword } from './passwords';

export const SESSION_COOKIE = 'registre_session';
export const SESSION_HOURS = 12;
// Per account: five tries. Per address: more, since a whole town hall may share one address.
const MAX_FAILURES = { email: 5, ip: 50 } as const;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Password login. Failures are counted per e-mail and per address; past the limit within
 * fifteen minutes further attempts are refused (429) without even checking the password.
 */
export async function login(db: Driver, email: string, password: string, ip: string, now = new Date()) {
  const keys = [`email:${email.toLowerCase()}`, `ip:${ip}`];
  for (const key of keys) {
    const row = await db.get<{ count: number; window_start: string }>('SELECT count, window_start FROM login_failures WHERE key = ?', [key]);
    if (row && now.getTime() - Date.parse(row.window_start) < FAILURE_WINDOW_MS && Number(row.count) >= MAX_FAILURES[key.startsWith('ip:') ? 'ip' : 'email']) {
      throw new ApiError(429, 'auth.tooManyAttempts');
    }
  }
  const user = await db.get<{ id: string; name: string; password_hash: string; member_id: string | null }>('SELECT id, name, password_hash, member_id FROM users WHERE email = ?', [
    email.toLowerCase(),
  ]);
  const ok = user ? await verifyPassword(password, user.password_hash) : false;
  if (!user || !ok) {
    for (const key of keys) {
      const row = await db.get<{ count: number; window_start: string }>('SELECT count, window_start FROM login_failures WHERE key = ?', [key]);
      const fresh = !row || now.getTime() - Date.parse(row.window_start) >= FAILURE_WINDOW_MS;
      await db.run(
        `INSERT INTO login_failures (key, count, window_start) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET count = excluded.count, window_start = excluded.window_start`,
        [key, fresh ? 1 : Number(row.count) + 1, fresh ? now.toISOString() : row.window_start],
      );
    }
    throw new ApiError(401, 'auth.invalidCredentials');
  }
  for (const key of keys) await db.run('DELETE FROM login_failures WHERE key = ?', [key]);
  const membership = await db.get<{ organisation_id: string; role: Role }>(
    'SELECT organisation_id, role FROM memberships WHERE user_id = ? ORDER BY organisation_id LIMIT 1',
    [user.id],
  );
  if (!membership) throw new ApiError(403, 'auth.noOrganisation');
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db.run('INSERT INTO sessions (token_hash, user_id, organisation_id, expires_at) VALUES (?, ?, ?, ?)', [
    sha(token),
    user.id,
    membership.organisation_id,
    expires.toISOString(),
  ]);
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
  const row = await db.get<{ user_id: string; organisation_id: string; expires_at: string; role: Role; name: string; member_id: string | null }>(
    `SELECT s.user_id, s.organisation_id, s.expires_at, m.role, u.name, u.member_id FROM sessions s
       JOIN memberships m ON m.user_id = s.user_id AND m.organisation_id = s.organisation_id
       JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ?`,
    [sha(token)],
  );
  if (!row || Date.parse(row.expires_at) <= now.getTime()) return undefined;
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
