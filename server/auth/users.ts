import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import { checkRole } from './accounts';
import type { AuthContext, Role } from './context';

/*
 * The accounts of an organisation, as its administrateur manages them: the role, the member an
 * account signs as (docs/decisions/004), deactivation (the account signs in no more and its
 * sessions end; its history stays). An administrateur does not change their own account here,
 * so that no organisation is left without one by mistake.
 */

export interface AccountView {
  id: string;
  email: string;
  name: string;
  role: Role;
  memberId?: string;
  active: boolean;
  createdAt: string;
}

function requireAdmin(auth: AuthContext) {
  if (auth.role !== 'administrateur') throw new ApiError(403, 'api.forbidden');
}

export async function listAccounts(db: Driver, auth: AuthContext): Promise<AccountView[]> {
  requireAdmin(auth);
  const rows = await db.all<{ id: string; email: string; name: string; role: Role; member_id: string | null; disabled_at: string | null; created_at: string }>(
    `SELECT u.id, u.email, u.name, m.role, u.member_id, u.disabled_at, u.created_at
       FROM users u JOIN memberships m ON m.user_id = u.id
     WHERE m.organisation_id = ? ORDER BY u.name, u.email`,
    [auth.organisationId],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    ...(r.member_id ? { memberId: r.member_id } : {}),
    active: !r.disabled_at,
    createdAt: r.created_at,
  }));
}

export async function updateAccount(
  db: Driver,
  auth: AuthContext,
  userId: string,
  change: { role?: string | undefined; memberId?: string | null | undefined; active?: boolean | undefined },
  now = new Date(),
): Promise<void> {
  requireAdmin(auth);
  if (userId === auth.userId) throw new ApiError(403, 'account.self');
  const role = change.role === undefined ? undefined : checkRole(change.role);
  await db.transaction(async (tx) => {
    const target = await tx.get('SELECT 1 AS k FROM memberships WHERE user_id = ? AND organisation_id = ?', [userId, auth.organisationId]);
    if (!target) throw new ApiError(404, 'account.unknownUser');
    if (change.memberId) {
      const member = await tx.get("SELECT 1 AS k FROM records WHERE tbl = 'members' AND id = ? AND organisation_id = ?", [change.memberId, auth.organisationId]);
      if (!member) throw new ApiError(404, 'account.unknownMember');
    }
    if (role) await tx.run('UPDATE memberships SET role = ? WHERE user_id = ? AND organisation_id = ?', [role, userId, auth.organisationId]);
    if (change.memberId !== undefined) await tx.run('UPDATE users SET member_id = ? WHERE id = ?', [change.memberId, userId]);
    if (change.active === false) {
      await tx.run('UPDATE users SET disabled_at = ? WHERE id = ?', [now.toISOString(), userId]);
      await tx.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    } else if (change.active === true) await tx.run('UPDATE users SET disabled_at = NULL WHERE id = ?', [userId]);
  });
}

/** A session as its user sees it: the id is the first 16 hex digits of the token's hash. */
export interface SessionView {
  id: string;
  createdAt?: string;
  expiresAt: string;
  userAgent?: string;
  current: boolean;
}

const SESSION_ID = /^[0-9a-f]{16}$/;

/** One's own live sessions (each device or browser signed in), the current one marked. */
export async function ownSessions(db: Driver, auth: AuthContext, currentHash: string, now = new Date()): Promise<SessionView[]> {
  const rows = await db.all<{ token_hash: string; created_at: string | null; expires_at: string; user_agent: string | null }>(
    'SELECT token_hash, created_at, expires_at, user_agent FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, token_hash',
    [auth.userId, now.toISOString()],
  );
  return rows.map((r) => ({
    id: r.token_hash.slice(0, 16),
    ...(r.created_at ? { createdAt: r.created_at } : {}),
    expiresAt: r.expires_at,
    ...(r.user_agent ? { userAgent: r.user_agent } : {}),
    current: r.token_hash === currentHash,
  }));
}

/** Ends one of one's own sessions (another account's is not found). */
export async function endOwnSession(db: Driver, auth: AuthContext, id: string): Promise<void> {
  if (!SESSION_ID.test(id)) throw new ApiError(404, 'session.unknown');
  await db.transaction(async (tx) => {
    const rows = await tx.all<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = ?', [auth.userId]);
    const found = rows.filter((r) => r.token_hash.startsWith(id));
    if (found.length !== 1) throw new ApiError(404, 'session.unknown');
    await tx.run('DELETE FROM sessions WHERE token_hash = ?', [found[0]!.token_hash]);
  });
}
