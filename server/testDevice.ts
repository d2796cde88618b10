import { RegistreDb } from '../src/store/db';
import { httpTransport, type FetchLike } from '../src/sync/transport';
import type { createApp } from './app';
import { DEMO_PASSWORD } from './seed';

/**
 * A browser as the server sees it, for integration tests: its own IndexedDB (fake-indexeddb) and
 * its own session cookie, signed in with a demo account, talking to the app in-process.
 */
export async function device(app: ReturnType<typeof createApp>, email: string) {
  let cookie = '';
  const fetchImpl: FetchLike = async (url, init) => {
    const res = await app.request(url, { ...init, headers: { ...(init?.headers as object), Cookie: cookie } });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res;
  };
  await fetchImpl('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const db = new RegistreDb(`device-${Math.random()}`);
  await db.open();
  return { db, fetchImpl, transport: httpTransport(fetchImpl) };
}

/**
 * One browser on one device, as several people use it one after the other: one cookie jar (the
 * server's session is whoever signed in last), one localStorage (installed on globalThis while
 * the test runs: `close()` removes it), and a network that can be cut (`offline`).
 */
export function browser(app: ReturnType<typeof createApp>) {
  let cookie = '';
  const store = new Map<string, string>();
  const localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  };
  (globalThis as { localStorage?: unknown }).localStorage = localStorage;
  const b = {
    offline: false,
    store,
    fetchImpl: (async (url, init) => {
      if (b.offline) throw new TypeError('Failed to fetch');
      const res = await app.request(url, { ...init, headers: { ...(init?.headers as object), Cookie: cookie } });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0]!;
      return res;
    }) as FetchLike,
    /** The server forgets this browser's session (it expired). */
    expireSession: () => {
      cookie = '';
    },
    close: () => {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    },
  };
  return b;
}
