import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Locator, type Page } from '@playwright/test';

/** Runs axe-core on the current screen: no serious or critical violation is allowed. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${label}`,
  ).toEqual([]);
}

export const DEMO_PASSWORD = 'registre-demo';

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, email = 'secretaire@demo.example'): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/**
 * Opens the app, signs in, waits for the demo organisation to be stored locally and for the
 * service worker to control the page: from then on the app must work with no network.
 */
export async function openAppAndWaitOffline(page: Page, email = 'secretaire@demo.example'): Promise<void> {
  await page.goto('/');
  await signIn(page, email);
  await expect(page.getByTestId('org-name')).toHaveText('Syndicat mixte de démonstration');
  // Polled in the page: `ready` can resolve while the worker is still activating.
  await page.evaluate(async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg?.active?.state === 'activated' && navigator.serviceWorker.controller) return;
      if (Date.now() > deadline) throw new Error('service worker never took control');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
}

export const test = base;
export { expect };

/**
 * Where an element is once the layout has settled: a document still loading above a signature
 * pad moves it, and touches aimed at the old place would miss. Two equal readings 150 ms apart.
 */
export async function settledBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await locator.scrollIntoViewIfNeeded();
  let last = await locator.boundingBox();
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 150));
    const now = await locator.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) return now;
    last = now;
  }
  throw new Error('the element never stopped moving');
}
