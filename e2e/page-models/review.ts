import { expect, type Locator, type Page } from '@playwright/test';
import { SignaturePad } from './signature-pad';

/** Page model of the president's review of a séance (/revue/…): extracts, requests, signatures. */
export class ReviewPage {
  readonly pad: SignaturePad;
  readonly signatures: Locator;
  readonly sealed: Locator;
  readonly signAsNobody: Locator;
  readonly signAs: Locator;
  readonly minutes: Locator;

  constructor(readonly page: Page) {
    this.pad = new SignaturePad(page);
    this.signatures = page.getByTestId('signatures');
    this.sealed = page.getByTestId('sealed');
    this.signAsNobody = page.getByTestId('sign-as-nobody');
    this.signAs = page.getByLabel('Signer en tant que');
    this.minutes = page.getByRole('article', { name: /Procès-verbal, tel qu’il sera imprimé/ });
  }

  async goto(seanceId: string): Promise<void> {
    await this.page.goto(`/revue/${seanceId}`);
  }

  item(order: number): Locator {
    return this.page.getByTestId(`review-item-${order}`);
  }

  /** Draws and signs the procès-verbal in one's own name. */
  async signMinutes(): Promise<void> {
    await this.pad.draw();
    await this.signButton().click();
  }

  signButton(): Locator {
    return this.page.getByRole('button', { name: 'Signer', exact: true });
  }

  async requestCorrection(order: number, comment: string): Promise<void> {
    const item = this.item(order);
    await item.getByRole('button', { name: `Demander une correction sur le point n° ${order}` }).click();
    await item.getByLabel('Commentaire pour le secrétariat').fill(comment);
    await item.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect(item.getByRole('status')).toHaveText('Demande de correction enregistrée.');
  }

  /** Signs the extract of that item: its own pad opens in place of the procès-verbal's. */
  async signExtract(order: number): Promise<void> {
    const item = this.item(order);
    await item.getByRole('button', { name: `Signer l’extrait du point n° ${order}` }).click();
    await expect(this.pad.canvas).toHaveCount(1);
    await expect(item.getByTestId('signature-pad')).toBeVisible();
    await this.pad.draw();
    await this.page.getByRole('button', { name: 'Confirmer la signature' }).click();
  }
}
