import { PDFDocument } from 'pdf-lib';
import { dateInFigures, timeInFigures } from '../domain/dates';
import type { Convention, Organisation, Signature } from '../domain/schemas';
import type { FontBytes } from './fonts';
import { LC } from './labels.fr';
import { runs, text, type Block, type DocumentModel, type SignatureBlock, type TableBlock } from './model';
import { renderPdfDetailed, type RenderOptions } from './pdf';

/*
 * The final PDF of a convention (issue 6): the title, the parties and who signs for each, the
 * deliberation that authorises it, its text (or a reference to the attached PDF, whose pages
 * follow), then, from a new page and last, the signature page: each party's drawn signature or
 * a blank to sign, and a table of who signed, in which capacity, when, the hash of what was
 * signed and the key of the device that signed it — "En attente de signature" for the others.
 *
 * The signature page is everything after the model's last page break; conventionPdf relies on it
 * to put the attached PDF's pages before it.
 */

export interface ConventionInput {
  organisation: Organisation;
  convention: Convention;
  /** The deliberation that authorises the convention. */
  deliberation?: { registryNumber?: string; object: string; seanceDate: string };
  signatures: Signature[];
}

const paragraphs = (s: string) => s.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');

/** "10 novembre 2011 à 11h00", in Paris time (the local bodies' time); the raw value if unreadable. */
export function signedAtInFrench(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let parts: Record<string, string>;
  try {
    const fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    parts = Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
  } catch {
    return `${dateInFigures(iso.slice(0, 10))} ${LC.at} ${timeInFigures(date.getUTCHours(), date.getUTCMinutes())} UTC`;
  }
  return `${dateInFigures(`${parts.year}-${parts.month}-${parts.day}`)} ${LC.at} ${timeInFigures(Number(parts.hour), Number(parts.minute))}`;
}

/**
 * A hex hash or key id in groups (16 digits fill the hash column, 8 the key column), so that a
 * table cell breaks it at the same places; anything else as it is (the typesetter cuts it).
 */
