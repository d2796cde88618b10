import { expect, type Page } from '@playwright/test';

/** Page model of the séance form: the test reads like a secretary filling it in. */
export async function createSeance(
  page: Page,
  s: { date: string; time: string; place: string; convocationDate: string; president?: string; secretary?: string },
): Promise<void> {
  await page.getByRole('link', { name: 'Nouvelle séance' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle séance' })).toBeVisible();
  await page.getByLabel('Date de la séance').fill(s.date);
  await page.getByLabel('Heure').fill(s.time);
  await page.getByLabel('Lieu').fill(s.place);
  await page.getByLabel('Date de convocation').fill(s.convocationDate);
  if (s.president) await page.getByLabel('Président(e) de séance').selectOption({ label: s.president });
  if (s.secretary) await page.getByLabel('Secrétaire de séance').selectOption({ label: s.secretary });
  await page.getByRole('button', { name: 'Créer la séance' }).click();
}

/**
 * A day of its own in `year`, its convocation ten days before, and the day in words: the register
 * numbers acts by date, and other tests (and repeats) sync their séances into the same demo
 * organisation; two séances of one day would rightly be refused the same numbers.
 */
export function aDay(year: number): { iso: string; convocation: string; words: string } {
  const d = new Date(Date.UTC(year, Math.floor(Math.random() * 12), 2 + Math.floor(Math.random() * 26)));
  const iso = d.toISOString().slice(0, 10);
  const convocation = new Date(d.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
  const words = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  return { iso, convocation, words };
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
