import { PublicKeySchema, type PublicKey } from '../../src/domain/schemas';
import { keyIdOf, SIGNING_ALGORITHM } from '../../src/domain/signing';
import type { Driver, Sql } from '../db/driver';
import { getRecord, insertAsServer } from './records';

/*
 * The keys the register is verified with (docs/decisions/005-signed-seals.md):
 * - each organisation's seal key, with which the server signs every seal (sync/signing.ts);
 * - the devices' keys, with which signers sign acts (registered by auth/devices.ts).
 * Their public halves are published as `publicKeys` records (server-only, like seals), which
 * devices pull and séance files carry. The seal key's private half is kept behind SealKeyStore.
 */

/** A seal key as the server uses it: the private half never leaves the store. */
export interface SealKey {
  keyId: string;
  privateKey: CryptoKey;
  publicKeyJwk: JsonWebKey;
}

export interface SealKeyStore {
  /**
   * The organisation's seal key, made on first need, its public half then published as a
   * `publicKeys` record. Runs in the caller's transaction (`sql`).
   */
  getOrCreate(sql: Sql, organisationId: string, now?: Date): Promise<SealKey>;
}

const subtle = () => globalThis.crypto.subtle;

/** The public JWK's members, and nothing else (no `ext`, no `key_ops`). */
export function publicHalf(jwk: JsonWebKey): PublicKey['publicKeyJwk'] {
  return { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) };
}

/** Writes a key's `publicKeys` record, unless one already names that key. */
export async function publishPublicKey(sql: Sql, key: Omit<PublicKey, 'version'>): Promise<void> {
  if (await getRecord(sql, 'publicKeys', key.keyId)) return;
  const body = PublicKeySchema.parse(key);
  await insertAsServer(sql, 'publicKeys', key.keyId, key.organisationId, body);
}

/** The organisation's published keys, oldest first. */
export async function publicKeysOf(sql: Sql, organisationId: string): Promise<PublicKey[]> {
  const rows = await sql.all<{ body: string }>("SELECT body FROM records WHERE organisation_id = ? AND tbl = 'publicKeys'", [organisationId]);
  return rows
    .map((r) => JSON.parse(r.body) as PublicKey)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.keyId.localeCompare(b.keyId));
}

const importPrivate = (jwk: JsonWebKey) => subtle().importKey('jwk', jwk, SIGNING_ALGORITHM, false, ['sign']);

/**
 * Seal keys in the server's database (table `seal_keys`, which no sync route reads), the private
 * half as a JWK. Whoever can read that table can sign seals: see decision 005 for what this means.
 */
export const databaseSealKeys: SealKeyStore = {
  async getOrCreate(sql, organisationId, now = new Date()) {
    const read = () =>
      sql.get<{ key_id: string; public_jwk: string; private_jwk: string }>(
        'SELECT key_id, public_jwk, private_jwk FROM seal_keys WHERE organisation_id = ?',
        [organisationId],
      );
    let row = await read();
    if (!row) {
      const pair = await subtle().generateKey(SIGNING_ALGORITHM, true, ['sign', 'verify']);
      const publicKeyJwk = publicHalf(await subtle().exportKey('jwk', pair.publicKey));
      const privateJwk = await subtle().exportKey('jwk', pair.privateKey);
      const keyId = await keyIdOf(publicKeyJwk);
      const createdAt = now.toISOString();
      // Another transaction may have made one meanwhile: the first one stays the key.
      await sql.run(
        `INSERT INTO seal_keys (key_id, organisation_id, public_jwk, private_jwk, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (organisation_id) DO NOTHING`,
        [keyId, organisationId, JSON.stringify(publicKeyJwk), JSON.stringify(privateJwk), createdAt],
      );
      row = (await read())!;
      if (row.key_id === keyId) await publishPublicKey(sql, { keyId, organisationId, kind: 'seal', publicKeyJwk, createdAt });
    }
    return {
      keyId: row.key_id,
      publicKeyJwk: JSON.parse(row.public_jwk) as JsonWebKey,
      privateKey: await importPrivate(JSON.parse(row.private_jwk) as JsonWebKey),
    };
  },
};

/**
 * Publishes the device keys registered before keys were published (a `publicKeys` record each,
 * in the organisation the user signs in to, as login picks it). Run at start; idempotent.
 * Returns how many it published.
 */
export async function publishRegisteredDeviceKeys(db: Driver): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.all<{ key_id: string; user_id: string; public_jwk: string; created_at: string; name: string }>(
      `SELECT k.key_id, k.user_id, k.public_jwk, k.created_at, u.name FROM device_keys k JOIN users u ON u.id = k.user_id
       WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.tbl = 'publicKeys' AND r.id = k.key_id)
       ORDER BY k.created_at, k.key_id`,
    );
    let published = 0;
    for (const k of rows) {
      const m = await tx.get<{ organisation_id: string }>('SELECT organisation_id FROM memberships WHERE user_id = ? ORDER BY organisation_id LIMIT 1', [
        k.user_id,
      ]);
      if (!m) continue;
      await publishPublicKey(tx, {
        keyId: k.key_id,
        organisationId: m.organisation_id,
        kind: 'device',
        publicKeyJwk: publicHalf(JSON.parse(k.public_jwk) as JsonWebKey),
        userId: k.user_id,
        userName: k.name,
        createdAt: k.created_at,
      });
      published++;
    }
    return published;
  });
}
