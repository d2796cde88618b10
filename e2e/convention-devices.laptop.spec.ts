import { expect, test } from './fixtures';
import { draftConvention, expectPdfWithThreeSignatures, PARTIES } from './page-models/convention-seed';
import { ConventionPage } from './page-models/conventions';
import { Shell } from './page-models/shell';

/* This test drives both devices itself: the laptop project runs it. */

test('two devices: the laptop drafts and signs for the syndicat, the tablet signs for the two other parties', async ({ page, context, signIn, device }, info) => {
  const laptop = await signIn();
  const tablet = await device();
  const tabletShell = new Shell(tablet);

  // The laptop, offline, drafts the convention and signs for the syndicat; then it syncs.
  await context.setOffline(true);
  const title = 'Convention tripartite';
  const url = await draftConvention(page, title);
  await new ConventionPage(page).signAs(PARTIES[0]!, 0);
  await context.setOffline(false);
  await laptop.syncNow();

  // The tablet receives it, signs for the two other parties, and syncs back.
  await tabletShell.syncNow();
  // The president finds it among what awaits her signature.
  await tablet.goto('/revue');
  await tablet.getByTestId('conventions-to-sign').getByRole('link', { name: new RegExp(title) }).click();
  const onTablet = new ConventionPage(tablet);
  await onTablet.expectSignatures(1, 3);
  await onTablet.signAs(PARTIES[1]!, 1);
  await onTablet.signAs(PARTIES[2]!, 2);
  await tabletShell.syncNow();

  // The laptop sees all three signatures, cannot edit any more, and prints the PDF.
  await laptop.syncNow();
  await page.goto(url);
  await expect(new ConventionPage(page).progress).toContainText('signée par toutes les parties');
  await expect(page.getByRole('button', { name: 'Modifier' })).toHaveCount(0);
  await expectPdfWithThreeSignatures(page, info.outputPath('convention-deux-appareils.pdf'));
});
