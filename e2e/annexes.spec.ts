import { addAgendaItem, openAgenda, openItem } from './deliberation-pages';
import { openTablet, syncNow } from './devices';
import { expect, openAppAndWaitOffline, test } from './fixtures';
import { createSeance } from './pages';

/*
 * The secretary attaches an annex on the laptop; the president, on the tablet, sees it listed
 * with the deliberation and downloads it (the bytes travel by hash, checked on arrival).
 */
test('two devices: an annex attached on the laptop is listed on the tablet and downloaded there', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'laptop', 'this test drives both devices itself');
  test.setTimeout(180_000);
  const laptop = page;
  await openAppAndWaitOffline(laptop);
  const place = `Salle des annexes ${Date.now()}`;
  await createSeance(laptop, { date: '2011-11-07', time: '17:30', place, convocationDate: '2011-06-30' });
  await expect(laptop).toHaveURL(/\/seances\/[0-9a-f-]{36}$/);
  await openAgenda(laptop);
  await addAgendaItem(laptop, { object: 'Plan de financement du projet ENT' });
  await openItem(laptop, 1);
  const itemPath = new URL(laptop.url()).pathname;
  await laptop.getByLabel('Joindre un fichier').setInputFiles({
    name: 'plan-financement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% plan de financement\n%%EOF\n'),
  });
  await expect(laptop.getByTestId('annexes')).toContainText('plan-financement.pdf');
  await syncNow(laptop);
  // The file itself is sent after the records, in the background: wait until the server has it.
  await expect.poll(async () => {
    const res = await laptop.request.get('/api/sync/pull?clientId=e2e-annexes&cursor=0&limit=2000');
    const body = (await res.json()) as { records: { table: string; body: { name?: string; sha256?: string } }[] };
    const sha = body.records.find((r) => r.table === 'attachments' && r.body.name === 'plan-financement.pdf')?.body.sha256;
    return sha ? (await laptop.request.head(`/api/files/${sha}`)).status() : 0;
  }, { timeout: 20_000 }).toBe(200);

  const { context: tabletContext, page: tablet } = await openTablet(browser);
  await syncNow(tablet);
  await tablet.goto(itemPath);
  await expect(tablet.getByTestId('annexes')).toContainText('plan-financement.pdf');
  await tablet.getByRole('button', { name: 'Télécharger plan-financement.pdf sur cet appareil' }).click();
  await expect(tablet.getByRole('link', { name: 'Ouvrir plan-financement.pdf' })).toBeVisible({ timeout: 20_000 });
  // Downloaded once, it is there offline.
  await tabletContext.setOffline(true);
  await tablet.reload();
  await expect(tablet.getByRole('link', { name: 'Ouvrir plan-financement.pdf' })).toBeVisible();
  await tabletContext.close();
});
