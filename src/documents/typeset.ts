/*
 * Text for the PDF: which characters the font can draw, how wide a word is, where lines break.
 * Kept apart from pdf.ts so that it can be tested without drawing anything.
 *
 * Nothing typed by a user may crash a document: characters the font lacks become a visible
 * replacement mark (U+FFFD), control and format characters (bidi overrides, zero-width joiners)
 * are dropped, and a word longer than the line is cut where it must.
 */

/** What a font can tell the typesetter. */
export interface Measurer {
  /** Width at size 1 of a string the font can draw (see `sanitize`). */
  width(text: string, bold: boolean): number;
  /** Whether the font has a glyph for the code point. */
  has(codePoint: number): boolean;
}

export const REPLACEMENT = '\uFFFD';

/** Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms. */
export const RTL_RE = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const DROP_RE = /[\p{Cc}\p{Cf}]/u;
/** Anything but plain characters: controls other than \\n, format characters, combining marks. */
const SUSPECT_RE = /(?!\n)[\p{Cc}\p{Cf}\p{M}]/u;

let segmenter: Intl.Segmenter | undefined;

/**
 * The text as the font can draw it: NFC, line breaks as "\n", tabs as spaces, control and format
 * characters dropped, and each grapheme (a letter with its accents, an emoji sequence) the font
 * cannot draw whole replaced by one U+FFFD.
 */
export function sanitize(input: string, has: (codePoint: number) => boolean): string {
  const s = input.normalize('NFC').replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\t/g, ' ');
  // Fast path: nothing to drop or combine, every code point drawable.
  let clean = !SUSPECT_RE.test(s);
  if (clean) {
    for (const ch of s) {
      if (ch !== '\n' && !has(ch.codePointAt(0) ?? 0)) {
        clean = false;
        break;
      }
    }
  }
  if (clean) return keepTogether(s);
  segmenter ??= new Intl.Segmenter('fr', { granularity: 'grapheme' });
  let out = '';
  for (const { segment } of segmenter.segment(s)) {
    if (segment === '\n') {
      out += '\n';
      continue;
    }
    const kept = [...segment].filter((ch) => ch === '\u200D' || !DROP_RE.test(ch));
    if (kept.length === 0) continue;
    const drawable = kept.every((ch) => has(ch.codePointAt(0) ?? 0) || ch === '\u200D');
    // A joiner is only meaningful inside an emoji sequence the font draws whole; DejaVu draws
    // none, so a sequence with a joiner becomes one mark rather than several glyphs side by side.
    out += drawable && !kept.includes('\u200D') ? kept.join('') : REPLACEMENT;
  }
  return keepTogether(out);
}

/**
 * French typography: no line break inside « … » nor before : ; ! ? — the typed space becomes a
 * no-break one (the spacing stays as typed). Only affects where lines break.
 */
function keepTogether(s: string): string {
  return s.replace(/« /g, '«\u00A0').replace(/ ([»:;!?])/g, '\u00A0$1');
}

/** A word (or the piece of a word in one weight) and whether a breakable space follows it. */
export interface Piece {
  text: string;
  bold: boolean;
  /** Width at size 1. */
  width: number;
  spaceAfter: boolean;
}

/**
 * Splits sanitized runs into hard lines (at "\n") of pieces (at spaces). Runs meeting without a
 * space ("ARTICLE 1 –" bold then the text) stay glued: no line break between them.
 */
export function toPieces(runs: readonly { text: string; bold: boolean }[], m: Measurer): Piece[][] {
  const lines: Piece[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, partIndex) => {
      if (partIndex > 0) lines.push([]);
      const line = lines[lines.length - 1] as Piece[];
      part.split(' ').forEach((word, wordIndex) => {
        const last = line[line.length - 1];
        if (wordIndex > 0 && last) last.spaceAfter = true;
        if (word !== '') line.push({ text: word, bold: run.bold, width: m.width(word, run.bold), spaceAfter: false });
      });
    });
  }
  return lines;
}

/** Cuts a piece wider than `width` into a head that fits (at least one character) and the rest. */
function cutPiece(piece: Piece, width: number, m: Measurer): [Piece, Piece] {
  // Character widths summed: linear in the word, where measuring each prefix would be quadratic.
  const chars = [...piece.text];
  let headWidth = 0;
  let i = 0;
  for (; i < chars.length; i++) {
    const w = m.width(chars[i] as string, piece.bold);
    if (headWidth + w > width && i > 0) break;
    headWidth += w;
  }
  return [
    { text: chars.slice(0, i).join(''), bold: piece.bold, width: headWidth, spaceAfter: false },
    { text: chars.slice(i).join(''), bold: piece.bold, width: Math.max(0, piece.width - headWidth), spaceAfter: piece.spaceAfter },
  ];
}

/**
 * The end (exclusive) of the line starting at `start`, greedy: as many pieces as fit in `width`
 * (at size 1 units times the font size, i.e. in the caller's unit), breaking only at spaces. A
 * piece too long for any line is cut in place (the array is modified).
 */
export function takeLine(pieces: Piece[], start: number, width: number, spaceWidth: number, m: Measurer): number {
  let used = 0;
  for (let i = start; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    const gap = i > start && (pieces[i - 1] as Piece).spaceAfter ? spaceWidth : 0;
    if (used + gap + piece.width <= width) {
      used += gap + piece.width;
      continue;
    }
    if (i === start) {
      // A single piece wider than the line: cut it.
      const [head, rest] = cutPiece(piece, width, m);
      pieces.splice(i, 1, head, rest);
      return i + 1;
    }
    // Break at the last space before i; glued pieces move down together.
    for (let j = i; j > start; j--) if ((pieces[j - 1] as Piece).spaceAfter) return j;
    if (used === 0) return i;
    // Glued pieces longer than the line: break between them.
    return i;
  }
  return pieces.length;
}

/** Width of pieces[start, end) laid out on one line. */
export function lineWidth(pieces: readonly Piece[], start: number, end: number, spaceWidth: number): number {
  let w = 0;
  for (let i = start; i < end; i++) {
    const p = pieces[i] as Piece;
    w += p.width + (i > start && (pieces[i - 1] as Piece).spaceAfter ? spaceWidth : 0);
  }
  return w;
}
