import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of an agenda item: its text, its vote, its annexes, its corrections. */
export class DeliberationPage {
  readonly voters: Locator;
  readonly voteTotal: Locator;
  readonly voteError: Locator;
  readonly voteResult: Locator;
  readonly voteCounts: Locator;
  readonly registryNumber: Locator;
  readonly annexes: Locator;
  readonly text: Locator;
  readonly sealedNotice: Locator;
  readonly correctionRequest: Locator;

  constructor(readonly page: Page) {
    this.voters = page.getByTestId('count-voters');
    this.voteTotal = page.getByTestId('vote-total');
    this.voteError = page.getByTestId('vote-error');
    this.voteResult = page.getByTestId('vote-result');
    this.voteCounts = page.getByTestId('vote-counts');
    this.registryNumber = page.getByTestId('registry-number').first();
    this.annexes = page.getByTestId('annexes');
    this.text = page.getByTestId('deliberation-text');
    this.sealedNotice = page.getByTestId('sealed-notice');
    this.correctionRequest = page.getByTestId('correction-request');
  }

  /** Back to the agenda by its link. */
  async backToAgenda(): Promise<void> {
    await this.page.getByRole('link', { name: /Ordre du jour/ }).first().click();
  }

  /** Types the lines of a visas / considérants / articles list, Enter between lines, as a clerk would. */
  async typeLines(list: 'visas' | 'recitals' | 'articles', lines: string[]): Promise<void> {
    const box = this.page.getByTestId(list);
    const first = box.locator('textarea').first();
    await first.click();
    await first.fill(lines[0] ?? '');
    for (const [i, line] of lines.slice(1).entries()) {
      await this.page.keyboard.press('End');
      await this.page.keyboard.press('Enter');
      const next = box.locator('textarea').nth(i + 1);
      await expect(next).toBeFocused();
      await next.fill(line);
    }
  }

  /** Waits until the autosave has stored what was typed. */
  async expectSaved(): Promise<void> {
    await expect(this.page.getByTestId('save-status')).toContainText('Enregistré', { timeout: 10_000 });
  }

  /** Records a show-of-hands vote. */
  async voteShowOfHands(counts: { yes: number; no?: number; abstain?: number; notVoting?: number }): Promise<void> {
    const p = this.page;
    await p.getByText('À main levée', { exact: true }).click();
    await p.getByLabel('Pour', { exact: true }).fill(String(counts.yes));
    await p.getByLabel('Contre', { exact: true }).fill(String(counts.no ?? 0));
    await p.getByLabel('Abstention', { exact: true }).fill(String(counts.abstain ?? 0));
    await p.getByLabel('Ne prend pas part', { exact: true }).fill(String(counts.notVoting ?? 0));
    await this.recordVote();
  }

  /** "Tous pour" then record: the usual unanimous vote. */
  async voteUnanimously(): Promise<void> {
    await this.page.getByRole('button', { name: /^Tous pour/ }).click();
    await this.recordVote();
    await expect(this.voteResult).toBeVisible();
  }

  async recordVote(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer le vote' }).click();
  }

  /** Attaches a file as an annex. */
  async attach(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel('Joindre un fichier').setInputFiles(file);
    await expect(this.annexes).toContainText(file.name);
  }

  /** An appointment by secret ballot: its rounds, the result as typed, and recording it. */
  round(n: number): Locator {
    return this.page.getByTestId(`round-${n}`);
  }

  get appointmentLive(): Locator {
    return this.page.getByTestId('appointment-live');
  }

  async recordAppointment(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer la désignation' }).click();
  }

  openAnnexLink(name: string): Locator {
    return this.page.getByRole('link', { name: `Ouvrir ${name}` });
  }
}
