import AxeBuilder from '@axe-core/playwright';
import { devices, expect, test as base, type Locator, type Page } from '@playwright/test';
import { SignInPage } from './page-models/sign-in';
import { Shell } from './page-models/shell';

/*
 * Each test works in an organisation of its own, made for it by the server's test route
 * (server/testRoutes.ts, mounted with REGISTRE_TEST_ROUTES=1 by playwright.config.ts): no two
 * tests, nor the two projects, ever see each other's séances, numbers, members or logo.
 */

export interface Account {
  email: string;
  name: string;
  role: string;
  memberId?: string;
}

export interface Org {
  id: string;
  name: string;
  password: string;
  bodies: { id: string; name: string }[];
  members: { id: string; civility: string; firstName: string; lastName: string }[];
  accounts: {
    admin: Account;
    /** Sam Secrétaire, the secretariat's agent: records séances, signs nothing. */
    secretary: Account;
    /** Claire DUMONT, the president. */
    president: Account;
    /** Bernard LEFEBVRE, the élu usually named secrétaire de séance. */
    electedSecretary: Account;
    reader: Account;
  };
}

interface Fixtures {
  /** This test's own organisation. */
  org: Org;
  /**
   * Signs `page` in (the secretary by default), waits for the organisation to be stored locally
   * and for the service worker to control the page: from then on the app works with no network.
   */
  signIn: (account?: Account, page?: Page) => Promise<Shell>;
  /** Another device (a tablet by default), signed in, ready offline; closed after the test. */
  device: (account?: Account) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  org: async ({ request }, use) => {
    const res = await request.post('/api/test/organisation');
    expect(res.status(), 'POST /api/test/organisation (REGISTRE_TEST_ROUTES=1)').toBe(201);
    const body = (await res.json()) as Omit<Org, 'accounts' | 'id' | 'name'> & { organisation: { id: string; name: string }; accounts: Account[] };
    const byName = (name: string) => body.accounts.find((a) => a.name === name)!;
    await use({
      id: body.organisation.id,
      name: body.organisation.name,
      password: body.password,
      bodies: body.bodies,
      members: body.members,
      accounts: {
        admin: body.accounts.find((a) => a.role === 'administrateur')!,
        secretary: byName('Sam Secrétaire'),
        president: byName('Claire DUMONT'),
        electedSecretary: byName('Bernard LEFEBVRE'),
        reader: body.accounts.find((a) => a.role === 'lecture')!,
      },
    });
  },
  signIn: async ({ page, org }, use) => {
    await use(async (account = org.accounts.secretary, on = page) => {
      await on.goto('/');
      await new SignInPage(on).signIn(account, org.password);
      return await readyOffline(on, org);
    });
  },
  device: async ({ browser, org }, use, info) => {
    const contexts: import('@playwright/test').BrowserContext[] = [];
    await use(async (account = org.accounts.president) => {
      const context = await browser.newContext({
        ...devices['iPad Pro 11'], viewport: { width: 1024, height: 1366 }, isMobile: true, hasTouch: true, locale: 'fr-FR',
        baseURL: info.project.use.baseURL!,
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/');
      await new SignInPage(page).signIn(account, org.password);
      await readyOffline(page, org);
      return page;
    });
    for (const c of contexts) await c.close();
  },
});

/** Signed in: the organisation is shown, and the service worker controls the page. */
async function readyOffline(page: Page, org: Org): Promise<Shell> {
  const shell = new Shell(page);
  await expect(shell.orgName).toHaveText(org.name);
  // Polled from here: `ready` can resolve while the worker is still activating.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          return reg?.active?.state === 'activated' && !!navigator.serviceWorker.controller;
        }),
      { message: 'the service worker never took control', intervals: [100], timeout: 30_000 },
    )
    .toBe(true);
  return shell;
}

export { expect };

/** Runs axe-core on the current screen: no serious or critical violation is allowed. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${label}`,
  ).toEqual([]);
}

/**
 * Where an element is once the layout has settled: a document still loading above a signature
 * pad moves it, and touches aimed at the old place would miss. Polled until two readings agree.
 */
export async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await locator.scrollIntoViewIfNeeded();
  let last = await locator.boundingBox();
  await expect
    .poll(async () => {
      const now = await locator.boundingBox();
      const same = !!now && !!last && now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height;
      last = now;
      return same;
    }, { message: 'the element never stopped moving', intervals: [150], timeout: 6_000 })
    .toBe(true);
  return last!;
}

/**
 * Days for the tests, fixed: each test has its organisation, so a day is never another test's;
 * `iso`, the convocation ten days before, and the day in words as the app writes it.
 */
export function day(iso: string): { iso: string; convocation: string; words: string } {
  const d = new Date(`${iso}T00:00:00Z`);
  const convocation = new Date(d.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  return { iso, convocation, words: dayInWords(d) };
}

/** A day in words as the app writes it ("7 novembre 2011", "1er mars 2019"), for a UTC date. */
export function dayInWords(d: Date): string {
  const words = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  return d.getUTCDate() === 1 ? words.replace(/^1 /, '1er ') : words;
}
