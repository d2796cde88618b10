import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/*
 * An unknown e-mail must cost the server what a known one costs (accounts issue: 2 ms against
 * 39 ms told which accounts exist). Not timed (a timing assertion would be flaky): the scrypt
 * derivations a sign-in runs are counted, with their parameters, for both.
 */

const derivations = vi.hoisted(() => [] as { N: number }[]);
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = ((...args: unknown[]) => {
    derivations.push({ N: (args[3] as { N: number }).N });
    return (real.scrypt as (...a: unknown[]) => void)(...args);
  }) as typeof real.scrypt;
  return { ...real, default: { ...real, scrypt }, scrypt };
});

const { login } = await import('./sessions');
const { seedOrganisation } = await import('../seed');
const { adapters } = await import('../testing');
const { ApiError } = await import('../errors');

describe('signing in with an e-mail nobody has', () => {
  const sqlite = adapters.find((a) => a.name === 'sqlite')!;
  let db: Awaited<ReturnType<typeof sqlite.open>>;
  beforeAll(async () => {
    db = await sqlite.open();
    await seedOrganisation(db);
    // The hash of nothing is made once, at the first unknown e-mail: made here, outside the counts.
    await login(db, 'personne-0@demo.example', 'x', '192.0.2.1').catch(() => undefined);
  });
  afterAll(async () => db.close());

  async function derivationsOf(email: string): Promise<{ N: number }[]> {
    derivations.length = 0;
    const e = await login(db, email, 'mauvais mot de passe', '192.0.2.2').then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as InstanceType<typeof ApiError>).code).toBe('auth.invalidCredentials');
    return [...derivations];
  }

  it('runs the same scrypt work as a wrong password on a real account, and answers the same', async () => {
    const known = await derivationsOf('secretaire@demo.example');
    const unknown = await derivationsOf('personne-1@demo.example');
    expect(known).toHaveLength(1);
    expect(unknown).toEqual(known);
  });
});
