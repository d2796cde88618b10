import type { Page } from '@playwright/test';
import { expectAccessible, expect, test } from './fixtures';
import { AdministrationPage, type BodyFormPage } from './page-models/administration';
import { Shell } from './page-models/shell';

/*
 * The administrator's day: the organisation's details, a new member given a mandate, and the
 * members in office that follow from it. Each test has its organisation: the counts are the
 * demo's (9 in each body) and nothing else changes them.
 */

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

test('the organisation’s phone and opening hours are edited offline, kept, then pushed', async ({ page, context, org, signIn }) => {
  const phone = '03 22 11 22 33';
  const hours = 'Du lundi au jeudi de 9h00 à 12h00';
  const shell = await signIn(org.accounts.admin);
  const admin = new AdministrationPage(page);
  await admin.goto();
  await expect(admin.summary).toContainText(org.name);
  await expectAccessible(page, 'administration');
  await expectLargeTargets(page, 'administration');

  await context.setOffline(true);
  const form = await admin.editOrganisation();
  await expect(form.field('Nom')).toHaveValue(org.name);
  await expectAccessible(page, 'formulaire de l’organisation');
  await expectLargeTargets(page, 'formulaire de l’organisation');

  await form.field('Téléphone').fill(phone);
  await form.field('Horaires d’ouverture').fill(hours);
  await form.save();

  await expect(admin.savedNotice).toHaveText('Les informations de l’organisation sont enregistrées.');
  await expect(admin.summary).toContainText(phone);
  await expect(admin.summary).toContainText(hours);
  await shell.expectPending(1);

  await page.reload();
  await expect(admin.summary).toContainText(phone);

  // Back online, the change is pushed, and nobody else edited it.
  await context.setOffline(false);
  await shell.expectPushedCleanly();
});

test('a SIRET of 13 digits is refused in French and nothing is saved', async ({ page, org, signIn }) => {
  const shell = await signIn(org.accounts.admin);
  const admin = new AdministrationPage(page);
  await admin.goto();
  const form = await admin.editOrganisation();
  await form.field('SIRET').fill('2000123450001');
  await form.field('Téléphone').fill('01 00 00 00 00');
  await form.save();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Le formulaire contient 1 erreur. Corrigez-la');
  await expect(alert).toContainText('SIRET : Le SIRET comporte 14 chiffres.');
  await expect(form.field('SIRET')).toHaveAttribute('aria-invalid', 'true');
  await expect(alert).toBeFocused();
  await expectAccessible(page, 'formulaire de l’organisation en erreur');

  await page.getByRole('link', { name: 'Annuler' }).click();
  await expect(admin.summary).toContainText(org.name);
  await expect(admin.summary).not.toContainText('01 00 00 00 00');
  await expect(admin.summary).not.toContainText('2000123450001');
  await expect(shell.pending).toHaveCount(0);
});

test('a new member with a mandate in the Bureau counts among the members in office', async ({ page, context, org, signIn }) => {
  const shell = await signIn(org.accounts.admin);
  const admin = new AdministrationPage(page);
  await admin.goto();
  await context.setOffline(true);
  expect(await admin.inOffice('Bureau')).toBe(9);
  expect(await admin.inOffice('Comité syndical')).toBe(9);
  const lastName = 'MARTIN';

  await admin.openNewMemberForm();
  await expectAccessible(page, 'nouveau membre');
  await expectLargeTargets(page, 'nouveau membre');
  await page.getByRole('link', { name: 'Retour à l’administration' }).click();
  const member = await admin.addMember({ civility: 'M.', firstName: 'Jean', lastName, birthDate: '1970-04-12' });
  await expect(admin.savedNotice).toContainText('Le membre est ajouté.');
  await expect(page.getByText('Aucun mandat pour le moment.')).toBeVisible();

  // The new mandate starts today by default, in the first body.
  await expect(page.getByLabel('Instance')).toHaveValue(/.+/);
  await expect(page.getByLabel('Instance').locator('option:checked')).toHaveText('Bureau');
  await member.addMandate({ quality: 'Membre' });
  await expect(admin.savedNotice).toHaveText('Le mandat est enregistré.');
  const row = member.mandates.getByRole('row', { name: /Bureau/ });
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

  await member.backToAdministration();
  await expect(admin.bodyCard('Bureau')).toContainText(': 10');
  expect(await admin.inOffice('Bureau')).toBe(10);
  await expect(admin.bodyCard('Bureau').getByRole('link', { name: `M. Jean ${lastName}` })).toBeVisible();
  expect(await admin.inOffice('Comité syndical')).toBe(9);
  await expect(admin.membersTable.getByRole('row', { name: new RegExp(lastName) })).toContainText('Bureau (Membre)');

  await context.setOffline(false);
  await shell.expectPushedCleanly();
});

