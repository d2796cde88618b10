import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { closedSeanceWithOneDeliberation } from './deliberation-pages';
import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';
import { aDay } from './pages';

/*
 * Issue #3: the administrator gives the organisation a logo, and the documents print it. A text
 * file dressed up as a PNG is refused with a French message; a real PNG is previewed, then shows
 * on the extract of a closed deliberation (an image in the downloaded PDF); then it is removed so
 * that the other tests sharing this server print as before.
 */

const ADMIN = 'admin@demo.example';
const ORG = 'Syndicat mixte de démonstration';
const LOGO = readFileSync(new URL('./fixtures/logo.png', import.meta.url));

async function openOrganisation(page: Page): Promise<void> {
  await page.goto('/administration/organisation');
  await expect(page.getByRole('heading', { name: 'Modifier l’organisation', level: 1 })).toBeVisible();
}

test('the administrator sets the logo, a fake PNG is refused, and the extract prints the logo', async ({ page }, info) => {
  test.skip(info.project.name !== 'laptop', 'the organisation has one logo: one project sets and removes it, or the two would race');
  test.setTimeout(180_000);
  await openAppAndWaitOffline(page, ADMIN);
  await openOrganisation(page);
  const logo = page.getByTestId('organisation-logo');
  await expect(logo).toContainText('Aucun logo');

  // A text file renamed .png: refused by its bytes, in French, and nothing is saved.
  await page.getByLabel('Choisir un logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('Ceci n’est pas une image.') });
  await expect(page.getByTestId('logo-error')).toHaveText('Ce fichier n’est pas une image PNG ou JPEG. Choisissez un fichier PNG ou JPEG.');
  await expect(page.getByLabel('Choisir un logo')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('logo-preview')).toHaveCount(0);
  await expectAccessible(page, 'organisation, logo refusé');

  // A real PNG: previewed, described, saved.
  await page.getByLabel('Choisir un logo').setInputFiles({ name: 'blason.png', mimeType: 'image/png', buffer: LOGO });
  await expect(page.getByTestId('logo-status')).toHaveText('Le logo est enregistré. Il figurera sur les prochains documents.');
  await expect(page.getByRole('img', { name: `Logo de ${ORG}` })).toBeVisible();
  await expect(page.getByTestId('logo-error')).toHaveCount(0);
  await expect(logo).toContainText('blason.png, 160 × 120 pixels, 465 octets');
  expect(await page.getByTestId('logo-preview').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
  await expectAccessible(page, 'organisation avec logo');
  await page.screenshot({ path: info.outputPath('organisation-logo.png'), fullPage: true });

  // The extract of a closed deliberation carries it: one image in the PDF, the letterhead beside.
  const { seanceUrl } = await closedSeanceWithOneDeliberation(page, {
    day: aDay(2015),
    time: '18:00',
    place: `Salle du logo ${Date.now()}`,
    object: 'Adhésion au groupement de commandes de fournitures',
  });
  await page.goto(seanceUrl);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Extrait .+_DL_01 \(PDF\)$/ }).click();
  const download = await downloadPromise;
  const path = info.outputPath('extrait-logo.pdf');
  await download.saveAs(path);
  const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => /^\s*1\s+\d+\s+image\s/.test(l));
  expect(images).toHaveLength(1);
  expect(images[0]).toMatch(/\s160\s+120\s/);
  // The name under the logo, wrapped in the organisation's column.
  expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(ORG);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, info.outputPath('extrait-logo')]);

  // Removed: the documents go back to the letterhead without it.
  await openOrganisation(page);
  await page.getByRole('button', { name: 'Retirer le logo' }).click();
  await expect(page.getByTestId('logo-status')).toHaveText('Le logo est retiré. Les prochains documents seront imprimés sans logo.');
  await expect(page.getByTestId('logo-preview')).toHaveCount(0);
  await expect(logo).toContainText('Aucun logo');
});
