import { describe, expect, it } from 'vitest';
import { checkVerifier, makeVerifier, VERIFIER_ITERATIONS } from './passwordVerifier';

describe('the verifier a device keeps for signing in offline', () => {
  it('accepts the password it was made from and nothing else; it does not contain the password', async () => {
    const v = await makeVerifier('Séance-2026!', 1000);
    expect(await checkVerifier('Séance-2026!', v)).toBe(true);
    expect(await checkVerifier('séance-2026!', v)).toBe(false);
    expect(await checkVerifier('', v)).toBe(false);
    expect(JSON.stringify(v)).not.toContain('Séance');
    // The same password written with a combining accent is the same password.
    expect(await checkVerifier('Se\u0301ance-2026!', v)).toBe(true);
  });

  it('salts each verifier: the same password twice gives two different hashes', async () => {
    const a = await makeVerifier('registre', 1000);
    const b = await makeVerifier('registre', 1000);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await checkVerifier('registre', b)).toBe(true);
  });

  it('is made with OWASP’s iterations for PBKDF2-SHA-256 by default', async () => {
    expect(VERIFIER_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const v = await makeVerifier('x');
    expect(v.iterations).toBe(VERIFIER_ITERATIONS);
  });
});
