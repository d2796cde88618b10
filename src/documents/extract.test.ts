import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeliberationId } from '../domain/ids';
import { SignatureSchema } from '../domain/schemas';
import { parseSeanceFile, type SeanceFile } from '../domain/seanceFile';
import { extractFileName, extractModel } from './extract';
import { listeModel } from './liste';
import { pvModel } from './pv';
import { registerModels } from './register';
import { fileFontSource, loadFonts, type FontBytes } from './fonts';
import { documentText } from './model';
import { renderPdfDetailed, type Box, type RenderedPdf } from './pdf';

/*
 * The golden test of the extract: the reference extract's mentions (copied by hand from
 * reference/extrait-registre-20111107_DL_04.txt, in its order) must all be found, in that order,
 * in the text read back from our PDF with pdftotext.
 *
 * Reading order: the PDF has a title band, then the organisation's column on the left and the
 * text on the right. `pdftotext -layout` on a whole page would interleave the two columns line by
 * line, so each region the renderer reports is read on its own (-x -y -W -H), in reading order.
 *
 * Comparison: whitespace is collapsed (line breaks, no-break spaces) and capitals are compared
 * without their accents, because we print "DÉLIBÈRE" and "Étaient" where the 2011 document wrote
 * "DELIBERE" and "Etaient"; everything else, lower-case accents included, must match exactly.
 */

