import { expectAccessible, expect, test } from './fixtures';
import { draftConvention, expectPdfWithThreeSignatures, PARTIES } from './page-models/convention-seed';
import { ConventionPage } from './page-models/conventions';

/* The signatories sign on the tablet; the laptop drafts in convention-devices.laptop.spec.ts. */

test('tablet, offline: a tripartite convention signed by its three signatories gives a PDF with a signature page', async ({ page, context, signIn }, info) => {
  await signIn();
  await context.setOffline(true);
  const title = 'Convention tripartite relative à l’ENT';
  await draftConvention(page, title);
  await expectAccessible(page, 'convention');

  const convention = new ConventionPage(page);
  for (const [i, party] of PARTIES.entries()) await convention.signAs(party, i);
  await expect(convention.progress).toContainText('signée par toutes les parties');
  // Signed: it can no longer be edited or deleted.
  await expect(page.getByRole('button', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Supprimer la convention' })).toHaveCount(0);
  await expect(convention.pad.canvas).toHaveCount(0);
  await expectPdfWithThreeSignatures(page, info.outputPath('convention-tablette.pdf'));
  await page.getByRole('link', { name: '← Conventions' }).click();
  await expect(page.getByTestId('conventions')).toContainText(title);
  await expectAccessible(page, 'liste des conventions');
});
