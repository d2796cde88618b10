import { expect, type Page } from '@playwright/test';
import { AgendaPage } from './agenda';
import { ClosingPage } from './closing';
import { DeliberationPage } from './deliberation';
import { ReviewPage } from './review';
import { RollCallPage } from './roll-call';
import { SeanceListPage, type SeancePage } from './seances';
import { Shell } from './shell';

/** Steps made of several screens, that several tests share. */

/**
 * A séance of `day` with everyone present and one deliberation, voted unanimously and closed:
 * returns its page model and the deliberation's address.
 */
export async function closedSeanceWithOneDeliberation(
  page: Page,
  s: { day: { iso: string; convocation: string }; time: string; place: string; object: string; president?: string; secretary?: string },
): Promise<{ seance: SeancePage; itemUrl: string }> {
  const list = new SeanceListPage(page);
  await list.goto();
  const seance = await list.createSeance({ date: s.day.iso, time: s.time, place: s.place, convocationDate: s.day.convocation, president: s.president, secretary: s.secretary });
  await seance.openRollCall();
  const roll = new RollCallPage(page);
  await roll.record();
  await expect(roll.present).toHaveText('9');
  await seance.goto();
  await seance.openAgenda();
  const agenda = new AgendaPage(page);
  await agenda.addItem({ object: s.object });
  await seance.start();
  await seance.openAgenda();
  await agenda.openItem(1);
  await new DeliberationPage(page).voteUnanimously();
  const itemUrl = page.url();
  const closing = new ClosingPage(page);
  await closing.goto(seance.url);
  await closing.close();
  return { seance, itemUrl };
}

/**
 * The secrétaire de séance signs the procès-verbal on his own device (`device`: signed in with
 * his own account, one signs only in one's own name): syncs, signs, syncs.
 */
export async function secretarySigns(device: Page, seanceId: string): Promise<void> {
  const shell = new Shell(device);
  await shell.syncNow();
  const review = new ReviewPage(device);
  await review.goto(seanceId);
  await expect(review.signAs).toContainText('Secrétaire de séance — M. Bernard LEFEBVRE');
  await review.signMinutes();
  await expect(review.signatures).toContainText('M. Bernard LEFEBVRE');
  await expect(review.sealed).toBeVisible();
  await shell.syncNow();
  await expect(shell.pending).toHaveCount(0);
}
