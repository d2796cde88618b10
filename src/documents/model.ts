/*
 * A document as an ordered list of blocks: what it says and in which order, not where ink goes.
 * Builders (extract.ts, liste.ts, …) produce it from a séance file; renderers (pdf.ts, html.ts)
 * lay it out. Tests read the order of mentions straight from the blocks, and the PDF golden test
 * checks that the PDF keeps it.
 *
 * Regions follow the reference extract: `header` spans the top of the first page, `aside` is
 * the organisation's column on the left, `main` the text on the right (then below, full width,
 * once the aside is done).
 */

export type Region = 'header' | 'aside' | 'main';

/** A piece of text in one weight. Text is plain: nothing in it is ever interpreted as markup. */
export interface Run {
  text: string;
  bold?: boolean;
}

export type TextStyle = 'title' | 'body' | 'small';

export interface TextBlock {
  kind: 'text';
  region: Region;
  runs: Run[];
  style?: TextStyle;
  align?: 'left' | 'center' | 'right';
  /** Blank space before the block, in lines of its style. */
  gapBefore?: number;
  /** Left indent in points (list items). */
  indent?: number;
  /** Do not leave this block alone at the bottom of a page (headings, labels). */
  keepWithNext?: boolean;
  /**
   * Part of the organisation's letterhead (its name and address). When the organisation has a
   * logo, it goes at the top-left of the letterhead: letterhead blocks of the header are set
   * beside it, those of the aside below it. Without a logo the flag changes nothing.
   */
  letterhead?: boolean;
}

export interface TableColumn {
  label: string;
  /** Share of the region's width; the shares of a table add up to 1. */
  width: number;
  align?: 'left' | 'right';
}

/** A table in the main region; its header row is repeated on each page it runs onto. */
export interface TableBlock {
  kind: 'table';
  region: 'main';
  columns: TableColumn[];
  rows: string[][];
  gapBefore?: number;
}

export interface StrokePoint {
  x: number;
  y: number;
}

/** Where a signer signs: their capacity and name, and the drawn strokes once signed. */
export interface SignatureBlock {
  kind: 'signature';
  region: 'main';
  /** "Le Président," then the name. */
  lines: string[];
  /** Drawn strokes in the pad's own coordinates (y downwards); empty: a blank space to sign by hand. */
  strokes: StrokePoint[][];
  /** A line under the strokes, e.g. "Signé le 10 novembre 2011 (empreinte 3f2a…)". */
  note?: string;
  /** Signature boxes side by side share a row (president and secretary of a procès-verbal). */
  column?: 0 | 1;
  columns?: 1 | 2;
  gapBefore?: number;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
  region: 'main';
}

export type Block = TextBlock | TableBlock | SignatureBlock | PageBreakBlock;

export interface DocumentModel {
  /** The PDF title and the HTML <title>. */
  title: string;
  /** Printed small at the top of each page after the first (or of every page, see below). */
  runningHead?: string;
  runningHeadOnFirstPage?: boolean;
  blocks: Block[];
}

// Small constructors keep the builders readable.
export const text = (region: Region, value: string, opts: Omit<TextBlock, 'kind' | 'region' | 'runs'> & { bold?: boolean } = {}): TextBlock => {
  const { bold, ...rest } = opts;
  return { kind: 'text', region, runs: [bold ? { text: value, bold } : { text: value }], ...rest };
};
export const runs = (region: Region, parts: Run[], opts: Omit<TextBlock, 'kind' | 'region' | 'runs'> = {}): TextBlock => ({
  kind: 'text', region, runs: parts, ...opts,
});

/** The text of a block as it reads, for tests and plain-text views. */
export function blockText(block: Block): string {
  switch (block.kind) {
    case 'text':
      return block.runs.map((r) => r.text).join('');
    case 'table':
      return [block.columns.map((c) => c.label).join(' | '), ...block.rows.map((r) => r.join(' | '))].join('\n');
    case 'signature':
      return [...block.lines, block.note ?? ''].filter((l) => l !== '').join('\n');
    case 'pageBreak':
      return '';
  }
}

/** The whole document as plain text in reading order: header, aside, then main. */
export function documentText(doc: DocumentModel): string {
  const order: Region[] = ['header', 'aside', 'main'];
  return order
    .flatMap((region) => doc.blocks.filter((b) => b.region === region).map(blockText))
    .filter((t) => t !== '')
    .join('\n');
}
