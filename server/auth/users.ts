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
