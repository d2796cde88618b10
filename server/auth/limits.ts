import { createHash } from 'node:crypto';
import type { Driver, Sql } from '../db/driver';
import { ApiError } from '../errors';

/*
 * Sign-in attempts, limited so that guessing a password is slow and nobody can lock a real user
 * out for long (docs/architecture.md §7):
 * - an attempt is counted **before** the password is checked, in one transaction per attempt
 *   (rows locked on PostgreSQL, transactions queued on SQLite): parallel tries all count, and the
 *   right password sent after the limit is refused like the others;
 * - three counters: the account from this address (5 free tries), the address (50: a whole town
 *   hall may share one), the account from anywhere (20: someone rotating addresses). Past its free
 *   tries a counter asks for a delay that doubles with each failure, capped: 5 minutes for the
 *   account from this address or the address, 1 minute for the account, so that an attacker
 *   elsewhere never keeps the real user out for more than a minute;
 * - a success clears the account's counters and takes its attempt back from the address's;
 *   every counter is forgotten 15 minutes after its last failure;
 * - keys are hashes: whatever an attacker sends as an e-mail, a row is 64 characters, and rows
 *   older than a day are purged (with expired sessions, see `purgeExpired`).
 */

export interface Counter {
  /** Tries without delay. */
  free: number;
  /** The longest delay asked, in milliseconds. */
  maxDelayMs: number;
}

export const COUNTERS = {
  pair: { free: 5, maxDelayMs: 5 * 60_000 },
  address: { free: 50, maxDelayMs: 5 * 60_000 },
  account: { free: 20, maxDelayMs: 60_000 },
} as const satisfies Record<string, Counter>;

/** A counter with no failure for this long starts again from zero. */
export const FORGET_AFTER_MS = 15 * 60_000;

/** The delay a counter asks after `failures` failures: none at first, then 1 s, 2 s, 4 s… capped. */
export function delayAfter(failures: number, c: Counter): number {
  if (failures < c.free) return 0;
  return Math.min(c.maxDelayMs, 1000 * 2 ** Math.min(30, failures - c.free));
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

export function attemptKeys(email: string, address: string): { key: string; counter: Counter }[] {
  const e = email.trim().toLowerCase();
  return [
    { key: hash(`pair\u0000${e}\u0000${address}`), counter: COUNTERS.pair },
    { key: hash(`address\u0000${address}`), counter: COUNTERS.address },
    { key: hash(`account\u0000${e}`), counter: COUNTERS.account },
  ];
}

/** Refused: the caller must wait this many seconds (sent as Retry-After). */
export class TooManyAttempts extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'auth.tooManyAttempts');
  }
}

/**
 * Counts one attempt on every counter, or refuses it (TooManyAttempts) when a counter asks for a
 * delay not yet elapsed; a refused attempt changes nothing.
 */
export async function reserveAttempt(db: Driver, email: string, address: string, now: number): Promise<void> {
  const keys = attemptKeys(email, address);
  const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const wait = await db.transaction(async (tx) => {
    let longest = 0;
    const rows: { key: string; failures: number }[] = [];
    for (const { key, counter } of keys) {
      await tx.run('INSERT INTO login_attempts (key, failures, last_at) VALUES (?, 0, 0) ON CONFLICT (key) DO NOTHING', [key]);
      const row = (await tx.get<{ failures: number | string; last_at: number | string }>(`SELECT failures, last_at FROM login_attempts WHERE key = ?${lock}`, [key]))!;
      const last = Number(row.last_at);
      const failures = now - last >= FORGET_AFTER_MS ? 0 : Number(row.failures);
      const delay = delayAfter(failures, counter);
      // (A clock set back makes `last` later than now: that alone asks for no delay.)
      if (delay > 0) longest = Math.max(longest, last + delay - now);
      rows.push({ key, failures });
    }
    if (longest > 0) return longest;
    for (const r of rows) await tx.run('UPDATE login_attempts SET failures = ?, last_at = ? WHERE key = ?', [r.failures + 1, now, r.key]);
    return 0;
  });
  if (wait > 0) throw new TooManyAttempts(Math.ceil(wait / 1000));
}

/**
 * A successful sign-in was not a failure: the account (from here and from anywhere) starts again
 * from zero, so that the real user signing in is never slowed by guesses made elsewhere before;
 * the address only takes this attempt back.
 */
export async function clearAttempts(db: Sql, email: string, address: string): Promise<void> {
  const [pair, addressKey, accountKey] = attemptKeys(email, address);
  await db.run('DELETE FROM login_attempts WHERE key = ?', [pair!.key]);
  await db.run('DELETE FROM login_attempts WHERE key = ?', [accountKey!.key]);
  await db.run('UPDATE login_attempts SET failures = failures - 1 WHERE key = ? AND failures > 0', [addressKey!.key]);
}

/** Counters idle for a day and expired sessions leave the database. */
export async function purgeExpired(db: Sql, now: number): Promise<void> {
  await db.run('DELETE FROM login_attempts WHERE last_at < ?', [now - 24 * 3600_000]);
  await db.run('DELETE FROM sessions WHERE expires_at < ?', [new Date(now).toISOString()]);
}
