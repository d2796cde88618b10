import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of a body's pouvoirs screen: the list and the "Nouveau pouvoir" form. */
export class ProxiesPage {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly errorSummary: Locator;
  readonly form: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.rows = page.getByTestId('proxy-row');
    this.errorSummary = page.getByTestId('error-summary');
    this.form = page.getByRole('region', { name: 'Nouveau pouvoir' });
    this.saved = page.getByTestId('proxy-saved');
  }

  row(giver: string): Locator {
    return this.rows.filter({ hasText: giver });
  }

  /**
   * Picks the giver and the holder, dates the pouvoir, ticks exactly the séances named (by their
   * date in words) and the illness box, and saves.
   */
  async record(p: { giver: string; holder: string; writtenOn: string; seances: string[]; illness?: boolean }): Promise<void> {
    const form = this.form;
    await form.getByLabel('Mandant (membre qui donne pouvoir)').selectOption({ label: p.giver });
    await form.getByLabel('Mandataire (membre qui votera)').selectOption({ label: p.holder });
    await form.getByLabel('Date du pouvoir').fill(p.writtenOn);
    // Every box through its own label: exactly the séances named are ticked.
    const group = form.getByRole('group', { name: 'Séances couvertes' });
    for (const label of await group.locator('label').all()) {
      const text = ((await label.textContent()) ?? '').trim();
      await label.getByRole('checkbox').setChecked(p.seances.some((day) => text.startsWith(`${day} à`)));
    }
    await form.getByRole('checkbox', { name: /^Maladie dûment constatée/ }).setChecked(!!p.illness);
    await form.getByRole('button', { name: 'Enregistrer le pouvoir' }).click();
    await expect(form.getByRole('button', { name: 'Enregistrer le pouvoir' })).toBeEnabled();
  }

  /** Revokes the pouvoir, after its confirmation. */
  async revoke(giver: string, holder: string): Promise<void> {
    await this.row(giver).getByRole('button', { name: `Révoquer le pouvoir de ${giver} à ${holder}` }).click();
    await expect(this.page.getByRole('button', { name: 'Confirmer la révocation' })).toBeFocused();
    await expect(this.page.getByRole('group', { name: `Révoquer le pouvoir donné par ${giver} à ${holder}` })).toBeVisible();
    await this.page.getByRole('button', { name: 'Confirmer la révocation' }).click();
  }
}
