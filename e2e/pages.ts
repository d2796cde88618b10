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
