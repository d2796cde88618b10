import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { addAgendaItem, openAgenda, openItem } from './deliberation-pages';
import { drawSignature, openTablet, syncNow } from './devices';
import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';
import { createSeance } from './pages';

/*
 * The seed's case (docs/architecture.md §1): the Bureau authorises its president to sign a tripartite
 * convention between the syndicat, a communauté de communes and a commune; each party's
 * signatory signs with a finger; the PDF carries the three signatures and a signature page.
 */

const PARTIES = [
  { organisation: 'Syndicat mixte de démonstration', signatory: 'Claire DUMONT', capacity: 'Présidente' },
  { organisation: 'Communauté de communes du Val d’Authie', signatory: 'Paul DURAND', capacity: 'Président' },
  { organisation: 'Commune de Saint-Aubin', signatory: 'Anne PETIT', capacity: 'Maire' },
];

/** The secretary's part: a séance, the authorising deliberation, the convention drafted from it. */
async function draftConvention(page: Page, title: string): Promise<string> {
  await createSeance(page, { date: '2011-11-07', time: '17:30', place: `Salle des conventions ${Date.now()}`, convocationDate: '2011-06-30' });
  await expect(page).toHaveURL(/\/seances\/[0-9a-f-]{36}$/);
  await openAgenda(page);
  await addAgendaItem(page, { object: `Autorisation de signer la ${title}` });
  await openItem(page, 1);
  await page.getByRole('link', { name: 'Nouvelle convention' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle convention' })).toBeVisible();
  await expectAccessible(page, 'nouvelle convention');
  await page.getByLabel('Intitulé de la convention').fill(title);
  await page.getByRole('button', { name: 'Ajouter une partie' }).click();
  for (const [i, p] of PARTIES.entries()) {
    const group = page.getByRole('group', { name: `Partie ${i + 1}` });
    await group.getByLabel('Collectivité ou organisme').fill(p.organisation);
    await group.getByLabel('Signataire', { exact: true }).fill(p.signatory);
    await group.getByLabel('Qualité du signataire').fill(p.capacity);
  }
  await page.getByLabel('Texte de la convention').fill(
    'Article 1 – Objet. La présente convention fixe les engagements des parties pour le déploiement de l’ENT.\n\nArticle 2 – Durée. Elle est conclue pour trois ans.',
  );
  await page.getByRole('button', { name: 'Créer la convention' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByTestId('convention-progress')).toHaveText('0 signature sur 3');
  return page.url();
}

async function signAs(page: Page, party: number) {
  const p = PARTIES[party]!;
  await page.getByLabel('Partie qui signe').selectOption({ label: `${p.organisation} — ${p.signatory}, ${p.capacity}` });
  await drawSignature(page, party);
  await page.getByRole('button', { name: 'Signer', exact: true }).click();
  await expect(page.getByTestId('convention-parties').getByRole('row', { name: new RegExp(p.organisation) })).toContainText('Signée le');
}

async function expectPdfWithThreeSignatures(page: Page, name: string) {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger le PDF de la convention' }).click();
  const download = await downloadPromise;
  const path = test.info().outputPath(name);
  await download.saveAs(path);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())?.[1]);
  // The signature page is the last page, and names every signatory with the hash they signed.
  const last = execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), path, '-']).toString();
  expect(last).toContain('Page des signatures');
  for (const p of PARTIES) expect(last).toContain(p.signatory);
  expect(last).not.toContain('En attente de signature');
  const all = execFileSync('pdftotext', ['-layout', path, '-']).toString();
  expect(all).toContain('Article 2 – Durée');
}

test('tablet, offline: a tripartite convention signed by its three signatories gives a PDF with a signature page', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'tablet', 'the signatories sign on the tablet; the laptop drafts in the two-device test');
  test.setTimeout(180_000);
  await openAppAndWaitOffline(page);
  await context.setOffline(true);
  const title = 'Convention tripartite relative à l’ENT';
  await draftConvention(page, title);
  await expectAccessible(page, 'convention');

  for (const party of [0, 1, 2]) await signAs(page, party);
  await expect(page.getByTestId('convention-progress')).toContainText('signée par toutes les parties');
  // Signed: it can no longer be edited or deleted.
  await expect(page.getByRole('button', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Supprimer la convention' })).toHaveCount(0);
  await expect(page.getByTestId('signature-pad')).toHaveCount(0);
  await expectPdfWithThreeSignatures(page, 'convention-tablette.pdf');
  await page.getByRole('link', { name: '← Conventions' }).click();
  await expect(page.getByTestId('conventions')).toContainText(title);
  await expectAccessible(page, 'liste des conventions');
});

test('two devices: the laptop drafts and signs for the syndicat, the tablet signs for the two other parties', async ({ page, context, browser }, info) => {
  test.skip(info.project.name !== 'laptop', 'this test drives both devices itself');
  test.setTimeout(240_000);
  const laptop = page;
  await openAppAndWaitOffline(laptop);
  const { context: tabletContext, page: tablet } = await openTablet(browser);

  // The laptop, offline, drafts the convention and signs for the syndicat; then it syncs.
  await context.setOffline(true);
  const title = `Convention tripartite ${Date.now()}`;
  const url = await draftConvention(laptop, title);
  await signAs(laptop, 0);
  await context.setOffline(false);
  await syncNow(laptop);

  // The tablet receives it, signs for the two other parties, and syncs back.
  await syncNow(tablet);
  // The president finds it among what awaits her signature.
  await tablet.goto('/revue');
  await tablet.getByTestId('conventions-to-sign').getByRole('link', { name: new RegExp(title) }).click();
  await expect(tablet.getByTestId('convention-progress')).toHaveText(/1 signature sur 3/);
  await signAs(tablet, 1);
  await signAs(tablet, 2);
  await syncNow(tablet);

  // The laptop sees all three signatures, cannot edit any more, and prints the PDF.
  await syncNow(laptop);
  await laptop.goto(url);
  await expect(laptop.getByTestId('convention-progress')).toContainText('signée par toutes les parties');
  await expect(laptop.getByRole('button', { name: 'Modifier' })).toHaveCount(0);
  await expectPdfWithThreeSignatures(laptop, 'convention-deux-appareils.pdf');
  await tabletContext.close();
});
