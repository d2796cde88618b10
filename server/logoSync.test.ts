import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../src/domain/sync';
import { useDatabase } from '../src/store/db';
import { logoImageOf, removeOrganisationLogo, setOrganisationLogo } from '../src/store/organisationLogo';
import { syncOnce } from '../src/sync/engine';
import { fetchMissingLogo, uploadPendingFiles } from '../src/sync/files';
import type { FetchLike } from '../src/sync/transport';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { seedOrganisation } from './seed';
import { device } from './testDevice';
import { adapters, postgresAvailable } from './testing';

/*
 * The organisation's logo through the real server: the record (with its `logo` object) syncs
 * like any organisation change, validated by the shared schema; the bytes go by hash.
 */

const png = new Uint8Array(readFileSync(new URL('../e2e/fixtures/logo.png', import.meta.url)));
const pgUp = await postgresAvailable();

/** Pushes one organisation change straight to the API, as a device would. */
async function pushOrganisation(fetchImpl: FetchLike, orgId: string, args: Record<string, unknown>, baseVersion: number): Promise<PushResponse & { status: number }> {
  const res = await fetchImpl('/api/sync/push', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      clientId: `logo-test-${Math.random().toString(36).slice(2, 12)}`,
      mutations: [{ mutationId: 1, name: 'organisation.update', table: 'organisations', recordId: orgId, baseVersion, args }],
    }),
  });
  return { ...((await res.json()) as PushResponse), status: res.status };
}

for (const adapter of adapters) {
  describe.skipIf(adapter.name === 'postgres' && !pgUp)(`the organisation's logo on ${adapter.name}`, () => {
    let dbs: Driver;
    let app: ReturnType<typeof createApp>;
    let demo: Awaited<ReturnType<typeof seedOrganisation>>;
    beforeAll(async () => {
      dbs = await adapter.open();
      demo = await seedOrganisation(dbs);
      app = createApp({ db: dbs });
    });
    afterAll(async () => dbs.close());

    it('set by the administrator on one device, is kept by the server and printed from another device', async () => {
      const laptop = await device(app, 'admin@demo.example');
      const tablet = await device(app, 'presidente@demo.example');
      await syncOnce(laptop.db, laptop.transport);
      useDatabase(laptop.db);
      const org = await setOrganisationLogo(demo.organisation.id, { name: 'blason.png', data: new Blob([png], { type: 'image/png' }) });
      expect(await syncOnce(laptop.db, laptop.transport)).toMatchObject({ issues: 0 });
      const stored = await dbs.get<{ body: string }>("SELECT body FROM records WHERE tbl = 'organisations' AND id = ?", [demo.organisation.id]);
      expect((typeof stored!.body === 'string' ? JSON.parse(stored!.body) : stored!.body).logo).toEqual(org.logo);
      expect(await uploadPendingFiles(laptop.db, laptop.fetchImpl)).toEqual({ uploaded: 1, alreadyThere: 0, failed: 0 });

      await syncOnce(tablet.db, tablet.transport);
      const pulled = (await tablet.db.organisations.get(demo.organisation.id))!;
      expect(pulled.logo).toEqual(org.logo);
      useDatabase(tablet.db);
      expect(await logoImageOf(pulled)).toBeUndefined();
      expect(await fetchMissingLogo(tablet.db, pulled, tablet.fetchImpl)).toBe('fetched');
      expect(Buffer.from((await logoImageOf(pulled))!.bytes).equals(Buffer.from(png))).toBe(true);

      // Removed on the laptop: the server drops the field, the tablet's record loses it too.
      useDatabase(laptop.db);
      await removeOrganisationLogo(demo.organisation.id);
      expect(await syncOnce(laptop.db, laptop.transport)).toMatchObject({ issues: 0 });
      await syncOnce(tablet.db, tablet.transport);
      expect((await tablet.db.organisations.get(demo.organisation.id))?.logo).toBeUndefined();
    });

    it('refuses a logo object the schema refuses, and a logo from anyone but an administrator', async () => {
      const admin = await device(app, 'admin@demo.example');
      const version = async () => Number((await dbs.get<{ version: number }>("SELECT version FROM records WHERE tbl = 'organisations' AND id = ?", [demo.organisation.id]))!.version);
      const logo = { sha256: 'ab'.repeat(32), fileName: 'logo.png', contentType: 'image/png', size: 465, width: 160, height: 120 };
      const ok = await pushOrganisation(admin.fetchImpl, demo.organisation.id, { logo }, await version());
      expect(ok.results[0]).toMatchObject({ status: 'applied' });
      for (const bad of [{ ...logo, contentType: 'image/svg+xml' }, { ...logo, size: 1024 * 1024 + 1 }, { ...logo, sha256: 'nope' }, 'logo.png']) {
        const res = await pushOrganisation(admin.fetchImpl, demo.organisation.id, { logo: bad }, await version());
        expect(res.results[0], JSON.stringify(bad)).toMatchObject({ status: 'rejected', code: 'sync.invalid' });
      }
      const secretary = await device(app, 'secretaire@demo.example');
      const refused = await pushOrganisation(secretary.fetchImpl, demo.organisation.id, { logo: null }, await version());
      expect(refused.results[0]).toMatchObject({ status: 'rejected', code: 'api.forbidden' });
    });
  });
}
