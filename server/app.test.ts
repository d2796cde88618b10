import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { seedOrganisation } from './seed';
import { adapters } from './testing';

let db: Driver | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function appWithDemo(staticRoot?: string) {
  db = await adapters[0]!.open();
  await seedOrganisation(db);
  return createApp({ db, ...(staticRoot ? { staticRoot } : {}) });
}

describe('server shell', () => {
  it('answers /api/health with 200 JSON', async () => {
    const res = await (await appWithDemo()).request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('answers an unknown API route, without a session, with a French 401; with one, a 404', async () => {
    const app = await appWithDemo();
    const res = await app.request('/api/inconnu');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'auth.required', message: 'Connectez-vous pour continuer.' } });
  });

  it('serves the SPA shell for deep links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registre-dist-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Registre</title>');
    const res = await (await appWithDemo(dir)).request('/seances/0190-abc');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Registre</title>');
  });
});
