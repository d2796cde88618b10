import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createApp } from './app';
import { openDatabase } from './db/open';
import { publishRegisteredDeviceKeys } from './sync/keys';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, seedOrganisation, SETUP_COMMAND } from './seed';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

const db = await openDatabase(process.env);
// The demo organisation and its published password exist only when asked (`npm start` asks);
// otherwise an empty installation has no account until `npm run admin -- create-organisation`.
const demoMode = process.env.REGISTRE_DEMO === '1';
if (demoMode && (await isEmpty(db))) {
  await seedOrganisation(db);
  console.log('Base vide : organisation de démonstration créée. Comptes (mot de passe « %s ») :', DEMO_PASSWORD);
  for (const u of DEMO_USERS) console.log(`  ${u.email}  (${u.role})`);
} else if (!demoMode && (await isEmpty(db))) {
  console.log('Aucun compte. Créez la première organisation et son administrateur :');
  console.log(`  ${SETUP_COMMAND}`);
}

// Device keys registered before keys were published (decision 005) are published once.
const published = await publishRegisteredDeviceKeys(db);
if (published > 0) console.log(`${published} clé(s) d’appareil publiée(s).`);

const demoAccounts = !!(await db.get("SELECT id FROM users WHERE email = 'secretaire@demo.example'"));
if (demoAccounts && !demoMode) console.log('Des comptes de démonstration existent : leur mot de passe publié est refusé hors mode démo (REGISTRE_DEMO=1).');
const demo = demoMode && demoAccounts;
const publicUrl = process.env.REGISTRE_PUBLIC_URL || undefined;
const trustedProxies = (process.env.REGISTRE_TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const quotaMb = Number(process.env.REGISTRE_FILE_QUOTA_MB);
const fileQuotaBytes = Number.isFinite(quotaMb) && quotaMb > 0 ? quotaMb * 1024 * 1024 : undefined;
const app = createApp({ db, demo, refuseDemoPassword: !demoMode, publicUrl, trustedProxies, fileQuotaBytes, staticRoot: resolve(process.env.STATIC_ROOT ?? 'dist') });
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const where = db.dialect === 'postgres' ? 'PostgreSQL' : `SQLite : ${process.env.SQLITE_FILE ?? 'data/registre.sqlite'}`;
  console.log(`Registre est prêt : http://localhost:${info.port}/ (${where})`);
});

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    server.close();
    void db.close().then(() => process.exit(0));
  });
}