test('a suppléant sits for a titular member but is not a member in office', async ({ page, context, org, signIn }) => {
  await signIn(org.accounts.admin);
  const admin = new AdministrationPage(page);
  await admin.goto();
  await context.setOffline(true);
  const lastName = 'PETIT';
  const member = await admin.addMember({ civility: 'Mme', firstName: 'Anne', lastName, birthDate: '1985-10-02' });
  await member.addMandate({ body: 'Comité syndical', quality: 'Suppléant(e)' });
  await expect(page.getByRole('alert')).toContainText('Indiquez le membre titulaire que ce suppléant remplace.');
  await expectAccessible(page, 'mandat de suppléant en erreur');

  await page.getByLabel('Titulaire suppléé(e)').selectOption({ label: 'Mme Claire DUMONT' });
  await page.getByRole('button', { name: 'Ajouter le mandat' }).click();
  await expect(admin.savedNotice).toHaveText('Le mandat est enregistré.');
  await expect(member.mandates).toContainText('Suppléante');
  await expect(member.mandates).toContainText('suppléant(e) de Mme Claire DUMONT');

  await member.backToAdministration();
  const comite = admin.bodyCard('Comité syndical');
  await expect(comite).toContainText(`Mme Anne ${lastName} — suppléant(e) de Mme Claire DUMONT`);
  await expect(comite).toContainText('Suppléant(e)s : 1');
  expect(await admin.inOffice('Comité syndical')).toBe(9);
});

test('a new body is created offline, with the verb its deliberations print, and reaches another device', async ({ page, context, org, signIn, device }) => {
  const shell = await signIn(org.accounts.admin);
  const admin = new AdministrationPage(page);
  await admin.goto();
  await context.setOffline(true);
  const name = 'Commission d’appel d’offres';
  const form: BodyFormPage = await admin.openNewBodyForm();
  await form.create();
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient 2 erreurs');
  await expectAccessible(page, 'nouvelle instance en erreur');
  await expectLargeTargets(page, 'nouvelle instance');

  await form.fill({ name, verb: 'la commission' });
  await expect(page.getByText('LA COMMISSION, après en avoir délibéré')).toBeVisible();
  await form.create();

  await expect(admin.savedNotice).toHaveText('L’instance est créée.');
  const card = admin.bodyCard(name);
  await expect(card).toContainText('Formule : LA COMMISSION');
  expect(await admin.inOffice(name)).toBe(0);

  await card.getByRole('link', { name: `Modifier ${name}` }).click();
  await expect(page.getByLabel('Formule des délibérations')).toHaveValue('LA COMMISSION');
  await expectAccessible(page, 'modifier l’instance');

  await context.setOffline(false);
  await shell.expectPushedCleanly();
  const other = await device(org.accounts.admin);
  await new AdministrationPage(other).goto();
  await expect(new AdministrationPage(other).bodyCard(name)).toContainText('Formule : LA COMMISSION');
  // The other device is another of the organisation's: its shell shows the same organisation.
  await expect(new Shell(other).orgName).toHaveText(org.name);
});
