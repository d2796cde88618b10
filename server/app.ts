import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Storage } from './storage/types';
import { fr } from '../src/i18n/fr';

export interface AppOptions {
  storage: Storage;
  /** Folder of the built SPA; omitted in API-only tests. */
  staticRoot?: string;
}

/** JSON error with a stable code and a French message from the shared catalog. */
function apiError(code: keyof typeof fr) {
  return { error: { code, message: fr[code] } };
}

export function createApp({ storage, staticRoot }: AppOptions) {
  const app = new Hono();

  app.get('/api/health', (c) => c.json({ status: 'ok', time: new Date().toISOString() }));

  // The reference data a device needs before it can work offline (replaced by pull in sync).
  app.get('/api/bootstrap', async (c) => {
    const [org] = await storage.listOrganisations();
    if (!org) return c.json(apiError('api.notFound'), 404);
    return c.json(await storage.snapshot(org.id));
  });

  app.all('/api/*', (c) => c.json(apiError('api.notFound'), 404));

  if (staticRoot && existsSync(join(staticRoot, 'index.html'))) {
    const indexHtml = readFileSync(join(staticRoot, 'index.html'), 'utf8');
    app.use('*', async (c, next) => {
      await next();
      // The service worker and the HTML shell must be revalidated, or an update is never seen.
      if (c.req.path === '/sw.js' || c.req.path === '/' || c.req.path.endsWith('.html')) {
        c.header('Cache-Control', 'no-cache');
      } else if (c.req.path.startsWith('/assets/')) {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      }
    });
    app.use('*', serveStatic({ root: staticRoot }));
    // Deep links (/seances/…) are routed by the SPA.
    app.get('*', (c) => c.html(indexHtml));
  }
  return app;
}
