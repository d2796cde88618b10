import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of the sign-in screen. */
export class SignInPage {
  readonly heading: Locator;
  /** What other users of this device left unsent. */
  readonly pendingOfOthers: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Connexion' });
    this.pendingOfOthers = page.getByTestId('pending-of-others');
  }

  /** Signs in through the form, as a person would. */
  async signIn(account: { email: string }, password: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.page.getByLabel('Adresse électronique').fill(account.email);
    await this.page.getByLabel('Mot de passe').fill(password);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
  }
}
