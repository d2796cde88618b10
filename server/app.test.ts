import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { demoSnapshot } from './demo';
import { openSqlite } from './storage/sqlite';
import type { Storage } from './storage/types';

let storage: Storage;
afterEach(async () => storage?.close());

async function appWithDemo(staticRoot?: string) {
  storage = openSqlite(':memory:');
  await storage.migrate();
  await storage.saveSnapshot(demoSnapshot());
  return createApp({ storage, ...(staticRoot ? { staticRoot } : {}) });
}

describe('server', () => {
  it('answers /api/health with 200 JSON', async () => {
    const res = await (await appWithDemo()).request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('serves the demo organisation with a Bureau of 9 members in office', async () => {
    const body = (await (await (await appWithDemo()).request('/api/bootstrap')).json()) as {
      organisation: { name: string };
      bodies: { id: string; name: string }[];
      mandates: { bodyId: string }[];
    };
    expect(body.organisation.name).toBe('Syndicat mixte de démonstration');
    const bureau = body.bodies.find((b) => b.name === 'Bureau')!;
    expect(body.mandates.filter((m) => m.bodyId === bureau.id)).toHaveLength(9);
  });

  it('answers an unknown API route with a French JSON 404', async () => {
    const res = await (await appWithDemo()).request('/api/inconnu');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'api.notFound', message: 'Ressource introuvable.' } });
  });

  it('serves the SPA shell for deep links, never cached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registre-dist-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Registre</title>');
    const res = await (await appWithDemo(dir)).request('/seances/0190-abc');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Registre</title>');
  });

  it('migrations are idempotent and keep data', async () => {
    storage = openSqlite(':memory:');
    await storage.migrate();
    const demo = demoSnapshot();
    await storage.saveSnapshot(demo);
    await storage.migrate();
    expect((await storage.snapshot(demo.organisation.id))?.members).toHaveLength(9);
  });
});
