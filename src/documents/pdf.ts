import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';
import { fitInBox } from '../domain/images';
import type { FontBytes } from './fonts';
import type { Block, DocumentModel, Region, SignatureBlock, TableBlock, TextBlock, TextStyle } from './model';
import { lineWidth, RTL_RE, sanitize, takeLine, toPieces, type Measurer, type Piece } from './typeset';

/*
 * Lays a DocumentModel out on A4 pages with pdf-lib and DejaVu Sans, in the reference extract's
 * layout: on the first page a title across the top, the organisation's column on the left and the
 * text on the right; once the left column is done, the text uses the full width of the page.
 * Text flows across pages; every page has its number ("1/2") at the foot.
 *
 * Pure and platform-neutral: fonts come in as bytes (see fonts.ts), the PDF goes out as bytes.
 * Import it lazily (`await import('./pdf')`): with pdf-lib and fontkit it is a 1.1 MB chunk (510 kB
 * gzipped) in a Vite build, to keep out of the entry bundle.
 */

/** Points (1/72 inch). A4 is 210 × 297 mm. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
export const LAYOUT = {
  top: 40,
  bottom: 46,
  left: 48,
  right: 48,
  asideWidth: 148,
  gutter: 22,
  /** Baseline of the page number, from the bottom edge. */
  footer: 24,
  /** Room taken by the running head at the top of a page. */
  runningHead: 22,
  /** The logo fits a square of 30 mm (85 pt), keeping its proportions. */
  logoBox: 85,
  /** Between the logo and the letterhead beside it or below it. */
  logoGap: 12,
} as const;

const STYLE: Record<TextStyle | 'aside', { size: number; leading: number }> = {
  title: { size: 13, leading: 17 },
  body: { size: 10, leading: 12.8 },
  small: { size: 8.5, leading: 11 },
  aside: { size: 9, leading: 11.5 },
};
const GREY = rgb(0.35, 0.35, 0.35);
/** Room left for a handwritten or drawn signature. */
const SIGNATURE_BOX = 58;
const BLACK = rgb(0, 0, 0);

/** A rectangle of a page in pdftotext's convention: points from the top-left corner. */
export interface Box {
  page: number;
  region: Region | 'runningHead' | 'footer' | 'logo';
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pageCount: number;
  /** Where each region was laid out, page by page (tests read the PDF back region by region). */
  boxes: Box[];
}

export interface RenderOptions {
  /** Creation date written in the PDF's metadata (default: now). */
  createdAt?: Date;
  /** "Registre" by default. */
  producer?: string;
  /**
   * The organisation's logo (PNG or JPEG bytes), printed at the top-left of the letterhead of the
   * documents that have one (blocks marked `letterhead`). Absent, or unreadable: no logo, and the
   * document is exactly what it is without one.
   */
  logo?: { bytes: Uint8Array; type: 'image/png' | 'image/jpeg' } | undefined;
}

/*
 * pdf-lib measures and encodes text through fontkit's `layout`, which runs the font's whole
 * OpenType shaping (GSUB/GPOS) on every call: about 2 ms a call with DejaVu, most of an extract's
 * time. Latin text needs none of it: one glyph per code point is what gets drawn anyway (pdf-lib
 * ignores the kerning positions). So `layout` maps code points to glyphs directly, and keeps the
 * real shaping for the scripts that need it (Arabic joining, Indic, marks left uncombined).
 * The parsed font is kept per byte array: the next document reuses it.
 */
