import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../../src/domain/ids';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import { checkEmail, checkName, checkNewUser, checkPassword, checkRole, insertUser } from './accounts';
import type { AuthContext, Role } from './context';
import { hashPassword } from './passwords';

/*
 * Invitations: an administrator names an e-mail address and a role (and the member the account
 * will sign as); the server answers a one-time token to pass on in a link. Whoever opens the link
 * chooses a password and the account exists. The token is 256 random bits, stored only as its
 * SHA-256; it works once and until its expiry; a new invitation for the same address in the same
 * organisation replaces the one not yet used.
 */

export const DEFAULT_INVITATION_DAYS = 7;
export const MAX_INVITATION_DAYS = 30;
/** Used or expired invitations are kept this long (the administrator sees them), then purged. */
const KEEP_USED_MS = 30 * 24 * 3600_000;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

interface Row {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: Role;
  member_id: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface InvitationView {
  id: string;
  email: string;
  name: string;
  role: Role;
  memberId?: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
}

const view = (r: Row): InvitationView => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  ...(r.member_id ? { memberId: r.member_id } : {}),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  ...(r.used_at ? { usedAt: r.used_at } : {}),
});

function requireAdmin(auth: AuthContext) {
  if (auth.role !== 'administrateur') throw new ApiError(403, 'api.forbidden');
}

export async function createInvitation(
  db: Driver,
  auth: AuthContext,
  input: { email: string; role: string; name?: string | undefined; memberId?: string | undefined; days?: number | undefined },
  now = new Date(),
): Promise<InvitationView & { token: string }> {
  requireAdmin(auth);
  const email = checkEmail(input.email);
  const role = checkRole(input.role);
  const name = input.name === undefined || input.name.trim() === '' ? '' : checkName(input.name);
  const days = input.days ?? DEFAULT_INVITATION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_INVITATION_DAYS) throw new ApiError(400, 'api.badRequest', `days: 1–${MAX_INVITATION_DAYS}`);
  const token = randomBytes(32).toString('base64url');
  const row: Row = {
    id: newId(),
    organisation_id: auth.organisationId,
    email,
    name,
    role,
    member_id: input.memberId ?? null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + days * 24 * 3600_000).toISOString(),
    used_at: null,
  };
  await db.transaction(async (tx) => {
    if (await tx.get('SELECT 1 AS k FROM users WHERE email = ?', [email])) throw new ApiError(409, 'account.emailTaken');
    if (row.member_id !== null) {
      const member = await tx.get("SELECT 1 AS k FROM records WHERE tbl = 'members' AND id = ? AND organisation_id = ?", [row.member_id, auth.organisationId]);
      if (!member) throw new ApiError(404, 'account.unknownMember');
    }
    await tx.run('DELETE FROM invitations WHERE organisation_id = ? AND email = ? AND used_at IS NULL', [auth.organisationId, email]);
    await tx.run('DELETE FROM invitations WHERE expires_at < ?', [new Date(now.getTime() - KEEP_USED_MS).toISOString()]);
    await tx.run(
      `INSERT INTO invitations (id, token_hash, organisation_id, email, name, role, member_id, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [row.id, sha(token), row.organisation_id, email, name, role, row.member_id, auth.userId, row.created_at, row.expires_at],
    );
  });
  return { ...view(row), token };
}

/** The organisation's invitations, newest first. */
export async function listInvitations(db: Driver, auth: AuthContext): Promise<InvitationView[]> {
  requireAdmin(auth);
  const rows = await db.all<Row>('SELECT * FROM invitations WHERE organisation_id = ? ORDER BY created_at DESC, id', [auth.organisationId]);
  return rows.map(view);
}

/** Withdraws an invitation not yet used; another organisation's is not found. */
export async function revokeInvitation(db: Driver, auth: AuthContext, id: string): Promise<void> {
  requireAdmin(auth);
  await db.transaction(async (tx) => {
    const row = await tx.get<Row>('SELECT * FROM invitations WHERE id = ? AND organisation_id = ?', [id, auth.organisationId]);
    if (!row || row.used_at) throw new ApiError(404, 'invitation.invalid');
    await tx.run('DELETE FROM invitations WHERE id = ?', [id]);
  });
}

const usable = (row: Row | undefined, now: Date): row is Row => !!row && !row.used_at && Date.parse(row.expires_at) > now.getTime();

/** What the link's holder is invited to (before choosing a password). */
export async function inspectInvitation(db: Driver, token: string, now = new Date()) {
  const row = await db.get<Row>('SELECT * FROM invitations WHERE token_hash = ?', [sha(token)]);
  if (!usable(row, now)) throw new ApiError(404, 'invitation.invalid');
  const org = await db.get<{ body: string }>("SELECT body FROM records WHERE tbl = 'organisations' AND id = ?", [row.organisation_id]);
  const organisationName = org ? String((JSON.parse(org.body) as { name?: unknown }).name ?? '') : '';
  return { email: row.email, name: row.name, role: row.role, organisationName, expiresAt: row.expires_at };
}

/**
 * The account the invitation promised, with the password its holder chose; the invitation is
 * used up in the same transaction (locked on PostgreSQL, queued on SQLite), so two parallel
 * acceptances make one account.
 */
export async function acceptInvitation(db: Driver, token: string, input: { name?: string | undefined; password: string }, now = new Date()) {
  const password = checkPassword(input.password);
  const first = await db.get<Row>('SELECT * FROM invitations WHERE token_hash = ?', [sha(token)]);
  if (!usable(first, now)) throw new ApiError(404, 'invitation.invalid');
  const name = checkName(input.name?.trim() ? input.name : first.name);
  const hash = await hashPassword(password);
  const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  return db.transaction(async (tx) => {
    const row = await tx.get<Row>(`SELECT * FROM invitations WHERE token_hash = ?${lock}`, [sha(token)]);
    if (!usable(row, now)) throw new ApiError(404, 'invitation.invalid');
    const user = await checkNewUser(tx, { organisationId: row.organisation_id, email: row.email, name, role: row.role, password, memberId: row.member_id ?? undefined });
    const userId = await insertUser(tx, user, hash, now);
    await tx.run('UPDATE invitations SET used_at = ? WHERE id = ?', [now.toISOString(), row.id]);
    return { userId, email: row.email, organisationId: row.organisation_id, role: row.role };
  });
}
