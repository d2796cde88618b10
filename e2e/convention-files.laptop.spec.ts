import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, test } from './fixtures';
import { AgendaPage } from './page-models/agenda';
import { ConventionPage } from './page-models/conventions';
import { SeanceListPage } from './page-models/seances';
import { Shell } from './page-models/shell';

/*
 * Files follow their convention (content-addressed file sync): the laptop attaches the PDF of the
 * convention and syncs; the tablet, which only received the record and its hash, downloads the
 * PDF when the convention is opened, and the president signs what she can read. The PDF printed on
 * the tablet carries the attached pages and the signature page. This test drives both devices
 * itself: the laptop project runs it.
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

test('two devices: a PDF attached on the laptop is downloaded by the tablet, signed there and printed with its pages', async ({ page, signIn, device }, info) => {
  const laptop = await signIn();
  const tablet = await device();
  const tabletShell = new Shell(tablet);

  // The laptop drafts the convention, its text being the attached PDF.
  const pdf = await attachedPdf();
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const title = 'Convention à PDF joint';
  const seance = await new SeanceListPage(page).createSeance({ date: '2011-11-07', time: '17:30', place: 'Salle des fichiers', convocationDate: '2011-06-30' });
  await seance.openAgenda();
  const agenda = new AgendaPage(page);
  await agenda.addItem({ object: `Autorisation de signer la ${title}` });
  await agenda.openItem(1);
  const onLaptopPage = new ConventionPage(page);
  await onLaptopPage.draft({ title, parties: PARTIES, pdf });
  await expect(page.getByText(`empreinte SHA-256 ${sha256.slice(0, 16)}…`)).toBeVisible();
  await expect(page.getByText(MISSING)).toHaveCount(0);
  const url = new URL(page.url()).pathname;
  const onLaptop = await onLaptopPage.pdf(info.outputPath('convention-ordinateur.pdf'));

  // The laptop syncs; its PDF goes to the server right after the records.
  await laptop.syncNow();
  await expect.poll(async () => (await page.request.get(`/api/files/${sha256}`)).status(), { timeout: 20_000 }).toBe(200);
  const stored = await page.request.get(`/api/files/${sha256}`);
  expect(stored.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
  expect(Buffer.compare(await stored.body(), pdf)).toBe(0);

  // The tablet syncs while offline afterwards: it knows the convention and its hash, not the file.
  await tabletShell.syncNow();
  await tablet.goto('/conventions');
  await expect(tablet.getByRole('link', { name: new RegExp(title) })).toBeVisible({ timeout: 20_000 });
  await tablet.context().setOffline(true);
  await tablet.goto(url);
  await expect(tablet.getByRole('heading', { name: title })).toBeVisible();
  await expect(tablet.getByText(MISSING)).toBeVisible();
  // Nobody signs a text they cannot read: no signing until the PDF is here.
  await expect(tablet.getByText('La signature sera possible une fois le PDF joint présent sur cet appareil')).toBeVisible();
  await expect(tablet.getByRole('button', { name: 'Signer', exact: true })).toBeDisabled();
  // Back online, the page downloads it; the notice goes.
  await tablet.context().setOffline(false);
  await expect(tablet.getByText(MISSING)).toHaveCount(0, { timeout: 20_000 });
  await expect(tablet.getByTestId('attachment-fetching')).toHaveCount(0);

  // The president signs what she can read.
  const onTabletPage = new ConventionPage(tablet);
  await onTabletPage.signAs(PARTIES[0]!);
  await expect(tablet.getByRole('alert')).toHaveCount(0);

  // The tablet's PDF: the attached pages, then the signature page, last; as many pages as the laptop's.
  const onTablet = await onTabletPage.pdf(info.outputPath('convention-tablette.pdf'));
  expect(onTablet.pages).toBe(onLaptop.pages);
  expect(onTablet.pages).toBeGreaterThanOrEqual(4);
  expect(onTablet.all).toContain('PIECE JOINTE PAGE 1 SUR 2');
  expect(onTablet.all).toContain('PIECE JOINTE PAGE 2 SUR 2');
  expect(onTablet.last).toContain('Page des signatures');
  expect(onTablet.last).toContain(PARTIES[0]!.signatory);
  expect(onTablet.last).not.toContain('PIECE JOINTE');

  // The signature reaches the laptop, which also verifies the server kept it.
  await tabletShell.syncNow();
  await laptop.syncNow();
  await page.goto(url);
  await expect(onLaptopPage.partyRow(PARTIES[0]!)).toContainText('Signée le');
});
