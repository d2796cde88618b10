import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction, type Middleware } from 'dexie';
import { ValidationError } from './errors';
import { isSealed } from '../domain/status';

/*
 * A sealed séance is read-only below the commands too (issue #6, docs/architecture.md §5): this DBCore
 * middleware refuses any put or delete of a row that belongs to a séance whose status is signed
 * or published — the séance itself, its roll-call, its deliberations, their votes and the
 * correction requests on it. The commands already refuse (guards.ts assertSeanceOpen); this is the
 * repository's own rule, so a forgotten check or a direct table write cannot change a sealed act.
 *
 * How it decides, within the writing transaction itself (no cache that could go stale):
 * - a readwrite transaction that touches a guarded table is widened to include `seances` and
 *   `deliberations` (the tables the check reads), so the check always sees the transaction's
 *   own view, including a séance sealed earlier in the same transaction;
 * - the séance of a row is read from the row as written and from the row as stored (a delete, or a
 *   row moved to another séance); a vote's séance is its deliberation's;
 * - a séance created by this very transaction is not "sealed before": importing a published
 *   séance file (seanceFile.ts) writes the séance and then its rows, and must go through. An import
 *   onto an existing sealed séance is refused like any other write.
 *
 * What goes through: the sync engine applying the server's data (sync/engine.ts applyPulled).
 * The server is the authority and has already refused edits of sealed séances; its pulled rows
 * must land, or the device would never receive the seal nor converge. applyPulled writes every
 * synced table in one transaction, and it is the only writer of `seals` (server-only records,
 * domain/sync.ts): a readwrite transaction whose scope includes `seals` is therefore marked as
 * applying server data, a flag scoped to that transaction and nothing else. This guards against
 * mistakes in our own code, not against someone editing IndexedDB by hand: that is what the
 * signatures and the seal chain are for.
 */

/** Tables whose rows belong to a séance, and how to find it. */
const GUARDED: Readonly<Record<string, 'self' | 'seanceId' | 'deliberation'>> = {
  seances: 'self',
  attendance: 'seanceId',
  deliberations: 'seanceId',
  correctionRequests: 'seanceId',
  attachments: 'seanceId',
  votes: 'deliberation',
};
/** The scope that marks the sync engine applying pulled server data. */
export const SERVER_DATA_TABLE = 'seals';

/** The refusal: a ValidationError like the commands', with a catalog key. */
export class SealedSeanceError extends ValidationError {
  constructor(readonly seanceId: string) {
    super({}, 'sealGuard.refused');
    this.name = 'SealedSeanceError';
  }
}

type Row = Record<string, unknown>;

/*
 * Dexie keeps the current transaction in a zone (PSD) that a native `await` does not carry: the
 * layers below read it when called, so each call below is made back in the caller's zone.
 */
interface Zones {
  PSD: unknown;
  usePSD<T>(psd: unknown, fn: () => T): T;
}
const zones = Dexie.Promise as unknown as Zones;

export const sealGuard: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'SealGuard',
  create(down: DBCore): Partial<DBCore> {
    const serverData = new WeakSet<DBCoreTransaction>();
    /** Séances each transaction created (absent before it): their rows may follow. */
    const created = new WeakMap<DBCoreTransaction, Set<string>>();
    const has = (name: string) => down.schema.tables.some((t) => t.name === name);

    async function rowsOf(zone: unknown, table: DBCoreTable, req: DBCoreMutateRequest): Promise<{ stored: Row[]; written: Row[] }> {
      const { trans } = req;
      if (req.type === 'deleteRange') {
        const res = await zones.usePSD(zone, () => table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } }));
        return { stored: res.result as Row[], written: [] };
      }
      const written = req.type === 'delete' ? [] : (req.values as Row[]);
      const keys = req.type === 'delete' ? req.keys : (req.keys ?? written.map((v) => table.schema.primaryKey.extractKey?.(v)));
      const stored = req.type === 'add' ? [] : ((await zones.usePSD(zone, () => table.getMany({ trans, keys: keys.filter((k) => k !== undefined) }))) as (Row | undefined)[]);
      return { stored: stored.filter((r): r is Row => !!r), written };
    }

    async function check(zone: unknown, name: string, table: DBCoreTable, req: DBCoreMutateRequest): Promise<void> {
      const how = GUARDED[name];
      if (!how || serverData.has(req.trans)) return;
      const { stored, written } = await rowsOf(zone, table, req);
      const seanceIds = new Set<string>();
      if (how === 'self') {
        // A new séance is not sealed yet, whatever status it is written with (a file import).
        for (const r of stored) seanceIds.add(String(r.id));
      } else if (how === 'seanceId') {
        for (const r of [...stored, ...written]) if (typeof r.seanceId === 'string') seanceIds.add(r.seanceId);
      } else if (has('deliberations')) {
        const delibIds = new Set<string>();
        for (const r of [...stored, ...written]) if (typeof r.deliberationId === 'string') delibIds.add(r.deliberationId);
        const delibs = (await zones.usePSD(zone, () => down.table('deliberations').getMany({ trans: req.trans, keys: [...delibIds] }))) as (Row | undefined)[];
        for (const d of delibs) if (typeof d?.seanceId === 'string') seanceIds.add(d.seanceId);
      }
      const fresh = created.get(req.trans);
      const ids = [...seanceIds].filter((id) => !fresh?.has(id));
      if (ids.length > 0) {
        const seances = (await zones.usePSD(zone, () => down.table('seances').getMany({ trans: req.trans, keys: ids }))) as (Row | undefined)[];
        const sealed = seances.find((s) => s && isSealed(s.status));
        if (sealed) throw new SealedSeanceError(String(sealed.id));
      }
      if (how === 'self' && written.length > 0) {
        // Séances this transaction brings into existence: their rows may follow (an import).
        const before = new Set(stored.map((r) => String(r.id)));
        const news = written.map((r) => String(r.id)).filter((id) => !before.has(id));
        if (news.length) created.set(req.trans, new Set([...(fresh ?? []), ...news]));
      }
    }

    return {
      ...down,
      transaction(stores, mode, options) {
        if (mode !== 'readwrite' || !stores.some((s) => s in GUARDED)) return down.transaction(stores, mode, options);
        // Widen the scope to what the check reads; IndexedDB scopes are sets, the order is free.
        const scope = [...new Set([...stores, ...['seances', 'deliberations'].filter(has)])];
        const trans = down.transaction(scope, mode, options);
        if (stores.includes(SERVER_DATA_TABLE)) serverData.add(trans);
        return trans;
      },
      table(name) {
        const table = down.table(name);
        if (!(name in GUARDED)) return table;
        return {
          ...table,
          async mutate(req) {
            const zone = zones.PSD;
            await check(zone, name, table, req);
            return zones.usePSD(zone, () => table.mutate(req));
          },
        };
      },
    };
  },
};
