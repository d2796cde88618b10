import Dexie from 'dexie';
import { db, DB_NAME, openDatabase, RegistreDb } from './db';
import { CURRENT_ORG } from './organisation';

/*
 * One local database per organisation: `registre-<organisationId>`. Signing into another
 * organisation switches database; the previous one stays on the device, unseen, with its outbox,
 * and comes back when its organisation signs in again.
 *
 * The first database, `registre`, keeps holding the organisation it held before databases were
 * per organisation (its own meta row `currentOrganisationId` says which), so that existing devices
 * keep their data and outbox; nothing is moved. An empty one (a device that started with this
 * version) holds none, and is never given one.
 *
 * Which database the app opens at start is remembered in localStorage; when it is missing the
 * app opens `registre` and the sign-in finds the right one again by its name.
 */

const CURRENT_DATABASE = 'registre.database';

export const databaseNameOf = (organisationId: string) => `${DB_NAME}-${organisationId}`;

/** The organisation the database holds, as its sign-in recorded it. */
export async function organisationHeldBy(d: RegistreDb): Promise<string | undefined> {
  const v = (await d.meta.get(CURRENT_ORG))?.value;
  return typeof v === 'string' ? v : undefined;
}

/** The name of the database that holds, or will hold, this organisation on this device. */
export async function databaseNameFor(organisationId: string): Promise<string> {
  const current = db();
  let legacy: string | undefined;
  if (current.name === DB_NAME) legacy = await organisationHeldBy(current);
  else if (await Dexie.exists(DB_NAME)) {
    const first = new RegistreDb(DB_NAME);
    try {
      legacy = await organisationHeldBy(first);
    } finally {
      first.close();
    }
  }
  return legacy === organisationId ? DB_NAME : databaseNameOf(organisationId);
}

/** The database the app opens at start: the one of the organisation last signed in here. */
export function openStartDatabase(): RegistreDb {
  return openDatabase(globalThis.localStorage?.getItem(CURRENT_DATABASE) ?? DB_NAME);
}

/** Switches to the database of that name and remembers it for the next start and the other tabs. */
export function switchDatabase(name: string): RegistreDb {
  const d = openDatabase(name);
  globalThis.localStorage?.setItem(CURRENT_DATABASE, name);
  return d;
}

/**
 * Follows a switch made in another tab (a sign-in into another organisation): this tab opens the
 * same database, then `onSwitch` runs (the screens' cache is emptied there). Returns the unsubscribe.
 */
export function followOtherTabs(onSwitch: () => void): () => void {
  const listener = (e: StorageEvent) => {
    if (e.key !== CURRENT_DATABASE || !e.newValue || e.newValue === db().name) return;
    openDatabase(e.newValue);
    onSwitch();
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
