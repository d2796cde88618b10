import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';
import { addAgendaItem, expectSaved, openAgenda, openItem, typeLines, voteShowOfHands, voteUnanimously } from './deliberation-pages';
import { createSeance, recordRollCall } from './pages';

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

/** A Bureau séance of 7 November 2011, 6 present and 3 absent, and its agenda page. */
async function bureauSeanceWithRollCall(page: import('@playwright/test').Page): Promise<string> {
  await createSeance(page, BUREAU_SEANCE);
  await expect(page.getByRole('heading', { name: 'Bureau du 7 novembre 2011' })).toBeVisible();
  const seanceUrl = page.url();
  await recordRollCall(page, { absent: ['MOREAU', 'LEROUX', 'FONTAINE'] });
  await expect(page.getByTestId('count-present')).toHaveText('6');
  await page.goto(seanceUrl);
  return seanceUrl;
}

async function startSeance(page: import('@playwright/test').Page, seanceUrl: string): Promise<void> {
  await page.goto(seanceUrl);
  await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
  await expect(page.getByRole('button', { name: 'Ouvrir la séance' })).toHaveCount(0);
}

test('offline: the seed deliberation drafted as 4th item, voted unanimously, numbered 20111107_DL_04', async ({ page, context }) => {
  // The whole séance, from the roll-call to a correction after closing: ~35 s alone, several
  // times that when the machine runs other suites in parallel.
  test.setTimeout(240_000);
  await openAppAndWaitOffline(page);
  await context.setOffline(true);
  const seanceUrl = await bureauSeanceWithRollCall(page);

  await openAgenda(page);
  await addAgendaItem(page, { object: 'Approbation du procès-verbal de la séance du 6 juin 2011' });
  await addAgendaItem(page, { object: 'Point sur le déploiement du très haut débit', kind: 'Information (prend acte)' });
  await addAgendaItem(page, { object: 'Groupement de commandes des matériels informatiques' });
  await addAgendaItem(page, { object: OBJECT, rapporteur: 'Mme Claire DUMONT' });
  await expect(page.getByTestId('agenda-item-4')).toContainText(OBJECT);
  await expect(page.getByTestId('agenda-item-4')).toContainText('20111107_DL_04');
  await expectAccessible(page, 'ordre du jour');

  // Before the séance the order may change: down then up again.
  await page.getByRole('button', { name: 'Descendre le point 3' }).click();
  await expect(page.getByTestId('agenda-item-4')).toContainText('Groupement de commandes');
  await page.getByRole('button', { name: 'Monter le point 4' }).click();
  await expect(page.getByTestId('agenda-item-4')).toContainText(OBJECT);

  await openItem(page, 4);
  await page.getByLabel('Exposé').fill(PREAMBLE);
  await page.getByRole('combobox', { name: 'Matière ACTES' }).fill('intercommunalité');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('actes-chosen')).toContainText('5.7 Intercommunalite');
  await typeLines(page, 'visas', VISAS);
  await typeLines(page, 'articles', ARTICLES);
  await expect(page.getByText('LE BUREAU', { exact: true })).toBeVisible();
  await expect(page.getByText('DÉLIBÈRE', { exact: true })).toBeVisible();
  await expectSaved(page);
  await expectAccessible(page, 'rédaction d’une délibération');

  // Nothing typed is lost on reload, offline.
  await page.reload();
  await expect(page.getByTestId('connection-badge')).toHaveText(/Hors ligne/);
  await expect(page.getByLabel('Exposé')).toHaveValue(PREAMBLE);
  await expect(page.getByTestId('visas').locator('textarea')).toHaveCount(3);
  await expect(page.getByLabel('Visa 3', { exact: true })).toHaveValue(VISAS[2]!);
  await expect(page.getByLabel('ARTICLE 2', { exact: true })).toHaveValue(ARTICLES[1]!);
  const itemUrl = page.url();

  await startSeance(page, seanceUrl);
  await page.goto(itemUrl);
  await expect(page.getByTestId('count-voters')).toHaveText('6');
  await expect(page.getByTestId('vote-total')).toContainText('sur 6 votants');

  // Impossible counts are refused in French, and nothing is recorded.
  await voteShowOfHands(page, { yes: 5 });
  await expect(page.getByTestId('vote-error')).toHaveText('Le total des voix (5) ne correspond pas au nombre de votants (6).');
  await expectAccessible(page, 'vote en erreur');

  await voteUnanimously(page);
  await expect(page.getByTestId('vote-result')).toHaveText('Adoptée à l\'unanimité');
  await expect(page.getByTestId('vote-counts')).toContainText('Pour : 6 · Contre : 0 · Abstention : 0');
  await expect(page.getByTestId('registry-number').first()).toHaveText('20111107_DL_04');
  await expectAccessible(page, 'résultat du vote');

  await page.reload();
  await expect(page.getByTestId('connection-badge')).toHaveText(/Hors ligne/);
  await expect(page.getByTestId('vote-result')).toHaveText('Adoptée à l\'unanimité');
  await expect(page.getByTestId('registry-number').first()).toHaveText('20111107_DL_04');
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue(OBJECT);
  await expect(page.getByLabel('Visa 1', { exact: true })).toHaveValue(VISAS[0]!);

  // The other deliberations are voted, then the séance is closed: the numbers become final.
  for (const order of [1, 3]) {
    await page.getByRole('link', { name: /Ordre du jour/ }).first().click();
    await openItem(page, order);
    await voteUnanimously(page);
  }
  await page.goto(`${seanceUrl}/cloture`);
  await expect(page.getByTestId('summary-4')).toContainText('20111107_DL_04');
  await expect(page.getByTestId('summary-4')).toContainText('Adoptée à l\'unanimité');
  await expect(page.getByTestId('summary-2')).toContainText('Prend acte');
  await expectAccessible(page, 'clôture');
  await page.getByRole('button', { name: 'Clôturer la séance' }).click();
  await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await expect(page.getByTestId('closed-notice')).toBeVisible();
  await expect(page.getByTestId('summary-4')).not.toContainText('provisoire');

  // Closed: read-only text; a change is a recorded correction with its author and reason.
  await page.getByTestId('summary-4').getByRole('link').click();
  await expect(page.getByTestId('deliberation-text')).toContainText(`ARTICLE 1 – ${ARTICLES[0]}`);
  await expect(page.getByRole('textbox', { name: 'Objet' })).toHaveCount(0);
  await page.getByText('Enregistrer une correction').click();
  await page.getByLabel('Partie corrigée').selectOption({ label: 'Visas' });
  await page.getByLabel('Nouveau texte (une ligne par élément)').fill([...VISAS.slice(0, 2), 'Vu les projets de conventions tripartites'].join('\n'));
  await page.getByLabel('Motif de la correction').fill('Erreur matérielle dans le troisième visa');
  await page.getByLabel('Auteur (nom et qualité)').fill('Mme Claire DUMONT, secrétaire de séance');
  await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await expect(page.getByText('Correction enregistrée.', { exact: true })).toBeVisible();
  await expect(page.getByTestId('deliberation-text')).toContainText('Vu les projets de conventions tripartites');
  await expectAccessible(page, 'délibération close');
  await page.goto(`${seanceUrl}/cloture`);
  await expect(page.getByTestId('corrections')).toContainText('Mme Claire DUMONT, secrétaire de séance');
  await expect(page.getByTestId('corrections')).toContainText('Erreur matérielle dans le troisième visa');
});

