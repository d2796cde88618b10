import { drawSignature, openTablet, secretarySigns, syncNow } from './devices';
import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';

/*
 * Two devices through the real server: the secretary's laptop and the president's tablet, each
 * its own browser context (its own IndexedDB, service worker and session).
 */
test('laptop and tablet converge: offline séance, conflict kept, signature seals the séance everywhere', async ({ page, context, browser }, info) => {
  test.skip(info.project.name !== 'laptop', 'this test drives both devices itself');
  test.setTimeout(240_000);
  const laptop = page;
  await openAppAndWaitOffline(laptop);
  const tablet = await openTablet(browser);

  // 1. The laptop records a séance with no network, then comes back online.
  await context.setOffline(true);
  const place = `Salle synchronisée ${Date.now()}`;
  await laptop.getByRole('link', { name: 'Nouvelle séance' }).click();
  await laptop.getByLabel('Date de la séance').fill('2011-11-07');
  await laptop.getByLabel('Heure').fill('17:30');
  await laptop.getByLabel('Lieu').fill(place);
  await laptop.getByLabel('Date de convocation').fill('2011-06-30');
  await laptop.getByLabel('Président(e) de séance').selectOption({ label: 'Mme Claire DUMONT' });
  await laptop.getByLabel('Secrétaire de séance').selectOption({ label: 'M. Bernard LEFEBVRE' });
  await laptop.getByRole('button', { name: 'Créer la séance' }).click();
  await expect(laptop).toHaveURL(/\/seances\/[0-9a-f-]{36}$/);
  await expect(laptop.getByTestId('pending-badge')).toBeVisible();
  const seanceUrl = laptop.url();
  await context.setOffline(false);
  await syncNow(laptop);
  await expect(laptop.getByTestId('pending-badge')).toHaveCount(0);

  await syncNow(tablet.page);
  await tablet.page.goto('/');
  await expect(tablet.page.getByRole('row', { name: new RegExp(place) })).toBeVisible();

  // 2. Both devices, offline, mark the same member differently: a conflict, both values kept.
  await laptop.getByRole('link', { name: 'Faire l’appel' }).click();
  await laptop.getByRole('button', { name: 'Tous présents' }).click();
  await syncNow(laptop);
  await syncNow(tablet.page);
  await context.setOffline(true);
  await tablet.context.setOffline(true);
  await laptop.getByTestId('row-MOREAU').getByText('Absent', { exact: true }).click();
  await tablet.page.goto(`${new URL(seanceUrl).pathname}/appel`);
  await tablet.page.getByTestId('row-MOREAU').getByText('Excusé', { exact: true }).click();
  // The laptop reconnects first: its value reaches the server first; the tablet's then conflicts.
  await context.setOffline(false);
  await syncNow(laptop);
  await tablet.context.setOffline(false);
  await syncNow(tablet.page);
  await expect(tablet.page.getByTestId('conflicts-badge')).toHaveText(/1 conflit/);
  await tablet.page.getByTestId('conflicts-badge').click();
  await expect(tablet.page.getByTestId('server-value').first()).toHaveText('absent');
  await expect(tablet.page.getByTestId('client-value').first()).toHaveText('excused');
  await expectAccessible(tablet.page, 'conflits');
  await tablet.page.getByRole('button', { name: 'Garder la version du serveur' }).first().click();
  await expect(tablet.page.getByText('Aucun conflit.')).toBeVisible();

  // 3. The séance is opened and closed on the laptop, then signed on the tablet.
  await laptop.goto(seanceUrl);
  await laptop.getByRole('button', { name: 'Ouvrir la séance' }).click();
  await laptop.getByRole('link', { name: 'Clôturer la séance' }).click();
  await laptop.getByRole('button', { name: 'Clôturer la séance' }).click();
  await laptop.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await expect(laptop.getByText(/Séance close/).first()).toBeVisible();
  await syncNow(laptop);

  await syncNow(tablet.page);
  await tablet.page.goto(`/revue${new URL(seanceUrl).pathname.replace('/seances', '')}`);
  await drawSignature(tablet.page);
  await tablet.page.getByRole('button', { name: 'Signer', exact: true }).click();
  // The pad is cleared for the next signer once the first signature is stored.
  await expect(tablet.page.getByTestId('signatures')).toContainText('Mme Claire DUMONT');
  // The president signs only in her own name: the secretary's signature is his, from his account.
  await expect(tablet.page.getByTestId('sign-as-nobody')).toContainText('Chaque signataire signe avec son propre compte');
  await syncNow(tablet.page);
  await secretarySigns(browser, new URL(seanceUrl).pathname.split('/').pop()!);
  await syncNow(tablet.page);
  await expect(tablet.page.getByTestId('sealed')).toBeVisible();

  // 4. The laptop receives the seal: nothing can be edited any more.
  await syncNow(laptop);
  await laptop.goto(`${seanceUrl}/appel`);
  await expect(laptop.getByTestId('sealed-notice')).toContainText('Séance scellée');
  await expect(laptop.getByTestId('row-MOREAU').getByRole('radio', { name: 'Présent', exact: true })).toBeDisabled();
  await tablet.context.close();
});
