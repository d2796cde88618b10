import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/domain/ids';
import type { PublicKey } from '../src/domain/schemas';
import { generateDeviceKey, keyIdOf, signStatement, verifyStatement } from '../src/domain/signing';
import type { PullResponse } from '../src/domain/sync';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { databaseSealKeys, publishRegisteredDeviceKeys } from './sync/keys';
import { adapters, postgresAvailable } from './testing';

type App = ReturnType<typeof createApp>;
const pgUp = await postgresAvailable();

async function session(app: App, email: string) {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const call = async (path: string, body?: unknown) => {
    const r = await app.request(path, {
      method: body ? 'POST' : 'GET',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, json: (await r.json()) as unknown };
  };
  return {
    call,
    keys: async () => ((await call('/api/keys')).json as { keys: PublicKey[] }).keys,
    pulledKeys: async () =>
      ((await call(`/api/sync/pull?clientId=${newId()}&cursor=0&limit=2000`)).json as PullResponse).records
        .filter((r) => r.table === 'publicKeys')
        .map((r) => r.body as unknown as PublicKey),
  };
}

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`published keys on ${adapter.name}`, () => {
    let db: Driver;
    let app: App;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    let other: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      db = await adapter.open();
      demo = await seedOrganisation(db);
      other = await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
      app = createApp({ db });
    });
    afterAll(async () => db.close());

    it('a registered device key is published to the user’s organisation, pulled and listed, and to no other', async () => {
      const president = await session(app, 'presidente@demo.example');
      const key = await generateDeviceKey();
      expect((await president.call('/api/devices', { keyId: key.keyId, publicKeyJwk: key.publicKeyJwk })).status).toBe(200);
      // Registering again writes nothing more.
      expect((await president.call('/api/devices', { keyId: key.keyId, publicKeyJwk: key.publicKeyJwk })).status).toBe(200);
      const expected = {
        keyId: key.keyId,
        organisationId: demo.organisation.id,
        kind: 'device',
        publicKeyJwk: { kty: 'EC', crv: 'P-256', x: key.publicKeyJwk.x, y: key.publicKeyJwk.y },
        userName: 'Claire DUMONT',
        version: 1,
      };
      expect((await president.keys()).filter((k) => k.keyId === key.keyId)).toEqual([expect.objectContaining(expected)]);
      const secretary = await session(app, 'secretaire@demo.example');
      expect((await secretary.pulledKeys()).filter((k) => k.keyId === key.keyId)).toEqual([expect.objectContaining(expected)]);
      const neighbour = await session(app, 'secretaire@autre.example');
      expect(await neighbour.keys()).toEqual([]);
      expect(await neighbour.pulledKeys()).toEqual([]);
      // A key refused to another user is not published either.
      expect((await neighbour.call('/api/devices', { keyId: key.keyId, publicKeyJwk: key.publicKeyJwk })).status).toBe(403);
      expect(await neighbour.keys()).toEqual([]);
    });

    it('the seal key is made once per organisation, signs, and its private half is in no synced record', async () => {
      const a = await db.transaction((tx) => databaseSealKeys.getOrCreate(tx, other.organisation.id));
      const b = await db.transaction((tx) => databaseSealKeys.getOrCreate(tx, other.organisation.id));
      expect(b.keyId).toBe(a.keyId);
      expect(a.keyId).toBe(await keyIdOf(a.publicKeyJwk));
      expect(a.privateKey.extractable).toBe(false);
      const statement = { seanceId: 's', index: 1 };
      expect(await verifyStatement(a.publicKeyJwk, statement, await signStatement(b.privateKey, statement))).toBe(true);

      const neighbour = await session(app, 'secretaire@autre.example');
      expect(await neighbour.keys()).toEqual([expect.objectContaining({ keyId: a.keyId, kind: 'seal', organisationId: other.organisation.id })]);
      const row = await db.get<{ private_jwk: string }>('SELECT private_jwk FROM seal_keys WHERE key_id = ?', [a.keyId]);
      const d = (JSON.parse(row!.private_jwk) as JsonWebKey).d!;
      expect(d.length).toBeGreaterThan(40);
      const leaks = await db.all<{ tbl: string }>('SELECT tbl FROM records WHERE body LIKE ?', [`%${d}%`]);
      expect(leaks).toEqual([]);
      // A rolled-back creation leaves neither the key nor its record.
      const third = await seedOrganisation(db, { name: 'Syndicat des eaux', emailDomain: 'eaux.example' });
      await expect(
        db.transaction(async (tx) => {
          await databaseSealKeys.getOrCreate(tx, third.organisation.id);
          throw new Error('annulé');
        }),
      ).rejects.toThrow('annulé');
      expect(await db.get('SELECT key_id FROM seal_keys WHERE organisation_id = ?', [third.organisation.id])).toBeUndefined();
      expect((await session(app, 'secretaire@eaux.example').then((s) => s.keys()))).toEqual([]);
    });

    it('device keys registered before keys were published are published once, at start', async () => {
      const legacy = await generateDeviceKey();
      const user = (await db.get<{ id: string }>("SELECT id FROM users WHERE email = 'secretaire@demo.example'"))!;
      await db.run('INSERT INTO device_keys (key_id, user_id, public_jwk, created_at) VALUES (?, ?, ?, ?)', [
        legacy.keyId,
        user.id,
        JSON.stringify(legacy.publicKeyJwk),
        '2025-03-01T09:00:00.000Z',
      ]);
      expect(await publishRegisteredDeviceKeys(db)).toBe(1);
      expect(await publishRegisteredDeviceKeys(db)).toBe(0);
      const secretary = await session(app, 'secretaire@demo.example');
      expect((await secretary.keys()).find((k) => k.keyId === legacy.keyId)).toMatchObject({
        kind: 'device',
        organisationId: demo.organisation.id,
        userId: user.id,
        userName: 'Sam Secrétaire',
        createdAt: '2025-03-01T09:00:00.000Z',
      });
    });
  });
}
