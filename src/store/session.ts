import type { RegistreDb } from './db';

/**
 * The last signed-in user is kept on the device, so the app keeps working offline as that user;
 * when the server says the session has expired, the device asks for the password again and
 * keeps its outbox meanwhile.
 *
 * Invariant: a stored session not marked `expired` nor `offline` is the one the server's cookie
 * belongs to, as far as this device knows; only then is anything pushed, and only that user's
 * changes. A session opened without the network (`offline`) is confirmed with the server before
 * its first sync (confirmOfflineSession, sync/session.ts).
 */
/** The signed-in user as the server named them; `memberId`: the member the account signs as. */
export interface SessionUser {
  id: string;
  name: string;
  email?: string;
  memberId?: string;
}

export interface LocalSession {
  user: SessionUser;
  organisationId: string;
  role: string;
  signedInAt: string;
  /** Set when the server answered 401, or another sign-in replaced it: the data stays, sync waits for a new sign-in. */
  expired?: boolean;
  /** Opened without the network, with the password checked by this device only (docs/decisions/011). */
  offline?: boolean;
}

export const SESSION_KEY = 'session';

export async function localSession(d: RegistreDb): Promise<LocalSession | undefined> {
  const row = await d.meta.get(SESSION_KEY);
  return (row?.value as LocalSession | undefined) ?? undefined;
}