const NEEDS_SHAPING = /[\p{M}\u0590-\u0DFF\u0F00-\u109F\u1780-\u18AF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

interface FontkitFont {
  layout(text: string, features?: unknown): { glyphs: unknown[]; positions: unknown[] };
  glyphForCodePoint(codePoint: number): unknown;
}
const parsedFonts = new WeakMap<Uint8Array, FontkitFont>();
const fastFontkit = {
  create(bytes: Uint8Array, postscriptName?: string): FontkitFont {
    const cached = parsedFonts.get(bytes);
    if (cached) return cached;
    const font = fontkit.create(bytes, postscriptName) as unknown as FontkitFont;
    const shape = font.layout.bind(font);
    const glyphs = new Map<number, unknown>();
    const glyphFor = (ch: string) => {
      const cp = ch.codePointAt(0) ?? 0;
      let glyph = glyphs.get(cp);
      if (glyph === undefined) {
        glyph = font.glyphForCodePoint(cp);
        glyphs.set(cp, glyph);
      }
      return glyph;
    };
    font.layout = (text, features) => (NEEDS_SHAPING.test(text) ? shape(text, features) : { glyphs: Array.from(text, glyphFor), positions: [] });
    parsedFonts.set(bytes, font);
    return font;
  },
};

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Widths and glyph coverage of the two embedded fonts, cached per word. */
class FontMeasurer implements Measurer {
  private readonly cache = [new Map<string, number>(), new Map<string, number>()];
  private readonly charset: Set<number>;
  constructor(private readonly fonts: Fonts) {
    // DejaVu regular and bold cover nearly the same characters: draw only what both have.
    const bold = new Set(fonts.bold.getCharacterSet());
    this.charset = new Set(fonts.regular.getCharacterSet().filter((cp) => bold.has(cp)));
  }
  has = (cp: number) => this.charset.has(cp);
  width(text: string, bold: boolean): number {
    const cache = this.cache[bold ? 1 : 0] as Map<string, number>;
    let w = cache.get(text);
    if (w === undefined) {
      w = (bold ? this.fonts.bold : this.fonts.regular).widthOfTextAtSize(text, 1);
      cache.set(text, w);
    }
    return w;
  }
  font(bold: boolean): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }
}

interface Column {
  x: number;
  width: number;
}

/** One model's layout state: pages, and the cursor of each flowing region. */
class Layout {
  readonly pages: PDFPage[] = [];
  readonly boxes: Box[] = [];
  /** Top (from the bottom edge) of the next line, per region, and the page it is on. */
  private cursor: Record<'aside' | 'main', { page: number; y: number }>;
  private asideLastPage = -1;
  /** The first of two side-by-side signatures: where the second one goes. */
  private signatureRow: { top: number; bottom: number } | undefined;

  constructor(
    private readonly doc: PDFDocument,
    private readonly m: FontMeasurer,
    private readonly model: DocumentModel,
    private readonly firstPage: number,
    private readonly logo?: PDFImage,
  ) {
    this.cursor = { aside: { page: firstPage, y: 0 }, main: { page: firstPage, y: 0 } };
  }

  private contentTop(page: number): number {
    const head = this.model.runningHead && (page > this.firstPage || this.model.runningHeadOnFirstPage);
    return PAGE.height - LAYOUT.top - (head ? LAYOUT.runningHead : 0);
  }

  private page(index: number): PDFPage {
    while (this.pages.length <= index - this.firstPage) this.pages.push(this.doc.addPage([PAGE.width, PAGE.height]));
    return this.pages[index - this.firstPage] as PDFPage;
  }

  private column(region: Region, page: number): Column {
    const full = { x: LAYOUT.left, width: PAGE.width - LAYOUT.left - LAYOUT.right };
    if (region === 'header') return full;
    if (region === 'aside') return { x: LAYOUT.left, width: LAYOUT.asideWidth };
    // The text sits right of the organisation's column on the pages that column reaches.
    if (page <= this.asideLastPage) {
      const x = LAYOUT.left + LAYOUT.asideWidth + LAYOUT.gutter;
      return { x, width: PAGE.width - LAYOUT.right - x };
    }
    return full;
  }

