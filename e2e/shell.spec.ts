import { expectAccessible, expect, test } from './fixtures';
import { SeanceListPage } from './page-models/seances';

const BUREAU_SEANCE = { date: '2011-11-07', time: '17:30', place: 'Salle du Bureau', convocationDate: '2011-06-30' };

test('the app shell, a séance and deep links work with no network', async ({ page, context, signIn }) => {
  const shell = await signIn();
  await expect(page).toHaveTitle(/^Registre/);
  await shell.expectOnline();
  await expectAccessible(page, 'accueil');

  const list = new SeanceListPage(page);
  const seance = await list.createSeance(BUREAU_SEANCE);
  await expect(seance.heading).toHaveText('Bureau du 7 novembre 2011');
  await expect(seance.openingLine).toHaveText("L'an deux mille onze, le sept novembre à 17h30");
  await expectAccessible(page, 'séance');
  // Online, the background sync sends the new séance within seconds.
  await shell.expectNothingPending();
  await expect(shell.sync).toContainText('Synchronisé à');

  await context.setOffline(true);
  await page.reload();
  await shell.expectOffline();
  await expect(seance.heading).toHaveText('Bureau du 7 novembre 2011');

  // A deep link typed in the address bar opens offline too.
  await list.goto();
  await seance.goto();
  await expect(page.getByText(BUREAU_SEANCE.place)).toBeVisible();

  // A séance created offline survives another offline reload.
  await list.goto();
  const offlinePlace = 'Salle hors ligne';
  const offline = await list.createSeance({ date: '2011-12-12', time: '09:00', place: offlinePlace, convocationDate: '2011-12-05' });
  await expect(offline.heading).toHaveText('Bureau du 12 décembre 2011');
  await page.reload();
  await expect(page.getByText(offlinePlace)).toBeVisible();
  await list.goto();
  await expect(list.row(offlinePlace)).toContainText('12 décembre 2011');
  await expect(list.row(BUREAU_SEANCE.place)).toContainText('7 novembre 2011');
  // Created offline, not yet sent: the badge says so.
  await shell.expectPending(1);
});

test('the séance form shows French errors and saves nothing invalid', async ({ page, signIn }) => {
  const shell = await signIn();
  const form = await new SeanceListPage(page).openNewSeanceForm();
  await form.fill({ date: '2011-11-07', convocationDate: '2011-11-20' });
  await form.submit();

  await form.expectErrorCount(3);
  await expect(page.getByLabel('Heure')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Saisissez une heure valide (hh:mm).')).toBeVisible();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await expect(page.getByText('La convocation doit précéder la séance.')).toBeVisible();
  await expectAccessible(page, 'formulaire de séance en erreur');

  await form.cancel();
  await expect(new SeanceListPage(page).heading).toBeVisible();
  await expect(shell.pending).toHaveCount(0);
});

test('the convocation delay is checked in jours francs', async ({ page, signIn }) => {
  await signIn();
  const form = await new SeanceListPage(page).openNewSeanceForm();
  await form.fill({ date: '2011-11-07', convocationDate: '2011-11-05' });
  await expect(form.convocationCheck).toContainText('1 jour franc');
  await expect(form.convocationCheck).toContainText('minimum 3');
});

test('an unknown address shows a French page with a way back', async ({ page, signIn }) => {
  await signIn();
  await page.goto('/nulle-part');
  await expect(page.getByRole('heading', { name: 'Ressource introuvable.' })).toBeVisible();
  await expectAccessible(page, 'page introuvable');
});
