import { expect, type Page } from '@playwright/test';
import { createSeance, recordRollCall } from './pages';

/** Page model of the agenda and deliberation screens: tests read like the secretary at work. */

/** From the séance page, opens its agenda. */
export async function openAgenda(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Ordre du jour', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Ordre du jour — / })).toBeVisible();
}

/** On the agenda: adds an item at the end and waits until it is listed. */
export async function addAgendaItem(
  page: Page,
  item: { object: string; kind?: 'Délibération' | 'Information (prend acte)'; rapporteur?: string },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Ajouter un point' });
  await form.getByLabel('Nature').selectOption({ label: item.kind ?? 'Délibération' });
  if (item.rapporteur) await form.getByLabel('Rapporteur').selectOption({ label: item.rapporteur });
  await form.getByLabel('Objet').fill(item.object);
  const before = await page.getByTestId('agenda').locator('tbody tr').count().catch(() => 0);
  await form.getByRole('button', { name: 'Ajouter le point' }).click();
  await expect(page.getByTestId('agenda').locator('tbody tr')).toHaveCount(before + 1);
}

/** On the agenda: opens the item with that order number. */
export async function openItem(page: Page, order: number): Promise<void> {
  await page.getByTestId(`agenda-item-${order}`).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: new RegExp(`^Point n° ${order}\\b`) })).toBeVisible();
}

/** Types the lines of a visas / considérants / articles list, Enter between lines, as a clerk would. */
export async function typeLines(page: Page, list: 'visas' | 'recitals' | 'articles', lines: string[]): Promise<void> {
  const box = page.getByTestId(list);
  const first = box.locator('textarea').first();
  await first.click();
  await first.fill(lines[0] ?? '');
  for (const [i, line] of lines.slice(1).entries()) {
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const next = box.locator('textarea').nth(i + 1);
    await expect(next).toBeFocused();
    await next.fill(line);
  }
}

/** Waits until the autosave has stored what was typed. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toContainText('Enregistré', { timeout: 10_000 });
}

/** On an item, during the séance: records a show-of-hands vote. */
export async function voteShowOfHands(
  page: Page,
  counts: { yes: number; no?: number; abstain?: number; notVoting?: number },
): Promise<void> {
  await page.getByText('À main levée', { exact: true }).click();
  await page.getByLabel('Pour', { exact: true }).fill(String(counts.yes));
  await page.getByLabel('Contre', { exact: true }).fill(String(counts.no ?? 0));
  await page.getByLabel('Abstention', { exact: true }).fill(String(counts.abstain ?? 0));
  await page.getByLabel('Ne prend pas part', { exact: true }).fill(String(counts.notVoting ?? 0));
  await page.getByRole('button', { name: 'Enregistrer le vote' }).click();
}

/** On an item: "Tous pour" then record: the usual unanimous vote. */
export async function voteUnanimously(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Tous pour/ }).click();
  await page.getByRole('button', { name: 'Enregistrer le vote' }).click();
  await expect(page.getByTestId('vote-result')).toBeVisible();
}

/**
 * A séance of `day` with everyone present and one deliberation, voted unanimously and closed:
 * returns the séance's address and the deliberation's.
 */
export async function closedSeanceWithOneDeliberation(
  page: Page,
  s: { day: { iso: string; convocation: string }; time: string; place: string; object: string; president?: string; secretary?: string },
): Promise<{ seanceUrl: string; itemUrl: string }> {
  await page.goto('/');
  await createSeance(page, { date: s.day.iso, time: s.time, place: s.place, convocationDate: s.day.convocation, president: s.president, secretary: s.secretary });
  await expect(page).toHaveURL(/\/seances\/[0-9a-f-]{36}$/);
  const seanceUrl = page.url();
  await recordRollCall(page);
  await expect(page.getByTestId('count-present')).toHaveText('9');
  await page.goto(seanceUrl);
  await openAgenda(page);
  await addAgendaItem(page, { object: s.object });
  await page.goto(seanceUrl);
  await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
  await expect(page.getByRole('button', { name: 'Ouvrir la séance' })).toHaveCount(0);
  await openAgenda(page);
  await openItem(page, 1);
  await voteUnanimously(page);
  const itemUrl = page.url();
  await page.goto(`${seanceUrl}/cloture`);
  await page.getByRole('button', { name: 'Clôturer la séance' }).click();
  await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await expect(page.getByTestId('closed-notice')).toBeVisible();
  return { seanceUrl, itemUrl };
}
