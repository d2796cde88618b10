import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createApp } from './app';
import { demoSnapshot } from './demo';
import { openSqlite } from './storage/sqlite';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const dbFile = process.env.SQLITE_FILE ?? resolve('data/registre.sqlite');

const storage = openSqlite(dbFile);
await storage.migrate();
if ((await storage.listOrganisations()).length === 0) {
  await storage.saveSnapshot(demoSnapshot());
  console.log('Base vide : organisation de démonstration créée.');
}

const app = createApp({ storage, staticRoot: resolve(process.env.STATIC_ROOT ?? 'dist') });
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(`Registre est prêt : http://localhost:${info.port}/ (SQLite : ${dbFile})`);
});

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    server.close();
    void storage.close().then(() => process.exit(0));
  });
}
