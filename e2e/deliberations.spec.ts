import type { Page } from '@playwright/test';
import { expectAccessible, expect, test } from './fixtures';
import { AgendaPage } from './page-models/agenda';
import { ClosingPage } from './page-models/closing';
import { DeliberationPage } from './page-models/deliberation';
import { RollCallPage } from './page-models/roll-call';
import { SeanceListPage, type SeancePage } from './page-models/seances';
import { Shell } from './page-models/shell';

const BUREAU_SEANCE = { date: '2011-11-07', time: '17:30', place: 'Siège du syndicat', convocationDate: '2011-06-30' };
const OBJECT = 'Conventions tripartites pour la mise en œuvre des ENT';
const VISAS = [
  'Vu la délibération du Comité syndical du 6 juin 2011 portant sur les délégations du Bureau,',
  'Vu les statuts de Somme Numérique',
  'Vu les projets de convention',
];
const ARTICLES = [
  'Le Président est autorisé à signer le projet de convention relative à la mise en œuvre du projet ENT avec les communautés de communes du Vimeu Vert, Pays Hamois, Ouest Amiens et Val de Somme et les communes ou syndicats scolaires compétents.',
  'Le Président est chargé de l\'exécution de la présente délibération.',
];
const PREAMBLE =
  'Le syndicat mixte Somme Numérique a formalisé le projet des « Environnements Numériques de Travail » par une Charte de fonctionnement et un groupement de commandes des matériels informatiques.';

/** A Bureau séance of 7 November 2011, 6 present and 3 absent, back on its page. */
async function bureauSeanceWithRollCall(page: Page): Promise<SeancePage> {
  const seance = await new SeanceListPage(page).createSeance(BUREAU_SEANCE);
  await expect(seance.heading).toHaveText('Bureau du 7 novembre 2011');
  await seance.openRollCall();
  const roll = new RollCallPage(page);
  await roll.record({ absent: ['MOREAU', 'LEROUX', 'FONTAINE'] });
  await expect(roll.present).toHaveText('6');
  await seance.goto();
  return seance;
}

/** The screens of one test. */
function screens(page: Page) {
  return { agenda: new AgendaPage(page), item: new DeliberationPage(page), closing: new ClosingPage(page), shell: new Shell(page) };
}

