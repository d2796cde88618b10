/*
 * The fonts documents are set in: DejaVu Sans regular and bold, as `.woff` files of
 * @fontsource/dejavu-sans. They cover French typography, the narrow no-break space U+202F
 * included, and many other scripts. Never `.woff2`: embedding a subset of a woff2 crashes the
 * Node process inside fontkit, uncatchably (seen with pdf-lib 1.17 and @pdf-lib/fontkit 1.1).
 *
 * The bytes come from wherever the platform keeps them: the browser fetches the bundled asset
 * URLs (fonts.browser.ts), Node reads the files (server/render.ts, tests). Both go through
 * `loadFonts`, which unpacks them once and keeps them.
 *
 * Why unpack: fontkit reads a WOFF table by inflating the whole table again on every access, so
 * each glyph drawn or measured re-inflated the 300 kB `glyf` table (an extract took seconds).
 * Unpacked once into a plain TrueType font, the same extract takes a few tens of milliseconds.
 */

export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Gets the bytes of the two font files; called once per loader. */
export type FontSource = () => Promise<FontBytes>;

/** File names in node_modules/@fontsource/dejavu-sans/files/. */
export const FONT_FILES = {
  regular: 'dejavu-sans-latin-400-normal.woff',
  bold: 'dejavu-sans-latin-700-normal.woff',
} as const;

/** A source that fetches the two files by URL (the browser, with the URLs Vite gives the assets). */
export function fetchFontSource(urls: { regular: string; bold: string }, fetchFn: typeof fetch = fetch): FontSource {
  const get = async (url: string) => {
    const response = await fetchFn(url);
    if (!response.ok) throw new Error(`Police introuvable (${response.status}) : ${url}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  return async () => {
    const [regular, bold] = await Promise.all([get(urls.regular), get(urls.bold)]);
    return { regular, bold };
  };
}

/** A source that reads the two files by name with the given reader (Node: fs.readFile of the package folder). */
export function fileFontSource(read: (fileName: string) => Promise<Uint8Array>): FontSource {
  return async () => {
    const [regular, bold] = await Promise.all([read(FONT_FILES.regular), read(FONT_FILES.bold)]);
    return { regular, bold };
  };
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  // WOFF 1.0 tables are zlib streams, which CompressionStreams call "deflate" (browsers, Node ≥ 18).
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const tag = (bytes: Uint8Array) => String.fromCharCode(...bytes.subarray(0, 4));

/**
 * A WOFF 1.0 font unpacked into the TrueType/OpenType font it wraps (W3C WOFF 1.0 §4-5): the
 * same tables, inflated, behind a plain sfnt table directory. Other fonts are returned as they are.
 */
export async function woffToSfnt(woff: Uint8Array): Promise<Uint8Array> {
  const signature = tag(woff);
  if (signature === 'wOF2') throw new Error('Police WOFF2 non prise en charge : utiliser le fichier .woff');
  if (signature !== 'wOFF') return woff;
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  const flavor = view.getUint32(4);
  const count = view.getUint16(12);
  const entries = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    return {
      tag: view.getUint32(at), offset: view.getUint32(at + 4), compLength: view.getUint32(at + 8),
      origLength: view.getUint32(at + 12), checksum: view.getUint32(at + 16),
    };
  });
  const tables = await Promise.all(entries.map((e) => {
    const raw = woff.subarray(e.offset, e.offset + e.compLength);
    return e.compLength < e.origLength ? inflate(raw) : Promise.resolve(raw);
  }));
  const padded = (n: number) => (n + 3) & ~3;
  const size = tables.reduce((n, t) => n + padded(t.length), 12 + 16 * count);
  const out = new Uint8Array(size);
  const o = new DataView(out.buffer);
  let power = 0;
  while (2 ** (power + 1) <= count) power++;
  o.setUint32(0, flavor);
  o.setUint16(4, count);
  o.setUint16(6, 2 ** power * 16);
  o.setUint16(8, power);
  o.setUint16(10, count * 16 - 2 ** power * 16);
  let offset = 12 + 16 * count;
  entries.forEach((e, i) => {
    const table = tables[i] as Uint8Array;
    const record = 12 + 16 * i;
    o.setUint32(record, e.tag);
    o.setUint32(record + 4, e.checksum);
    o.setUint32(record + 8, offset);
    o.setUint32(record + 12, table.length);
    out.set(table, offset);
    offset += padded(table.length);
  });
  return out;
}

const loaded = new WeakMap<FontSource, Promise<FontBytes>>();

/**
 * The fonts of a source, ready for pdf.ts (unpacked TrueType), loaded once: the second document
 * of a session neither fetches nor reads again. A failed load is forgotten, so a later call retries.
 */
export function loadFonts(source: FontSource): Promise<FontBytes> {
  let pending = loaded.get(source);
  if (!pending) {
    pending = source().then(async ({ regular, bold }) => {
      const [r, b] = await Promise.all([woffToSfnt(regular), woffToSfnt(bold)]);
      return { regular: r, bold: b };
    }).catch((e: unknown) => {
      loaded.delete(source);
      throw e;
    });
    loaded.set(source, pending);
  }
  return pending;
}