  run(): void {
    const header = this.model.blocks.filter((b): b is TextBlock => b.region === 'header' && b.kind === 'text');
    const aside = this.model.blocks.filter((b) => b.region === 'aside');
    const main = this.model.blocks.filter((b) => b.region === 'main');
    this.page(this.firstPage);

    let top = this.contentTop(this.firstPage);
    const headerTop = top;
    const col = this.column('header', this.firstPage);
    const letterhead = this.logo ? header.filter((b) => b.letterhead) : [];
    if (this.logo && letterhead.length > 0) top = this.drawLetterheadBeside(this.logo, letterhead, top, col);
    for (const block of header) {
      if (letterhead.includes(block)) continue;
      const style = STYLE[block.style ?? 'body'];
      top -= (block.gapBefore ?? 0) * style.leading;
      top = this.drawText(block, this.firstPage, top, col, style);
    }
    if (header.length > 0) {
      top -= 10;
      this.box('header', this.firstPage, col, headerTop, top);
    }
    this.cursor.aside = { page: this.firstPage, y: top };
    this.cursor.main = { page: this.firstPage, y: top };
    const bodyTop = top;

    if (aside.length > 0) {
      // The aside is too narrow to set the letterhead beside the logo: it goes above it.
      if (this.logo && letterhead.length === 0 && aside.some((b) => b.kind === 'text' && b.letterhead)) {
        const size = this.logoSize(this.logo, Math.min(LAYOUT.logoBox, LAYOUT.asideWidth));
        this.drawLogo(this.logo, LAYOUT.left, bodyTop, size);
        this.cursor.aside.y = bodyTop - size.height - LAYOUT.logoGap;
      }
      this.flow('aside', aside);
      this.asideLastPage = this.cursor.aside.page;
      for (let p = this.firstPage; p <= this.asideLastPage; p++) {
        const start = p === this.firstPage ? bodyTop : this.contentTop(p);
        this.box('aside', p, this.column('aside', p), start, LAYOUT.bottom);
      }
    }
    const mainStart = this.cursor.main.page;
    this.flow('main', main);
    for (let p = mainStart; p <= this.cursor.main.page; p++) {
      const start = p === this.firstPage ? bodyTop : this.contentTop(p);
      this.box('main', p, this.column('main', p), start, LAYOUT.bottom);
    }
    if (this.model.runningHead) this.drawRunningHeads(this.model.runningHead);
  }

  private logoSize(logo: PDFImage, box: number): { width: number; height: number } {
    return fitInBox(logo.width, logo.height, box);
  }

  private drawLogo(logo: PDFImage, x: number, top: number, size: { width: number; height: number }): void {
    this.page(this.firstPage).drawImage(logo, { x, y: top - size.height, width: size.width, height: size.height });
    this.box('logo', this.firstPage, { x, width: size.width }, top, top - size.height);
  }

  /**
   * A French administrative letterhead: the logo at the top-left, the organisation's name and
   * address beside it, centred on its height. Returns where the rest of the header starts: below
   * the taller of the two.
   */
  private drawLetterheadBeside(logo: PDFImage, blocks: TextBlock[], top: number, col: Column): number {
    const size = this.logoSize(logo, LAYOUT.logoBox);
    this.drawLogo(logo, col.x, top, size);
    const beside: Column = { x: col.x + size.width + LAYOUT.logoGap, width: col.width - size.width - LAYOUT.logoGap };
    const heightOf = (b: TextBlock, i: number) => {
      const style = STYLE[b.style ?? 'body'];
      const lines = this.linesOf(b, beside.width, style.size).reduce((n, l) => n + l.ranges.length, 0);
      return (i === 0 ? 0 : (b.gapBefore ?? 0) * style.leading) + lines * style.leading;
    };
    const textHeight = blocks.reduce((h, b, i) => h + heightOf(b, i), 0);
    let y = top - Math.max(0, (size.height - textHeight) / 2);
    blocks.forEach((b, i) => {
      const style = STYLE[b.style ?? 'body'];
      if (i > 0) y -= (b.gapBefore ?? 0) * style.leading;
      y = this.drawText(b, this.firstPage, y, beside, style);
    });
    return Math.min(y, top - size.height) - LAYOUT.logoGap / 2;
  }

  private box(region: Box['region'], page: number, col: Column, top: number, bottom: number): void {
    this.boxes.push({ page, region, x: col.x, y: PAGE.height - top, width: col.width, height: top - bottom });
  }