test('offline: the seed deliberation drafted as 4th item, voted unanimously, numbered 20111107_DL_04', async ({ page, context, signIn }) => {
  await signIn();
  const { agenda, item, closing, shell } = screens(page);
  await context.setOffline(true);
  const seance = await bureauSeanceWithRollCall(page);
  const seanceUrl = seance.url;

  await seance.openAgenda();
  await agenda.addItem({ object: 'Approbation du procès-verbal de la séance du 6 juin 2011' });
  await agenda.addItem({ object: 'Point sur le déploiement du très haut débit', kind: 'Information (prend acte)' });
  await agenda.addItem({ object: 'Groupement de commandes des matériels informatiques' });
  await agenda.addItem({ object: OBJECT, rapporteur: 'Mme Claire DUMONT' });
  await expect(agenda.item(4)).toContainText(OBJECT);
  await expect(agenda.item(4)).toContainText('20111107_DL_04');
  await expectAccessible(page, 'ordre du jour');

  // Before the séance the order may change: down then up again.
  await agenda.moveDown(3);
  await expect(agenda.item(4)).toContainText('Groupement de commandes');
  await agenda.moveUp(4);
  await expect(agenda.item(4)).toContainText(OBJECT);

  await agenda.openItem(4);
  await page.getByLabel('Exposé').fill(PREAMBLE);
  await page.getByRole('combobox', { name: 'Matière ACTES' }).fill('intercommunalité');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('actes-chosen')).toContainText('5.7 Intercommunalite');
  await item.typeLines('visas', VISAS);
  await item.typeLines('articles', ARTICLES);
  await expect(page.getByText('LE BUREAU', { exact: true })).toBeVisible();
  await expect(page.getByText('DÉLIBÈRE', { exact: true })).toBeVisible();
  await item.expectSaved();
  await expectAccessible(page, 'rédaction d’une délibération');

  // Nothing typed is lost on reload, offline.
  await page.reload();
  await shell.expectOffline();
  await expect(page.getByLabel('Exposé')).toHaveValue(PREAMBLE);
  await expect(page.getByTestId('visas').locator('textarea')).toHaveCount(3);
  await expect(page.getByLabel('Visa 3', { exact: true })).toHaveValue(VISAS[2]!);
  await expect(page.getByLabel('ARTICLE 2', { exact: true })).toHaveValue(ARTICLES[1]!);
  const itemUrl = page.url();

  await seance.start();
  await page.goto(itemUrl);
  await expect(item.voters).toHaveText('6');
  await expect(item.voteTotal).toContainText('sur 6 votants');

  // Impossible counts are refused in French, and nothing is recorded.
  await item.voteShowOfHands({ yes: 5 });
  await expect(item.voteError).toHaveText('Le total des voix (5) ne correspond pas au nombre de votants (6).');
  await expectAccessible(page, 'vote en erreur');

  await item.voteUnanimously();
  await expect(item.voteResult).toHaveText('Adoptée à l\'unanimité');
  await expect(item.voteCounts).toContainText('Pour : 6 · Contre : 0 · Abstention : 0');
  await expect(item.registryNumber).toHaveText('20111107_DL_04');
  await expectAccessible(page, 'résultat du vote');
  // The substance of the debates, recorded while the séance is open (the PV gives it, L2121-15).
  const debates = 'M. BRUNEL demande le calendrier du déploiement ; Mme DUMONT répond : rentrée 2012.';
  await page.getByLabel('Teneur des débats').fill(debates);
  await item.expectSaved();

  await page.reload();
  await shell.expectOffline();
  await expect(item.voteResult).toHaveText('Adoptée à l\'unanimité');
  await expect(item.registryNumber).toHaveText('20111107_DL_04');
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue(OBJECT);
  await expect(page.getByLabel('Visa 1', { exact: true })).toHaveValue(VISAS[0]!);
  await expect(page.getByLabel('Teneur des débats')).toHaveValue(debates);

  // The other deliberations are voted, then the séance is closed: the numbers become final.
  for (const order of [1, 3]) {
    await item.backToAgenda();
    await agenda.openItem(order);
    await item.voteUnanimously();
  }
  await closing.goto(seanceUrl);
  await expect(closing.summary(4)).toContainText('20111107_DL_04');
  await expect(closing.summary(4)).toContainText('Adoptée à l\'unanimité');
  await expect(closing.summary(2)).toContainText('Prend acte');
  await expectAccessible(page, 'clôture');
  await closing.close();
  await expect(closing.summary(4)).not.toContainText('provisoire');

  // Closed: read-only text; a change is a recorded correction with its author and reason.
  await closing.summary(4).getByRole('link').click();
  await expect(item.text).toContainText(`ARTICLE 1 – ${ARTICLES[0]}`);
  await expect(page.getByRole('textbox', { name: 'Objet' })).toHaveCount(0);
  await page.getByText('Enregistrer une correction').click();
  await page.getByLabel('Partie corrigée').selectOption({ label: 'Visas' });
  await page.getByLabel('Nouveau texte (une ligne par élément)').fill([...VISAS.slice(0, 2), 'Vu les projets de conventions tripartites'].join('\n'));
  await page.getByLabel('Motif de la correction').fill('Erreur matérielle dans le troisième visa');
  await page.getByLabel('Auteur (nom et qualité)').fill('Mme Claire DUMONT, secrétaire de séance');
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await expect(page.getByText('Correction enregistrée.', { exact: true })).toBeVisible();
  await expect(item.text).toContainText('Vu les projets de conventions tripartites');
  await expectAccessible(page, 'délibération close');
  await closing.goto(seanceUrl);
  await expect(closing.corrections).toContainText('Mme Claire DUMONT, secrétaire de séance');
  await expect(closing.corrections).toContainText('Erreur matérielle dans le troisième visa');
});

