import { keyIdOf } from '../../src/domain/signing';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';

/** Registers a device's public signing key to the user; a key id is bound to one user forever. */
export async function registerDeviceKey(db: Driver, userId: string, keyId: string, jwk: JsonWebKey): Promise<void> {
  if ((await keyIdOf(jwk)) !== keyId) throw new ApiError(400, 'api.badRequest', 'keyId');
  const existing = await db.get<{ user_id: string }>('SELECT user_id FROM device_keys WHERE key_id = ?', [keyId]);
  if (existing && existing.user_id !== userId) throw new ApiError(403, 'api.forbidden');
  if (!existing) {
    await db.run('INSERT INTO device_keys (key_id, user_id, public_jwk, created_at) VALUES (?, ?, ?, ?)', [
      keyId,
      userId,
      JSON.stringify(jwk),
      new Date().toISOString(),
    ]);
  }
}

export async function publicKeyOf(db: Driver, keyId: string): Promise<{ userId: string; jwk: JsonWebKey } | undefined> {
  const row = await db.get<{ user_id: string; public_jwk: string }>('SELECT user_id, public_jwk FROM device_keys WHERE key_id = ?', [keyId]);
  return row && { userId: row.user_id, jwk: JSON.parse(row.public_jwk) as JsonWebKey };
}