const grouped = (value: string, size: number) => (/^[0-9a-f]+$/i.test(value) ? (value.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(' ') : value);

/** The latest signature of each party, by party index. */
function partySignatures(convention: Convention, signatures: readonly Signature[]): (Signature | undefined)[] {
  return convention.parties.map((_, i) => signatures
    .filter((s) => s.subject.kind === 'convention' && s.subject.id === convention.id && s.role === 'party' && s.partyIndex === i)
    .sort((a, b) => b.signedAt.localeCompare(a.signedAt))[0]);
}

function signaturePage(convention: Convention, signed: readonly (Signature | undefined)[]): Block[] {
  const blocks: Block[] = [
    { kind: 'pageBreak', region: 'main' },
    text('main', LC.signaturePage, { style: 'title', bold: true, align: 'center' }),
    text('main', LC.signaturePageOf(convention.title), { align: 'center', gapBefore: 0.5 }),
    text('main', LC.signaturePageLegal, { style: 'small', align: 'center', gapBefore: 0.5 }),
  ];
  convention.parties.forEach((party, i) => {
    const s = signed[i];
    const block: SignatureBlock = {
      kind: 'signature', region: 'main',
      lines: [LC.forParty(party.organisationName), s?.capacity ?? party.capacity, s?.signerName ?? party.signatoryName],
      strokes: s?.strokes ?? [],
      note: s ? LC.signedOn(signedAtInFrench(s.signedAt), `${s.contentHash.slice(0, 16)}…`) : LC.pending,
      columns: 2, column: (i % 2) as 0 | 1, gapBefore: 2,
    };
    blocks.push(block);
  });
  const count = signed.filter((s) => s !== undefined).length;
  blocks.push(text('main', LC.status(count, convention.parties.length), { bold: true, gapBefore: 2, keepWithNext: true }));
  const c = LC.columns;
  const table: TableBlock = {
    kind: 'table', region: 'main', gapBefore: 0.5,
    columns: [
      { label: c.party, width: 0.24 }, { label: c.signatory, width: 0.2 }, { label: c.signedAt, width: 0.16 },
      { label: c.hash, width: 0.22 }, { label: c.key, width: 0.18 },
    ],
    rows: convention.parties.map((party, i) => {
      const s = signed[i];
      if (!s) return [party.organisationName, `${party.signatoryName}, ${party.capacity}`, LC.pending, LC.none, LC.none];
      return [party.organisationName, `${s.signerName}, ${s.capacity}`, signedAtInFrench(s.signedAt), grouped(s.contentHash, 16), grouped(s.deviceKeyId, 8) || LC.none];
    }),
  };
  blocks.push(table);
  return blocks;
}

export function conventionModel(input: ConventionInput): DocumentModel {
  const { organisation, convention, deliberation } = input;
  const signed = partySignatures(convention, input.signatures);
  const last = convention.parties.length - 1;
  const blocks: Block[] = [
    text('header', LC.title, { style: 'title', bold: true, align: 'center' }),
    text('header', convention.title, { bold: true, align: 'center', gapBefore: 0.5 }),
    text('main', LC.between, { bold: true, gapBefore: 1, keepWithNext: true }),
    ...convention.parties.map((p, i) => runs('main', [
      { text: p.organisationName, bold: true },
      { text: `, ${LC.inThePersonOf} ${p.signatoryName}, ${p.capacity}${i === last ? '.' : ' ;'}` },
    ], { indent: 10, gapBefore: 0.5 })),
  ];
  if (deliberation) {
    const date = dateInFigures(deliberation.seanceDate);
    blocks.push(text('main', LC.authorised(deliberation.registryNumber || undefined, organisation.name, date, deliberation.object.trim()), { gapBefore: 1 }));
  }
  if (convention.text.trim() !== '' || convention.attachment) blocks.push(text('main', LC.agreed, { bold: true, gapBefore: 1, keepWithNext: true }));
  for (const p of paragraphs(convention.text)) blocks.push(text('main', p, { gapBefore: 0.5 }));
  if (convention.attachment) {
    blocks.push(text('main', LC.attached(convention.attachment.fileName), { gapBefore: 0.5 }));
    blocks.push(text('main', LC.attachedHash(convention.attachment.sha256), { style: 'small' }));
  }
  blocks.push(...signaturePage(convention, signed));
  return {
    title: `Convention – ${convention.title}`,
    runningHead: `Convention – ${convention.title}`,
    blocks,
  };
}

/**
 * The PDF of a convention. With the attached PDF's bytes, its pages come after the first part
 * (title, parties, reference to the attachment) and before the signature page, which stays last.
 * Page numbers "n/N" count the attached pages (which keep their own look and carry no number).
 */
export async function conventionPdf(model: DocumentModel, fonts: FontBytes, attachment?: Uint8Array, opts: RenderOptions = {}): Promise<Uint8Array> {
  if (!attachment) return (await renderPdfDetailed(model, fonts, opts)).bytes;
  let attached: PDFDocument;
  try {
    attached = await PDFDocument.load(attachment, { updateMetadata: false });
  } catch (e) {
    throw new Error(`Le document joint n’est pas un PDF lisible : ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  let cut = model.blocks.length - 1;
  while (cut >= 0 && model.blocks[cut]?.kind !== 'pageBreak') cut--;
  if (cut < 0) throw new Error('Convention sans page des signatures');
  const first: DocumentModel = { ...model, blocks: model.blocks.slice(0, cut) };
  const signatures: DocumentModel = { ...model, blocks: model.blocks.slice(cut + 1), runningHeadOnFirstPage: true };
  const count = attached.getPageCount();
  // One blank page per attached page keeps the numbering right; they are swapped afterwards.
  const blank: DocumentModel = { title: model.title, blocks: [] };
  const rendered = await renderPdfDetailed([first, ...Array.from({ length: count }, () => blank), signatures], fonts, opts);
  const signaturePages = (await renderPdfDetailed(signatures, fonts, opts)).pageCount;
  const start = rendered.pageCount - signaturePages - count;
  const doc = await PDFDocument.load(rendered.bytes, { updateMetadata: false });
  const copied = await doc.copyPages(attached, attached.getPageIndices());
  for (let i = 0; i < count; i++) doc.removePage(start);
  copied.forEach((page, i) => doc.insertPage(start + i, page));
  return doc.save();
}

/** "convention-conventions-tripartites-ent.pdf": the title in ASCII, lower case, hyphenated. */
export function conventionFileName(convention: Pick<Convention, 'id' | 'title'>): string {
  const slug = convention.title
    .replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  // At most 80 characters, cut between words when there is a word break.
  const head = slug.slice(0, 81);
  const short = slug.length <= 80 ? slug : head.lastIndexOf('-') > 0 ? head.slice(0, head.lastIndexOf('-')) : slug.slice(0, 80);
  return `convention-${short || convention.id.slice(0, 8)}.pdf`;
}
