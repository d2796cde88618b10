import type { Page, TestInfo } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures';

/*
 * Account administration, in the test's own organisation: its administrator links the secretary's account to a member,
 * deactivates and reactivates the reader's account and resets its password; the reader opens the
 * one-time link on their own device, chooses a password and signs in with it, then sees their
 * sessions on « Mon compte ».
 */

const NEW_PASSWORD = 'une phrase de passe assez longue';

/** A screenshot at the laptop's size and at the tablet's portrait size, to look at. */
async function shoot(page: Page, info: TestInfo, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.screenshot({ path: info.outputPath(`${name}-1366x768.png`), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 1366 });
  await page.screenshot({ path: info.outputPath(`${name}-1024x1366.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

const accountRow = (page: Page, email: string) => page.getByTestId(`account-${email}`);

async function openAccount(page: Page, name: string): Promise<void> {
  await page.goto('/administration/comptes');
  await page.getByRole('link', { name: `Gérer le compte de ${name}` }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

test('the administrator links an account to a member and resets a password; the user chooses it and signs in', async ({ page, browser, context, org, signIn }, info) => {
  const ADMIN = org.accounts.admin.email;
  const READER = org.accounts.reader.email;
  await signIn(org.accounts.admin);

  // From the administration, the accounts.
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Gérer les comptes' }).click();
  await expect(page.getByRole('heading', { name: 'Comptes', level: 1 })).toBeVisible();
  await expect(accountRow(page, org.accounts.secretary.email)).toContainText('Secrétaire');
  await expect(accountRow(page, org.accounts.secretary.email)).toContainText('Aucun');
  await expect(accountRow(page, org.accounts.president.email)).toContainText('Mme Claire DUMONT');
  await expect(accountRow(page, ADMIN)).toContainText('Actif');
  await expectAccessible(page, 'comptes');
  await shoot(page, info, 'comptes');

  // The secretary's account is linked to a member: the list says so.
  await openAccount(page, 'Sam Secrétaire');
  await page.getByLabel('Membre lié', { exact: true }).selectOption({ label: 'Mme Sophie MARCHAND' });
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Le compte de Sam Secrétaire est enregistré.');
  // A member already linked to another account is refused, in words, and nothing changes.
  await page.getByLabel('Membre lié', { exact: true }).selectOption({ label: 'Mme Claire DUMONT' });
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('alert')).toHaveText(/déjà lié à un autre compte/);
  await page.goto('/administration/comptes');
  await expect(accountRow(page, org.accounts.secretary.email)).toContainText('Mme Sophie MARCHAND');

  // The reader's account: deactivated after a confirmation, then reactivated.
  await openAccount(page, 'Léo Lecteur');
  await page.getByRole('button', { name: 'Désactiver le compte' }).click();
  const confirm = page.getByRole('group', { name: /Désactiver le compte de Léo Lecteur/ });
  await expect(confirm.getByRole('button', { name: 'Oui, désactiver' })).toBeFocused();
  await expectAccessible(page, 'confirmation de désactivation');
  await confirm.getByRole('button', { name: 'Oui, désactiver' }).click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Le compte de Léo Lecteur est désactivé.');
  await expect(page.getByText('Ce compte est désactivé : il ne peut pas se connecter.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Réinitialiser le mot de passe' })).toBeDisabled();
  await page.getByRole('button', { name: 'Réactiver le compte' }).click();
  await page.getByRole('button', { name: 'Oui, réactiver' }).click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Le compte de Léo Lecteur est réactivé.');

  // Its password reset: a one-time link to pass on, copied with one button.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
  const linkField = page.getByLabel('Lien à transmettre à Léo Lecteur');
  await expect(linkField).toHaveValue(/\/mot-de-passe\/[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  await page.getByRole('button', { name: 'Copier le lien' }).click();
  await expect(page.getByText('Lien copié.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expectAccessible(page, 'compte');
  await shoot(page, info, 'compte');

  // The reader, on their own device, opens the link and chooses a password.
  const device = await browser.newContext();
  const reader = await device.newPage();
  await reader.goto(link);
  await expect(reader.getByRole('heading', { name: 'Choisir un mot de passe' })).toBeVisible();
  await expect(reader.getByText(`Compte de Léo Lecteur (${READER}).`)).toBeVisible();
  await expectAccessible(reader, 'choisir un mot de passe');
  await shoot(reader, info, 'mot-de-passe');
  // Too short, then two different ones: said next to the field, nothing sent.
  await reader.getByLabel('Nouveau mot de passe').fill('court');
  await reader.getByLabel('Confirmez le mot de passe').fill('court');
  await reader.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(reader.getByText('Le mot de passe doit compter au moins 12 caractères.')).toBeVisible();
  await expect(reader.getByLabel('Nouveau mot de passe')).toBeFocused();
  await reader.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
  await reader.getByLabel('Confirmez le mot de passe').fill(`${NEW_PASSWORD}!`);
  await reader.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(reader.getByText('Les deux mots de passe ne sont pas identiques.')).toBeVisible();
  await reader.getByLabel('Confirmez le mot de passe').fill(NEW_PASSWORD);
  await reader.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(reader.getByText('Votre mot de passe est enregistré. Connectez-vous avec lui.')).toBeVisible();
  await reader.getByRole('link', { name: 'Se connecter' }).click();

  // The old password no longer opens the account; the new one does.
  await reader.getByLabel('Adresse électronique').fill(READER);
  await reader.getByLabel('Mot de passe', { exact: true }).fill(org.password);
  await reader.getByRole('button', { name: 'Se connecter' }).click();
  await expect(reader.getByRole('alert')).toHaveText('Adresse électronique ou mot de passe incorrect.');
  await reader.getByLabel('Mot de passe', { exact: true }).fill(NEW_PASSWORD);
  await reader.getByRole('button', { name: 'Se connecter' }).click();
  await expect(reader.getByTestId('org-name')).toHaveText(org.name);

  // The link served once: opened again, it says so.
  await reader.goto(link);
  await expect(reader.getByRole('alert')).toHaveText(/Ce lien n’est plus valable/);

  // « Mon compte »: the reader's session on this device, flagged.
  await reader.getByRole('link', { name: 'Mon compte' }).click();
  await expect(reader.getByRole('heading', { name: 'Mon compte', level: 1 })).toBeVisible();
  await expect(reader.getByRole('row', { name: /Cette session \(cet appareil\)/ })).toBeVisible();
  await expectAccessible(reader, 'mon compte');
  await shoot(reader, info, 'mon-compte');
  await device.close();

  // The administrator's own sessions: a second one opened elsewhere is ended from here.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signIn(org.accounts.admin, other);
  await page.goto('/mon-compte');
  await expect(page.getByRole('button', { name: /^Mettre fin à la session ouverte le/ })).toHaveCount(1);
  await page.getByRole('button', { name: /^Mettre fin à la session ouverte le/ }).click();
  await expect(page.getByTestId('saved-notice')).toHaveText('La session est terminée.');
  await expect(page.getByRole('button', { name: /^Mettre fin/ })).toHaveCount(0);
  const ended = await other.evaluate(async () => (await fetch('/api/auth/me')).status);
  expect(ended).toBe(401);
  await elsewhere.close();

  // Without the network, these screens say they need it.
  await context.setOffline(true);
  await expect(page.getByText('Pas de réseau : cette page a besoin du serveur.', { exact: false })).toBeVisible();
  await expectAccessible(page, 'mon compte hors ligne');
  await context.setOffline(false);

});
