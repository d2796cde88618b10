import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalHash, sha256Hex } from '../domain/canonical';
import { ConventionSchema, SignatureSchema, type Convention, type Signature } from '../domain/schemas';
import { conventionContent } from '../domain/signedContent';
import { parseSeanceFile, type SeanceFile } from '../domain/seanceFile';
import { conventionFileName, conventionModel, conventionPdf, signedAtInFrench } from './convention';
import { fileFontSource, loadFonts, type FontBytes } from './fonts';
import { documentText } from './model';
import { renderPdfDetailed } from './pdf';

/*
 * A tripartite convention of the reference séance (20111107_DL_04 authorises the syndicat mixte
 * to sign conventions with a communauté de communes and its communes), signed on the device by
 * the three parties. The PDF is read back with pdftotext, page by page.
 */

const require = createRequire(import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8')) as unknown;
const tmp = mkdtempSync(join(tmpdir(), 'registre-convention-'));

const PARTIES = [
  { organisationName: 'Syndicat mixte Somme Numérique', signatoryName: 'Jean-François VASSEUR', capacity: 'Président' },
  { organisationName: 'Communauté de communes du Vimeu Vert', signatoryName: 'Martine LEBLOND', capacity: 'Présidente' },
  { organisationName: 'Commune de Feuquières-en-Vimeu', signatoryName: 'Alain DUCROCQ', capacity: 'Maire' },
];

const TEXT = [
  'Article 1 – Objet',
  'La présente convention fixe les relations entre le syndicat mixte, la communauté de communes membre de Somme Numérique et la commune pour la mise en œuvre du projet des « Environnements Numériques de Travail » (ENT) dans les écoles de la commune.',
  'Article 2 – Engagements du syndicat mixte\nLe syndicat mixte met à disposition la plateforme ENT.\nIl assure le groupement de commandes des matériels informatiques.',
  'Article 3 – Durée',
  'La convention est conclue pour une durée de trois ans à compter de sa signature par la dernière des parties.',
].join('\n\n');

/** A handwritten-looking name: a few loops, then an underline. */
function strokesFor(seed: number): { x: number; y: number; t: number }[][] {
  const loops = Array.from({ length: 60 }, (_, i) => ({
    x: 20 + i * 4 + 10 * Math.cos(i / (2 + seed)), y: 60 + 25 * Math.sin(i / (1.5 + seed / 2)), t: i * 16,
  }));
  const dot = [{ x: 150 + seed * 10, y: 20, t: 1200 }];
  const underline = Array.from({ length: 12 }, (_, i) => ({ x: 15 + i * 22, y: 100 + 3 * Math.sin(i + seed), t: 1500 + i * 16 }));
  return [loops, dot, underline];
}

let fonts: FontBytes;
let file: SeanceFile;
let convention: Convention;
let contentHash: string;
const deviceKeys: string[] = [];

function signature(partyIndex: number, signedAt: string, strokes = strokesFor(partyIndex)): Signature {
  const party = PARTIES[partyIndex] as (typeof PARTIES)[number];
  return SignatureSchema.parse({
    id: `01a2223c-0000-7000-8000-00000000004${partyIndex}`, organisationId: file.organisation.id,
    subject: { kind: 'convention', id: convention.id }, seanceId: file.seance.id,
    signerName: party.signatoryName, capacity: party.capacity, role: 'party', partyIndex, signedAt,
    contentHash, strokesHash: 'cd'.repeat(32), strokes, deviceKeyId: deviceKeys[partyIndex], deviceSignature: 's',
  });
}

const signedAts = ['2011-11-14T09:30:00.000Z', '2011-11-21T15:05:00.000Z', '2011-12-02T08:00:00.000Z'];
const allSigned = () => [0, 1, 2].map((i) => signature(i, signedAts[i] as string));

function modelOf(signatures: Signature[], c: Convention = convention) {
  const d = file.deliberations[0] as SeanceFile['deliberations'][number];
  return conventionModel({
    organisation: file.organisation, convention: c, signatures,
    deliberation: { registryNumber: d.registryNumber, object: d.object, seanceDate: file.seance.date },
  });
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const pageText = (path: string, page: number) =>
  flat(execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' }));
const pageCount = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);

/** The decoded content streams of one page (0-based). */
async function pageOperators(bytes: Uint8Array, index: number): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const contents = doc.getPage(index).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  return streams.map((s) => (s instanceof PDFRawStream ? new TextDecoder().decode(decodePDFRawStream(s).decode()) : '')).join('\n');
}
const lineTos = (ops: string) => (ops.match(/^-?[\d.]+ -?[\d.]+ l$/gm) ?? []).length;

beforeAll(async () => {
  fonts = await loadFonts(fileFontSource(async (name) => new Uint8Array(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/${name}`)))));
  const parsed = parseSeanceFile(fixture);
  if (!parsed.ok) throw new Error(parsed.message);
  file = parsed.file;
  const d = file.deliberations[0] as SeanceFile['deliberations'][number];
  convention = ConventionSchema.parse({
    id: '01a2223c-0000-7000-8000-000000000050', organisationId: file.organisation.id, deliberationId: d.id, seanceId: file.seance.id,
    title: 'Convention tripartite pour la mise en œuvre des ENT – Vimeu Vert, Feuquières-en-Vimeu', parties: PARTIES, text: TEXT,
  });
  contentHash = await canonicalHash(conventionContent(convention));
  for (const i of [0, 1, 2]) deviceKeys.push((await sha256Hex(`device-${i}`)).slice(0, 32));
});

describe('convention model', () => {
  it('names the parties, the authorising deliberation, the text, then the signature page', () => {
    const t = flat(documentText(modelOf(allSigned())));
    const mentions = [
      'CONVENTION', 'Convention tripartite pour la mise en œuvre des ENT',
      'Entre les soussignés :',
      'Syndicat mixte Somme Numérique, en la personne de Jean-François VASSEUR, Président ;',
      'Communauté de communes du Vimeu Vert, en la personne de Martine LEBLOND, Présidente ;',
      'Commune de Feuquières-en-Vimeu, en la personne de Alain DUCROCQ, Maire.',
      'délibération n° 20111107_DL_04 de Somme Numérique du 7 novembre 2011',
      'Il a été convenu ce qui suit :', 'Article 1 – Objet', 'Article 3 – Durée',
      'Page des signatures', 'Pour Syndicat mixte Somme Numérique,', 'Signé électroniquement le 14 novembre 2011 à 10h30',
    ];
    let at = 0;
    for (const m of mentions) {
      const found = t.indexOf(m, at);
      expect(found, m).toBeGreaterThanOrEqual(0);
      at = found + m.length;
    }
    const model = modelOf(allSigned());
    const lastBreak = model.blocks.map((b) => b.kind).lastIndexOf('pageBreak');
    expect(model.blocks.slice(lastBreak + 1).filter((b) => b.kind === 'signature')).toHaveLength(3);
  });

  it('writes the signing time in Paris time, in French', () => {
    expect(signedAtInFrench('2011-11-14T09:30:00.000Z')).toBe('14 novembre 2011 à 10h30');
    expect(signedAtInFrench('2012-07-01T22:15:00.000Z')).toBe('2 juillet 2012 à 0h15');
    expect(signedAtInFrench('pas une date')).toBe('pas une date');
  });

  it('names the file after the title, in safe ASCII', () => {
    expect(conventionFileName(convention)).toBe('convention-convention-tripartite-pour-la-mise-en-oeuvre-des-ent-vimeu-vert-feuquieres-en.pdf');
    expect(conventionFileName({ ...convention, title: 'Convention ENT – Vimeu Vert' })).toBe('convention-convention-ent-vimeu-vert.pdf');
    expect(conventionFileName({ ...convention, title: 'x'.repeat(120) })).toBe(`convention-${'x'.repeat(80)}.pdf`);
    expect(conventionFileName({ ...convention, title: '../«ÉTÉ» <b>/\\' })).toBe('convention-ete-b.pdf');
    expect(conventionFileName({ ...convention, title: '😀' })).toBe('convention-01a2223c.pdf');
  });
});

describe('convention PDF', () => {
  it('signed by the three parties: every signatory, capacity, date, hash and device key on the last page', async () => {
    const model = modelOf(allSigned());
    const pdf = await conventionPdf(model, fonts);
    const path = write('convention-signed.pdf', pdf);
    const n = pageCount(path);
    expect(n).toBe((await renderPdfDetailed(model, fonts)).pageCount);
    const last = pageText(path, n);
    expect(last).toContain('Page des signatures');
    for (const [i, p] of PARTIES.entries()) {
      expect(last).toContain(p.signatoryName);
      expect(last).toContain(p.capacity);
      expect(last).toContain(p.organisationName);
      // The device key id, in groups of 8 the table breaks it at.
      expect(last).toContain((deviceKeys[i] as string).match(/.{8}/g)?.join(' '));
    }
    expect(last).toContain(contentHash.slice(0, 16));
    // The full hash, in groups of 16 the table breaks it at.
    expect(last).toContain(contentHash.match(/.{16}/g)?.join(' '));
    expect(last).toContain('14 novembre 2011 à 10h30');
    expect(last).toContain('21 novembre 2011 à 16h05');
    expect(last).toContain('2 décembre 2011 à 9h00');
    expect(last).toContain('Signée par les 3 parties.');
    expect(last).not.toContain('En attente de signature');
    // The signature page starts on a page of its own; the text is before it.
    for (let p = 1; p < n; p++) expect(pageText(path, p)).not.toContain('Page des signatures');
    expect(pageText(path, 1)).toContain('Entre les soussignés :');
    expect(pageText(path, 1)).toContain('20111107_DL_04');

    // The review image of the signature page.
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(n), '-l', String(n), '-singlefile', path, join(tmp, 'convention-signature-page')]);
    expect(readFileSync(join(tmp, 'convention-signature-page.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  it('draws each party’s strokes as paths on the signature page', async () => {
    const signed = allSigned();
    const withStrokes = await conventionPdf(modelOf(signed), fonts);
    const without = await conventionPdf(modelOf(signed.map((s) => ({ ...s, strokes: [] }))), fonts);
    const last = (await PDFDocument.load(withStrokes)).getPageCount() - 1;
    const drawn = lineTos(await pageOperators(withStrokes, last)) - lineTos(await pageOperators(without, last));
    // Every point after the first of a stroke is a line; a single-point stroke is a dot (one line).
    const expected = signed.flatMap((s) => s.strokes).reduce((n, st) => n + Math.max(1, st.length - 1), 0);
    expect(drawn).toBe(expected);
  }, 60_000);

  it('with two signatures of three, the third party is shown waiting', async () => {
    const model = modelOf(allSigned().slice(0, 2));
    const path = write('convention-partial.pdf', await conventionPdf(model, fonts));
    const last = pageText(path, pageCount(path));
    expect(last).toContain('Page des signatures');
    expect(last).toContain('Signée par 2 parties sur 3.');
    // In the table and under the blank signature box.
    expect(last.split('En attente de signature').length - 1).toBe(2);
    expect(last).toContain((deviceKeys[1] as string).slice(0, 8));
    expect(last).not.toContain((deviceKeys[2] as string).slice(0, 8));
    // The table's rows, as the model has them.
    const table = model.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows[2]).toEqual(['Commune de Feuquières-en-Vimeu', 'Alain DUCROCQ, Maire', 'En attente de signature', '—', '—']);
    expect(table?.kind === 'table' && table.rows[1]?.slice(0, 3)).toEqual(['Communauté de communes du Vimeu Vert', 'Martine LEBLOND, Présidente', '21 novembre 2011 à 16h05']);
  }, 60_000);

  it('with an attached PDF: the parties, the attached pages, then the signature page last', async () => {
    const att = await PDFDocument.create();
    const helv = await att.embedFont(StandardFonts.Helvetica);
    for (const n of [1, 2]) att.addPage([595.28, 841.89]).drawText(`PIECE JOINTE PAGE ${n}`, { x: 72, y: 700, size: 18, font: helv });
    const attBytes = await att.save();
    const sha256 = 'ef'.repeat(32);
    const withAttachment = { ...convention, text: '', attachment: { annexId: 'annexe-1', fileName: 'convention-ENT.pdf', sha256, size: attBytes.length } };
    const model = modelOf(allSigned(), withAttachment);
    expect(flat(documentText(model))).toContain('Le texte de la présente convention est celui du document joint « convention-ENT.pdf »');
    const modelPages = (await renderPdfDetailed(model, fonts)).pageCount;
    const path = write('convention-attachment.pdf', await conventionPdf(model, fonts, attBytes));
    const n = pageCount(path);
    expect(n).toBe(modelPages + 2);
    expect(pageText(path, 1)).toContain('Entre les soussignés :');
    expect(pageText(path, 1)).toContain(sha256);
    expect(pageText(path, 1)).not.toContain('Page des signatures');
    expect(pageText(path, n - 2)).toContain('PIECE JOINTE PAGE 1');
    expect(pageText(path, n - 1)).toContain('PIECE JOINTE PAGE 2');
    const last = pageText(path, n);
    expect(last).toContain('Page des signatures');
    expect(last).toContain('Alain DUCROCQ, Maire');
    // Our pages are numbered through the whole PDF, attached pages included.
    expect(pageText(path, 1)).toContain(`1/${n}`);
    expect(last).toContain(`${n}/${n}`);
  }, 60_000);

  it('refuses an attachment that is not a PDF', async () => {
    await expect(conventionPdf(modelOf([]), fonts, new TextEncoder().encode('pas un PDF'))).rejects.toThrow(/PDF lisible/);
  }, 60_000);
});
