import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';
import type { Browser, Page } from '@playwright/test';

/*
 * The administrator's day: the organisation's details, a new member given a mandate, and the
 * members in office that follow from it. Page helpers keep the steps readable.
 *
 * All tests of a run share one server, and devices sync: counts are read before the change and
 * the change is made offline, so another test's member pulled in between cannot skew them.
 */

const ADMIN = 'admin@demo.example';

async function openAdministration(page: Page): Promise<void> {
  await openAppAndWaitOffline(page, ADMIN);
  await page.goto('/administration');
  await expect(page.getByRole('heading', { name: 'Administration', level: 1 })).toBeVisible();
}

const bodyCard = (page: Page, name: string) => page.getByRole('article', { name });

/** "Membres en exercice au 7 novembre 2011 : 9" → 9. */
async function inOffice(page: Page, body: string): Promise<number> {
  const line = bodyCard(page, body).getByText(/^Membres en exercice au \d{1,2} \S+ \d{4} : \d+$/);
  return Number(/(\d+)$/.exec((await line.textContent()) ?? '')?.[1]);
}

/**
 * The outbox was pushed and the server refused nothing. A conflict is a legitimate outcome
 * only where another test may edit the same field at the same time (the one organisation).
 */
async function expectSynced(page: Page, { conflictAllowed = false } = {}): Promise<void> {
  await expect(page.getByTestId('pending-badge')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByRole('link', { name: /refusée/ })).toHaveCount(0);
  if (!conflictAllowed) await expect(page.getByTestId('conflicts-badge')).toHaveCount(0);
}

/** Another device of the same organisation, signed in as the administrator. */
async function otherDevice(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await openAdministration(page);
  return page;
}

/** Every control of the main content is a target of at least 44 px (tablet, docs/architecture.md §6). */
async function expectLargeTargets(page: Page, label: string): Promise<void> {
  const small = await page.locator('main').evaluate((main) =>
    [...main.querySelectorAll<HTMLElement>('a, button, input, select, textarea')]
      .filter((el) => el.getClientRects().length > 0 && !el.closest('.visually-hidden'))
      .map((el) => ({ what: `${el.tagName} ${el.textContent?.trim() ?? ''}`.trim(), height: el.getBoundingClientRect().height }))
      .filter((t) => t.height < 44),
  );
  expect(small, `small targets on ${label}`).toEqual([]);
}

async function addMember(page: Page, m: { civility: string; firstName: string; lastName: string; birthDate: string }) {
  await page.getByRole('link', { name: 'Ajouter un membre' }).click();
  await expect(page.getByRole('heading', { name: 'Nouveau membre' })).toBeVisible();
  await page.getByLabel('Civilité').selectOption(m.civility);
  await page.getByLabel('Prénom').fill(m.firstName);
  await page.getByLabel('Nom', { exact: true }).fill(m.lastName);
  await page.getByLabel('Date de naissance').fill(m.birthDate);
  await page.getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(page.getByRole('heading', { name: `${m.civility} ${m.firstName} ${m.lastName}`, level: 1 })).toBeVisible();
}

test('the organisation’s phone and opening hours are edited offline, kept, then pushed', async ({ page, context }, info) => {
  // Each project its own values: the two share the server, and an unchanged field sends nothing.
  const phone = info.project.name === 'tablet' ? '03 22 44 55 66' : '03 22 11 22 33';
  const hours = `Du lundi au jeudi de 9h00 à 12h00 (${info.project.name})`;
  await openAdministration(page);
  await expect(page.getByTestId('organisation-summary')).toContainText('Syndicat mixte de démonstration');
  await expectAccessible(page, 'administration');
  await expectLargeTargets(page, 'administration');

  await context.setOffline(true);
  await page.getByRole('link', { name: 'Modifier l’organisation' }).click();
  await expect(page.getByRole('heading', { name: 'Modifier l’organisation' })).toBeVisible();
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Syndicat mixte de démonstration');
  await expectAccessible(page, 'formulaire de l’organisation');
  await expectLargeTargets(page, 'formulaire de l’organisation');

  await page.getByLabel('Téléphone').fill(phone);
  await page.getByLabel('Horaires d’ouverture').fill(hours);
  await page.getByRole('button', { name: 'Enregistrer' }).click();

  await expect(page.getByTestId('saved-notice')).toHaveText(
    'Les informations de l’organisation sont enregistrées.',
  );
  const summary = page.getByTestId('organisation-summary');
  await expect(summary).toContainText(phone);
  await expect(summary).toContainText(hours);
  await expect(page.getByTestId('pending-badge')).toHaveText('1 modification en attente');

  await page.reload();
  await expect(page.getByTestId('organisation-summary')).toContainText(phone);

  // Back online, the change is pushed (the other project may have edited the same fields).
  await context.setOffline(false);
  await expectSynced(page, { conflictAllowed: true });
});