  private newPage(region: 'aside' | 'main'): void {
    const page = this.cursor[region].page + 1;
    this.page(page);
    this.cursor[region] = { page, y: this.contentTop(page) };
  }

  private atTop(region: 'aside' | 'main'): boolean {
    const c = this.cursor[region];
    return c.y >= this.contentTop(c.page) - 0.01;
  }

  private flow(region: 'aside' | 'main', blocks: Block[]): void {
    blocks.forEach((block, index) => {
      // A label kept with what follows moves to the next page with it, as a chain: "Pour extrait
      // conforme", the date, the certification and the signature stay together.
      const prev = blocks[index - 1];
      const chained = prev?.kind === 'text' && prev.keepWithNext === true;
      if (block.kind === 'text' && block.keepWithNext && !chained && !this.atTop(region)) {
        if (this.cursor[region].y - this.chainHeight(region, blocks, index) < LAYOUT.bottom) this.newPage(region);
      }
      switch (block.kind) {
        case 'text':
          this.flowText(region, block, chained);
          break;
        case 'table':
          this.flowTable(block);
          break;
        case 'signature':
          this.flowSignature(block);
          break;
        case 'pageBreak':
          if (!this.atTop(region)) this.newPage(region);
          break;
      }
    });
  }

  /** Height of the chain of kept-together blocks starting at `index`, up to the first lines of the block after it. */
  private chainHeight(region: 'aside' | 'main', blocks: readonly Block[], index: number): number {
    const width = this.column(region, this.cursor[region].page).width;
    let height = 0;
    for (let i = index; i < blocks.length; i++) {
      const block = blocks[i] as Block;
      if (block.kind === 'signature') return height + this.signatureHeight(block);
      if (block.kind !== 'text') return height + 3 * STYLE.body.leading;
      const style = this.styleOf(region, block);
      const count = this.linesOf(block, width - (block.indent ?? 0), style.size).reduce((n, l) => n + l.ranges.length, 0);
      height += (block.gapBefore ?? 0) * style.leading;
      if (!block.keepWithNext) return height + Math.min(count, 2) * style.leading;
      height += count * style.leading;
    }
    return height;
  }

  private styleOf(region: Region, block: TextBlock) {
    return region === 'aside' && (block.style ?? 'body') === 'body' ? STYLE.aside : STYLE[block.style ?? 'body'];
  }

  /** Lines of a text block at a width: [start, end) ranges over its pieces, per hard line. */
  private linesOf(block: TextBlock, width: number, size: number): { pieces: Piece[]; ranges: [number, number][] }[] {
    const runs = block.runs.map((r) => ({ text: sanitize(r.text, this.m.has), bold: r.bold ?? false }));
    const space = this.m.width(' ', false) * size;
    return toPieces(runs, this.m).map((pieces) => {
      const ranges: [number, number][] = [];
      const scaled = pieces.map((p) => ({ ...p, width: p.width * size }));
      const unit: Measurer = { has: this.m.has, width: (t, b) => this.m.width(t, b) * size };
      let start = 0;
      if (scaled.length === 0) ranges.push([0, 0]);
      while (start < scaled.length) {
        const end = takeLine(scaled, start, width, space, unit);
        ranges.push([start, end]);
        start = end;
      }
      return { pieces: scaled, ranges };
    });
  }

