import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of a séance's agenda (ordre du jour). */
export class AgendaPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('agenda');
  }

  item(order: number): Locator {
    return this.page.getByTestId(`agenda-item-${order}`);
  }

  /** Adds an item at the end and waits until it is listed. */
  async addItem(item: { object: string; kind?: 'Délibération' | 'Information (prend acte)'; rapporteur?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Ajouter un point' });
    await form.getByLabel('Nature').selectOption({ label: item.kind ?? 'Délibération' });
    if (item.rapporteur) await form.getByLabel('Rapporteur').selectOption({ label: item.rapporteur });
    await form.getByLabel('Objet').fill(item.object);
    const rows = this.table.locator('tbody tr');
    const before = await rows.count().catch(() => 0);
    await form.getByRole('button', { name: 'Ajouter le point' }).click();
    await expect(rows).toHaveCount(before + 1);
  }

  async moveDown(order: number): Promise<void> {
    await this.page.getByRole('button', { name: `Descendre le point ${order}` }).click();
  }

  async moveUp(order: number): Promise<void> {
    await this.page.getByRole('button', { name: `Monter le point ${order}` }).click();
  }

  /** Opens the item with that order number. */
  async openItem(order: number): Promise<void> {
    await this.item(order).getByRole('link').first().click();
    await expect(this.page.getByRole('heading', { name: new RegExp(`^Point n° ${order}\\b`) })).toBeVisible();
  }
}
