import Dexie, { type EntityTable } from 'dexie';
import type { PasswordVerifier } from '../domain/passwordVerifier';

/*
 * The accounts that have signed in on this device, online, at least once: enough to let them sign
 * in again without the network (docs/decisions/011). One database for the whole device, beside
 * the per-organisation ones (store/databases.ts), since the sign-in page must find an account's
 * organisation before it opens its database. Never the password: a verifier of it.
 */

export interface DeviceAccount {
  /** Normalised: trimmed, lower case. */
  email: string;
  user: { id: string; name: string; email?: string; memberId?: string };
  organisationId: string;
  role: string;
  /** The local database that holds the organisation (store/databases.ts). */
  databaseName: string;
  verifier: PasswordVerifier;
  /** When the server last accepted this password here. */
  verifiedAt: string;
}

class DeviceAccountsDb extends Dexie {
  accounts!: EntityTable<DeviceAccount, 'email'>;
  constructor() {
    super('registre-appareil');
    this.version(1).stores({ accounts: '&email, user.id' });
  }
}

let instance: DeviceAccountsDb | undefined;
const accounts = () => (instance ??= new DeviceAccountsDb()).accounts;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function accountOnDevice(email: string): Promise<DeviceAccount | undefined> {
  return accounts().get(normaliseEmail(email));
}

/** After a sign-in the server accepted: this account may sign in here offline from now on. */
export async function rememberAccount(account: Omit<DeviceAccount, 'email'> & { email: string }): Promise<void> {
  const email = normaliseEmail(account.email);
  // One entry per user: an e-mail changed on the server replaces the old one.
  await accounts().where('user.id').equals(account.user.id).delete();
  await accounts().put({ ...account, email });
}

/** Forgets an account (refused by the server: wrong password since, account closed). */
export async function forgetAccount(email: string): Promise<void> {
  await accounts().delete(normaliseEmail(email));
}
