/** The types the server stores (server/files.ts FILE_TYPES), told by the file's first bytes. */
export type SendableType = 'application/pdf' | 'image/png' | 'image/jpeg';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The file's type by its magic bytes when it is one the server takes, else undefined. */
export function sniffFileType(bytes: Uint8Array): SendableType | undefined {
  const starts = (magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts(PNG_MAGIC)) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}
