import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of the administration screen: the organisation, its bodies and its members. */
export class AdministrationPage {
  readonly heading: Locator;
  readonly summary: Locator;
  readonly savedNotice: Locator;
  readonly membersTable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Administration', level: 1 });
    this.summary = page.getByTestId('organisation-summary');
    this.savedNotice = page.getByTestId('saved-notice');
    this.membersTable = page.getByTestId('members-table');
  }

  async goto(): Promise<void> {
    await this.page.goto('/administration');
    await expect(this.heading).toBeVisible();
  }

  bodyCard(name: string): Locator {
    return this.page.getByRole('article', { name });
  }

  /** "Membres en exercice au 7 novembre 2011 : 9" → 9. */
  async inOffice(body: string): Promise<number> {
    const line = this.bodyCard(body).getByText(/^Membres en exercice au \d{1,2} \S+ \d{4} : \d+$/);
    return Number(/(\d+)$/.exec((await line.textContent()) ?? '')?.[1]);
  }

  async editOrganisation(): Promise<OrganisationFormPage> {
    await this.page.getByRole('link', { name: 'Modifier l’organisation' }).click();
    const form = new OrganisationFormPage(this.page);
    await expect(form.heading).toBeVisible();
    return form;
  }

  async openNewMemberForm(): Promise<void> {
    await this.page.getByRole('link', { name: 'Ajouter un membre' }).click();
    await expect(this.page.getByRole('heading', { name: 'Nouveau membre' })).toBeVisible();
  }

  /** Adds a member through the form; returns the member's page. */
  async addMember(m: { civility: string; firstName: string; lastName: string; birthDate: string }): Promise<MemberPage> {
    await this.openNewMemberForm();
    const p = this.page;
    await p.getByLabel('Civilité').selectOption(m.civility);
    await p.getByLabel('Prénom').fill(m.firstName);
    await p.getByLabel('Nom', { exact: true }).fill(m.lastName);
    await p.getByLabel('Date de naissance').fill(m.birthDate);
    await p.getByRole('button', { name: 'Ajouter le membre' }).click();
    await expect(p.getByRole('heading', { name: `${m.civility} ${m.firstName} ${m.lastName}`, level: 1 })).toBeVisible();
    return new MemberPage(p);
  }

  async openNewBodyForm(): Promise<BodyFormPage> {
    await this.page.getByRole('link', { name: 'Ajouter une instance' }).click();
    const form = new BodyFormPage(this.page);
    await expect(this.page.getByRole('heading', { name: 'Nouvelle instance' })).toBeVisible();
    return form;
  }
}

/** Page model of the organisation's form, its logo included. */
export class OrganisationFormPage {
  readonly heading: Locator;
  readonly logo: Locator;
  readonly logoInput: Locator;
  readonly logoError: Locator;
  readonly logoStatus: Locator;
  readonly logoPreview: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Modifier l’organisation', level: 1 });
    this.logo = page.getByTestId('organisation-logo');
    this.logoInput = page.getByLabel('Choisir un logo');
    this.logoError = page.getByTestId('logo-error');
    this.logoStatus = page.getByTestId('logo-status');
    this.logoPreview = page.getByTestId('logo-preview');
  }

  async goto(): Promise<void> {
    await this.page.goto('/administration/organisation');
    await expect(this.heading).toBeVisible();
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer' }).click();
  }

  async removeLogo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Retirer le logo' }).click();
  }
}

/** Page model of a member's page: the member's mandates. */
export class MemberPage {
  readonly mandates: Locator;

  constructor(readonly page: Page) {
    this.mandates = page.getByTestId('mandates-table');
  }

  async addMandate(m: { body?: string; quality: string; replaces?: string }): Promise<void> {
    if (m.body) await this.page.getByLabel('Instance').selectOption({ label: m.body });
    await this.page.getByLabel('Qualité').selectOption({ label: m.quality });
    if (m.replaces) await this.page.getByLabel('Titulaire suppléé(e)').selectOption({ label: m.replaces });
    await this.page.getByRole('button', { name: 'Ajouter le mandat' }).click();
  }

  async backToAdministration(): Promise<void> {
    await this.page.getByRole('link', { name: 'Retour à l’administration' }).click();
  }
}

/** Page model of a body's form (new or edited). */
export class BodyFormPage {
  constructor(readonly page: Page) {}

  async fill(b: { name: string; verb: string }): Promise<void> {
    await this.page.getByLabel('Nom de l’instance').fill(b.name);
    await this.page.getByLabel('Formule des délibérations').fill(b.verb);
  }

  async create(): Promise<void> {
    await this.page.getByRole('button', { name: 'Créer l’instance' }).click();
  }
}
