import type { Locator, Page } from '@playwright/test';

/** Page model of the roll-call (appel): one row per member, by last name, and the counts. */
export class RollCallPage {
  readonly inOffice: Locator;
  readonly present: Locator;
  readonly voters: Locator;
  readonly quorum: Locator;
  readonly counts: Locator;
  readonly sealedNotice: Locator;

  constructor(readonly page: Page) {
    this.inOffice = page.getByTestId('count-in-office');
    this.present = page.getByTestId('count-present');
    this.voters = page.getByTestId('count-voters');
    this.quorum = page.getByTestId('quorum');
    this.counts = page.getByTestId('counts');
    this.sealedNotice = page.getByTestId('sealed-notice');
  }

  /** The roll-call of that séance, by its address. */
  async goto(seancePath: string): Promise<void> {
    await this.page.goto(`${seancePath}/appel`);
  }

  row(lastName: string): Locator {
    return this.page.getByTestId(`row-${lastName}`);
  }

  choice(lastName: string, status: 'Présent' | 'Absent' | 'Excusé' | 'Représenté'): Locator {
    return this.row(lastName).getByRole('radio', { name: status, exact: true });
  }

  async allPresent(): Promise<void> {
    await this.page.getByRole('button', { name: 'Tous présents' }).click();
  }

  async mark(lastName: string, status: 'Présent' | 'Absent' | 'Excusé' | 'Représenté'): Promise<void> {
    await this.row(lastName).getByText(status, { exact: true }).click();
  }

  /** Everyone present, then the listed members absent or excused (by last name, as read out). */
  async record(opts: { absent?: string[]; excused?: string[] } = {}): Promise<void> {
    await this.allPresent();
    for (const name of opts.absent ?? []) await this.mark(name, 'Absent');
    for (const name of opts.excused ?? []) await this.mark(name, 'Excusé');
  }

  /** The giver is represented by the holder (full name as listed). */
  async giveProxy(giver: string, holder: string): Promise<void> {
    await this.mark(giver, 'Représenté');
    await this.row(giver).getByRole('combobox').selectOption({ label: holder });
  }
}
