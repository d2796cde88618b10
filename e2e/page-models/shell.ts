import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page model of what every screen has around it: the organisation's name, the connection, sync,
 * pending and conflict badges, and signing out. The badges' wording lives here only.
 */
export class Shell {
  readonly orgName: Locator;
  readonly connection: Locator;
  readonly sync: Locator;
  readonly pending: Locator;
  readonly conflicts: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.orgName = page.getByTestId('org-name');
    this.connection = page.getByTestId('connection-badge');
    this.sync = page.getByTestId('sync-badge');
    this.pending = page.getByTestId('pending-badge');
    this.conflicts = page.getByTestId('conflicts-badge');
    this.signOutButton = page.getByRole('button', { name: 'Se déconnecter' });
  }

  /** "Synchroniser" from the status badge, then wait until it says it is done. */
  async syncNow(): Promise<void> {
    await this.sync.click();
    await this.expectSynced();
  }

  async expectSynced(): Promise<void> {
    await expect(this.sync).toContainText('Synchronisé à', { timeout: 20_000 });
  }

  /** `n` changes made here wait to be sent. */
  async expectPending(n: number): Promise<void> {
    await expect(this.pending).toHaveText(`${n} modification${n > 1 ? 's' : ''} en attente`);
  }

  /** Everything was sent (the background sync runs within seconds when online). */
  async expectNothingPending(): Promise<void> {
    await expect(this.pending).toHaveCount(0, { timeout: 20_000 });
  }

  async expectOnline(): Promise<void> {
    await expect(this.connection).toHaveText(/En ligne/);
  }

  async expectOffline(): Promise<void> {
    await expect(this.connection).toHaveText(/Hors ligne/);
  }

  /** The outbox was pushed and the server refused nothing, with no conflict. */
  async expectPushedCleanly(): Promise<void> {
    await this.expectNothingPending();
    await expect(this.page.getByRole('link', { name: /refusée/ })).toHaveCount(0);
    await expect(this.conflicts).toHaveCount(0);
  }
}
