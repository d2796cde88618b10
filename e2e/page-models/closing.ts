import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of the closing screen (clôture): the summary of every item, then closing. */
export class ClosingPage {
  readonly closedNotice: Locator;
  readonly corrections: Locator;

  constructor(readonly page: Page) {
    this.closedNotice = page.getByTestId('closed-notice');
    this.corrections = page.getByTestId('corrections');
  }

  async goto(seanceUrl: string): Promise<void> {
    await this.page.goto(`${seanceUrl}/cloture`);
  }

  summary(order: number): Locator {
    return this.page.getByTestId(`summary-${order}`);
  }

  async close(): Promise<void> {
    await this.page.getByRole('button', { name: 'Clôturer la séance' }).click();
    await this.page.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await expect(this.closedNotice).toBeVisible();
  }
}