const require = createRequire(import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8')) as unknown;
const tmp = mkdtempSync(join(tmpdir(), 'registre-extract-'));

const REFERENCE_MENTIONS = [
  'EXTRAIT DU REGISTRE DES DELIBERATIONS',
  '83, rue Saint Fuscien',
  '80000 AMIENS',
  'www.sommenumerique.fr',
  'Tél. 03 22 22 27 27',
  'Fax 03 22 22 03 57',
  'courrier@sommenumerique.fr',
  '20111107_DL_04',
  'OBJET :',
  'Conventions tripartites pour la mise en œuvre des ENT',
  'Date de convocation :',
  '30 juin 2011',
  'Date de séance :',
  '7 novembre 2011',
  "Date d'affichage :",
  '10 novembre 2011',
  'Membres en exercice : 9',
  'Membres présents : 6',
  'Membres votants : 6',
  // The reference refers to the procès-verbal ("cf. PVS"); we name the absent members instead.
  'ABSENTS :',
  "Adoptée à l'unanimité",
  "Jours et heures d'ouverture du syndicat mixte :",
  'Du lundi au vendredi',
  'de 9h00 à 12h30',
  'et',
  'de 14h00 à 17h30',
  "L'an deux mille onze, le sept novembre à 17h30 le Bureau légalement convoqué, s'est réuni sous la présidence de M. Jean-François VASSEUR",
  'Etaient présents : Jean-François VASSEUR, Stéphane BRUNEL, Daniel CARPENTIER, Patrice LETALLE, Jean-Claude RENAUX et Jean-Pierre TETU.',
  'Secrétaire de séance : Jean-Claude RENAUX',
  'Le syndicat mixte Somme Numérique a formalisé le projet des « Environnements Numériques de Travail » par une Charte de fonctionnement et un groupement de commandes des matériels informatiques.',
  "Les communautés de communes du Vimeu Vert, Pays Hamois, Ouest Amiens et Val de Somme n'ont pas souhaité prendre en charge la gestion du service mutualisé des ENT. Sur ces territoires, les décisions relèvent de la compétence des communes ou syndicats scolaires. Il est ainsi nécessaire de conclure des conventions tripartites qui fixent les relations entre le syndicat mixte, la communauté de communes membre de Somme Numérique et les communes qui souhaitent bénéficier du projet ENT.",
  'LE BUREAU',
  '- Vu la délibération du Comité syndical du 6 juin 2011 portant sur les délégations du Bureau,',
  '- Vu les statuts de Somme Numérique',
  '- Vu les projets de convention',
  'DELIBERE',
  'ARTICLE 1 – Le Président est autorisé à signer le projet de convention relative à la mise en œuvre du projet ENT avec les communautés de communes du Vimeu Vert, Pays Hamois, Ouest Amiens et Val de Somme et les communes ou syndicats scolaires compétents.',
  "ARTICLE 2 – Le Président est chargé de l'exécution de la présente délibération.",
];

/** What the issue adds after the text of the act (docs/architecture.md §3, Extract). */
const CERTIFICATION_MENTIONS = [
  'Pour extrait conforme,',
  'Fait à AMIENS, le 10 novembre 2011',
  "Certifié exécutoire compte tenu de l'affichage le 10 novembre 2011 et de la transmission en préfecture le 10 novembre 2011.",
  'Le Président,',
  'Jean-François VASSEUR',
];

const CAPITALS: Record<string, string> = { À: 'A', Â: 'A', É: 'E', È: 'E', Ê: 'E', Ë: 'E', Î: 'I', Ï: 'I', Ô: 'O', Ù: 'U', Û: 'U', Ü: 'U', Ç: 'C' };
const normalise = (s: string) => s.replace(/[ÀÂÉÈÊËÎÏÔÙÛÜÇ]/g, (c) => CAPITALS[c] ?? c).replace(/\s+/g, ' ').trim();

/** Checks that each mention is found after the previous one; returns the first one missing. */
function firstMissing(haystack: string, mentions: readonly string[]): string | undefined {
  const text = normalise(haystack);
  let at = 0;
  for (const mention of mentions) {
    const found = text.indexOf(normalise(mention), at);
    if (found < 0) return `${mention}\n--- not found after: …${text.slice(Math.max(0, at - 80), at + 200)}`;
    at = found + normalise(mention).length;
  }
  return undefined;
}

function writePdf(name: string, pdf: RenderedPdf): string {
  const path = join(tmp, name);
  writeFileSync(path, pdf.bytes);
  return path;
}

/** The text of one box, read with pdftotext -layout cropped to it. */
function boxText(path: string, box: Box): string {
  const args = [
    '-layout', '-enc', 'UTF-8', '-f', String(box.page + 1), '-l', String(box.page + 1),
    '-x', String(Math.floor(box.x) - 1), '-y', String(Math.floor(box.y) - 1),
    '-W', String(Math.ceil(box.width) + 2), '-H', String(Math.ceil(box.height) + 2), path, '-',
  ];
  return execFileSync('pdftotext', args, { encoding: 'utf8' });
}

/** The PDF's text in reading order: the title, the left column (on all its pages), then the text. */
function readingOrderText(path: string, pdf: RenderedPdf): string {
  const order: Box['region'][] = ['header', 'aside', 'main'];
  const boxes = [...pdf.boxes]
    .filter((b) => order.includes(b.region))
    .sort((a, b) => order.indexOf(a.region) - order.indexOf(b.region) || a.page - b.page);
  return boxes.map((b) => boxText(path, b)).join('\n');
}

function pdfPageCount(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

let fonts: FontBytes;
let file: SeanceFile;
let delibId: DeliberationId;

beforeAll(async () => {
  fonts = await loadFonts(fileFontSource(async (name) => new Uint8Array(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/${name}`)))));
  const parsed = parseSeanceFile(fixture);
  if (!parsed.ok) throw new Error(parsed.message);
  file = parsed.file;
  delibId = file.deliberations[0]?.id as DeliberationId;
});

describe('extract of the reference séance (golden)', () => {
  it('holds every mention of the reference, in order, in the document model', () => {
    const text = documentText(extractModel(file, delibId));
    expect(firstMissing(text, [...REFERENCE_MENTIONS, ...CERTIFICATION_MENTIONS])).toBeUndefined();
  });

  it('holds every mention of the reference, in order, in the PDF read back with pdftotext', async () => {
    const pdf = await renderPdfDetailed(extractModel(file, delibId), fonts);
    const path = writePdf('extrait-golden.pdf', pdf);
    expect(pdfPageCount(path)).toBe(pdf.pageCount);
    const text = readingOrderText(path, pdf);
    expect(firstMissing(text, [...REFERENCE_MENTIONS, ...CERTIFICATION_MENTIONS])).toBeUndefined();
    // Like the reference, the extract fits on one page, numbered.
    expect(pdf.pageCount).toBe(1);
    expect(execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })).toContain('1/1');
  }, 60_000);

  it('renders page 1 to PNG for review', async () => {
    const pdf = await renderPdfDetailed(extractModel(file, delibId), fonts);
    const path = writePdf('extrait-review.pdf', pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', path, join(tmp, 'extrait-review')]);
    expect(readFileSync(join(tmp, 'extrait-review-1.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  it('names the file after the registry number', () => {
    expect(extractFileName(file, delibId)).toBe('extrait-20111107_DL_04.pdf');
  });
});

describe('extract once signed', () => {
  it('draws the president’s strokes and says when and what was signed', async () => {
    const wave = Array.from({ length: 40 }, (_, i) => ({ x: i * 5, y: 20 + 15 * Math.sin(i / 4) }));
    const signature = SignatureSchema.parse({
      id: '01a2223c-0000-7000-8000-000000000030', organisationId: file.organisation.id,
      subject: { kind: 'deliberation', id: delibId }, signerName: 'Jean-François VASSEUR', capacity: 'Le Président',
      memberId: file.seance.presidentId, role: 'president', signedAt: '2011-11-10T10:00:00.000Z',
      contentHash: 'ab'.repeat(32), strokesHash: 'cd'.repeat(32), strokes: [wave, [{ x: 10, y: 50 }, { x: 180, y: 45 }]],
      deviceKeyId: 'k', deviceSignature: 's',
    });
    const pdf = await renderPdfDetailed(extractModel({ ...file, signatures: [signature] }, delibId), fonts);
    const path = writePdf('extrait-signed.pdf', pdf);
    const text = readingOrderText(path, pdf);
    expect(firstMissing(text, ['Le Président,', 'Jean-François VASSEUR', 'Signé électroniquement le 10 novembre 2011 (empreinte abababababababab…)'])).toBeUndefined();
  }, 60_000);
});

describe('extract of hostile text', () => {
  const hostile = (changes: Partial<SeanceFile['deliberations'][number]>): SeanceFile => {
    const d = file.deliberations[0] as SeanceFile['deliberations'][number];
    return { ...file, deliberations: [{ ...d, ...changes }] };
  };

  it('prints markup as text, and flows a 10,000-character object over several pages', async () => {
    const object = `<script>alert("x")</script> ${'Objet très long, '.repeat(600)}`.slice(0, 10_000);
    const pdf = await renderPdfDetailed(extractModel(hostile({ object }), delibId), fonts);
    const path = writePdf('extrait-long.pdf', pdf);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
    expect(pdfPageCount(path)).toBe(pdf.pageCount);
    const text = normalise(readingOrderText(path, pdf));
    expect(text).toContain('<script>alert("x")</script>');
    // The whole object is there, and the text of the act after it.
    expect(text.split('Objet très long,').length - 1).toBe((object.match(/Objet très long,/g) ?? []).length);
    expect(firstMissing(text, ['OBJET :', '<script>', 'Date de convocation :', 'DELIBERE', 'ARTICLE 2', 'Pour extrait conforme'])).toBeUndefined();
    const all = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(all).toContain(`1/${pdf.pageCount}`);
    expect(all).toContain(`${pdf.pageCount}/${pdf.pageCount}`);
  }, 60_000);

  it('cuts a 10,000-character word into lines rather than overflowing', async () => {
    const word = 'x'.repeat(10_000);
    const pdf = await renderPdfDetailed(extractModel(hostile({ articles: [word] }), delibId), fonts);
    const path = writePdf('extrait-word.pdf', pdf);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
    const text = readingOrderText(path, pdf).replace(/\s+/g, '');
    expect(text).toContain(word);
  }, 60_000);

  it('degrades emoji and unknown characters visibly, keeps right-to-left words, never crashes', async () => {
    const preamble = [
      'Emoji 😀 🦄 👨‍👩‍👧 🇫🇷 fin.',
      'Hébreu שלום עולם et arabe مرحبا بالعالم au milieu du texte.',
      'Contrôle \u0007 surrogate \uD800 override \u202Eesrever\u202C fin.',
      `${'Paragraphe long avec 😀 et שלום. '.repeat(250)}`,
    ].join('\n\n');
    const pdf = await renderPdfDetailed(extractModel(hostile({ preamble }), delibId), fonts);
    const path = writePdf('extrait-scripts.pdf', pdf);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
    const text = readingOrderText(path, pdf);
    expect(text).toContain('😀');
    expect(text).toContain('\uFFFD');
    expect(normalise(text)).toContain('Hébreu');
    expect(normalise(text)).toContain('au milieu du texte.');
    expect(firstMissing(text, ['Emoji', 'Hébreu', 'Contrôle', 'fin.', 'DELIBERE', 'Pour extrait conforme'])).toBeUndefined();
  }, 60_000);
});

describe('extract under the organisation’s logo', () => {
  const png = () => ({ bytes: new Uint8Array(readFileSync(new URL('../../e2e/fixtures/logo.png', import.meta.url))), type: 'image/png' as const });
  const jpeg = () => ({ bytes: new Uint8Array(readFileSync(new URL('../../e2e/fixtures/logo.jpg', import.meta.url))), type: 'image/jpeg' as const });
  const createdAt = new Date('2011-11-10T10:00:00Z');

  /** The images of a PDF as `pdfimages -list` sees them (soft masks left out: they belong to an image). */
  function images(path: string): { page: number; width: number; height: number }[] {
    const out = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' });
    return out.split('\n').slice(2).map((l) => l.trim().split(/\s+/)).filter((c) => c[2] === 'image')
      .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]) }));
  }

  it('prints one image, the logo, at the top-left of the letterhead, within 30 mm, and keeps every mention in order', async () => {
    const pdf = await renderPdfDetailed(extractModel(file, delibId), fonts, { logo: png() });
    const path = writePdf('extrait-logo.pdf', pdf);
    expect(images(path)).toEqual([{ page: 1, width: 160, height: 120 }]);
    const logo = pdf.boxes.filter((b) => b.region === 'logo');
    expect(logo).toHaveLength(1);
    const [box] = logo as [Box];
    const aside = pdf.boxes.find((b) => b.region === 'aside' && b.page === 0) as Box;
    // At the left edge of the organisation's column, at its top, 160×120 px scaled to 85×63.75 pt.
    expect(box.x).toBe(aside.x);
    expect(box.y).toBeCloseTo(aside.y, 5);
    expect(box.width).toBeCloseTo(85, 5);
    expect(box.height).toBeCloseTo(63.75, 5);
    // The organisation's name comes below the logo, and the extract still fits on one page.
    expect(boxText(path, { ...aside, y: box.y + box.height, height: 40 })).toContain(file.organisation.name);
    expect(pdf.pageCount).toBe(1);
    expect(firstMissing(readingOrderText(path, pdf), [...REFERENCE_MENTIONS, ...CERTIFICATION_MENTIONS])).toBeUndefined();
  }, 60_000);

  it('heads the procès-verbal and the liste too, the name and address beside it; not the register pages', async () => {
    for (const [name, model] of [['pv', pvModel(file)], ['liste', listeModel(file)]] as const) {
      const pdf = await renderPdfDetailed(model, fonts, { logo: png() });
      const path = writePdf(`${name}-logo.pdf`, pdf);
      expect(images(path), name).toHaveLength(1);
      const box = pdf.boxes.find((b) => b.region === 'logo') as Box;
      expect(box.x, name).toBe(48);
      const beside = boxText(path, { ...box, x: box.x + box.width + 1, width: 300 });
      expect(beside, name).toContain(file.organisation.name);
      expect(beside, name).toContain('80000 AMIENS');
    }
    const register = await renderPdfDetailed(registerModels([file]), fonts, { logo: png() });
    expect(images(writePdf('registre-logo.pdf', register))).toEqual([]);
  }, 60_000);

  it('takes a JPEG logo too', async () => {
    const pdf = await renderPdfDetailed(extractModel(file, delibId), fonts, { logo: jpeg() });
    expect(images(writePdf('extrait-logo-jpeg.pdf', pdf))).toEqual([{ page: 1, width: 85, height: 64 }]);
  }, 60_000);

  it('without a logo, or with one it cannot read, is the extract as it always was: no image, same bytes', async () => {
    const plain = await renderPdfDetailed(extractModel(file, delibId), fonts, { createdAt });
    expect(images(writePdf('extrait-no-logo.pdf', plain))).toEqual([]);
    expect(plain.boxes.some((b) => b.region === 'logo')).toBe(false);
    // The letterhead marks change nothing by themselves.
    const model = extractModel(file, delibId);
    const unmarked = { ...model, blocks: model.blocks.map((b) => (b.kind === 'text' ? { ...b, letterhead: undefined } : b)) };
    expect(Buffer.from((await renderPdfDetailed(unmarked, fonts, { createdAt })).bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    // A PNG cut short: the act still prints, without the logo.
    const broken = { bytes: png().bytes.slice(0, 40), type: 'image/png' as const };
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const pdf = await renderPdfDetailed(extractModel(file, delibId), fonts, { createdAt, logo: broken });
      expect(Buffer.from(pdf.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    } finally {
      console.warn = warn;
    }
  }, 60_000);
});