test('text with <script>, emoji and right-to-left is stored and shown as text; a withdrawal changes the counts', async ({ page, context, signIn }) => {
  await signIn();
  const { agenda, item, closing } = screens(page);
  await context.setOffline(true);
  const seance = await bureauSeanceWithRollCall(page);
  const seanceUrl = seance.url;
  const tricky = '<script>window.__pwned = true</script> <img src=x onerror="window.__pwned=true"> 🎉👍🏽 مرحبا بالعالم שלום';

  await seance.openAgenda();
  await agenda.addItem({ object: tricky });
  await expect(agenda.item(1).getByRole('link')).toHaveText(tricky);
  await agenda.openItem(1);
  await item.typeLines('articles', [`${tricky} ${'long '.repeat(2000)}`]);
  await item.expectSaved();
  await page.reload();
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue(tricky);
  await expect(page.getByLabel('ARTICLE 1', { exact: true })).toHaveValue(new RegExp(`^${tricky.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();

  // Text typed just before a reload (or a crash) is not lost: the local copy restores it.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByLabel('Exposé').fill('Exposé tapé juste avant le rechargement');
  await page.reload();
  await expect(page.getByLabel('Exposé')).toHaveValue('Exposé tapé juste avant le rechargement');
  await item.expectSaved();

  // An annex is kept on the device, offline.
  await item.attach({ name: 'convention-ENT.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 convention') });
  await page.reload();
  await expect(item.openAnnexLink('convention-ENT.pdf')).toBeVisible();

  // A member withdrawn for a personal interest leaves the votants: 6 votes are then refused.
  await seance.start();
  await seance.openAgenda();
  await agenda.openItem(1);
  await page.getByText('Retrait pour intérêt personnel').click();
  await page.getByLabel('M. Bernard LEFEBVRE ne prend pas part à ce point').check();
  await expect(item.voters).toHaveText('5');
  await expect(page.getByTestId('withdrawn-list')).toContainText('M. Bernard LEFEBVRE');
  await item.voteShowOfHands({ yes: 6 });
  await expect(item.voteError).toHaveText('Le total des voix (6) ne correspond pas au nombre de votants (5).');
  await item.voteShowOfHands({ yes: 4, abstain: 1 });
  await expect(item.voteResult).toHaveText('Adoptée à l\'unanimité des suffrages exprimés');

  await closing.goto(seanceUrl);
  await expect(closing.summary(1).getByRole('link')).toHaveText(tricky);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
});

test('public roll-call: a proxy holder votes for the giver too; secret ballot with blank and null', async ({ page, context, signIn }) => {
  await signIn();
  const { agenda, item } = screens(page);
  await context.setOffline(true);
  const seance = await new SeanceListPage(page).createSeance(BUREAU_SEANCE);
  await expect(seance.heading).toHaveText('Bureau du 7 novembre 2011');
  await seance.openRollCall();
  const rollCall = new RollCallPage(page);
  await rollCall.record({ absent: ['MOREAU', 'LEROUX', 'FONTAINE'] });
  await rollCall.giveProxy('FONTAINE', 'Mme Nadia BENALI');
  await expect(rollCall.voters).toHaveText('7');

  await seance.goto();
  await seance.openAgenda();
  await agenda.addItem({ object: 'Adhésion au groupement de commandes' });
  await agenda.addItem({ object: 'Désignation d’un représentant' });
  await seance.start();
  await seance.openAgenda();
  await agenda.openItem(1);

  await page.getByText('Scrutin public', { exact: true }).click();
  const roll = page.getByTestId('roll-call');
  await expect(roll.getByRole('group')).toHaveCount(7);
  await page.getByRole('button', { name: 'Tous pour (7)' }).click();
  await roll.getByRole('group', { name: 'M. Bernard LEFEBVRE', exact: true }).getByText('Contre', { exact: true }).click();
  await roll.getByRole('group', { name: 'Mme Nadia BENALI, pour M. Olivier FONTAINE (pouvoir)' }).getByText('Abstention', { exact: true }).click();
  await expectAccessible(page, 'scrutin public');
  await item.recordVote();
  await expect(item.voteResult).toHaveText('Adoptée');
  await expect(item.voteCounts).toContainText('Pour : 5 · Contre : 1 · Abstention : 1 · Ne prend pas part : 0 (Scrutin public)');

  await page.getByRole('link', { name: /Point suivant/ }).click();
  await page.getByText('Scrutin secret', { exact: true }).click();
  await page.getByLabel('Pour', { exact: true }).fill('4');
  await page.getByLabel('Contre', { exact: true }).fill('1');
  await page.getByLabel('Blancs', { exact: true }).fill('1');
  await page.getByLabel('Nuls', { exact: true }).fill('1');
  await item.recordVote();
  await expect(item.voteResult).toHaveText('Adoptée');
  await expect(item.voteCounts).toContainText('Pour : 4 · Contre : 1 · Blancs : 1 · Nuls : 1');
});
