import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { addAgendaItem, openAgenda, openItem } from './deliberation-pages';
import { drawSignature, openTablet, syncNow } from './devices';
import { expect, openAppAndWaitOffline, test } from './fixtures';
import { createSeance } from './pages';

/*
 * Files follow their convention (content-addressed file sync): the laptop attaches the PDF of the
 * convention and syncs; the tablet, which only received the record and its hash, downloads the
 * PDF when the convention is opened, and the president signs what she can read. The PDF printed on
 * the tablet carries the attached pages and the signature page.
 */

const PARTIES = [
  { organisation: 'Syndicat mixte de démonstration', signatory: 'Claire DUMONT', capacity: 'Présidente' },
  { organisation: 'Commune de Saint-Aubin', signatory: 'Anne PETIT', capacity: 'Maire' },
];
const MISSING = /Le PDF joint n’est pas encore sur cet appareil/;

async function attachedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2]) doc.addPage([595, 842]).drawText(`PIECE JOINTE PAGE ${n} SUR 2`, { x: 72, y: 760, size: 18, font });
  return Buffer.from(await doc.save());
}

async function pdfOf(page: Page, name: string): Promise<{ pages: number; all: string; last: string }> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger le PDF de la convention' }).click();
  const path = test.info().outputPath(name);
  await (await downloadPromise).saveAs(path);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())?.[1]);
  return {
    pages,
    all: execFileSync('pdftotext', ['-layout', path, '-']).toString(),
    last: execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), path, '-']).toString(),
  };
}

test('two devices: a PDF attached on the laptop is downloaded by the tablet, signed there and printed with its pages', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'laptop', 'this test drives both devices itself');
  test.setTimeout(240_000);
  const laptop = page;
  await openAppAndWaitOffline(laptop);
  const { context: tabletContext, page: tablet } = await openTablet(browser);

  // The laptop drafts the convention, its text being the attached PDF.
  const pdf = await attachedPdf();
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const title = `Convention à PDF joint ${Date.now()}`;
  await createSeance(laptop, { date: '2011-11-07', time: '17:30', place: `Salle des fichiers ${Date.now()}`, convocationDate: '2011-06-30' });
  await expect(laptop).toHaveURL(/\/seances\/[0-9a-f-]{36}$/);
  await openAgenda(laptop);
  await addAgendaItem(laptop, { object: `Autorisation de signer la ${title}` });
  await openItem(laptop, 1);
  await laptop.getByRole('link', { name: 'Nouvelle convention' }).click();
  await laptop.getByLabel('Intitulé de la convention').fill(title);
  for (const [i, p] of PARTIES.entries()) {
    const group = laptop.getByRole('group', { name: `Partie ${i + 1}` });
    await group.getByLabel('Collectivité ou organisme').fill(p.organisation);
    await group.getByLabel('Signataire', { exact: true }).fill(p.signatory);
    await group.getByLabel('Qualité du signataire').fill(p.capacity);
  }
  await laptop.getByLabel('PDF de la convention (facultatif, 20 Mo au plus)').setInputFiles({ name: 'convention-ent.pdf', mimeType: 'application/pdf', buffer: pdf });
  await laptop.getByRole('button', { name: 'Créer la convention' }).click();
  await expect(laptop.getByRole('heading', { name: title })).toBeVisible();
  await expect(laptop.getByText(`empreinte SHA-256 ${sha256.slice(0, 16)}…`)).toBeVisible();
  await expect(laptop.getByText(MISSING)).toHaveCount(0);
  const url = new URL(laptop.url()).pathname;
  const onLaptop = await pdfOf(laptop, 'convention-ordinateur.pdf');

  // The laptop syncs; its PDF goes to the server right after the records.
  await syncNow(laptop);
  await expect.poll(async () => (await laptop.request.get(`/api/files/${sha256}`)).status(), { timeout: 20_000 }).toBe(200);
  const stored = await laptop.request.get(`/api/files/${sha256}`);
  expect(stored.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
  expect(Buffer.compare(await stored.body(), pdf)).toBe(0);

  // The tablet syncs while offline afterwards: it knows the convention and its hash, not the file.
  await syncNow(tablet);
  await tablet.goto('/conventions');
  await expect(tablet.getByRole('link', { name: new RegExp(title) })).toBeVisible({ timeout: 20_000 });
  await tabletContext.setOffline(true);
  await tablet.goto(url);
  await expect(tablet.getByRole('heading', { name: title })).toBeVisible();
  await expect(tablet.getByText(MISSING)).toBeVisible();
  // Nobody signs a text they cannot read: no signing until the PDF is here.
  await expect(tablet.getByText('La signature sera possible une fois le PDF joint présent sur cet appareil')).toBeVisible();
  await expect(tablet.getByRole('button', { name: 'Signer', exact: true })).toBeDisabled();
  // Back online, the page downloads it; the notice goes.
  await tabletContext.setOffline(false);
  await expect(tablet.getByText(MISSING)).toHaveCount(0, { timeout: 20_000 });
  await expect(tablet.getByTestId('attachment-fetching')).toHaveCount(0);

  // The president signs what she can read.
  await tablet.getByLabel('Partie qui signe').selectOption({ label: `${PARTIES[0]!.organisation} — ${PARTIES[0]!.signatory}, ${PARTIES[0]!.capacity}` });
  await drawSignature(tablet);
  await tablet.getByRole('button', { name: 'Signer', exact: true }).click();
  await expect(tablet.getByTestId('convention-parties').getByRole('row', { name: new RegExp(PARTIES[0]!.organisation) })).toContainText('Signée le');
  await expect(tablet.getByRole('alert')).toHaveCount(0);

  // The tablet's PDF: the attached pages, then the signature page, last; as many pages as the laptop's.
  const onTablet = await pdfOf(tablet, 'convention-tablette.pdf');
  expect(onTablet.pages).toBe(onLaptop.pages);
  expect(onTablet.pages).toBeGreaterThanOrEqual(4);
  expect(onTablet.all).toContain('PIECE JOINTE PAGE 1 SUR 2');
  expect(onTablet.all).toContain('PIECE JOINTE PAGE 2 SUR 2');
  expect(onTablet.last).toContain('Page des signatures');
  expect(onTablet.last).toContain(PARTIES[0]!.signatory);
  expect(onTablet.last).not.toContain('PIECE JOINTE');

  // The signature reaches the laptop, which also verifies the server kept it.
  await syncNow(tablet);
  await syncNow(laptop);
  await laptop.goto(url);
  await expect(laptop.getByTestId('convention-parties').getByRole('row', { name: new RegExp(PARTIES[0]!.organisation) })).toContainText('Signée le');
  await tabletContext.close();
});
