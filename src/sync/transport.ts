import type { SessionUser } from '../store/session';
import type { PullResponse, PushRequest, PushResponse } from '../domain/sync';

/** A refused request: HTTP status and the server's catalog code (French message included). */
export class SyncError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export interface Transport {
  push(req: PushRequest): Promise<PushResponse>;
  pull(clientId: string, cursor: number, limit: number): Promise<PullResponse>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!res.ok) throw new SyncError(res.status, body.error?.code ?? 'api.badRequest', body.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

/** The HTTP transport; `fetchImpl` lets tests drive the real server in-process. */
export function httpTransport(fetchImpl: FetchLike = (i, init) => fetch(i, { credentials: 'same-origin', ...init })): Transport {
  return {
    async push(req) {
      return json<PushResponse>(
        await fetchImpl('/api/sync/push', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(req) }),
      );
    },
    async pull(clientId, cursor, limit) {
      const q = new URLSearchParams({ clientId, cursor: String(cursor), limit: String(limit) });
      return json<PullResponse>(await fetchImpl(`/api/sync/pull?${q}`));
    },
  };
}

/** Registers this device's public signing key to the signed-in user. */
export async function registerDeviceRequest(keyId: string, publicKeyJwk: JsonWebKey, fetchImpl: FetchLike = fetch): Promise<void> {
  await json(
    await fetchImpl('/api/devices', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ keyId, publicKeyJwk: { kty: publicKeyJwk.kty, crv: publicKeyJwk.crv, x: publicKeyJwk.x, y: publicKeyJwk.y } }),
    }),
  );
}

export interface LoginResult {
  /** `memberId`: the member the account signs as, linked by the administrator. */
  user: SessionUser;
  organisationId: string;
  role: string;
}

export async function loginRequest(email: string, password: string, fetchImpl: FetchLike = fetch): Promise<LoginResult> {
  return json<LoginResult>(
    await fetchImpl('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) }),
  );
}

export async function logoutRequest(fetchImpl: FetchLike = fetch): Promise<void> {
  await fetchImpl('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
}

/** Whose the session cookie is, as the server sees it. */
export async function meRequest(fetchImpl: FetchLike = fetch): Promise<LoginResult> {
  return json<LoginResult>(await fetchImpl('/api/auth/me'));
}
