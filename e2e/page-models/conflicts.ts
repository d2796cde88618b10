import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of the conflicts screen: the server's value beside this device's, and a choice. */
export class ConflictsPage {
  readonly serverValue: Locator;
  readonly clientValue: Locator;

  constructor(readonly page: Page) {
    this.serverValue = page.getByTestId('server-value');
    this.clientValue = page.getByTestId('client-value');
  }

  async keepServerVersion(): Promise<void> {
    await this.page.getByRole('button', { name: 'Garder la version du serveur' }).first().click();
  }

  async expectNone(): Promise<void> {
    await expect(this.page.getByText('Aucun conflit.')).toBeVisible();
  }
}
