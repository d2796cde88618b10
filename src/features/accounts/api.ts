import { t } from '../../i18n';
import type { AdminUser } from '../../domain/accounts';
import type { Role } from '../../domain/roles';
import { SyncError } from '../../sync/transport';

/*
 * The account routes of the server (server/accounts.ts). Unlike the register, accounts live on the
 * server only: these calls need the network, and a refusal carries the server's French message.
 */

export type { AdminUser };

export interface OwnSession {
  id: string;
  createdAt: string | null;
  lastSeenAt: string | null;
  expiresAt: string;
  current: boolean;
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new SyncError(0, 'accounts.unreachable', t('accounts.unreachable'));
  }
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new SyncError(res.status, body.error?.code ?? 'api.badRequest', body.error?.message ?? t('accounts.unreachable'));
  return body as T;
}

const sendJson = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export const accountsApi = {
  users: async () => (await request<{ users: AdminUser[] }>('/api/admin/users')).users,
  update: async (id: string, change: { role?: Role; memberId?: string | null; active?: boolean }) =>
    (await request<{ user: AdminUser }>(`/api/admin/users/${encodeURIComponent(id)}`, sendJson('PATCH', change))).user,
  resetPassword: (id: string) => request<{ token: string; expiresAt: string }>(`/api/admin/users/${encodeURIComponent(id)}/password-reset`, { method: 'POST' }),
  resetLink: (token: string) => request<{ name: string; email: string; expiresAt: string }>(`/api/auth/password-reset/${encodeURIComponent(token)}`),
  choosePassword: (token: string, password: string) => request<{ ok: true }>('/api/auth/password-reset', sendJson('POST', { token, password })),
  invite: (input: { email: string; name?: string; role: Role }) =>
    request<{ id: string; email: string; token: string; url: string; expiresAt: string }>('/api/invitations', sendJson('POST', input)),
  invitation: (token: string) =>
    request<{ email: string; name: string; role: Role; organisationName: string; expiresAt: string }>('/api/invitations/inspect', sendJson('POST', { token })),
  acceptInvitation: (token: string, name: string, password: string) =>
    request<{ email: string }>('/api/invitations/accept', sendJson('POST', { token, name, password })),
  sessions: async () => (await request<{ sessions: OwnSession[] }>('/api/auth/sessions')).sessions,
  endSession: (id: string) => request<{ ok: true; current: boolean }>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

/** Query keys: none names a local table, so a change of the local store does not refetch them. */
export const accountKeys = {
  users: ['server', 'admin-users'] as const,
  sessions: ['server', 'own-sessions'] as const,
  resetLink: (token: string) => ['server', 'reset-link', token] as const,
  invitation: (token: string) => ['server', 'invitation', token] as const,
};

export const errorText = (e: unknown): string => (e instanceof SyncError ? e.message : t('error.unknown', { reason: String(e) }));

/** "3 décembre 2026 à 14:05", in the device's time zone. */
export function dateTime(iso: string | null | undefined, empty = t('accounts.unknownDate')): string {
  if (!iso) return empty;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? empty : new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(d);
}

export const MIN_PASSWORD_LENGTH = 12;
