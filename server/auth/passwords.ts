import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/*
 * scrypt (RFC 7914) from Node's own crypto: memory-hard, no native dependency to build.
 * OWASP's Password Storage Cheat Sheet asks for N = 2^17, r = 8, p = 1 at least (128 MiB per
 * hash). `REGISTRE_SCRYPT_LOG2_N` lowers N for the test suites only (hundreds of sign-ins), never
 * below 2^10; a hash made with a lower N than the current one is redone at the next sign-in.
 */
export const OWASP_LOG2_N = 17;

export function currentParams(env: NodeJS.ProcessEnv = process.env) {
  const asked = Number(env.REGISTRE_SCRYPT_LOG2_N);
  const log2n = Number.isInteger(asked) && asked >= 10 && asked <= OWASP_LOG2_N ? asked : OWASP_LOG2_N;
  const N = 2 ** log2n;
  // scrypt needs 128·N·r bytes; Node refuses above maxmem.
  return { N, r: 8, p: 1, maxmem: 128 * N * 8 * 2 };
}

export async function hashPassword(password: string): Promise<string> {
  const params = currentParams();
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, 32, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Parameters a stored hash may have: anything else is refused before any work. */
function storedParams(n: string | undefined, r: string | undefined, p: string | undefined) {
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10 || N > 2 ** 20 || R !== 8 || P !== 1) return undefined;
  return { N, r: R, p: P, maxmem: 128 * N * R * 2 };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const params = storedParams(n, r, p);
  if (scheme !== 'scrypt' || !salt || !key || !params) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, params);
  return timingSafeEqual(actual, expected);
}

/** A hash made with weaker parameters than today's: redo it once the password is known. */
export function needsRehash(stored: string): boolean {
  const [scheme, n] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < currentParams().N;
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a hash of nothing, with today's parameters: an unknown e-mail costs the same
 * time as a known one, so the answer's delay does not tell which accounts exist.
 */
export async function verifyNobody(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('base64'));
  await verifyPassword(password, await dummy);
  return false;
}
