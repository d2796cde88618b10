import type { RegistreDb } from '../store/db';
import { loginRequest, logoutRequest, type FetchLike, type LoginResult } from './transport';

/**
 * The last signed-in user is kept on the device, so the app keeps working offline as that user;
 * when the server says the session has expired, the device asks for the password again and
 * keeps its outbox meanwhile.
 */
export interface LocalSession {
  user: LoginResult['user'];
  organisationId: string;
  role: string;
  signedInAt: string;
  /** Set when the server answered 401: the data stays, sync waits for a new sign-in. */
  expired?: boolean;
}

const KEY = 'session';
const CURRENT_ORG = 'currentOrganisationId';

export async function localSession(d: RegistreDb): Promise<LocalSession | undefined> {
  const row = await d.meta.get(KEY);
  return (row?.value as LocalSession | undefined) ?? undefined;
}

export async function signIn(d: RegistreDb, email: string, password: string, fetchImpl?: FetchLike): Promise<LocalSession> {
  const res = await loginRequest(email, password, fetchImpl);
  const previous = await localSession(d);
  // Another organisation's data must not mix with this one's: start the sync from zero.
  if (previous && previous.organisationId !== res.organisationId) await d.meta.delete('syncCursor');
  const session: LocalSession = { user: res.user, organisationId: res.organisationId, role: res.role, signedInAt: new Date().toISOString() };
  await d.meta.bulkPut([
    { key: KEY, value: session },
    { key: CURRENT_ORG, value: res.organisationId },
  ]);
  return session;
}

export async function markExpired(d: RegistreDb): Promise<void> {
  const s = await localSession(d);
  if (s && !s.expired) await d.meta.put({ key: KEY, value: { ...s, expired: true } });
}

export async function signOut(d: RegistreDb, fetchImpl?: FetchLike): Promise<void> {
  await logoutRequest(fetchImpl);
  await d.meta.delete(KEY);
}
