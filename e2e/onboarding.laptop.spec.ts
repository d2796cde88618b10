import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { expectAccessible as axe } from './fixtures';
import { AdministrationPage } from './page-models/administration';
import { Shell } from './page-models/shell';
import { SignInPage } from './page-models/sign-in';

/*
 * A new organisation from nothing (accounts issue): the operator creates it with its first
 * administrator by `npm run admin`; the administrator signs in, adds a member, invites the
 * secretary; she opens the one-time link, chooses her password and signs in; the administrator
 * links her account to the member she signs as.
 */

// The e2e server's database (playwright.config.ts): the admin command writes where it reads.
const DB = `test-results/e2e-${Number(process.env.E2E_PORT ?? 4317)}.sqlite`;

test('set up by the admin command, the administrator invites the secretary, who chooses her password; she is linked to a member', async ({ page, browser }, info) => {
  const suffix = info.project.name;
  const adminEmail = `admin-${suffix}@mairie-onboarding.example`;
  const secretaryEmail = `secretaire-${suffix}@mairie-onboarding.example`;
  const adminPassword = 'une phrase de passe pour l’administrateur';
  const orgName = `Commune de Saint-Essai (${suffix})`;
  const out = execFileSync('npx', ['tsx', 'server/admin.ts', 'create-organisation', '--name', orgName, '--admin-email', adminEmail, '--admin-name', 'Alex Administrateur'], {
    env: { ...process.env, SQLITE_FILE: DB, REGISTRE_ADMIN_PASSWORD: adminPassword, REGISTRE_SCRYPT_LOG2_N: '12' },
    encoding: 'utf8',
  });
  expect(out).toContain(orgName);

  // The administrator signs in and adds the member the secretary will sign as.
  await page.goto('/');
  await new SignInPage(page).signIn({ email: adminEmail }, adminPassword);
  const shell = new Shell(page);
  await expect(shell.orgName).toHaveText(orgName);
  const admin = new AdministrationPage(page);
  await admin.goto();
  await admin.addMember({ civility: 'Mme', firstName: 'Inès', lastName: 'ROUSSEL', birthDate: '1980-05-02' });
  await shell.syncNow();

  // The invitation: a one-time link to pass on.
  await page.goto('/administration/comptes');
  await expect(page.getByRole('heading', { name: 'Comptes', level: 1 })).toBeVisible();
  await page.getByLabel('Adresse électronique de la personne').fill(secretaryEmail);
  await page.getByLabel('Nom', { exact: true }).fill('Inès ROUSSEL');
  await page.getByLabel('Rôle').selectOption({ label: 'Secrétaire' });
  await page.getByRole('button', { name: 'Créer le lien d’invitation' }).click();
  const linkField = page.getByLabel(`Lien d’invitation à transmettre à ${secretaryEmail}`);
  await expect(linkField).toHaveValue(/\/invitation#[A-Za-z0-9_-]{43}$/);
  const link = await linkField.inputValue();
  await axe(page, 'comptes, invitation créée');
  // Looked at by eye.
  await page.screenshot({ path: info.outputPath('comptes-invitation.png'), fullPage: true });

  // The secretary, on her own laptop, opens it and chooses her password.
  const hers = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1366, height: 768 } });
  const secretary = await hers.newPage();
  await secretary.goto(link);
  await expect(secretary.getByRole('heading', { name: 'Rejoindre Registre' })).toBeVisible();
  await expect(secretary.getByText(`Invitation de ${orgName} pour ${secretaryEmail}, rôle : Secrétaire.`)).toBeVisible();
  await axe(secretary, 'invitation');
  await secretary.screenshot({ path: info.outputPath('invitation.png'), fullPage: true });
  const password = 'ma phrase de passe de secrétaire';
  await secretary.getByLabel('Nouveau mot de passe').fill('court');
  await secretary.getByLabel('Confirmez le mot de passe').fill('court');
  await secretary.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(secretary.getByText('Le mot de passe doit compter au moins 12 caractères.')).toBeVisible();
  await expect(secretary.getByLabel('Nouveau mot de passe')).toBeFocused();
  await secretary.getByLabel('Nouveau mot de passe').fill(password);
  await secretary.getByLabel('Confirmez le mot de passe').fill(password);
  await secretary.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(secretary.getByText('Votre compte est créé.')).toBeVisible();
  await secretary.getByRole('link', { name: 'Se connecter' }).click();
  await new SignInPage(secretary).signIn({ email: secretaryEmail }, password);
  await expect(new Shell(secretary).orgName).toHaveText(orgName);
  // The link served once.
  await secretary.goto(link);
  await expect(secretary.getByRole('alert')).toContainText('Cette invitation est invalide, déjà utilisée ou expirée');
  await hers.close();

  // The administrator links her account to the member.
  await page.goto('/administration/comptes');
  await expect(page.getByTestId(`account-${secretaryEmail}`)).toContainText('Secrétaire');
  await page.getByRole('link', { name: 'Gérer le compte de Inès ROUSSEL' }).click();
  await page.getByLabel('Membre lié', { exact: true }).selectOption({ label: 'Mme Inès ROUSSEL' });
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('saved-notice')).toHaveText('Le compte de Inès ROUSSEL est enregistré.');
  await page.goto('/administration/comptes');
  await expect(page.getByTestId(`account-${secretaryEmail}`)).toContainText('Mme Inès ROUSSEL');
  await axe(page, 'comptes, compte lié');
});
