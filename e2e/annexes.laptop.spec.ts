import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { AgendaPage } from './page-models/agenda';
import { DeliberationPage } from './page-models/deliberation';
import { SeanceListPage } from './page-models/seances';
import { Shell } from './page-models/shell';

/*
 * The secretary attaches an annex on the laptop; the president, on the tablet, sees it listed
 * with the deliberation and downloads it (the bytes travel by hash, checked on arrival). This
 * test drives both devices itself: the laptop project runs it.
 */
test('two devices: an annex attached on the laptop is listed on the tablet and downloaded there', async ({ page, signIn, device }) => {
  const laptop = await signIn();
  const seance = await new SeanceListPage(page).createSeance({ date: '2011-11-07', time: '17:30', place: 'Salle des annexes', convocationDate: '2011-06-30' });
  await seance.openAgenda();
  const agenda = new AgendaPage(page);
  await agenda.addItem({ object: 'Plan de financement du projet ENT' });
  await agenda.openItem(1);
  const itemPath = new URL(page.url()).pathname;
  await new DeliberationPage(page).attach({
    name: 'plan-financement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% plan de financement\n%%EOF\n'),
  });
  await laptop.syncNow();
  // The file itself is sent after the records, in the background: wait until the server has it.
  await expect.poll(async () => {
    const res = await page.request.get(`/api/sync/pull?clientId=e2e-${randomUUID()}&cursor=0&limit=2000`);
    const body = (await res.json()) as { records: { table: string; body: { name?: string; sha256?: string } }[] };
    const sha = body.records.find((r) => r.table === 'attachments' && r.body.name === 'plan-financement.pdf')?.body.sha256;
    return sha ? (await page.request.head(`/api/files/${sha}`)).status() : 0;
  }, { timeout: 20_000 }).toBe(200);

  const tablet = await device();
  await new Shell(tablet).syncNow();
  await tablet.goto(itemPath);
  const item = new DeliberationPage(tablet);
  await expect(item.annexes).toContainText('plan-financement.pdf');
  await tablet.getByRole('button', { name: 'Télécharger plan-financement.pdf sur cet appareil' }).click();
  await expect(item.openAnnexLink('plan-financement.pdf')).toBeVisible({ timeout: 20_000 });
  // Downloaded once, it is there offline.
  await tablet.context().setOffline(true);
  await tablet.reload();
  await expect(item.openAnnexLink('plan-financement.pdf')).toBeVisible();
});
