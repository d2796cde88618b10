import { describe, expect, it } from 'vitest';
import { REPLACEMENT, sanitize, takeLine, toPieces, type Measurer } from './typeset';

// A monospaced font that lacks a few characters: every character is 1 unit wide.
const missing = new Set(['🦄', 'א'].map((c) => c.codePointAt(0)));
const mono: Measurer = { width: (t) => [...t].length, has: (cp) => !missing.has(cp) };

describe('sanitize', () => {
  it('keeps text the font draws, French typography included', () => {
    expect(sanitize('Délibération n°\u202f4 : « ENT » – œuvre', mono.has)).toBe('Délibération n°\u202f4\u00a0: «\u00a0ENT\u00a0» – œuvre');
  });
  it('replaces each grapheme the font lacks by one visible mark', () => {
    expect(sanitize('a🦄b', mono.has)).toBe(`a${REPLACEMENT}b`);
    expect(sanitize('שאל', mono.has)).toBe(`ש${REPLACEMENT}ל`);
    // An emoji sequence joined by ZWJ is one grapheme: one mark, not three.
    expect(sanitize('x👨‍👩‍👧y', mono.has)).toBe(`x${REPLACEMENT}y`);
  });
  it('composes accents, drops control and bidi-override characters, keeps line breaks', () => {
    expect(sanitize('e\u0301te\u0301', mono.has)).toBe('été');
    expect(sanitize('a\u0007b\u202Ec\r\nd\te', mono.has)).toBe('abc\nd e');
    expect(sanitize('lone \uD800 surrogate', (cp) => cp < 0xd800 || cp > 0xdfff)).toBe(`lone ${REPLACEMENT} surrogate`);
  });
  it('leaves markup as text', () => {
    expect(sanitize('<script>alert(1)</script>', mono.has)).toBe('<script>alert(1)</script>');
  });
});

describe('line breaking', () => {
  const lines = (textIn: string, width: number, runs?: { text: string; bold: boolean }[]) => {
    const out: string[] = [];
    for (const pieces of toPieces(runs ?? [{ text: textIn, bold: false }], mono)) {
      let start = 0;
      if (pieces.length === 0) out.push('');
      while (start < pieces.length) {
        const end = takeLine(pieces, start, width, 1, mono);
        out.push(pieces.slice(start, end).map((p, i, a) => p.text + (i < a.length - 1 && p.spaceAfter ? ' ' : '')).join(''));
        start = end;
      }
    }
    return out;
  };

  it('breaks at spaces, greedily', () => {
    expect(lines('le Bureau légalement convoqué', 10)).toEqual(['le Bureau', 'légalement', 'convoqué']);
  });
  it('keeps hard line breaks and collapses repeated spaces', () => {
    expect(lines('de 9h00\net   de 14h00', 20)).toEqual(['de 9h00', 'et de 14h00']);
  });
  it('cuts a word longer than the line', () => {
    expect(lines('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
  it('does not break between runs that meet without a space', () => {
    const runs = [{ text: 'ARTICLE 1 –', bold: true }, { text: ' Le Président', bold: false }];
    expect(lines('', 13, runs)).toEqual(['ARTICLE 1 –', 'Le Président']);
    const glued = [{ text: 'abc', bold: true }, { text: 'def ghi', bold: false }];
    expect(lines('', 7, glued)).toEqual(['abcdef', 'ghi']);
  });
});
