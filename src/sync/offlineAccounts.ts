import { checkVerifier, makeVerifier, VERIFIER_ITERATIONS } from '../domain/passwordVerifier';
import { t } from '../i18n';
import { accountOnDevice, forgetAccount, rememberAccount, type DeviceAccount } from '../store/deviceAccounts';
import { SyncError, type LoginResult } from './transport';

/*
 * The device's side of signing in without the network (docs/decisions/011), loaded by
 * sync/session.ts at a sign-in only: the first load does without it.
 */

export { forgetAccount };

// Unit tests sign in hundreds of times: they derive cheaply. A build always uses OWASP's figure.
const iterations = import.meta.env.MODE === 'test' ? 1000 : VERIFIER_ITERATIONS;

/** After a sign-in the server accepted: this account may sign in here offline from now on. */
export async function rememberSignIn(res: LoginResult, email: string, password: string, databaseName: string): Promise<void> {
  await rememberAccount({
    email: res.user.email ?? email,
    user: res.user,
    organisationId: res.organisationId,
    role: res.role,
    databaseName,
    verifier: await makeVerifier(password, iterations),
    verifiedAt: new Date().toISOString(),
  });
}

/** The account, if it signed in here before and `password` is its password; else a French refusal. */
export async function checkOnDevice(email: string, password: string): Promise<DeviceAccount> {
  const account = await accountOnDevice(email);
  if (!account) throw new SyncError(0, 'login.offlineUnknown', t('login.offlineUnknown'));
  if (!(await checkVerifier(password, account.verifier))) throw new SyncError(401, 'login.offlineWrong', t('login.offlineWrong'));
  return account;
}