  private flowText(region: 'aside' | 'main', block: TextBlock, chained: boolean): void {
    const style = this.styleOf(region, block);
    if (!this.atTop(region)) this.cursor[region].y -= (block.gapBefore ?? 0) * style.leading;
    const indent = block.indent ?? 0;
    const measureCol = this.column(region, this.cursor[region].page);
    let lines = this.linesOf(block, measureCol.width - indent, style.size);
    const count = lines.reduce((n, l) => n + l.ranges.length, 0);
    // Never leave the first line of a paragraph alone at the foot of a page (the chain of
    // kept-together blocks was placed by `flow`).
    const need = Math.min(count, 2) * style.leading;
    if (!chained && this.cursor[region].y - need < LAYOUT.bottom && !this.atTop(region)) {
      this.newPage(region);
      const c = this.column(region, this.cursor[region].page);
      if (c.width !== measureCol.width) lines = this.linesOf(block, c.width - indent, style.size);
    }
    for (const line of lines) {
      // Ranges are recomputed from here if the column width changes on the next page.
      let ranges = line.ranges;
      for (let i = 0; i < ranges.length; i++) {
        if (this.cursor[region].y - style.leading < LAYOUT.bottom) {
          const before = this.column(region, this.cursor[region].page).width;
          this.newPage(region);
          const after = this.column(region, this.cursor[region].page).width;
          if (after !== before) ranges = [...ranges.slice(0, i), ...this.rebreak(line.pieces, (ranges[i] as [number, number])[0], after - indent, style.size)];
        }
        const c = this.column(region, this.cursor[region].page);
        const [start, end] = ranges[i] as [number, number];
        this.drawLine(line.pieces, start, end, this.cursor[region].page, this.cursor[region].y, { x: c.x + indent, width: c.width - indent }, style, block.align);
        this.cursor[region].y -= style.leading;
      }
    }
  }

  private rebreak(pieces: Piece[], from: number, width: number, size: number): [number, number][] {
    const space = this.m.width(' ', false) * size;
    const unit: Measurer = { has: this.m.has, width: (t, b) => this.m.width(t, b) * size };
    const ranges: [number, number][] = [];
    let start = from;
    while (start < pieces.length) {
      const end = takeLine(pieces, start, width, space, unit);
      ranges.push([start, end]);
      start = end;
    }
    return ranges;
  }

  /** Draws a text block at a fixed place (the header); returns the top of the next line. */
  private drawText(block: TextBlock, page: number, top: number, col: Column, style: { size: number; leading: number }): number {
    let y = top;
    for (const line of this.linesOf(block, col.width, style.size)) {
      for (const [start, end] of line.ranges) {
        this.drawLine(line.pieces, start, end, page, y, col, style, block.align);
        y -= style.leading;
      }
    }
    return y;
  }

  private drawLine(
    pieces: readonly Piece[], start: number, end: number, pageIndex: number, top: number, col: Column,
    style: { size: number; leading: number }, align: TextBlock['align'],
  ): void {
    if (end <= start) return;
    const page = this.page(pageIndex);
    const space = this.m.width(' ', false) * style.size;
    const total = lineWidth(pieces, start, end, space);
    let x = col.x + (align === 'center' ? (col.width - total) / 2 : align === 'right' ? col.width - total : 0);
    const baseline = top - style.size * 0.93;
    const line = pieces.slice(start, end);
    const rtl = line.some((p) => RTL_RE.test(p.text));
    if (rtl) {
      // fontkit shapes and mirrors a right-to-left word by itself, but it would mirror a whole
      // mixed line: draw word by word, right-to-left runs of words in reverse order.
      const order: number[] = [];
      for (let i = 0; i < line.length;) {
        if (!RTL_RE.test((line[i] as Piece).text)) {
          order.push(i++);
          continue;
        }
        let j = i;
        while (j < line.length && RTL_RE.test((line[j] as Piece).text)) j++;
        for (let k = j - 1; k >= i; k--) order.push(k);
        i = j;
      }
      for (const [n, k] of order.entries()) {
        const p = line[k] as Piece;
        if (n > 0) x += space;
        page.drawText(p.text, { x, y: baseline, size: style.size, font: this.m.font(p.bold), color: BLACK });
        x += p.width;
      }
      return;
    }
    // Consecutive pieces of one weight make one drawText call.
    let i = 0;
    while (i < line.length) {
      const bold = (line[i] as Piece).bold;
      let textOut = '';
      let width = 0;
      let j = i;
      for (; j < line.length && (line[j] as Piece).bold === bold; j++) {
        const p = line[j] as Piece;
        textOut += p.text;
        width += p.width;
        if (j + 1 < line.length && p.spaceAfter) {
          textOut += ' ';
          width += space;
        }
      }
      page.drawText(textOut, { x, y: baseline, size: style.size, font: this.m.font(bold), color: BLACK });
      x += width;
      i = j;
    }
  }