test('text with <script>, emoji and right-to-left is stored and shown as text; a withdrawal changes the counts', async ({ page, context }) => {
  test.slow();
  await openAppAndWaitOffline(page);
  await context.setOffline(true);
  const seanceUrl = await bureauSeanceWithRollCall(page);
  const tricky = '<script>window.__pwned = true</script> <img src=x onerror="window.__pwned=true"> 🎉👍🏽 مرحبا بالعالم שלום';

  await openAgenda(page);
  await addAgendaItem(page, { object: tricky });
  await expect(page.getByTestId('agenda-item-1').getByRole('link')).toHaveText(tricky);
  await openItem(page, 1);
  await typeLines(page, 'articles', [`${tricky} ${'long '.repeat(2000)}`]);
  await expectSaved(page);
  await page.reload();
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue(tricky);
  await expect(page.getByLabel('ARTICLE 1', { exact: true })).toHaveValue(new RegExp(`^${tricky.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();

  // Text typed just before a reload (or a crash) is not lost: the local copy restores it.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.getByLabel('Exposé').fill('Exposé tapé juste avant le rechargement');
  await page.reload();
  await expect(page.getByLabel('Exposé')).toHaveValue('Exposé tapé juste avant le rechargement');
  await expectSaved(page);

  // An annex is kept on the device, offline.
  await page.getByLabel('Joindre un fichier').setInputFiles({ name: 'convention-ENT.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 convention') });
  await expect(page.getByTestId('annexes')).toContainText('convention-ENT.pdf');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Ouvrir convention-ENT.pdf' })).toBeVisible();

  // A member withdrawn for a personal interest leaves the votants: 6 votes are then refused.
  await startSeance(page, seanceUrl);
  await openAgenda(page);
  await openItem(page, 1);
  await page.getByText('Retrait pour intérêt personnel').click();
  await page.getByLabel('M. Bernard LEFEBVRE ne prend pas part à ce point').check();
  await expect(page.getByTestId('count-voters')).toHaveText('5');
  await expect(page.getByTestId('withdrawn-list')).toContainText('M. Bernard LEFEBVRE');
  await voteShowOfHands(page, { yes: 6 });
  await expect(page.getByTestId('vote-error')).toHaveText('Le total des voix (6) ne correspond pas au nombre de votants (5).');
  await voteShowOfHands(page, { yes: 4, abstain: 1 });
  await expect(page.getByTestId('vote-result')).toHaveText('Adoptée à l\'unanimité des suffrages exprimés');

  await page.goto(`${seanceUrl}/cloture`);
  await expect(page.getByTestId('summary-1').getByRole('link')).toHaveText(tricky);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
});

test('public roll-call: a proxy holder votes for the giver too; secret ballot with blank and null', async ({ page, context }) => {
  test.slow();
  await openAppAndWaitOffline(page);
  await context.setOffline(true);
  await createSeance(page, BUREAU_SEANCE);
  await expect(page.getByRole('heading', { name: 'Bureau du 7 novembre 2011' })).toBeVisible();
  const seanceUrl = page.url();
  await recordRollCall(page, { absent: ['MOREAU', 'LEROUX', 'FONTAINE'] });
  await page.getByTestId('row-FONTAINE').getByText('Représenté', { exact: true }).click();
  await page.getByTestId('row-FONTAINE').getByRole('combobox').selectOption({ label: 'Mme Nadia BENALI' });
  await expect(page.getByTestId('count-voters')).toHaveText('7');

  await page.goto(seanceUrl);
  await openAgenda(page);
  await addAgendaItem(page, { object: 'Adhésion au groupement de commandes' });
  await addAgendaItem(page, { object: 'Désignation d’un représentant' });
  await startSeance(page, seanceUrl);
  await openAgenda(page);
  await openItem(page, 1);

  await page.getByText('Scrutin public', { exact: true }).click();
  const roll = page.getByTestId('roll-call');
  await expect(roll.getByRole('group')).toHaveCount(7);
  await page.getByRole('button', { name: 'Tous pour (7)' }).click();
  await roll.getByRole('group', { name: 'M. Bernard LEFEBVRE', exact: true }).getByText('Contre', { exact: true }).click();
  await roll.getByRole('group', { name: 'Mme Nadia BENALI, pour M. Olivier FONTAINE (pouvoir)' }).getByText('Abstention', { exact: true }).click();
  await expectAccessible(page, 'scrutin public');
  await page.getByRole('button', { name: 'Enregistrer le vote' }).click();
  await expect(page.getByTestId('vote-result')).toHaveText('Adoptée');
  await expect(page.getByTestId('vote-counts')).toContainText('Pour : 5 · Contre : 1 · Abstention : 1 · Ne prend pas part : 0 (Scrutin public)');

  await page.getByRole('link', { name: /Point suivant/ }).click();
  await page.getByText('Scrutin secret', { exact: true }).click();
  await page.getByLabel('Pour', { exact: true }).fill('4');
  await page.getByLabel('Contre', { exact: true }).fill('1');
  await page.getByLabel('Blancs', { exact: true }).fill('1');
  await page.getByLabel('Nuls', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Enregistrer le vote' }).click();
  await expect(page.getByTestId('vote-result')).toHaveText('Adoptée');
  await expect(page.getByTestId('vote-counts')).toContainText('Pour : 4 · Contre : 1 · Blancs : 1 · Nuls : 1');
});
