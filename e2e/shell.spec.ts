import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';
import { createSeance } from './pages';

test('the app shell, a séance and deep links work with no network', async ({ page, context }) => {
  await openAppAndWaitOffline(page);
  await expect(page).toHaveTitle(/^Registre/);
  await expect(page.getByTestId('connection-badge')).toHaveText(/En ligne/);
  await expectAccessible(page, 'accueil');

  // Other tests share the server: this test's séances are told apart by their place.
  const place = `Salle du Bureau ${test.info().project.name}-${Date.now()}`;
  await createSeance(page, { date: '2011-11-07', time: '17:30', place, convocationDate: '2011-06-30' });
  await expect(page.getByRole('heading', { name: 'Bureau du 7 novembre 2011' })).toBeVisible();
  await expect(page.getByTestId('opening-line')).toHaveText("L'an deux mille onze, le sept novembre à 17h30");
  await expectAccessible(page, 'séance');
  const deepLink = page.url();
  // Online, the background sync sends the new séance within seconds.
  await expect(page.getByTestId('pending-badge')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId('sync-badge')).toContainText('Synchronisé à');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('connection-badge')).toHaveText(/Hors ligne/);
  await expect(page.getByRole('heading', { name: 'Bureau du 7 novembre 2011' })).toBeVisible();

  // A deep link typed in the address bar opens offline too.
  await page.goto('/');
  await page.goto(deepLink);
  await expect(page.getByText(place)).toBeVisible();

  // A séance created offline survives another offline reload.
  await page.goto('/');
  const offlinePlace = `Salle hors ligne ${Date.now()}`;
  await createSeance(page, { date: '2011-12-12', time: '09:00', place: offlinePlace, convocationDate: '2011-12-05' });
  await expect(page.getByRole('heading', { name: 'Bureau du 12 décembre 2011' })).toBeVisible();
  await page.reload();
  await expect(page.getByText(offlinePlace)).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('row', { name: new RegExp(offlinePlace) })).toContainText('12 décembre 2011');
  await expect(page.getByRole('row', { name: new RegExp(place) })).toContainText('7 novembre 2011');
  // Created offline, not yet sent: the badge says so.
  await expect(page.getByTestId('pending-badge')).toHaveText('1 modification en attente');
});

test('the séance form shows French errors and saves nothing invalid', async ({ page }) => {
  await openAppAndWaitOffline(page);
  await page.getByRole('link', { name: 'Nouvelle séance' }).click();
  await page.getByLabel('Date de la séance').fill('2011-11-07');
  await page.getByLabel('Date de convocation').fill('2011-11-20');
  await page.getByRole('button', { name: 'Créer la séance' }).click();

  await expect(page.getByRole('alert')).toContainText('Le formulaire contient 3 erreurs');
  await expect(page.getByLabel('Heure')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Saisissez une heure valide (hh:mm).')).toBeVisible();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await expect(page.getByText('La convocation doit précéder la séance.')).toBeVisible();
  await expectAccessible(page, 'formulaire de séance en erreur');

  await page.getByRole('link', { name: 'Annuler' }).click();
  await expect(page.getByRole('heading', { name: 'Séances' })).toBeVisible();
  await expect(page.getByTestId('pending-badge')).toHaveCount(0);
});

test('the convocation delay is checked in jours francs', async ({ page }) => {
  await openAppAndWaitOffline(page);
  await page.getByRole('link', { name: 'Nouvelle séance' }).click();
  await page.getByLabel('Date de la séance').fill('2011-11-07');
  await page.getByLabel('Date de convocation').fill('2011-11-05');
  await expect(page.getByTestId('convocation-check')).toContainText('1 jour franc');
  await expect(page.getByTestId('convocation-check')).toContainText('minimum 3');
});

test('an unknown address shows a French page with a way back', async ({ page }) => {
  await openAppAndWaitOffline(page);
  await page.goto('/nulle-part');
  await expect(page.getByRole('heading', { name: 'Ressource introuvable.' })).toBeVisible();
  await expectAccessible(page, 'page introuvable');
});