  private flowTable(block: TableBlock): void {
    const style = STYLE.body;
    const pad = 3;
    if (!this.atTop('main')) this.cursor.main.y -= (block.gapBefore ?? 0) * style.leading;
    const cellLines = (cells: readonly string[], col: Column, bold: boolean) =>
      block.columns.map((c, k) => {
        const width = c.width * col.width - 2 * pad;
        const tb: TextBlock = { kind: 'text', region: 'main', runs: [{ text: cells[k] ?? '', bold }] };
        return this.linesOf(tb, width, style.size).flatMap((l) => l.ranges.map((r) => ({ pieces: l.pieces, range: r })));
      });
    const drawRow = (cells: ReturnType<typeof cellLines>, from: number, count: number, col: Column, header: boolean) => {
      const page = this.page(this.cursor.main.page);
      const top = this.cursor.main.y;
      let x = col.x;
      block.columns.forEach((c, k) => {
        const lines = cells[k] ?? [];
        const width = c.width * col.width;
        for (let n = 0; n < count && from + n < lines.length; n++) {
          const line = lines[from + n];
          if (!line) continue;
          this.drawLine(line.pieces, line.range[0], line.range[1], this.cursor.main.page, top - pad - n * style.leading,
            { x: x + pad, width: width - 2 * pad }, style, c.align === 'right' ? 'right' : 'left');
        }
        x += width;
      });
      const height = count * style.leading + 2 * pad;
      const rule = top - height;
      page.drawLine({ start: { x: col.x, y: rule }, end: { x: col.x + col.width, y: rule }, thickness: header ? 0.8 : 0.3, color: header ? BLACK : GREY });
      this.cursor.main.y = rule;
    };
    const header = () => {
      const col = this.column('main', this.cursor.main.page);
      const cells = cellLines(block.columns.map((c) => c.label), col, true);
      drawRow(cells, 0, Math.max(1, ...cells.map((c) => c.length)), col, true);
    };
    if (this.cursor.main.y - 3 * style.leading < LAYOUT.bottom) this.newPage('main');
    header();
    for (const row of block.rows) {
      let col = this.column('main', this.cursor.main.page);
      let cells = cellLines(row, col, false);
      const total = Math.max(1, ...cells.map((c) => c.length));
      // A row is kept whole when it fits on a page; a longer one is split line by line.
      if (this.cursor.main.y - total * style.leading - 2 * 3 < LAYOUT.bottom && total * style.leading < 400) {
        this.newPage('main');
        header();
        col = this.column('main', this.cursor.main.page);
        cells = cellLines(row, col, false);
      }
      let from = 0;
      while (from < total) {
        const fit = Math.floor((this.cursor.main.y - LAYOUT.bottom - 2 * pad) / style.leading);
        if (fit < 1) {
          this.newPage('main');
          header();
          continue;
        }
        const count = Math.min(fit, total - from);
        drawRow(cells, from, count, col, false);
        from += count;
      }
    }
  }

  /** Where a signature goes in the text column: half of it side by side, else its right part. */
  private signatureArea(block: SignatureBlock, col: Column): Column {
    if (block.columns === 2) return { x: col.x + (block.column === 1 ? col.width / 2 + 5 : 0), width: col.width / 2 - 5 };
    return { x: col.x + col.width * 0.45, width: col.width * 0.55 };
  }

  private linesIn(textIn: string, width: number, size: number): number {
    return this.linesOf({ kind: 'text', region: 'main', runs: [{ text: textIn }] }, width, size).reduce((n, l) => n + l.ranges.length, 0);
  }

  private signatureHeight(block: SignatureBlock): number {
    const area = this.signatureArea(block, this.column('main', this.cursor.main.page));
    const lines = block.lines.reduce((n, l) => n + this.linesIn(l, area.width, STYLE.body.size), 0);
    const note = block.note ? this.linesIn(block.note, area.width, STYLE.small.size) : 0;
    return (block.gapBefore ?? 0) * STYLE.body.leading + lines * STYLE.body.leading + SIGNATURE_BOX + note * STYLE.small.leading;
  }

