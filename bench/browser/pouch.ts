// @ts-expect-error pouchdb-browser ships no types, and @types/pouchdb-core redeclares Node's Buffer globally.
import PouchDBModule from 'pouchdb-browser';
import { newId } from '../../src/domain/ids';
import { RegistreDb, type OutboxEntry } from '../../src/store/db';
import { clientIdOf, pullAll, pushOutbox } from '../../src/sync/engine';
import { signIn } from '../../src/sync/session';
import { httpTransport } from '../../src/sync/transport';
import { percentile, type Sample } from './stats';

/** The few calls of pouchdb-browser made here. */
interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<unknown[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
}
interface PouchStatic {
  new (name: string): PouchDatabase;
  replicate(source: PouchDatabase, target: PouchDatabase, options: { batch_size: number }): Promise<{ docs_written: number }>;
}
const PouchDB = PouchDBModule as PouchStatic;

/** Given by bench/pouch.ts, which seeded both servers (served on this page's origin). */
export interface SyncBenchSetup {
  email: string;
  password: string;
  organisationId: string;
  bodyId: string;
  /** Records each server holds for the pull: 10,000 séances and the demo reference data. */
  records: number;
  /** Séances created for the push. */
  count: number;
  pouchPull: string;
  pouchPush: string;
}

/** PouchDB's pages are given our page size (500; its default is 100), so only the protocols differ. */
const BATCH = 500;

/**
 * Issue #7: the same records moved by our sync (HTTP pages into Dexie, src/sync/engine.ts) and
 * by PouchDB replication (pouchdb-browser, IndexedDB adapter, from and to express-pouchdb),
 * each timed from start to the last document committed on the receiving side. Rounds alternate
 * ours and PouchDB; each side's median is reported.
 */
export async function pouchBench(setup: SyncBenchSetup, rounds = 3): Promise<Sample[]> {
  const times = { oursPull: [] as number[], pouchPull: [] as number[], oursPush: [] as number[], pouchPush: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    times.oursPull.push(await oursPull(setup));
    times.pouchPull.push(await pouchPull(setup));
  }
  for (let r = 0; r < rounds; r++) {
    const docs = newSeances(setup);
    times.oursPush.push(await oursPush(setup, docs));
    times.pouchPush.push(await pouchPush(setup, docs));
  }
  const [ourPull, theirPull, ourPush, theirPush] = [times.oursPull, times.pouchPull, times.oursPush, times.pouchPush].map((t) => percentile(t, 50)) as [number, number, number, number];
  return [
    {
      name: `pull ${setup.records.toLocaleString('en')} records over HTTP: our sync vs PouchDB replication (median of ${rounds})`,
      value: ourPull,
      unit: 'ms',
      baselineName: 'PouchDB replicate',
      baseline: theirPull,
      target: '<= 0.33x',
      ok: ourPull * 3 <= theirPull,
    },
    {
      name: `push ${setup.count.toLocaleString('en')} records over HTTP: our sync vs PouchDB replication (median of ${rounds})`,
      value: ourPush,
      unit: 'ms',
      baselineName: 'PouchDB replicate',
      baseline: theirPush,
      target: '<= 0.33x',
      ok: ourPush * 3 <= theirPush,
    },
  ];
}

/** Pull: an empty device receives everything our server holds. */
async function oursPull(setup: SyncBenchSetup): Promise<number> {
  const d = new RegistreDb(`bench-sync-pull-${Date.now()}`);
  await d.open();
  await signIn(d, setup.email, setup.password);
  const clientId = await clientIdOf(d);
  const t0 = performance.now();
  const pulled = await pullAll(d, httpTransport(), clientId);
  const ms = performance.now() - t0;
  const seances = await d.seances.count();
  d.close();
  await d.delete();
  if (pulled !== setup.records || seances !== setup.count) throw new Error(`our pull: ${pulled} records, ${seances} séances`);
  return ms;
}

/** Pull: an empty PouchDB receives the same records from the PouchDB server. */
async function pouchPull(setup: SyncBenchSetup): Promise<number> {
  const local = new PouchDB(`bench-pouch-pull-${Date.now()}`);
  const t0 = performance.now();
  await PouchDB.replicate(new PouchDB(`${location.origin}/pouch/${setup.pouchPull}`), local, { batch_size: BATCH });
  const ms = performance.now() - t0;
  const stored = (await local.info()).doc_count;
  await local.destroy();
  if (stored !== setup.records) throw new Error(`PouchDB pull: ${stored} documents`);
  return ms;
}

interface NewSeance {
  id: string;
  args: Record<string, unknown>;
}

/** Push: séances a device created offline, the same ones for both sides. */
function newSeances(setup: SyncBenchSetup): NewSeance[] {
  return Array.from({ length: setup.count }, (_, i) => {
    const id = newId();
    return { id, args: { id, organisationId: setup.organisationId, bodyId: setup.bodyId, date: '2011-11-07', time: '17:30', place: `Salle ${i}`, convocationDate: '2011-06-30' } };
  });
}

/** Our push: the outbox holds one seance.create per séance; timed until the server acknowledged all. */
async function oursPush(setup: SyncBenchSetup, docs: NewSeance[]): Promise<number> {
  const d = new RegistreDb(`bench-sync-push-${Date.now()}`);
  await d.open();
  await signIn(d, setup.email, setup.password);
  const createdAt = new Date().toISOString();
  // Changes of nobody in particular, pushed under the anonymous client id (store/deviceUsers.ts).
  const outbox: OutboxEntry[] = docs.map(({ id, args }, i) => ({
    mutationId: i + 1, userId: '', clientMutationId: i + 1, name: 'seance.create', table: 'seances', recordId: id, baseVersion: 0, args, createdAt,
  }));
  await d.outbox.bulkAdd(outbox);
  const clientId = await clientIdOf(d);
  const t0 = performance.now();
  const pushed = await pushOutbox(d, httpTransport(), clientId);
  const ms = performance.now() - t0;
  const left = await d.outbox.count();
  d.close();
  await d.delete();
  if (pushed.pushed !== setup.count || pushed.issues !== 0 || left !== 0) throw new Error(`our push: ${JSON.stringify(pushed)}, ${left} left`);
  return ms;
}

/** PouchDB's push: the same séances as local documents, replicated to the PouchDB server. */
async function pouchPush(setup: SyncBenchSetup, docs: NewSeance[]): Promise<number> {
  const source = new PouchDB(`bench-pouch-push-${Date.now()}`);
  await source.bulkDocs(docs.map(({ id, args }) => ({ ...args, _id: `seances/${id}`, table: 'seances' })));
  const t0 = performance.now();
  const sent = await PouchDB.replicate(source, new PouchDB(`${location.origin}/pouch/${setup.pouchPush}`), { batch_size: BATCH });
  const ms = performance.now() - t0;
  await source.destroy();
  if (sent.docs_written !== setup.count) throw new Error(`PouchDB push: ${sent.docs_written} documents`);
  return ms;
}
