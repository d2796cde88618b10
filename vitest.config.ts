import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test. Domain and server tests run in Node;
// store and UI tests opt into jsdom with a `// @vitest-environment jsdom` docblock.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    setupFiles: ['./src/test-setup.ts'],
    environment: 'node',
    // Hundreds of sign-ins: scrypt at 2^12 here, OWASP's 2^17 in production (server/auth/passwords.ts).
    env: { REGISTRE_SCRYPT_LOG2_N: '12' },
  },
});