  private flowSignature(block: SignatureBlock): void {
    const style = STYLE.body;
    const boxHeight = SIGNATURE_BOX;
    const height = this.signatureHeight(block) - (block.gapBefore ?? 0) * style.leading;
    const row = this.signatureRow;
    // The second of two side-by-side signatures starts level with the first.
    const right = block.columns === 2 && block.column === 1 && row !== undefined;
    let top: number;
    if (right) {
      top = row.top;
    } else {
      if (!this.atTop('main')) this.cursor.main.y -= (block.gapBefore ?? 0) * style.leading;
      if (this.cursor.main.y - height < LAYOUT.bottom) this.newPage('main');
      top = this.cursor.main.y;
    }
    const pageIndex = this.cursor.main.page;
    const col = this.column('main', pageIndex);
    const area = this.signatureArea(block, col);
    let y = top;
    for (const line of block.lines) y = this.drawText({ kind: 'text', region: 'main', runs: [{ text: line }] }, pageIndex, y, area, style);
    const boxTop = y - 4;
    if (block.strokes.length > 0) {
      drawStrokes(this.page(pageIndex), block.strokes, { x: area.x, y: boxTop - boxHeight + 4, width: Math.min(area.width, 200), height: boxHeight - 8 });
    }
    y = boxTop - boxHeight;
    if (block.note) y = this.drawText({ kind: 'text', region: 'main', runs: [{ text: block.note }] }, pageIndex, y, area, STYLE.small);
    if (right) {
      this.cursor.main.y = Math.min(y, row.bottom);
      this.signatureRow = undefined;
    } else {
      this.cursor.main.y = y;
      this.signatureRow = block.columns === 2 && block.column === 0 ? { top, bottom: y } : undefined;
    }
  }

  private drawRunningHeads(head: string): void {
    this.pages.forEach((page, i) => {
      const index = this.firstPage + i;
      if (index === this.firstPage && !this.model.runningHeadOnFirstPage) return;
      const col = this.column('header', index);
      const tb: TextBlock = { kind: 'text', region: 'header', runs: [{ text: head }] };
      const lines = this.linesOf(tb, col.width, STYLE.small.size);
      const first = lines[0];
      if (!first) return;
      const [start, end] = first.ranges[0] ?? [0, 0];
      // Only the first line: a running head is a reminder, not the title.
      const top = PAGE.height - LAYOUT.top + 4;
      this.drawLineGrey(page, first.pieces, start, end, top, col);
      page.drawLine({ start: { x: col.x, y: top - 14 }, end: { x: col.x + col.width, y: top - 14 }, thickness: 0.3, color: GREY });
      this.box('runningHead', index, col, top, top - 14);
    });
  }

  private drawLineGrey(page: PDFPage, pieces: readonly Piece[], start: number, end: number, top: number, col: Column): void {
    const size = STYLE.small.size;
    const space = this.m.width(' ', false) * size;
    let x = col.x;
    for (let i = start; i < end; i++) {
      const p = pieces[i] as Piece;
      page.drawText(p.text, { x, y: top - size, size, font: this.m.font(p.bold), color: GREY });
      x += p.width + (p.spaceAfter ? space : 0);
    }
  }
}

/** Scales the pad's strokes (y downwards) into a box of the page, keeping their proportions. */
function drawStrokes(page: PDFPage, strokes: readonly (readonly { x: number; y: number }[])[], box: Column & { y: number; height: number }): void {
  const points = strokes.flat().filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (points.length === 0) return;
  const minX = Math.min(...points.map((p) => p.x));
  const maxX = Math.max(...points.map((p) => p.x));
  const minY = Math.min(...points.map((p) => p.y));
  const maxY = Math.max(...points.map((p) => p.y));
  const scale = Math.min(box.width / Math.max(1, maxX - minX), box.height / Math.max(1, maxY - minY));
  for (const stroke of strokes) {
    const pts = stroke.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    if (pts.length === 0) continue;
    const path = pts
      .map((p, i) => `${i === 0 ? 'M' : 'L'} ${((p.x - minX) * scale).toFixed(2)} ${((p.y - minY) * scale).toFixed(2)}`)
      .join(' ') + (pts.length === 1 ? ' l 0.5 0.5' : '');
    page.drawSvgPath(path, { x: box.x, y: box.y + box.height, borderColor: BLACK, borderWidth: 1.1 });
  }
}