test('a SIRET of 13 digits is refused in French and nothing is saved', async ({ page }) => {
  await openAdministration(page);
  await page.getByRole('link', { name: 'Modifier l’organisation' }).click();
  await page.getByLabel('SIRET').fill('2000123450001');
  await page.getByLabel('Téléphone').fill('01 00 00 00 00');
  await page.getByRole('button', { name: 'Enregistrer' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Le formulaire contient 1 erreur. Corrigez-la');
  await expect(alert).toContainText('SIRET : Le SIRET comporte 14 chiffres.');
  await expect(page.getByLabel('SIRET')).toHaveAttribute('aria-invalid', 'true');
  await expect(alert).toBeFocused();
  await expectAccessible(page, 'formulaire de l’organisation en erreur');

  await page.getByRole('link', { name: 'Annuler' }).click();
  const summary = page.getByTestId('organisation-summary');
  await expect(summary).toContainText('Syndicat mixte de démonstration');
  await expect(summary).not.toContainText('01 00 00 00 00');
  await expect(summary).not.toContainText('2000123450001');
  await expect(page.getByTestId('pending-badge')).toHaveCount(0);
});

test('a new member with a mandate in the Bureau counts among the members in office', async ({ page, context }, info) => {
  test.slow(); // Four axe passes: slow on a shared machine, and the whole story belongs in one test.
  await openAdministration(page);
  await context.setOffline(true);
  const bureauBefore = await inOffice(page, 'Bureau');
  const comiteBefore = await inOffice(page, 'Comité syndical');
  // The demo Bureau has 9 members in office; members added by tests already synced come on top.
  expect(bureauBefore).toBeGreaterThanOrEqual(9);
  const lastName = `MARTIN-${info.project.name.toUpperCase()}`;

  await page.getByRole('link', { name: 'Ajouter un membre' }).click();
  await expectAccessible(page, 'nouveau membre');
  await expectLargeTargets(page, 'nouveau membre');
  await page.getByRole('link', { name: 'Retour à l’administration' }).click();
  await addMember(page, { civility: 'M.', firstName: 'Jean', lastName, birthDate: '1970-04-12' });
  await expect(page.getByTestId('saved-notice')).toContainText('Le membre est ajouté.');
  await expect(page.getByText('Aucun mandat pour le moment.')).toBeVisible();

  // The new mandate starts today by default, in the first body.
  await expect(page.getByLabel('Instance')).toHaveValue(/.+/);
  await expect(page.getByLabel('Instance').locator('option:checked')).toHaveText('Bureau');
  await page.getByLabel('Qualité').selectOption({ label: 'Membre' });
  await page.getByRole('button', { name: 'Ajouter le mandat' }).click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Le mandat est enregistré.');
  const row = page.getByTestId('mandates-table').getByRole('row', { name: /Bureau/ });
  await expect(row).toContainText('En exercice');
  await expectAccessible(page, 'fiche du membre');
  await expectLargeTargets(page, 'fiche du membre');

  // Ending the mandate before it began is refused, in French, and changes nothing.
  await page.getByRole('button', { name: 'Mettre fin au mandat : Bureau' }).click();
  await page.getByLabel('Dernier jour du mandat (Bureau)').fill('2020-01-01');
  await page.getByRole('button', { name: 'Enregistrer la fin du mandat' }).click();
  await expect(page.getByRole('alert')).toContainText('La fin du mandat ne peut pas précéder son début.');
  await expectAccessible(page, 'fin de mandat en erreur');
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(row).toContainText('Non fixée');

  await page.getByRole('link', { name: 'Retour à l’administration' }).click();
  const bureau = bodyCard(page, 'Bureau');
  await expect(bureau).toContainText(`: ${bureauBefore + 1}`);
  expect(await inOffice(page, 'Bureau')).toBe(bureauBefore + 1);
  await expect(bureau.getByRole('link', { name: `M. Jean ${lastName}` })).toBeVisible();
  expect(await inOffice(page, 'Comité syndical')).toBe(comiteBefore);
  await expect(page.getByTestId('members-table').getByRole('row', { name: new RegExp(lastName) })).toContainText('Bureau (Membre)');

  await context.setOffline(false);
  await expectSynced(page);
});

test('a suppléant sits for a titular member but is not a member in office', async ({ page, context }, info) => {
  await openAdministration(page);
  await context.setOffline(true);
  const comiteBefore = await inOffice(page, 'Comité syndical');
  const lastName = `PETIT-${info.project.name.toUpperCase()}`;
  await addMember(page, { civility: 'Mme', firstName: 'Anne', lastName, birthDate: '1985-10-02' });
  await page.getByLabel('Instance').selectOption({ label: 'Comité syndical' });
  await page.getByLabel('Qualité').selectOption({ label: 'Suppléant(e)' });
  await page.getByRole('button', { name: 'Ajouter le mandat' }).click();
  await expect(page.getByRole('alert')).toContainText('Indiquez le membre titulaire que ce suppléant remplace.');
  await expectAccessible(page, 'mandat de suppléant en erreur');

  await page.getByLabel('Titulaire suppléé(e)').selectOption({ label: 'Mme Claire DUMONT' });
  await page.getByRole('button', { name: 'Ajouter le mandat' }).click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Le mandat est enregistré.');
  await expect(page.getByTestId('mandates-table')).toContainText('Suppléante');
  await expect(page.getByTestId('mandates-table')).toContainText('suppléant(e) de Mme Claire DUMONT');

  await page.getByRole('link', { name: 'Retour à l’administration' }).click();
  const comite = bodyCard(page, 'Comité syndical');
  await expect(comite).toContainText(`Mme Anne ${lastName} — suppléant(e) de Mme Claire DUMONT`);
  await expect(comite).toContainText(/Suppléant\(e\)s : [1-9]/);
  expect(await inOffice(page, 'Comité syndical')).toBe(comiteBefore);
});

test('a new body is created offline, with the verb its deliberations print, and reaches another device', async ({
  page,
  context,
  browser,
}, info) => {
  test.slow(); // Two devices, each signing in and installing the service worker.
  await openAdministration(page);
  await context.setOffline(true);
  const name = `Commission d’appel d’offres (${info.project.name})`;
  await page.getByRole('link', { name: 'Ajouter une instance' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle instance' })).toBeVisible();
  await page.getByRole('button', { name: 'Créer l’instance' }).click();
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient 2 erreurs');
  await expectAccessible(page, 'nouvelle instance en erreur');
  await expectLargeTargets(page, 'nouvelle instance');

  await page.getByLabel('Nom de l’instance').fill(name);
  await page.getByLabel('Formule des délibérations').fill('la commission');
  await expect(page.getByText('LA COMMISSION, après en avoir délibéré')).toBeVisible();
  await page.getByRole('button', { name: 'Créer l’instance' }).click();

  await expect(page.getByTestId('saved-notice')).toHaveText('L’instance est créée.');
  const card = bodyCard(page, name);
  await expect(card).toContainText('Formule : LA COMMISSION');
  expect(await inOffice(page, name)).toBe(0);

  await card.getByRole('link', { name: `Modifier ${name}` }).click();
  await expect(page.getByLabel('Formule des délibérations')).toHaveValue('LA COMMISSION');
  await expectAccessible(page, 'modifier l’instance');

  await context.setOffline(false);
  await expectSynced(page);
  const other = await otherDevice(browser);
  await expect(bodyCard(other, name)).toContainText('Formule : LA COMMISSION');
  await other.context().close();
});
