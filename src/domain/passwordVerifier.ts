/*
 * What a device keeps to let a user sign in again without the network (docs/decisions/011):
 * never the password, a PBKDF2-SHA-256 derivation of it with a random salt. Someone who has the
 * device's storage can try passwords against it at the speed of PBKDF2, as against any stolen
 * hash: the iterations follow OWASP's guidance for PBKDF2-HMAC-SHA256 (600,000) to make each try
 * cost. It opens only what the device already holds; the server checks the password again at the
 * next sync (sync/session.ts).
 */

export const VERIFIER_ITERATIONS = 600_000;

export interface PasswordVerifier {
  /** base64 of 16 random bytes. */
  salt: string;
  iterations: number;
  /** base64 of the 32 derived bytes. */
  hash: string;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256));
}

export async function makeVerifier(password: string, iterations = VERIFIER_ITERATIONS): Promise<PasswordVerifier> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toBase64(salt), iterations, hash: toBase64(await derive(password, salt, iterations)) };
}

/** Whether `password` is the one the verifier was made from (compared in constant time). */
export async function checkVerifier(password: string, verifier: PasswordVerifier): Promise<boolean> {
  const expected = fromBase64(verifier.hash);
  const actual = await derive(password, fromBase64(verifier.salt), verifier.iterations);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}
