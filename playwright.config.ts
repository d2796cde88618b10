import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/*
 * Debian's Chromium when present (this machine and CI cannot download Playwright's browsers);
 * elsewhere Playwright's own. CHROMIUM_PATH picks another binary.
 */
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    }
  : {};

const PORT = Number(process.env.E2E_PORT ?? 4317);
// Parallel runs (several engineers on one machine) each use their own port, build and files.
const DIST = process.env.E2E_DIST ?? 'dist';
const DB = `test-results/e2e-${PORT}.sqlite`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: `test-results/e2e-${PORT}`,
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // No test sets its own: each works in its own organisation, so none waits on another's data.
  timeout: 120_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions,
  },
  /*
   * *.laptop.spec.ts run on the laptop only (the secretary's workflow, keyboard shortcuts, tests
   * that drive both devices themselves), *.tablet.spec.ts on the tablet only (touch, signing),
   * every other spec on both.
   */
  projects: [
    { name: 'laptop', testIgnore: '**/*.tablet.spec.ts', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 }, launchOptions } },
    {
      name: 'tablet',
      testIgnore: '**/*.laptop.spec.ts',
      use: {
        viewport: { width: 1024, height: 1366 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        launchOptions,
      },
    },
  ],
  webServer: {
    // A fresh SQLite file per run, in demo mode (the demo organisation, for the specs that read it);
    // REGISTRE_TEST_ROUTES=1 mounts the route that gives each test its own organisation
    // (server/testRoutes.ts).
    command: `rm -f ${DB}* && REGISTRE_DEMO=1 REGISTRE_TEST_ROUTES=1 SQLITE_FILE=${DB} REGISTRE_SCRYPT_LOG2_N=12 STATIC_ROOT=${DIST} PORT=${PORT} npx tsx server/main.ts`,
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
