/*
 * `npm run admin -- <commande>`: sets up and maintains an installation (docs/operations.md), on the
 * server's database (DATABASE_URL or SQLITE_FILE, migrated first like at the server's start).
 */
import { runAdmin } from './adminCommands';
import { openDatabase } from './db/open';

process.exitCode = await runAdmin(process.argv.slice(2), () => openDatabase(process.env), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
});
