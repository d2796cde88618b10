import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { day, expectAccessible, expect, test } from './fixtures';
import { OrganisationFormPage } from './page-models/administration';
import { closedSeanceWithOneDeliberation } from './page-models/flows';

/*
 * Issue #3: the administrator gives the organisation a logo, and the documents print it. A text
 * file dressed up as a PNG is refused with a French message; a real PNG is previewed, then shows
 * on the extract of a closed deliberation (an image in the downloaded PDF); then it is removed and
 * the documents go back to the letterhead without it.
 * The logo is this test's organisation's: both projects run it.
 */

const LOGO = readFileSync(new URL('./fixtures/logo.png', import.meta.url));

test('the administrator sets the logo, a fake PNG is refused, and the extract prints the logo', async ({ page, org, signIn }, info) => {
  await signIn(org.accounts.admin);
  const form = new OrganisationFormPage(page);
  await form.goto();
  await expect(form.logo).toContainText('Aucun logo');

  // A text file renamed .png: refused by its bytes, in French, and nothing is saved.
  await form.logoInput.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('Ceci n’est pas une image.') });
  await expect(form.logoError).toHaveText('Ce fichier n’est pas une image PNG ou JPEG. Choisissez un fichier PNG ou JPEG.');
  await expect(form.logoInput).toHaveAttribute('aria-invalid', 'true');
  await expect(form.logoPreview).toHaveCount(0);
  await expectAccessible(page, 'organisation, logo refusé');

  // A real PNG: previewed, described, saved.
  await form.logoInput.setInputFiles({ name: 'blason.png', mimeType: 'image/png', buffer: LOGO });
  await expect(form.logoStatus).toHaveText('Le logo est enregistré. Il figurera sur les prochains documents.');
  await expect(page.getByRole('img', { name: `Logo de ${org.name}` })).toBeVisible();
  await expect(form.logoError).toHaveCount(0);
  await expect(form.logo).toContainText('blason.png, 160 × 120 pixels, 465 octets');
  expect(await form.logoPreview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
  await expectAccessible(page, 'organisation avec logo');
  await page.screenshot({ path: info.outputPath('organisation-logo.png'), fullPage: true });

  // The extract of a closed deliberation carries it: one image in the PDF, the letterhead beside.
  const { seance } = await closedSeanceWithOneDeliberation(page, {
    day: day('2015-09-24'),
    time: '18:00',
    place: 'Salle du logo',
    object: 'Adhésion au groupement de commandes de fournitures',
  });
  await seance.goto();
  const path = info.outputPath('extrait-logo.pdf');
  await seance.download(/^Extrait .+_DL_01 \(PDF\)$/, path);
  const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => /^\s*1\s+\d+\s+image\s/.test(l));
  expect(images).toHaveLength(1);
  expect(images[0]).toMatch(/\s160\s+120\s/);
  // The name under the logo, wrapped in the organisation's column.
  expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(org.name);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, info.outputPath('extrait-logo')]);

  // Removed: the documents go back to the letterhead without it.
  await form.goto();
  await form.removeLogo();
  await expect(form.logoStatus).toHaveText('Le logo est retiré. Les prochains documents seront imprimés sans logo.');
  await expect(form.logoPreview).toHaveCount(0);
  await expect(form.logo).toContainText('Aucun logo');
});
