import { expect, type Locator, type Page } from '@playwright/test';

export interface NewSeance {
  date: string;
  time: string;
  place: string;
  convocationDate: string;
  president?: string;
  secretary?: string;
}

/** Page model of the home screen: the list of séances. */
export class SeanceListPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Séances' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
  }

  /** The séance's row, by its place. */
  row(place: string): Locator {
    return this.page.getByRole('row', { name: new RegExp(place) });
  }

  async openNewSeanceForm(): Promise<SeanceFormPage> {
    await this.page.getByRole('link', { name: 'Nouvelle séance' }).click();
    const form = new SeanceFormPage(this.page);
    await expect(form.heading).toBeVisible();
    return form;
  }

  /** From the list: fills the form and creates the séance; returns its page. */
  async createSeance(s: NewSeance): Promise<SeancePage> {
    const form = await this.openNewSeanceForm();
    await form.fill(s);
    await form.submit();
    await expect(this.page).toHaveURL(/\/seances\/[0-9a-f-]{36}$/);
    return new SeancePage(this.page);
  }
}

/** Page model of the new séance form. */
export class SeanceFormPage {
  readonly heading: Locator;
  readonly errorSummary: Locator;
  readonly convocationCheck: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Nouvelle séance' });
    this.errorSummary = page.getByRole('alert');
    this.convocationCheck = page.getByTestId('convocation-check');
  }

  async fill(s: Partial<NewSeance>): Promise<void> {
    const p = this.page;
    if (s.date !== undefined) await p.getByLabel('Date de la séance').fill(s.date);
    if (s.time !== undefined) await p.getByLabel('Heure').fill(s.time);
    if (s.place !== undefined) await p.getByLabel('Lieu').fill(s.place);
    if (s.convocationDate !== undefined) await p.getByLabel('Date de convocation').fill(s.convocationDate);
    if (s.president) await p.getByLabel('Président(e) de séance').selectOption({ label: s.president });
    if (s.secretary) await p.getByLabel('Secrétaire de séance').selectOption({ label: s.secretary });
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Créer la séance' }).click();
  }

  async expectErrorCount(n: number): Promise<void> {
    await expect(this.errorSummary).toContainText(`Le formulaire contient ${n} erreur${n > 1 ? 's' : ''}`);
  }

  async cancel(): Promise<void> {
    await this.page.getByRole('link', { name: 'Annuler' }).click();
  }
}

/** Page model of one séance's page: its links to the roll-call, the agenda, the closing, the documents. */
export class SeancePage {
  readonly url: string;
  readonly id: string;
  readonly heading: Locator;
  readonly openingLine: Locator;
  readonly sealedNotice: Locator;
  readonly openRequestsCount: Locator;

  constructor(readonly page: Page) {
    this.url = page.url();
    this.id = new URL(this.url).pathname.split('/').at(-1)!;
    this.heading = page.getByRole('heading', { level: 1 });
    this.openingLine = page.getByTestId('opening-line');
    this.sealedNotice = page.getByTestId('sealed-notice');
    this.openRequestsCount = page.getByTestId('open-requests-count');
  }

  get path(): string {
    return new URL(this.url).pathname;
  }

  async goto(): Promise<void> {
    await this.page.goto(this.url);
  }

  /** "Ouvrir la séance": the votes may be recorded. */
  async start(): Promise<void> {
    await this.goto();
    await this.page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await expect(this.page.getByRole('button', { name: 'Ouvrir la séance' })).toHaveCount(0);
  }

  async openRollCall(): Promise<void> {
    await this.page.getByRole('link', { name: 'Faire l’appel' }).click();
    await expect(this.page.getByRole('heading', { name: /^Appel/ })).toBeVisible();
  }

  async openAgenda(): Promise<void> {
    await this.page.getByRole('link', { name: 'Ordre du jour', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: /^Ordre du jour — / })).toBeVisible();
  }

  async openProxies(): Promise<void> {
    await this.page.getByRole('link', { name: 'Pouvoirs', exact: true }).click();
  }

  /** Downloads the document of that button and saves it at `path`. */
  async download(button: string | RegExp, path: string): Promise<void> {
    const downloadPromise = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: button }).click();
    await (await downloadPromise).saveAs(path);
  }
}
