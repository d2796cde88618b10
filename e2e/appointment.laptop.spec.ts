import { execFileSync } from 'node:child_process';
import { day, expectAccessible, expect, test } from './fixtures';
import { AgendaPage } from './page-models/agenda';
import { ClosingPage } from './page-models/closing';
import { DeliberationPage } from './page-models/deliberation';
import { RollCallPage } from './page-models/roll-call';
import { SeanceListPage } from './page-models/seances';

/*
 * Issue #4: an appointment by secret ballot, from the vote entry to the printed act. Offline on
 * the laptop: round 1 without an absolute majority, round 2 electing, the closing summary, and the
 * extract PDF read back with pdftotext. The secretary records votes on the laptop; the vote form
 * on the tablet is covered by deliberations.spec.ts.
 */

test('laptop, offline: an appointment elected in the 2nd round, on the page, the closing sheet and the extract', async ({ page, context, signIn }, info) => {
  await signIn();
  await context.setOffline(true);

  const { iso, convocation } = day('2015-06-18');
  const seance = await new SeanceListPage(page).createSeance({ date: iso, time: '18:00', place: 'Salle des désignations', convocationDate: convocation });
  await seance.openRollCall();
  const roll = new RollCallPage(page);
  await roll.record({ absent: ['MOREAU', 'LEROUX', 'FONTAINE'] });
  await expect(roll.voters).toHaveText('6');
  await seance.goto();
  await seance.openAgenda();
  const agenda = new AgendaPage(page);
  await agenda.addItem({ object: 'Désignation d\'un délégué' });
  await seance.start();
  await seance.openAgenda();
  await agenda.openItem(1);
  const item = new DeliberationPage(page);

  await page.getByText('Désignation (scrutin secret)', { exact: true }).click();
  await page.getByLabel('Poste à pourvoir').fill('délégué titulaire au SIVU des écoles');
  await page.getByLabel('Mme Claire DUMONT', { exact: true }).check();
  await page.getByLabel('Mme Nadia BENALI', { exact: true }).check();
  const round = (n: number) => item.round(n);

  // A wrong count: refused with the French message, nothing saved.
  await round(1).getByLabel('Voix pour Mme Claire DUMONT').fill('3');
  await round(1).getByLabel('Voix pour Mme Nadia BENALI').fill('2');
  await item.recordAppointment();
  await expect(item.voteError).toContainText('Tour 1 : 5 bulletins pour 6 votants');
  await expect(item.voteResult).toHaveCount(0);

  // Round 1: 3 and 3, no absolute majority.
  await round(1).getByLabel('Voix pour Mme Nadia BENALI').fill('3');
  await expect(item.appointmentLive).toHaveText('Aucune majorité absolue : un 2e tour est nécessaire');
  await item.recordAppointment();
  await expect(item.voteResult).toHaveText('Aucune majorité absolue : un 2e tour est nécessaire');

  // Round 2: 4, 1 and one blank ballot: 4 of 5 votes cast.
  await page.getByRole('button', { name: 'Ajouter un tour' }).click();
  await round(2).getByLabel('Voix pour Mme Claire DUMONT').fill('4');
  await round(2).getByLabel('Voix pour Mme Nadia BENALI').fill('1');
  await round(2).getByLabel('Bulletins blancs').fill('1');
  await expect(item.appointmentLive).toHaveText('Élue au 2e tour : Mme Claire DUMONT (4 voix)');
  await expectAccessible(page, 'désignation, deux tours');
  await page.screenshot({ path: info.outputPath('appointment-laptop.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 1366 });
  await page.screenshot({ path: info.outputPath('appointment-tablet.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await item.recordAppointment();
  await expect(item.voteResult).toHaveText('Élue au 2e tour : Mme Claire DUMONT (4 voix)');
  await expect(page.getByRole('button', { name: 'Enregistrer la désignation' })).toHaveCount(0);

  await page.reload();
  await expect(item.voteResult).toHaveText('Élue au 2e tour : Mme Claire DUMONT (4 voix)');

  const closing = new ClosingPage(page);
  await closing.goto(seance.url);
  await expect(closing.summary(1)).toContainText('Élue au 2e tour : Mme Claire DUMONT (4 voix)');
  await closing.close();

  await seance.goto();
  const path = info.outputPath('extrait.pdf');
  await seance.download(/^Extrait .* \(PDF\)$/, path);
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
