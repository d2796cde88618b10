import { execFileSync } from 'node:child_process';
import { expect, type Locator, type Page } from '@playwright/test';
import { SignaturePad } from './signature-pad';

export interface Party {
  organisation: string;
  signatory: string;
  capacity: string;
}

/** Page model of a convention's page and of its form. */
export class ConventionPage {
  readonly pad: SignaturePad;
  readonly progress: Locator;
  readonly parties: Locator;

  constructor(readonly page: Page) {
    this.pad = new SignaturePad(page);
    this.progress = page.getByTestId('convention-progress');
    this.parties = page.getByTestId('convention-parties');
  }

  /** From an agenda item: "Nouvelle convention", the parties and the text (or a PDF), created. */
  async draft(c: { title: string; parties: Party[]; text?: string; pdf?: Buffer }): Promise<void> {
    await this.openNewForm();
    await this.create(c);
  }

  async openNewForm(): Promise<void> {
    await this.page.getByRole('link', { name: 'Nouvelle convention' }).click();
    await expect(this.page.getByRole('heading', { name: 'Nouvelle convention' })).toBeVisible();
  }

  /** On the new convention's form: the parties and the text (or a PDF), created. */
  async create(c: { title: string; parties: Party[]; text?: string; pdf?: Buffer }): Promise<void> {
    const p = this.page;
    await p.getByLabel('Intitulé de la convention').fill(c.title);
    for (let i = 2; i < c.parties.length; i++) await p.getByRole('button', { name: 'Ajouter une partie' }).click();
    for (const [i, party] of c.parties.entries()) {
      const group = p.getByRole('group', { name: `Partie ${i + 1}` });
      await group.getByLabel('Collectivité ou organisme').fill(party.organisation);
      await group.getByLabel('Signataire', { exact: true }).fill(party.signatory);
      await group.getByLabel('Qualité du signataire').fill(party.capacity);
    }
    if (c.text) await p.getByLabel('Texte de la convention').fill(c.text);
    if (c.pdf) await p.getByLabel('PDF de la convention (facultatif, 20 Mo au plus)').setInputFiles({ name: 'convention.pdf', mimeType: 'application/pdf', buffer: c.pdf });
    await p.getByRole('button', { name: 'Créer la convention' }).click();
    await expect(p.getByRole('heading', { name: c.title })).toBeVisible();
  }

  partyRow(party: Party): Locator {
    return this.parties.getByRole('row', { name: new RegExp(party.organisation) });
  }

  async expectSignatures(n: number, of: number): Promise<void> {
    await expect(this.progress).toHaveText(new RegExp(`${n} signature${n > 1 ? 's' : ''} sur ${of}`));
  }

  /** The signatory of that party signs with a finger. */
  async signAs(party: Party, wave = 0): Promise<void> {
    await this.page.getByLabel('Partie qui signe').selectOption({ label: `${party.organisation} — ${party.signatory}, ${party.capacity}` });
    await this.pad.draw(wave);
    await this.page.getByRole('button', { name: 'Signer', exact: true }).click();
    await expect(this.partyRow(party)).toContainText('Signée le');
  }

  /** Downloads the convention's PDF: its page count, its text, its last page's text. */
  async pdf(path: string): Promise<{ pages: number; all: string; last: string }> {
    const downloadPromise = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Télécharger le PDF de la convention' }).click();
    await (await downloadPromise).saveAs(path);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())?.[1]);
    return {
      pages,
      all: execFileSync('pdftotext', ['-layout', path, '-']).toString(),
      last: execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), path, '-']).toString(),
    };
  }
}
