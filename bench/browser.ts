import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { startSyncServers } from './pouch';
import type { Measure } from './table';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.woff': 'font/woff', '.css': 'text/css' };

/** Builds bench/browser, serves it on loopback and runs it in Chromium (Debian's when present). */
export async function browserMeasures(): Promise<Measure[]> {
  await build({ configFile: resolve('bench/vite.browser.config.ts') });
  const root = resolve('node_modules/.bench-browser');
  // Our server and a PouchDB server on the page's origin, for the sync benches (bench/pouch.ts).
  const sync = await startSyncServers();
  const server = createServer((req, res) => {
    if (sync.handle(req, res)) return;
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch(
    existsSync(executablePath)
      ? { executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] }
      : {},
  );
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.getElementById('state')?.textContent === 'prêt');
    return await page.evaluate((setup) => window.runBenches(setup), sync.setup);
  } finally {
    await browser.close();
    server.close();
    await sync.close();
  }
}
