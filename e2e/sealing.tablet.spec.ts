import { randomUUID } from 'node:crypto';
import { day, expectAccessible, expect, test } from './fixtures';
import { DeliberationPage } from './page-models/deliberation';
import { closedSeanceWithOneDeliberation, secretarySigns } from './page-models/flows';
import { ReviewPage } from './page-models/review';
import { RollCallPage } from './page-models/roll-call';
import { SeanceListPage } from './page-models/seances';
import { Shell } from './page-models/shell';

/*
 * Issue #6: the president reviews on the tablet (each extract as it will print, a request for
 * correction, the extract and the procès-verbal signed), the server seals the séance, and then
 * nothing can be edited: no editing control on any screen, and the server refuses a direct write.
 * The president reviews and signs on the tablet.
 */

/** Editing controls of the secretary's screens: none may remain once the séance is sealed. */
const EDITING = /Ouvrir la séance|Clôturer|Enregistrer|Demander une correction|Marquer comme traitée|Tous présents|Ajouter|Supprimer|Signer le procès-verbal/;

test('tablet: review, request, signatures, seal; then no editing control anywhere and the server refuses a write', async ({ page, org, signIn, device }, info) => {
  const first = day('2013-03-14');
  const later = day('2014-05-20');
  const shell: Shell = await signIn(org.accounts.president);
  const review = new ReviewPage(page);

  // A séance with one deliberation, voted and closed (prepared on the same device).
  const place = 'Salle du scellement';
  const { seance, itemUrl } = await closedSeanceWithOneDeliberation(page, {
    day: first,
    time: '17:30',
    place,
    object: 'Adhésion au groupement de commandes des matériels informatiques',
    president: 'Mme Claire DUMONT',
    secretary: 'M. Bernard LEFEBVRE',
  });
  const seanceUrl = seance.url;
  const seanceId = seance.id;

  // The review: the extract as it will print, "à signer", and a request for correction.
  await review.goto(seanceId);
  const item = review.item(1);
  await expect(item.getByRole('article', { name: /Extrait du point n° 1/ })).toContainText('EXTRAIT DU REGISTRE');
  await expect(item.getByRole('article', { name: /Extrait du point n° 1/ })).toContainText('Adhésion au groupement de commandes');
  await expect(item.getByTestId('item-status')).toHaveText('Extrait à signer par le président');
  await expect(review.minutes).toBeVisible();
  await review.requestCorrection(1, 'Préciser le montant de la participation.');
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
  const deliberation = new DeliberationPage(page);
  await page.goto(itemUrl);
  const request = deliberation.correctionRequest;
  await expect(request).toContainText('Préciser le montant de la participation.');
  await expect(request).toContainText('Demandée par Claire DUMONT le');
  await seance.goto();
  await expect(seance.openRequestsCount).toHaveText('1 demande de correction ouverte sur cette séance');
  await page.goto(itemUrl);
  await request.getByRole('button', { name: 'Marquer comme traitée' }).click();
  await expect(deliberation.correctionRequest).toHaveCount(0);

  // One pad at a time: signing the extract replaces the procès-verbal's pad while it is open.
  await review.goto(seanceId);
  await expect(review.pad.canvas).toHaveCount(1);
  await review.signExtract(1);
  await expect(item.getByTestId('item-status')).toContainText('Extrait signé par Mme Claire DUMONT le');

  // The procès-verbal, by the president then the secretary: the séance is signed, then sealed by the server.
  await review.signMinutes();
  await expect(review.signatures).toContainText('Mme Claire DUMONT');
  // The secretary signs from his own account (one signs only in one's own name), then the
  // president's tablet receives the seal.
  await expect(review.signAsNobody).toBeVisible();
  await shell.syncNow();
  await secretarySigns(await device(org.accounts.electedSecretary), seanceId);
  await shell.syncNow();
  await expect(review.sealed).toBeVisible();
  await expect(shell.pending).toHaveCount(0);

  // (i) No editing control anywhere. The review page: nothing to ask nor to sign.
  await review.goto(seanceId);
  const main = page.locator('main');
  await expect(review.sealed).toContainText('Séance scellée');
  await expect(item.getByTestId('item-status')).toContainText('Extrait signé par');
  await expect(main.getByRole('button', { name: EDITING })).toHaveCount(0);
  await expect(main.getByRole('button', { name: /^Signer/ })).toHaveCount(0);
  await expect(main.getByRole('textbox')).toHaveCount(0);
  await expect(review.pad.canvas).toHaveCount(0);
  // Its history shows the signatures and the seal (from the server, or from this device's records).
  const history = page.getByTestId(`audit-${seanceId}`);
  await history.locator('summary').click();
  await expect(history).toContainText('Signature');
  await expect(history).toContainText('Scellement');
  await expectAccessible(page, 'revue scellée');

  // The séance page.
  await seance.goto();
  await expect(seance.sealedNotice).toContainText('Séance scellée');
  await expect(main.getByRole('button', { name: EDITING })).toHaveCount(0);
  await expect(main.getByRole('link', { name: 'Clôturer la séance' })).toHaveCount(0);
  await expect(main.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(page, 'séance scellée');

  // The roll-call: read-only notice, every choice disabled, no "Tous présents".
  const roll = new RollCallPage(page);
  await roll.goto(seanceUrl);
  await expect(roll.sealedNotice).toContainText('Séance scellée');
  await expect(main.getByRole('button', { name: EDITING })).toHaveCount(0);
  const radios = main.getByRole('radio');
  expect(await radios.count()).toBeGreaterThan(0);
  for (const radio of await radios.all()) await expect(radio).toBeDisabled();
  await expect(main.getByRole('textbox')).toHaveCount(0);

  // The deliberation page: text read-only, no vote, no correction form.
  await page.goto(itemUrl);
  await expect(deliberation.sealedNotice).toContainText('Séance scellée');
  await expect(deliberation.text).toBeVisible();
  await expect(main.getByText('Enregistrer une correction')).toHaveCount(0);
  await expect(main.getByRole('button', { name: EDITING })).toHaveCount(0);
  await expect(main.getByRole('textbox')).toHaveCount(0);
  await expect(main.getByRole('spinbutton')).toHaveCount(0);

  // (ii) A direct write to the server, with this session: refused as sealed; the record is unchanged.
  const clientId = `e2e-${randomUUID()}`;
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
  const laterPlace = 'Salle de la rectification';
  const list = new SeanceListPage(page);
  await list.goto();
  await list.createSeance({ date: later.iso, time: '17:30', place: laterPlace, convocationDate: later.convocation });
  await page.goto(itemUrl);
  await page.getByLabel('Séance où inscrire l’acte rectificatif').selectOption({ label: `${later.words} — ${laterPlace}` });
  await page.getByRole('button', { name: 'Inscrire un acte rectificatif' }).click();
  await expect(page.getByTestId('rectifies')).toContainText(`${first.iso.replaceAll('-', '')}_DL_01`);
  await expect(page.getByRole('heading', { name: /^Point n° 1\b/ })).toBeVisible();
  await page.getByTestId('rectifies').getByRole('link').click();
  await expect(page.getByTestId('rectified-by')).toBeVisible();
  await expect(deliberation.sealedNotice).toContainText('Séance scellée');
});
