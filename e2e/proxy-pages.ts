import { expect, type Page } from '@playwright/test';

/**
 * A day in words as the app writes it ("7 novembre 2011", "1er mars 2019"), for a UTC date.
 */
export function dayInWords(d: Date): string {
  const words = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  return d.getUTCDate() === 1 ? words.replace(/^1 /, '1er ') : words;
}

/**
 * Page model of the "Nouveau pouvoir" form: the secretary picks the giver and the holder, dates the
 * pouvoir, ticks exactly the séances named (by their date in words) and the illness box, and saves.
 */
export async function recordProxy(
  page: Page,
  p: { giver: string; holder: string; writtenOn: string; seances: string[]; illness?: boolean },
): Promise<void> {
  const form = page.getByRole('region', { name: 'Nouveau pouvoir' });
  await form.getByLabel('Mandant (membre qui donne pouvoir)').selectOption({ label: p.giver });
  await form.getByLabel('Mandataire (membre qui votera)').selectOption({ label: p.holder });
  await form.getByLabel('Date du pouvoir').fill(p.writtenOn);
  // Every box, through its own label: other tests' séances may share a label (the same day), so
  // a box is never looked up by its name. (The test is offline: no séance arrives meanwhile.)
  const group = form.getByRole('group', { name: 'Séances couvertes' });
  for (const label of await group.locator('label').all()) {
    const text = ((await label.textContent()) ?? '').trim();
    const wanted = p.seances.some((day) => text.startsWith(`${day} à`));
    await label.getByRole('checkbox').setChecked(wanted);
  }
  await form.getByRole('checkbox', { name: /^Maladie dûment constatée/ }).setChecked(!!p.illness);
  await form.getByRole('button', { name: 'Enregistrer le pouvoir' }).click();
  await expect(form.getByRole('button', { name: 'Enregistrer le pouvoir' })).toBeEnabled();
}
