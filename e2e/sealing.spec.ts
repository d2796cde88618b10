import { closedSeanceWithOneDeliberation } from './deliberation-pages';
import { drawSignature, secretarySigns, syncNow } from './devices';
import { expectAccessible, expect, openAppAndWaitOffline, test } from './fixtures';
import { aDay } from './pages';

/*
 * Issue #6: the president reviews on the tablet (each extract as it will print, a request for
 * correction, the extract and the procès-verbal signed), the server seals the séance, and then
 * nothing can be edited: no editing control on any screen, and the server refuses a direct write.
 */

/** Editing controls of the secretary's screens: none may remain once the séance is sealed. */
const EDITING = /Ouvrir la séance|Clôturer|Enregistrer|Demander une correction|Marquer comme traitée|Tous présents|Ajouter|Supprimer|Signer le procès-verbal/;

test('tablet: review, request, signatures, seal; then no editing control anywhere and the server refuses a write', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'tablet', 'the president reviews and signs on the tablet');
  test.setTimeout(200_000);
  const day = aDay(2013);
  const later = aDay(2014);
  await openAppAndWaitOffline(page, 'presidente@demo.example');

  // A séance with one deliberation, voted and closed (prepared on the same device).
  const place = `Salle du scellement ${Date.now()}`;
  const { seanceUrl, itemUrl } = await closedSeanceWithOneDeliberation(page, {
    day,
    time: '17:30',
    place,
    object: 'Adhésion au groupement de commandes des matériels informatiques',
    president: 'Mme Claire DUMONT',
    secretary: 'M. Bernard LEFEBVRE',
  });
  const seanceId = seanceUrl.split('/').pop()!;

  // The review: the extract as it will print, "à signer", and a request for correction.
  await page.goto(`/revue/${seanceId}`);
  const item = page.getByTestId('review-item-1');
  await expect(item.getByRole('article', { name: /Extrait du point n° 1/ })).toContainText('EXTRAIT DU REGISTRE');
  await expect(item.getByRole('article', { name: /Extrait du point n° 1/ })).toContainText('Adhésion au groupement de commandes');
  await expect(item.getByTestId('item-status')).toHaveText('Extrait à signer par le président');
  await expect(page.getByRole('article', { name: /Procès-verbal, tel qu’il sera imprimé/ })).toBeVisible();
  await item.getByRole('button', { name: 'Demander une correction sur le point n° 1' }).click();
  await item.getByLabel('Commentaire pour le secrétariat').fill('Préciser le montant de la participation.');
  await item.getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(item.getByRole('status')).toHaveText('Demande de correction enregistrée.');
  await expect(item.getByTestId('correction-request')).toContainText('Préciser le montant de la participation.');
  await expectAccessible(page, 'revue');

  // Screenshots: portrait, then landscape (checked by eye).
  await page.screenshot({ path: info.outputPath('review-portrait.png') });
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('review-portrait-item.png') });
  await page.setViewportSize({ width: 1366, height: 1024 });
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('review-landscape-item.png') });
  await page.setViewportSize({ width: 1024, height: 1366 });

  // The secretary sees the request on the item, with who asked and when, and marks it handled.
  await page.goto(itemUrl);
  const request = page.getByTestId('correction-request');
  await expect(request).toContainText('Préciser le montant de la participation.');
  await expect(request).toContainText('Demandée par Claire DUMONT le');
  await page.goto(seanceUrl);
  await expect(page.getByTestId('open-requests-count')).toHaveText('1 demande de correction ouverte sur cette séance');
  await page.goto(itemUrl);
  await request.getByRole('button', { name: 'Marquer comme traitée' }).click();
  await expect(page.getByTestId('correction-request')).toHaveCount(0);

  // One pad at a time: signing the extract replaces the procès-verbal's pad while it is open.
  await page.goto(`/revue/${seanceId}`);
  await expect(page.getByTestId('signature-pad')).toHaveCount(1);
  await item.getByRole('button', { name: 'Signer l’extrait du point n° 1' }).click();
  await expect(page.getByTestId('signature-pad')).toHaveCount(1);
  await expect(item.getByTestId('signature-pad')).toBeVisible();
  await drawSignature(page);
  await page.getByRole('button', { name: 'Confirmer la signature' }).click();
  await expect(item.getByTestId('item-status')).toContainText('Extrait signé par Mme Claire DUMONT le');

  // The procès-verbal, by the president then the secretary: the séance is signed, then sealed by the server.
  await drawSignature(page);
  await page.getByRole('button', { name: 'Signer', exact: true }).click();
  await expect(page.getByTestId('signatures')).toContainText('Mme Claire DUMONT');
  // The secretary signs from his own account (one signs only in one's own name), then the
  // president's tablet receives the seal.
  await expect(page.getByTestId('sign-as-nobody')).toBeVisible();
  await syncNow(page);
  await secretarySigns(browser, seanceId);
  await syncNow(page);
  await expect(page.getByTestId('sealed')).toBeVisible();
  await expect(page.getByTestId('pending-badge')).toHaveCount(0);

  // (i) No editing control anywhere. The review page: nothing to ask nor to sign.
  await page.goto(`/revue/${seanceId}`);
  const main = page.locator('main');
  await expect(page.getByTestId('sealed')).toContainText('Séance scellée');
  await expect(item.getByTestId('item-status')).toContainText('Extrait signé par');
  await expect(main.getByRole('button', { name: EDITING })).toHaveCount(0);
  await expect(main.getByRole('button', { name: /^Signer/ })).toHaveCount(0);
  await expect(main.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByTestId('signature-pad')).toHaveCount(0);
  // Its history shows the signatures and the seal (from the server, or from this device's records).
  const history = page.getByTestId(`audit-${seanceId}`);
  await history.locator('summary').click();
  await expect(history).toContainText('Signature');
  await expect(history).toContainText('Scellement', { timeout: 10_000 });
  await expectAccessible(page, 'revue scellée');

  // The séance page.
  await page.goto(seanceUrl);
  await expect(page.getByTestId('sealed-notice')).toContainText('Séance scellée');
  await expect(main.getByRole('button', { name: EDITING })).toHaveCount(0);
  await expect(main.getByRole('link', { name: 'Clôturer la séance' })).toHaveCount(0);
  await expect(main.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(page, 'séance scellée');

  // The roll-call: read-only notice, every choice disabled, no "Tous présents".
  await page.goto(`${seanceUrl}/appel`);
  await expect(page.getByTestId('sealed-notice')).toContainText('Séance scellée');
  await expect(main.getByRole('button', { name: EDITING })).toHaveCount(0);
  const radios = main.getByRole('radio');
  expect(await radios.count()).toBeGreaterThan(0);
  for (const radio of await radios.all()) await expect(radio).toBeDisabled();
  await expect(main.getByRole('textbox')).toHaveCount(0);

  // The deliberation page: text read-only, no vote, no correction form.
  await page.goto(itemUrl);
  await expect(page.getByTestId('sealed-notice')).toContainText('Séance scellée');
  await expect(page.getByTestId('deliberation-text')).toBeVisible();
  await expect(main.getByText('Enregistrer une correction')).toHaveCount(0);
  await expect(main.getByRole('button', { name: EDITING })).toHaveCount(0);
  await expect(main.getByRole('textbox')).toHaveCount(0);
  await expect(main.getByRole('spinbutton')).toHaveCount(0);

  // (ii) A direct write to the server, with this session: refused as sealed; the record is unchanged.
  const clientId = `e2e-${Date.now()}`;
  const push = await page.request.post('/api/sync/push', {
    data: {
      clientId,
      mutations: [
        { mutationId: 1, name: 'seance.update', table: 'seances', recordId: seanceId, baseVersion: 99, args: { place: 'Salle falsifiée' }, createdAt: new Date().toISOString() },
      ],
    },
  });
  expect(push.ok()).toBe(true);
  const pushed = (await push.json()) as { results: { status: string; code?: string }[] };
  expect(pushed.results[0]).toMatchObject({ status: 'rejected', code: 'sync.sealed' });
  const pull = await page.request.get(`/api/sync/pull?clientId=${clientId}&cursor=0&limit=1000`);
  const pulled = (await pull.json()) as { records: { table: string; id: string; body: { place?: string; status?: string } }[] };
  const stored = pulled.records.filter((r) => r.table === 'seances' && r.id === seanceId).at(-1);
  expect(stored?.body).toMatchObject({ place, status: 'signed' });
  expect(pulled.records.some((r) => r.table === 'seals' && r.id === seanceId)).toBe(true);

  // (iii) A sealed act is corrected by a new act, on the agenda of a later séance, linked to it.
  const laterPlace = `Salle de la rectification ${Date.now()}`;
  await page.goto('/');
  await page.getByRole('link', { name: 'Nouvelle séance' }).click();
  await page.getByLabel('Date de la séance').fill(later.iso);
  await page.getByLabel('Heure').fill('17:30');
  await page.getByLabel('Lieu').fill(laterPlace);
  await page.getByLabel('Date de convocation').fill(later.convocation);
  await page.getByRole('button', { name: 'Créer la séance' }).click();
  await expect(page).toHaveURL(/\/seances\/[0-9a-f-]{36}$/);
  await page.goto(itemUrl);
  await page.getByLabel('Séance où inscrire l’acte rectificatif').selectOption({ label: `${later.words} — ${laterPlace}` });
  await page.getByRole('button', { name: 'Inscrire un acte rectificatif' }).click();
  await expect(page.getByTestId('rectifies')).toContainText(`${day.iso.replaceAll('-', '')}_DL_01`);
  await expect(page.getByRole('heading', { name: /^Point n° 1\b/ })).toBeVisible();
  await page.getByTestId('rectifies').getByRole('link').click();
  await expect(page.getByTestId('rectified-by')).toBeVisible();
  await expect(page.getByTestId('sealed-notice')).toContainText('Séance scellée');
});
