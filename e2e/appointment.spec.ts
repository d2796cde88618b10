import { execFileSync } from 'node:child_process';
import { addAgendaItem, openAgenda, openItem } from './deliberation-pages';
import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';
import { aDay, createSeance, recordRollCall } from './pages';

/*
 * Issue #4: an appointment by secret ballot, from the vote entry to the printed act. Offline on
 * the laptop: round 1 without an absolute majority, round 2 electing, the closing summary, and the
 * extract PDF read back with pdftotext.
 */

test('laptop, offline: an appointment elected in the 2nd round, on the page, the closing sheet and the extract', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'laptop', 'the secretary records votes on the laptop; the vote form on the tablet is covered by deliberations.spec');
  test.setTimeout(200_000);
  await openAppAndWaitOffline(page);
  await context.setOffline(true);

  const day = aDay(2015);
  await createSeance(page, { date: day.iso, time: '18:00', place: `Salle des désignations ${Date.now()}`, convocationDate: day.convocation });
  await expect(page).toHaveURL(/\/seances\/[0-9a-f-]{36}$/);
  const seanceUrl = page.url();
  await recordRollCall(page, { absent: ['MOREAU', 'LEROUX', 'FONTAINE'] });
  await expect(page.getByTestId('count-voters')).toHaveText('6');
  await page.goto(seanceUrl);
  await openAgenda(page);
  await addAgendaItem(page, { object: 'Désignation d\'un délégué' });
  await page.goto(seanceUrl);
  await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
  await expect(page.getByRole('button', { name: 'Ouvrir la séance' })).toHaveCount(0);
  await openAgenda(page);
  await openItem(page, 1);

  await page.getByText('Désignation (scrutin secret)', { exact: true }).click();
  await page.getByLabel('Poste à pourvoir').fill('délégué titulaire au SIVU des écoles');
  await page.getByLabel('Mme Claire DUMONT', { exact: true }).check();
  await page.getByLabel('Mme Nadia BENALI', { exact: true }).check();
  const round = (n: number) => page.getByTestId(`round-${n}`);

  // A wrong count: refused with the French message, nothing saved.
  await round(1).getByLabel('Voix pour Mme Claire DUMONT').fill('3');
  await round(1).getByLabel('Voix pour Mme Nadia BENALI').fill('2');
  await page.getByRole('button', { name: 'Enregistrer la désignation' }).click();
  await expect(page.getByTestId('vote-error')).toContainText('Tour 1 : 5 bulletins pour 6 votants');
  await expect(page.getByTestId('vote-result')).toHaveCount(0);

  // Round 1: 3 and 3, no absolute majority.
  await round(1).getByLabel('Voix pour Mme Nadia BENALI').fill('3');
  await expect(page.getByTestId('appointment-live')).toHaveText('Aucune majorité absolue : un 2e tour est nécessaire');
  await page.getByRole('button', { name: 'Enregistrer la désignation' }).click();
  await expect(page.getByTestId('vote-result')).toHaveText('Aucune majorité absolue : un 2e tour est nécessaire');

  // Round 2: 4, 1 and one blank ballot: 4 of 5 votes cast.
  await page.getByRole('button', { name: 'Ajouter un tour' }).click();
  await round(2).getByLabel('Voix pour Mme Claire DUMONT').fill('4');
  await round(2).getByLabel('Voix pour Mme Nadia BENALI').fill('1');
  await round(2).getByLabel('Bulletins blancs').fill('1');
  await expect(page.getByTestId('appointment-live')).toHaveText('Élue au 2e tour : Mme Claire DUMONT (4 voix)');
  await expectAccessible(page, 'désignation, deux tours');
  await page.screenshot({ path: info.outputPath('appointment-laptop.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 1366 });
  await page.screenshot({ path: info.outputPath('appointment-tablet.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Enregistrer la désignation' }).click();
  await expect(page.getByTestId('vote-result')).toHaveText('Élue au 2e tour : Mme Claire DUMONT (4 voix)');
  await expect(page.getByRole('button', { name: 'Enregistrer la désignation' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('vote-result')).toHaveText('Élue au 2e tour : Mme Claire DUMONT (4 voix)');

  await page.goto(`${seanceUrl}/cloture`);
  await expect(page.getByTestId('summary-1')).toContainText('Élue au 2e tour : Mme Claire DUMONT (4 voix)');
  await page.getByRole('button', { name: 'Clôturer la séance' }).click();
  await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await expect(page.getByTestId('closed-notice')).toBeVisible();

  await page.goto(seanceUrl);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Extrait .* \(PDF\)$/ }).click();
  const path = info.outputPath('extrait.pdf');
  await (await downloadPromise).saveAs(path);
  const text = execFileSync('pdftotext', [path, '-']).toString().replace(/\s+/g, ' ');
  for (const mention of [
    'Désignation au scrutin secret : délégué titulaire au SIVU des écoles',
    '1er tour de scrutin',
    'Ont obtenu : Mme Claire DUMONT : 3 voix ; Mme Nadia BENALI : 3 voix.',
    '2e tour de scrutin',
    'Nombre de votants : 6 – Bulletins blancs : 1 – Bulletins nuls : 0 – Suffrages exprimés : 5',
    'Mme Claire DUMONT, ayant obtenu la majorité absolue, est proclamée élue : délégué titulaire au SIVU des écoles.',
  ]) expect(text).toContain(mention);
});
