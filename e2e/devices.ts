import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expect, openAppAndWaitOffline, settledBox, test } from './fixtures';

/*
 * Helpers of the tests that drive two devices through the real server (the secretary's laptop
 * and the president's tablet, each its own browser context: its own IndexedDB, service worker
 * and session) and that sign with a finger.
 */

/** A tablet signed in (the president's by default), its app ready to work offline. */
export async function openTablet(browser: Browser, email = 'presidente@demo.example'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...devices['iPad Pro 11'], viewport: { width: 1024, height: 1366 }, isMobile: true, hasTouch: true, locale: 'fr-FR',
    baseURL: test.info().project.use.baseURL!,
  });
  const page = await context.newPage();
  await openAppAndWaitOffline(page, email);
  return { context, page };
}

/** "Synchroniser" from the status badge, then wait until it says it is done. */
export async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('sync-badge').click();
  await expect(page.getByTestId('sync-badge')).toContainText('Synchronisé à', { timeout: 20_000 });
}

/** A finger on the glass: one stroke by touch events through the Chrome DevTools protocol. */
export async function drawSignature(page: Page, wave = 0): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  const box = await settledBox(pad);
  const cdp = await page.context().newCDPSession(page);
  const at = (x: number, y: number) => [{ x: box.x + box.width * x, y: box.y + box.height * y }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.1, 0.6) });
  for (let i = 1; i <= 12; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.1 + i * 0.06, 0.6 - Math.sin(i / 2 + wave) * 0.3) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect(page.getByTestId('stroke-count')).toHaveText('1 trait');
}

/**
 * The secrétaire de séance signs the procès-verbal on his own tablet, with his own account (one
 * signs only in one's own name): signs in, syncs, signs, syncs. Returns once the server has it.
 */
export async function secretarySigns(browser: Browser, seanceId: string): Promise<void> {
  const { context, page } = await openTablet(browser, 'bernard.lefebvre@demo.example');
  await syncNow(page);
  await page.goto(`/revue/${seanceId}`);
  await expect(page.getByLabel('Signer en tant que')).toContainText('Secrétaire de séance — M. Bernard LEFEBVRE');
  await drawSignature(page);
  await page.getByRole('button', { name: 'Signer', exact: true }).click();
  await expect(page.getByTestId('signatures')).toContainText('M. Bernard LEFEBVRE');
  await expect(page.getByTestId('sealed')).toBeVisible();
  await syncNow(page);
  await expect(page.getByTestId('pending-badge')).toHaveCount(0);
  await context.close();
}
