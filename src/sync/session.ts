import { db, type RegistreDb } from '../store/db';
import { localSession, SESSION_KEY as KEY, type LocalSession } from '../store/session';
import { databaseNameFor, switchDatabase } from '../store/databases';
import { adoptChangesWithoutUser, changesOf, clientIdKey, CURRENT_CLIENT_ID, rememberUser } from '../store/deviceUsers';
import { pushOwnChanges } from './engine';
import { httpTransport, loginRequest, logoutRequest, meRequest, SyncError, type FetchLike, type LoginResult } from './transport';

export { localSession, SESSION_KEY, type LocalSession } from '../store/session';

const CURRENT_ORG = 'currentOrganisationId';

/** Records a sign-in in this database: the session, its organisation, who the user is. */
async function storeSession(d: RegistreDb, res: LoginResult, offline = false): Promise<LocalSession> {
  const session: LocalSession = {
    user: res.user,
    organisationId: res.organisationId,
    role: res.role,
    signedInAt: new Date().toISOString(),
    ...(offline ? { offline: true } : {}),
  };
  await d.transaction('rw', [d.outbox, d.meta], async () => {
    const previous = await localSession(d);
    // Another organisation's data must not mix with this one's: start the sync from zero.
    if (previous && previous.organisationId !== res.organisationId) await d.meta.delete('syncCursor');
    await d.meta.bulkPut([
      { key: KEY, value: session },
      { key: CURRENT_ORG, value: res.organisationId },
    ]);
    await rememberUser(d, res.user);
    // The database now syncs as this user: as their own client id here, if they have one yet.
    const own = (await d.meta.get(clientIdKey(res.user.id)))?.value;
    if (typeof own === 'string') await d.meta.put({ key: CURRENT_CLIENT_ID, value: own });
    else await d.meta.delete(CURRENT_CLIENT_ID);
    await adoptChangesWithoutUser(d, res.user.id);
  });
  return session;
}

/** Signs in and stores the session in this database, whatever organisation it holds (tests, bench). */
export async function signIn(d: RegistreDb, email: string, password: string, fetchImpl?: FetchLike): Promise<LocalSession> {
  return storeSession(d, await loginRequest(email, password, fetchImpl));
}

export interface DeviceSignIn {
  session: LocalSession;
  /** The previous user's changes pushed under their session before this sign-in. */
  previousPushed: number;
  /** The previous user's changes that could not be: they wait for that user (store/deviceUsers.ts). */
  previousWaiting: number;
  /** The database changed (another organisation). */
  switched: boolean;
  /** Signed in without the network: the password was checked on this device. */
  offline: boolean;
}

const isOnline = () => globalThis.navigator?.onLine ?? true;

/** What signing in without the network needs, loaded only at a sign-in (out of the first load). */
const offlineAccounts = () => import('./offlineAccounts');

/**
 * Signs a user in on this device, which may hold another user's session and changes:
 * 1. while the server's cookie is still the previous user's (session valid, network there), their
 *    changes are pushed under it first; if they cannot be (offline, expired), they stay apart;
 * 2. the new user signs in;
 * 3. another organisation gets its own database (store/databases.ts): the app switches to it, and
 *    the previous database's session is marked expired, since the cookie is no longer its own.
 * The caller syncs afterwards and empties the screens' cache.
 */
export async function signInOnDevice(email: string, password: string, opts: { fetchImpl?: FetchLike; online?: boolean } = {}): Promise<DeviceSignIn> {
  const online = opts.online ?? isOnline();
  const before = db();
  const previous = await localSession(before);
  let previousPushed = 0;
  if (previous && !previous.expired && !previous.offline && online && (await changesOf(before, previous.user.id).count()) > 0) {
    try {
      previousPushed = (await pushOwnChanges(before, httpTransport(opts.fetchImpl), previous.user.id, previous.role)).pushed;
    } catch (e) {
      // Kept for that user: never sent under the next one.
      if (e instanceof SyncError && e.status === 401) await markExpired(before);
    }
  }
  const previousWaiting = previous ? await changesOf(before, previous.user.id).count() : 0;

  let res: LoginResult;
  try {
    if (!online) throw new TypeError('offline');
    res = await loginRequest(email, password, opts.fetchImpl);
  } catch (e) {
    // The server said no: its word stands, and an older verifier kept here no longer opens anything.
    if (e instanceof SyncError) {
      // A deactivated account (403 auth.deactivated) no longer opens this device offline either.
      if (e.status === 401 || e.code === 'auth.deactivated') await (await offlineAccounts()).forgetAccount(email);
      throw e;
    }
    // No network (or no answer): the device checks the password against what it kept.
    return { ...(await signInWithoutNetwork(before, email, password)), previousPushed, previousWaiting };
  }
  const name = await databaseNameFor(res.organisationId);
  const switched = name !== before.name;
  if (switched) await markExpired(before);
  const d = switchDatabase(name);
  const session = await storeSession(d, res);
  await (await offlineAccounts()).rememberSignIn(res, email, password, name);
  return { session, previousPushed, previousWaiting, switched, offline: false };
}

/**
 * Signs in an account that has signed in here before, with the password checked against its
 * verifier (store/deviceAccounts.ts). The server is told nothing: the session is `offline`, and
 * nothing is pushed until the server confirms it (confirmOfflineSession).
 */
async function signInWithoutNetwork(before: RegistreDb, email: string, password: string): Promise<Omit<DeviceSignIn, 'previousPushed' | 'previousWaiting'>> {
  const account = await (await offlineAccounts()).checkOnDevice(email, password);
  const switched = account.databaseName !== before.name;
  if (switched) await markExpired(before);
  const d = switchDatabase(account.databaseName);
  const session = await storeSession(d, { user: account.user, organisationId: account.organisationId, role: account.role }, true);
  return { session, switched, offline: true };
}

/**
 * Before the first sync of a session opened offline: is the server's cookie this user's, in this
 * organisation? Then the session is confirmed and syncs; otherwise it is expired and asks for the
 * password (its changes stay, theirs). Returns the session as it now stands.
 */
export async function confirmOfflineSession(d: RegistreDb, fetchImpl?: FetchLike): Promise<LocalSession | undefined> {
  const s = await localSession(d);
  if (!s?.offline || s.expired) return s;
  let same = false;
  try {
    const me = await meRequest(fetchImpl);
    same = me.user.id === s.user.id && me.organisationId === s.organisationId;
  } catch (e) {
    // No answer: ask again next round; a refusal (401): the cookie is no one's, or expired.
    if (!(e instanceof SyncError)) return s;
  }
  const next: LocalSession = { ...s };
  if (same) delete next.offline;
  else next.expired = true;
  await d.meta.put({ key: KEY, value: next });
  return next;
}

export async function markExpired(d: RegistreDb): Promise<void> {
  const s = await localSession(d);
  if (s && !s.expired) await d.meta.put({ key: KEY, value: { ...s, expired: true } });
}

/** Signs out; the user's unsent changes stay on the device, theirs, for their next sign-in here. */
export async function signOut(d: RegistreDb = db(), fetchImpl?: FetchLike): Promise<void> {
  await logoutRequest(fetchImpl);
  await d.meta.delete(KEY);
}
