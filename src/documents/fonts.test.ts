import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it, vi } from 'vitest';
import { FONT_FILES, fetchFontSource, fileFontSource, loadFonts, woffToSfnt } from './fonts';

const require = createRequire(import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/${name}`)));

describe('fonts', () => {
  it('unpacks the WOFF files into TrueType fonts with the same glyphs', async () => {
    const woff = read(FONT_FILES.regular);
    const ttf = await woffToSfnt(woff);
    expect([...ttf.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    const a = fontkit.create(woff as Buffer);
    const b = fontkit.create(ttf as Buffer);
    expect(b.numGlyphs).toBe(a.numGlyphs);
    expect(b.glyphForCodePoint(0x202f).advanceWidth).toBe(a.glyphForCodePoint(0x202f).advanceWidth);
    expect(b.hasGlyphForCodePoint('œ'.codePointAt(0) as number)).toBe(true);
  });

  it('refuses WOFF2, which crashes fontkit when subset', async () => {
    await expect(woffToSfnt(new TextEncoder().encode('wOF2xxxx'))).rejects.toThrow(/WOFF2/);
  });

  it('loads a source once, and retries after a failure', async () => {
    const reader = vi.fn(async (name: string) => read(name));
    const source = fileFontSource(reader);
    const [a, b] = await Promise.all([loadFonts(source), loadFonts(source)]);
    expect(a).toBe(b);
    expect(reader).toHaveBeenCalledTimes(2); // regular and bold, once

    let fail = true;
    const flaky = fetchFontSource({ regular: '/r.woff', bold: '/b.woff' }, (async (url: string) => {
      if (fail) return new Response('', { status: 404 });
      return new Response(read(url === '/r.woff' ? FONT_FILES.regular : FONT_FILES.bold) as BodyInit);
    }) as typeof fetch);
    await expect(loadFonts(flaky)).rejects.toThrow(/Police introuvable \(404\)/);
    fail = false;
    const fonts = await loadFonts(flaky);
    expect(fonts.bold.length).toBeGreaterThan(100_000);
  });
});
