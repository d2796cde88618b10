import { randomBytes } from 'node:crypto';
import { newId } from '../../src/domain/ids';
import { OrganisationSchema, organisationKinds, type Organisation } from '../../src/domain/schemas';
import type { Driver, Sql } from '../db/driver';
import { ApiError } from '../errors';
import { DEMO_PASSWORD } from '../seed';
import { insertAsServer } from '../sync/records';
import { roles, type Role } from './context';
import { clearAttempts, reserveAttempt } from './limits';
import { hashPassword, verifyPassword } from './passwords';

/*
 * Accounts and organisations, as the administration command (server/admin.ts) and the API create
 * them. Every check is made before anything is written: bad input changes nothing.
 */

export const MIN_PASSWORD_LENGTH = 12;
const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const hasControl = (s: string) => [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

export function checkEmail(email: string | undefined): string {
  const e = (email ?? '').trim().toLowerCase();
  if (e.length > 200 || !EMAIL_RE.test(e) || hasControl(e)) throw new ApiError(400, 'account.badEmail');
  return e;
}

export function checkName(name: string | undefined): string {
  const n = (name ?? '').trim();
  if (!n || n.length > 200 || hasControl(n)) throw new ApiError(400, 'account.badName');
  return n;
}

export function checkRole(role: string | undefined): Role {
  if (!(roles as readonly string[]).includes(role ?? '')) throw new ApiError(400, 'account.badRole');
  return role as Role;
}

/** At least 12 characters (ANSSI and OWASP advice for a password alone), never the demo's. */
export function checkPassword(password: string | undefined): string {
  const p = (password ?? '').normalize('NFC');
  if (p === DEMO_PASSWORD) throw new ApiError(400, 'account.demoPassword');
  if ([...p].length < MIN_PASSWORD_LENGTH || p.length > 200 || hasControl(p)) throw new ApiError(400, 'account.weakPassword');
  return p;
}

/** A password to pass on once (about 96 bits): its holder changes it at the first sign-in. */
export function temporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}

async function emailFree(sql: Sql, email: string) {
  if (await sql.get('SELECT 1 AS k FROM users WHERE email = ?', [email])) throw new ApiError(409, 'account.emailTaken');
}

export async function organisationOf(sql: Sql, idOrName: string | undefined): Promise<{ id: string; name: string }> {
  const rows = await sql.all<{ id: string; body: string }>("SELECT id, body FROM records WHERE tbl = 'organisations'");
  const all = rows.map((r) => ({ id: r.id, name: String((JSON.parse(r.body) as { name?: unknown }).name ?? '') }));
  const wanted = (idOrName ?? '').trim();
  const byId = all.find((o) => o.id === wanted);
  const byName = all.filter((o) => o.name === wanted);
  const found = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (!wanted || !found) throw new ApiError(404, 'account.unknownOrganisation');
  return found;
}

export interface NewUser {
  organisationId: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  memberId?: string | undefined;
}

/** Checks a new account's fields; the result is what `insertUser` writes. */
export async function checkNewUser(sql: Sql, u: { organisationId: string; email?: string; name?: string; role?: string; password?: string; memberId?: string | undefined }) {
  const email = checkEmail(u.email);
  const name = checkName(u.name);
  const role = checkRole(u.role);
  const password = checkPassword(u.password);
  await emailFree(sql, email);
  if (u.memberId !== undefined) {
    const member = await sql.get("SELECT 1 AS k FROM records WHERE tbl = 'members' AND id = ? AND organisation_id = ?", [u.memberId, u.organisationId]);
    if (!member) throw new ApiError(404, 'account.unknownMember');
  }
  return { organisationId: u.organisationId, email, name, role, password, memberId: u.memberId } satisfies NewUser;
}

/** Writes a checked account (hash made beforehand: no await on scrypt inside a transaction). */
export async function insertUser(sql: Sql, u: NewUser, passwordHash: string, now = new Date()): Promise<string> {
  const id = newId();
  await sql.run('INSERT INTO users (id, email, name, password_hash, created_at, member_id) VALUES (?, ?, ?, ?, ?, ?)', [
    id,
    u.email,
    u.name,
    passwordHash,
    now.toISOString(),
    u.memberId ?? null,
  ]);
  await sql.run('INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)', [id, u.organisationId, u.role]);
  return id;
}

export async function createUser(db: Driver, u: Parameters<typeof checkNewUser>[1]): Promise<{ id: string; email: string }> {
  const checked = await checkNewUser(db, u);
  const hash = await hashPassword(checked.password);
  const id = await db.transaction(async (tx) => insertUser(tx, await checkNewUser(tx, u), hash));
  return { id, email: checked.email };
}

/**
 * An organisation (its synced record, written as the server writes records, like the demo's)
 * with its first administrator.
 */
export async function createOrganisation(
  db: Driver,
  org: { name?: string; kind?: string },
  admin: { email?: string; name?: string; password?: string },
): Promise<{ organisation: Organisation; adminId: string; adminEmail: string }> {
  const kind = org.kind ?? 'commune';
  if (!(organisationKinds as readonly string[]).includes(kind)) throw new ApiError(400, 'api.badRequest', `kind: ${organisationKinds.join(', ')}`);
  const parsed = OrganisationSchema.safeParse({ id: newId(), name: org.name ?? '', kind });
  if (!parsed.success || !org.name?.trim() || hasControl(org.name)) throw new ApiError(400, 'account.badName');
  const organisation = parsed.data;
  const draft = { organisationId: organisation.id, ...admin, role: 'administrateur' };
  const checked = await checkNewUser(db, draft);
  const hash = await hashPassword(checked.password);
  const adminId = await db.transaction(async (tx) => {
    const user = await checkNewUser(tx, draft);
    await insertAsServer(tx, 'organisations', organisation.id, organisation.id, organisation);
    return insertUser(tx, user, hash);
  });
  return { organisation, adminId, adminEmail: checked.email };
}

/** A new password for an account: its sessions end (whoever held the old one is signed out). */
export async function setPassword(db: Driver, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(checkPassword(password));
  await db.transaction(async (tx) => {
    await tx.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, userId]);
    await tx.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
  });
}

export async function userByEmail(sql: Sql, email: string | undefined) {
  const user = await sql.get<{ id: string; email: string; name: string; password_hash: string }>('SELECT id, email, name, password_hash FROM users WHERE email = ?', [
    checkEmail(email),
  ]);
  if (!user) throw new ApiError(404, 'account.unknownUser');
  return user;
}

/**
 * A signed-in user's new password, given the current one: counted like a sign-in attempt (a
 * session left open is no way to guess the password), then every other session of the account
 * ends; the one asking stays signed in.
 */
export async function changeOwnPassword(
  db: Driver,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  address: string,
  keepSessionHash: string,
  now = new Date(),
): Promise<void> {
  const next = checkPassword(input.newPassword);
  const user = await db.get<{ email: string; password_hash: string }>('SELECT email, password_hash FROM users WHERE id = ?', [userId]);
  if (!user) throw new ApiError(401, 'auth.required');
  const addr = address.slice(0, 64);
  await reserveAttempt(db, user.email, addr, now.getTime());
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) throw new ApiError(403, 'account.wrongPassword');
  await clearAttempts(db, user.email, addr);
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, userId]);
    await tx.run('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?', [userId, keepSessionHash]);
  });
}
