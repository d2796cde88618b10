import { expectAccessible, expect, test } from './fixtures';
import { ClosingPage } from './page-models/closing';
import { ConflictsPage } from './page-models/conflicts';
import { secretarySigns } from './page-models/flows';
import { ReviewPage } from './page-models/review';
import { RollCallPage } from './page-models/roll-call';
import { SeanceListPage } from './page-models/seances';
import { Shell } from './page-models/shell';

/*
 * Two devices through the real server: the secretary's laptop and the president's tablet, each
 * its own browser context (its own IndexedDB, service worker and session). This test drives
 * both devices itself: the laptop project runs it.
 */
test('laptop and tablet converge: offline séance, conflict kept, signature seals the séance everywhere', async ({ page, context, org, signIn, device }) => {
  const laptop = await signIn();
  const tabletPage = await device();
  const tablet = new Shell(tabletPage);

  // 1. The laptop records a séance with no network, then comes back online.
  await context.setOffline(true);
  const place = 'Salle synchronisée';
  const seance = await new SeanceListPage(page).createSeance({
    date: '2011-11-07', time: '17:30', place, convocationDate: '2011-06-30', president: 'Mme Claire DUMONT', secretary: 'M. Bernard LEFEBVRE',
  });
  await expect(laptop.pending).toBeVisible();
  await context.setOffline(false);
  await laptop.syncNow();
  await expect(laptop.pending).toHaveCount(0);

  await tablet.syncNow();
  await new SeanceListPage(tabletPage).goto();
  await expect(new SeanceListPage(tabletPage).row(place)).toBeVisible();

  // 2. Both devices, offline, mark the same member differently: a conflict, both values kept.
  const laptopRoll = new RollCallPage(page);
  const tabletRoll = new RollCallPage(tabletPage);
  await seance.openRollCall();
  await laptopRoll.allPresent();
  await laptop.syncNow();
  await tablet.syncNow();
  await context.setOffline(true);
  await tabletPage.context().setOffline(true);
  await laptopRoll.mark('MOREAU', 'Absent');
  await tabletRoll.goto(seance.path);
  await tabletRoll.mark('MOREAU', 'Excusé');
  // The laptop reconnects first: its value reaches the server first; the tablet's then conflicts.
  await context.setOffline(false);
  await laptop.syncNow();
  await tabletPage.context().setOffline(false);
  await tablet.syncNow();
  await expect(tablet.conflicts).toHaveText(/1 conflit/);
  await tablet.conflicts.click();
  const conflicts = new ConflictsPage(tabletPage);
  await expect(conflicts.serverValue.first()).toHaveText('absent');
  await expect(conflicts.clientValue.first()).toHaveText('excused');
  await expectAccessible(tabletPage, 'conflits');
  await conflicts.keepServerVersion();
  await conflicts.expectNone();

  // 3. The séance is opened and closed on the laptop, then signed on the tablet.
  await seance.start();
  const closing = new ClosingPage(page);
  await closing.goto(seance.url);
  await closing.close();
  await laptop.syncNow();

  await tablet.syncNow();
  const review = new ReviewPage(tabletPage);
  await review.goto(seance.id);
  await review.signMinutes();
  // The pad is cleared for the next signer once the first signature is stored.
  await expect(review.signatures).toContainText('Mme Claire DUMONT');
  // The president signs only in her own name: the secretary's signature is his, from his account.
  await expect(review.signAsNobody).toContainText('Chaque signataire signe avec son propre compte');
  await tablet.syncNow();
  await secretarySigns(await device(org.accounts.electedSecretary), seance.id);
  await tablet.syncNow();
  await expect(review.sealed).toBeVisible();

  // 4. The laptop receives the seal: nothing can be edited any more.
  await laptop.syncNow();
  await laptopRoll.goto(seance.url);
  await expect(laptopRoll.sealedNotice).toContainText('Séance scellée');
  await expect(laptopRoll.choice('MOREAU', 'Présent')).toBeDisabled();
});