/** Embeds the fonts in a new PDF document (subset: only the glyphs used are written). */
async function newDocument(fonts: FontBytes, model: DocumentModel, opts: RenderOptions): Promise<{ doc: PDFDocument; measurer: FontMeasurer }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fastFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const [regular, bold] = await Promise.all([
    doc.embedFont(fonts.regular, { subset: true }),
    doc.embedFont(fonts.bold, { subset: true }),
  ]);
  const now = opts.createdAt ?? new Date();
  doc.setTitle(model.title, { showInWindowTitleBar: true });
  doc.setLanguage('fr-FR');
  doc.setProducer(opts.producer ?? 'Registre');
  doc.setCreator(opts.producer ?? 'Registre');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return { doc, measurer: new FontMeasurer({ regular, bold }) };
}

/**
 * Embeds the logo once per PDF. A file pdf-lib cannot read (a PNG cut short, an exotic JPEG) is
 * left out rather than failing the document: the act must print, with or without the logo.
 */
async function embedLogo(doc: PDFDocument, logo: NonNullable<RenderOptions['logo']>): Promise<PDFImage | undefined> {
  try {
    const image = logo.type === 'image/png' ? await doc.embedPng(logo.bytes) : await doc.embedJpg(logo.bytes);
    return image.width > 0 && image.height > 0 ? image : undefined;
  } catch (e) {
    console.warn('Logo illisible, document produit sans logo :', e);
    return undefined;
  }
}

/**
 * Renders one document, or several one after the other (each from a new page, e.g. the register
 * of a year), with page numbers "n/N" running through the whole PDF.
 */
export async function renderPdfDetailed(models: DocumentModel | readonly DocumentModel[], fonts: FontBytes, opts: RenderOptions = {}): Promise<RenderedPdf> {
  const list = Array.isArray(models) ? (models as readonly DocumentModel[]) : [models as DocumentModel];
  const first = list[0];
  if (!first) throw new Error('Aucun document à produire');
  const { doc, measurer } = await newDocument(fonts, first, opts);
  const hasLetterhead = (m: DocumentModel) => m.blocks.some((b) => b.kind === 'text' && b.letterhead);
  const logo = opts.logo && list.some(hasLetterhead) ? await embedLogo(doc, opts.logo) : undefined;
  const boxes: Box[] = [];
  let pageCount = 0;
  for (const model of list) {
    const layout = new Layout(doc, measurer, model, pageCount, hasLetterhead(model) ? logo : undefined);
    layout.run();
    pageCount += layout.pages.length;
    boxes.push(...layout.boxes);
  }
  const pages = doc.getPages();
  const size = STYLE.small.size;
  pages.forEach((page, i) => {
    const label = `${i + 1}/${pages.length}`;
    const width = measurer.width(label, false) * size;
    page.drawText(label, { x: (PAGE.width - width) / 2, y: LAYOUT.footer, size, font: measurer.font(false), color: GREY });
    boxes.push({ page: i, region: 'footer', x: LAYOUT.left, y: PAGE.height - LAYOUT.footer - size, width: PAGE.width - LAYOUT.left - LAYOUT.right, height: size + 4 });
  });
  const bytes = await doc.save();
  return { bytes, pageCount: pages.length, boxes };
}

/** The PDF of a document (or of several, one after the other). */
export async function renderPdf(models: DocumentModel | readonly DocumentModel[], fonts: FontBytes, opts: RenderOptions = {}): Promise<Uint8Array> {
  return (await renderPdfDetailed(models, fonts, opts)).bytes;
}

