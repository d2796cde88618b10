import { expect, type Page } from '@playwright/test';

/** Page model of the séance form: the test reads like a secretary filling it in. */
export async function createSeance(
  page: Page,
  s: { date: string; time: string; place: string; convocationDate: string },
): Promise<void> {
  await page.getByRole('link', { name: 'Nouvelle séance' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle séance' })).toBeVisible();
  await page.getByLabel('Date de la séance').fill(s.date);
  await page.getByLabel('Heure').fill(s.time);
  await page.getByLabel('Lieu').fill(s.place);
  await page.getByLabel('Date de convocation').fill(s.convocationDate);
  await page.getByRole('button', { name: 'Créer la séance' }).click();
}

/**
 * Page model of the roll-call: opens it from the séance page, marks everyone present, then the
 * listed members absent (by last name, as the secretary reads the list).
 */
export async function recordRollCall(page: Page, opts: { absent?: string[]; excused?: string[] } = {}): Promise<void> {
  await page.getByRole('link', { name: 'Faire l’appel' }).click();
  await expect(page.getByRole('heading', { name: /^Appel/ })).toBeVisible();
  await page.getByRole('button', { name: 'Tous présents' }).click();
  for (const name of opts.absent ?? []) {
    await page.getByTestId(`row-${name}`).getByText('Absent', { exact: true }).click();
  }
  for (const name of opts.excused ?? []) {
    await page.getByTestId(`row-${name}`).getByText('Excusé', { exact: true }).click();
  }
}
