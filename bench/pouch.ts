import { getRequestListener } from '@hono/node-server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { newId } from '../src/domain/ids';
import type { Mutation } from '../src/domain/sync';
import { createApp } from '../server/app';
import { migrate } from '../server/db/migrations';
import { openSqliteDriver } from '../server/db/sqlite';
import { DEMO_PASSWORD, seedOrganisation } from '../server/seed';
import { push } from '../server/sync/push';
import { recordsSince } from '../server/sync/records';
import type { SyncBenchSetup } from './browser/pouch';

/*
 * The servers of the "our sync vs PouchDB replication" bench (issue #7), in this process:
 * - our real server (Hono app, SQLite in memory) holding the demo organisation and 10,000
 *   séances pushed through the real push path;
 * - a PouchDB server (express-pouchdb over pouchdb-core and the memory adapter) whose database
 *   `bench-pull` holds the very same records, one document each.
 * Both are served under the bench page's origin (/api and /pouch), so neither side pays CORS.
 */

export const POUCH_PULL_DB = 'bench-pull';
export const POUCH_PUSH_DB = 'bench-push';

interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<{ ok?: boolean; error?: string }[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
}
interface PouchStatic {
  new (name: string): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  defaults(options: object): PouchStatic;
}
type Listener = (req: IncomingMessage, res: ServerResponse) => void;

// Neither express-pouchdb nor pouchdb-core ships types: the few calls made here are typed above.
const require = createRequire(import.meta.url);

export interface SyncServers {
  /** Answers /api/* (our server) and /pouch/* (PouchDB server); false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** What the page needs: the account, and how many records each server holds for the pull. */
  setup: SyncBenchSetup;
  close(): Promise<void>;
}

export async function startSyncServers(count = 10_000): Promise<SyncServers> {
  const db = openSqliteDriver(':memory:');
  await migrate(db);
  const demo = await seedOrganisation(db);
  const orgId = demo.organisation.id;
  const auth = { userId: 'bench', organisationId: orgId, role: 'secretaire' as const };
  const mutations: Mutation[] = Array.from({ length: count }, (_, i) => {
    const id = newId();
    return {
      mutationId: i + 1,
      name: 'seance.create',
      table: 'seances',
      recordId: id,
      baseVersion: 0,
      args: { id, organisationId: orgId, bodyId: demo.bodies[0]!.id, date: '2011-11-07', time: '17:30', place: `Salle ${i}`, convocationDate: '2011-06-30' },
    };
  });
  const clientId = newId();
  for (let i = 0; i < mutations.length; i += 1000) await push(db, auth, { clientId, mutations: mutations.slice(i, i + 1000) });
  const stored = await recordsSince(db, orgId, 0, 1_000_000);
  if (stored.filter((r) => r.tbl === 'seances').length !== count) throw new Error('bench: the séances were not all stored');
  const ours = getRequestListener(createApp({ db }).fetch) as Listener;

  const PouchDB = (require('pouchdb-core') as PouchStatic).plugin(require('pouchdb-adapter-memory')).defaults({ adapter: 'memory' });
  const expressPouchDB = require('express-pouchdb') as (p: PouchStatic, options: object) => Listener;
  const pouch = expressPouchDB(PouchDB, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  // The same records as our server sends, each with the version our pull stores with it.
  const source = new PouchDB(POUCH_PULL_DB);
  const docs = stored.map((r) => ({ ...r.body, _id: `${r.tbl}/${r.id}`, table: r.tbl, version: r.version }));
  for (let i = 0; i < docs.length; i += 1000) {
    const results = await source.bulkDocs(docs.slice(i, i + 1000));
    if (results.some((r) => r.error)) throw new Error('bench: PouchDB refused a document');
  }

  return {
    setup: {
      email: 'secretaire@demo.example',
      password: DEMO_PASSWORD,
      organisationId: orgId,
      bodyId: demo.bodies[0]!.id,
      records: stored.length,
      count,
      pouchPull: POUCH_PULL_DB,
      pouchPush: POUCH_PUSH_DB,
    },
    handle(req, res) {
      const url = req.url ?? '/';
      if (url.startsWith('/api/')) {
        ours(req, res);
        return true;
      }
      if (url === '/pouch' || url.startsWith('/pouch/')) {
        req.url = url.slice('/pouch'.length) || '/';
        pouch(req, res);
        return true;
      }
      return false;
    },
    async close() {
      await source.destroy();
      await new PouchDB(POUCH_PUSH_DB).destroy();
      await db.close();
    },
  };
}
