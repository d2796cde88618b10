import { canonicalHash, canonicalJson, sha256Hex } from './canonical';

/*
 * Signatures tie a signer to exactly what was signed (docs/architecture.md §5):
 * - contentHash: SHA-256 of the canonical JSON of the signed content (key order does not matter,
 *   one changed character does);
 * - deviceSignature: ECDSA P-256 / SHA-256 by a non-extractable WebCrypto key of the device, over
 *   the canonical statement {subject, contentHash, strokesHash, signer, capacity, signedAt, keyId}.
 * The same code runs in the browser and in Node (globalThis.crypto.subtle), so the server verifies
 * what the tablet signed.
 */

export interface Point {
  x: number;
  y: number;
  t?: number;
}
export type Strokes = Point[][];

export interface SignatureStatement {
  subject: { kind: 'minutes' | 'deliberation' | 'convention'; id: string };
  contentHash: string;
  strokesHash: string;
  signerName: string;
  capacity: string;
  signedAt: string;
  deviceKeyId: string;
  /**
   * SHA-256 of the canonical JSON of the drawn image (its PNG data URL) that documents print:
   * the image is covered by the device signature too. Absent from signatures made before it
   * existed, whose statement then reads as it always did.
   */
  pngHash?: string;
}

export interface SignedRecord extends SignatureStatement {
  strokes: Strokes;
  /** base64 of the raw (r||s) ECDSA signature. */
  deviceSignature: string;
}

export interface DeviceKey {
  keyId: string;
  privateKey: CryptoKey;
  publicKeyJwk: JsonWebKey;
}

/** ECDSA P-256: device keys here, and the server's seal keys (domain/seal.ts). */
export const SIGNING_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ALG = SIGNING_ALGORITHM;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

const subtle = () => globalThis.crypto.subtle;

function toBase64(bytes: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** base64 of the raw (r||s) ECDSA P-256 / SHA-256 signature of a statement's canonical JSON. */
export async function signStatement(privateKey: CryptoKey, statement: unknown): Promise<string> {
  return toBase64(await subtle().sign(SIGN, privateKey, new TextEncoder().encode(canonicalJson(statement))));
}

/** Whether `signature` signs the statement's canonical JSON with that public key (false if either is malformed). */
export async function verifyStatement(publicKeyJwk: JsonWebKey, statement: unknown, signature: string): Promise<boolean> {
  try {
    const key = await subtle().importKey('jwk', publicKeyJwk, ALG, false, ['verify']);
    return await subtle().verify(SIGN, key, fromBase64(signature), new TextEncoder().encode(canonicalJson(statement)));
  } catch {
    return false;
  }
}

/** The public key's id: a hash of its canonical JWK, so it names the key and nothing else. */
export async function keyIdOf(jwk: JsonWebKey): Promise<string> {
  return (await sha256Hex(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))).slice(0, 32);
}

/** A new device key; the private half can never be exported from the browser. */
export async function generateDeviceKey(): Promise<DeviceKey> {
  const pair = await subtle().generateKey(ALG, false, ['sign', 'verify']);
  const publicKeyJwk = await subtle().exportKey('jwk', pair.publicKey);
  return { keyId: await keyIdOf(publicKeyJwk), privateKey: pair.privateKey, publicKeyJwk };
}

export async function signContent(
  input: {
    subject: SignatureStatement['subject'];
    content: unknown;
    strokes: Strokes;
    signerName: string;
    capacity: string;
    signedAt: string;
    png?: string | null;
  },
  key: DeviceKey,
): Promise<SignedRecord> {
  const statement: SignatureStatement = {
    subject: input.subject,
    contentHash: await canonicalHash(input.content),
    strokesHash: await canonicalHash(input.strokes),
    signerName: input.signerName,
    capacity: input.capacity,
    signedAt: input.signedAt,
    deviceKeyId: key.keyId,
    ...(input.png ? { pngHash: await canonicalHash(input.png) } : {}),
  };
  return { ...statement, strokes: input.strokes, deviceSignature: await signStatement(key.privateKey, statement) };
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'content' | 'strokes' | 'key' | 'signature' };

/**
 * Checks a signature against the content it claims to sign and the signer's registered public
 * key. Pure and shared with the server.
 */
export async function verifySignature(record: SignedRecord, content: unknown, publicKeyJwk: JsonWebKey): Promise<VerifyResult> {
  if ((await canonicalHash(content)) !== record.contentHash) return { ok: false, reason: 'content' };
  if ((await canonicalHash(record.strokes)) !== record.strokesHash) return { ok: false, reason: 'strokes' };
  if ((await keyIdOf(publicKeyJwk)) !== record.deviceKeyId) return { ok: false, reason: 'key' };
  const { strokes: _strokes, deviceSignature, ...rest } = record;
  const statement: SignatureStatement = {
    subject: rest.subject,
    contentHash: rest.contentHash,
    strokesHash: rest.strokesHash,
    signerName: rest.signerName,
    capacity: rest.capacity,
    signedAt: rest.signedAt,
    deviceKeyId: rest.deviceKeyId,
    ...(rest.pngHash !== undefined ? { pngHash: rest.pngHash } : {}),
  };
  return (await verifyStatement(publicKeyJwk, statement, deviceSignature)) ? { ok: true } : { ok: false, reason: 'signature' };
}
