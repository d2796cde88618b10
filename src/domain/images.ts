import type { LogoType } from './schemas';

/*
 * What an image file is, told by its bytes rather than its name or the type the browser guessed:
 * a file renamed "logo.png" is not a PNG. Only the header is read (no decoding), so this stays
 * small enough for the entry bundle's neighbours and cheap on a 1 MiB file.
 */

export interface ImageInfo {
  type: LogoType;
  width: number;
  height: number;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

/** PNG: the signature, then the IHDR chunk, whose first fields are the width and height. */
function png(b: Uint8Array): ImageInfo | undefined {
  if (b.length < 24 || !PNG_MAGIC.every((m, i) => b[i] === m)) return undefined;
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return undefined;
  const width = u32(b, 16);
  const height = u32(b, 20);
  return width > 0 && height > 0 ? { type: 'image/png', width, height } : undefined;
}

/** Start-of-frame markers (baseline, progressive…): C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** JPEG: walks the marker segments up to the frame header, which holds the height then the width. */
function jpeg(b: Uint8Array): ImageInfo | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return undefined;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image, or scan data before any frame
    const length = u16(b, at + 2);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (at + 9 > b.length) return undefined;
      const height = u16(b, at + 5);
      const width = u16(b, at + 7);
      return width > 0 && height > 0 ? { type: 'image/jpeg', width, height } : undefined;
    }
    at += 2 + length;
  }
  return undefined;
}

/** The type and size in pixels of a PNG or JPEG file; undefined for anything else or a broken header. */
export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  return png(bytes) ?? jpeg(bytes);
}

/** Width and height that fit a box, keeping the image's proportions. */
export function fitInBox(width: number, height: number, box: number): { width: number; height: number } {
  const scale = Math.min(box / width, box / height);
  return { width: width * scale, height: height * scale };
}
