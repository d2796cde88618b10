import { createPublicKey } from 'node:crypto';
import { keyIdOf } from '../../src/domain/signing';
import type { Driver } from '../db/driver';
import { ApiError } from '../errors';
import { publicHalf, publishPublicKey } from '../sync/keys';
import type { AuthContext } from './context';

/** Devices one account may have registered: a laptop, a tablet, a few browsers reinstalled. */
export const MAX_DEVICE_KEYS_PER_USER = 20;

/** A public key of P-256 whose point is on the curve (OpenSSL checks it on import). */
function isCurvePoint(jwk: JsonWebKey): boolean {
  try {
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

/**
 * Registers a device's public signing key to the user; a key id is bound to one user forever.
 * The key is also published to the user's organisation (a `publicKeys` record, decision 005), so
 * that the register's signatures can be verified without the server.
 */
export async function registerDeviceKey(
  db: Driver,
  user: Pick<AuthContext, 'userId' | 'organisationId'> & { name: string },
  keyId: string,
  jwk: JsonWebKey,
  now = new Date(),
): Promise<void> {
  if (!isCurvePoint(jwk)) throw new ApiError(400, 'api.badRequest', 'publicKeyJwk');
  if ((await keyIdOf(jwk)) !== keyId) throw new ApiError(400, 'api.badRequest', 'keyId');
  await db.transaction(async (tx) => {
    const existing = await tx.get<{ user_id: string; created_at: string }>('SELECT user_id, created_at FROM device_keys WHERE key_id = ?', [keyId]);
    if (existing && existing.user_id !== user.userId) throw new ApiError(403, 'api.forbidden');
    if (!existing) {
      const count = await tx.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM device_keys WHERE user_id = ?', [user.userId]);
      if (Number(count?.n ?? 0) >= MAX_DEVICE_KEYS_PER_USER) throw new ApiError(409, 'devices.tooMany');
    }
    const createdAt = existing?.created_at ?? now.toISOString();
    if (!existing) {
      await tx.run('INSERT INTO device_keys (key_id, user_id, public_jwk, created_at) VALUES (?, ?, ?, ?)', [
        keyId,
        user.userId,
        JSON.stringify(jwk),
        createdAt,
      ]);
    }
    await publishPublicKey(tx, {
      keyId,
      organisationId: user.organisationId,
      kind: 'device',
      publicKeyJwk: publicHalf(jwk),
      userId: user.userId,
      userName: user.name,
      createdAt,
    });
  });
}
