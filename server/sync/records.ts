import { parentOf } from '../../src/domain/commands';
import type { Sql, SqlValue } from '../db/driver';

export interface FieldStamp {
  v: number;
  c: string;
}

export interface StoredRecord {
  tbl: string;
  id: string;
  organisationId: string;
  version: number;
  seq: number;
  body: Record<string, unknown>;
  /**
   * For each field, the record version that last changed it and the client that did: a field
   * changed since a mutation's base version by another client is a conflict.
   */
  fieldVersions: Record<string, FieldStamp>;
  /**
   * The stamp of every body field that has none in `fieldVersions` (a record written whole at
   * once: a create stamps every field alike). Use `stampOf()` to read a field's stamp.
   */
  stamp?: FieldStamp;
  /**
   * What the record is listed under (src/domain/commands.ts `parentOf`; a vote: its
   * deliberation's séance). Undefined for a tombstone: a deleted record is listed nowhere.
   */
  parent?: string | undefined;
}

/** A field's stamp: its own, else the record's common stamp if the body has that field. */
export function stampOf(r: StoredRecord, field: string): FieldStamp | undefined {
  if (Object.hasOwn(r.fieldVersions, field)) return r.fieldVersions[field];
  return r.stamp && Object.hasOwn(r.body, field) ? r.stamp : undefined;
}

interface Row {
  tbl: string;
  id: string;
  organisation_id: string;
  version: number;
  seq: number;
  body: string;
  field_versions: string;
  parent_id?: string | null;
}

/*
 * field_versions is stored in one of two forms:
 * - `{"field": {"v": 1, "c": "client"}, …}`: every stamp spelled out (older rows, seeds);
 * - `[{"v": 1, "c": "client"}, {"field": …}]`: a common stamp for every body field, then the
 *   fields that differ from it. An array cannot be mistaken for the first form, whatever the
 *   field names, so both read back unambiguously.
 */
const fromRow = (r: Row): StoredRecord => {
  const body = JSON.parse(r.body) as Record<string, unknown>;
  const fv = JSON.parse(r.field_versions) as Record<string, FieldStamp> | [FieldStamp, Record<string, FieldStamp>];
  const record: StoredRecord = {
    tbl: r.tbl,
    id: r.id,
    organisationId: r.organisation_id,
    version: Number(r.version),
    seq: Number(r.seq),
    body,
    fieldVersions: Array.isArray(fv) ? fv[1] : fv,
  };
  if (Array.isArray(fv)) record.stamp = fv[0];
  if (r.parent_id) record.parent = r.parent_id;
  return record;
};

const quotedKeys = new Map<string, string>();

/**
 * JSON.stringify(fieldVersions), faster: a push stamps every field it changes with one shared
 * stamp object, so each stamp and each (schema) key is serialised once, not once per field.
 * (A WeakMap of every stamp's JSON cost more, in insertions and garbage collection, than it
 * saved: consecutive fields sharing a stamp is the case that matters.)
 */
function fieldMapJson(fv: Record<string, FieldStamp>): string {
  let empty = true;
  for (const k in fv) {
    if (Object.hasOwn(fv, k)) {
      empty = false;
      break;
    }
  }
  if (empty) return '{}';
  const parts: string[] = [];
  let last: FieldStamp | undefined;
  let lastJson = '';
  for (const k in fv) {
    if (!Object.hasOwn(fv, k)) continue;
    const stamp = fv[k]!;
    let q = quotedKeys.get(k);
    if (q === undefined) {
      q = JSON.stringify(k) + ':';
      if (quotedKeys.size < 1000) quotedKeys.set(k, q);
    }
    if (typeof stamp !== 'object' || stamp === null) {
      parts.push(q + JSON.stringify(stamp ?? null));
      continue;
    }
    if (stamp !== last) {
      last = stamp;
      lastJson = JSON.stringify(stamp);
    }
    parts.push(q + lastJson);
  }
  return `{${parts.join(',')}}`;
}

/** The field_versions column of a record (see `fromRow` for its two forms). */
export function fieldVersionsJson(r: Pick<StoredRecord, 'fieldVersions' | 'stamp'>): string {
  if (!r.stamp) return fieldMapJson(r.fieldVersions);
  // Records written by one push share their stamp object: its JSON is made once, and so is
  // the whole column of a new record (no field of its own).
  if (r.stamp !== lastStamp) {
    lastStamp = r.stamp;
    lastStampJson = JSON.stringify(r.stamp);
    lastNewJson = `[${lastStampJson},{}]`;
  }
  const own = fieldMapJson(r.fieldVersions);
  return own === '{}' ? lastNewJson : `[${lastStampJson},${own}]`;
}
let lastStamp: FieldStamp | undefined;
let lastStampJson = '';
let lastNewJson = '';

export async function getRecord(sql: Sql, tbl: string, id: string): Promise<StoredRecord | undefined> {
  const row = await sql.get<Row>('SELECT * FROM records WHERE tbl = ? AND id = ?', [tbl, id]);
  return row && fromRow(row);
}

/**
 * The next server sequence number. The counter row stays locked until the transaction commits,
 * so sequence order is commit order and a pull by cursor can never skip a slower transaction.
 */
export async function nextSeq(sql: Sql): Promise<number> {
  await sql.run("UPDATE counters SET value = value + 1 WHERE name = 'seq'");
  const row = await sql.get<{ value: number }>("SELECT value FROM counters WHERE name = 'seq'");
  return Number(row!.value);
}

/** A record's parent_id column: its own when known, else from its body (see StoredRecord.parent). */
const parentColumn = (r: StoredRecord): string | null => (r.body._deleted ? null : (r.parent ?? parentOf(r.tbl, r.body) ?? null));

/** What the push's cache lists a record under: its parent; a séance, its body (not a column). */
const listedUnder = (r: StoredRecord): string | null =>
  r.tbl === 'seances' ? (r.body._deleted ? null : typeof r.body.bodyId === 'string' ? r.body.bodyId : null) : parentColumn(r);

export async function putRecord(sql: Sql, r: StoredRecord): Promise<void> {
  await sql.run(
    `INSERT INTO records (tbl, id, organisation_id, version, seq, body, field_versions, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, id) DO UPDATE SET version = excluded.version, seq = excluded.seq, body = excluded.body,
       field_versions = excluded.field_versions, parent_id = excluded.parent_id`,
    [r.tbl, r.id, r.organisationId, r.version, r.seq, JSON.stringify(r.body), fieldVersionsJson(r), parentColumn(r)],
  );
}

/** The live records of a table under a parent (a séance's items, a body's mandates…). */
export async function childrenOf(sql: Sql, organisationId: string, tbl: string, parentId: string): Promise<StoredRecord[]> {
  const rows = await sql.all<Row>('SELECT * FROM records WHERE tbl = ? AND parent_id = ? AND organisation_id = ?', [tbl, parentId, organisationId]);
  return rows.map(fromRow);
}

export async function recordsSince(sql: Sql, organisationId: string, cursor: number, limit: number): Promise<StoredRecord[]> {
  const rows = await sql.all<Row>('SELECT * FROM records WHERE organisation_id = ? AND seq > ? ORDER BY seq LIMIT ?', [
    organisationId,
    cursor,
    limit,
  ]);
  return rows.map(fromRow);
}

/** Creates a record as the server (seed, import): version 1, every field at version 1. */
export async function insertAsServer(sql: Sql, tbl: string, id: string, organisationId: string, body: Record<string, unknown>) {
  const seq = await nextSeq(sql);
  const fieldVersions = Object.fromEntries(Object.keys(body).map((k) => [k, { v: 1, c: 'server' }]));
  await putRecord(sql, { tbl, id, organisationId, version: 1, seq, body: { ...body, version: 1 }, fieldVersions });
}

const IN_CHUNK = 100;
const IN_TEXT = `SELECT * FROM records WHERE tbl = ? AND id IN (${Array(IN_CHUNK).fill('?').join(', ')})`;
const RECORD_CHUNK = 100;
const RESULT_CHUNK = 100;
const CHILDREN_TEXT = 'SELECT * FROM records WHERE tbl = ? AND parent_id = ? AND organisation_id = ?';
const SEANCES_TEXT = "SELECT * FROM records WHERE tbl = 'seances' AND organisation_id = ?";
/** Columns of a result row. */
const RESULT_WIDTH = 8;

/** A multi-row statement's text, made once per number of rows. */
function rowsText(cache: Map<number, string>, head: string, tail: string, row: string, n: number): string {
  let text = cache.get(n);
  if (text === undefined) cache.set(n, (text = `${head} VALUES ${Array(n).fill(row).join(', ')}${tail}`));
  return text;
}
const recordTexts = new Map<number, string>();
const resultTexts = new Map<number, string>();
const RECORD_HEAD = 'INSERT INTO records (tbl, id, organisation_id, version, seq, body, field_versions, parent_id)';
const RECORD_TAIL = `
         ON CONFLICT (tbl, id) DO UPDATE SET version = excluded.version, seq = excluded.seq, body = excluded.body,
           field_versions = excluded.field_versions, parent_id = excluded.parent_id`;
const RESULT_HEAD = 'INSERT INTO push_results (tbl, record_id, push_id, mutation_id, status, code, name, base_version)';

/**
 * A mutation result as push records it: the client's answer and the audit trail in one row.
 * Who pushed it, from which device and when is said once, by its push (table `pushes`).
 */
export interface ResultRow {
  pushId: number;
  mutationId: number;
  status: string;
  code: string | null;
  tbl: string;
  recordId: string;
  name: string;
  baseVersion: number;
}

/**
 * One push transaction's view of the records: everything it touches is read once (in batches),
 * kept here as objects, and written back at the end in multi-row statements, with the sequence
 * counter written once. Anything that reads the tables directly (signing.ts) must be preceded
 * by `flush()`, which also hands the counter back to SQL.
 */
export class RecordCache {
  /** Table → id → record (null: known to be missing). */
  private readonly records = new Map<string, Map<string, StoredRecord | null>>();
  /** Table → id → record to write. */
  private readonly pending = new Map<string, Map<string, StoredRecord>>();
  /** Records to read at the next prefetch. */
  private wanted = new Map<string, string[]>();
  /** The result rows to write, as the parameters of one statement per RESULT_CHUNK rows. */
  private results: SqlValue[][] = [];
  private seq: number | undefined;
  private seqDirty = false;
  /** `tbl|parent` → the live records under that parent, once loaded (kept up to date by put). */
  private readonly children = new Map<string, Map<string, StoredRecord>>();
  /** Registry number → its deliberation (undefined: known to be free), once read. */
  private readonly numberHolders = new Map<string, string | undefined>();
  /** Numbers given in this push, to insert at the next flush. */
  private numbers: [string, string][] = [];

  constructor(
    readonly sql: Sql,
    private readonly dialect: 'sqlite' | 'postgres',
    readonly organisationId = '',
  ) {}

  /** The live records under a parent; undefined when not loaded yet (see `loadChildren`). */
  childrenOf(tbl: string, parent: string): StoredRecord[] | undefined {
    const m = this.children.get(`${tbl}|${parent}`);
    return m && [...m.values()];
  }

  /** Reads the live records under a parent; those this push wrote are seen as written. */
  async loadChildren(tbl: string, parent: string): Promise<void> {
    const key = `${tbl}|${parent}`;
    if (this.children.has(key)) return;
    const map = new Map<string, StoredRecord>();
    // A body's séances have no parent column (see parentOf): the organisation's, by body.
    const rows = tbl === 'seances' ? await this.sql.all<Row>(SEANCES_TEXT, [this.organisationId]) : await this.sql.all<Row>(CHILDREN_TEXT, [tbl, parent, this.organisationId]);
    for (const row of rows) {
      const mine = this.records.get(tbl)?.get(row.id);
      // A record this push has read or written is the cache's; SQL may not have it yet.
      if (mine === undefined || mine === null) {
        const r = fromRow(row);
        if (listedUnder(r) !== parent) continue;
        this.table(this.records, tbl).set(r.id, r);
        map.set(r.id, r);
      }
    }
    for (const r of this.records.get(tbl)?.values() ?? []) if (r && !r.body._deleted && listedUnder(r) === parent) map.set(r.id, r);
    this.children.set(key, map);
  }

  /** The deliberation holding a registry number; `null` when not read yet. */
  numberHolder(number: string): string | undefined | null {
    return this.numberHolders.has(number) ? this.numberHolders.get(number) : null;
  }

  async loadNumber(number: string): Promise<void> {
    if (this.numberHolders.has(number)) return;
    const row = await this.sql.get<{ deliberation_id: string }>('SELECT deliberation_id FROM registry_numbers WHERE organisation_id = ? AND number = ?', [
      this.organisationId,
      number,
    ]);
    this.numberHolders.set(number, row?.deliberation_id);
  }

  /** A number given by this push: held from now on, written at the next flush. */
  giveNumber(number: string, deliberationId: string): void {
    this.numberHolders.set(number, deliberationId);
    this.numbers.push([number, deliberationId]);
  }

  /**
   * Reads the counter (locking it on PostgreSQL until commit: sequence order is commit order).
   * Called at the start of a push, and again after anything else advanced the counter in SQL.
   */
  async loadSeq(): Promise<void> {
    const lock = this.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const row = await this.sql.get<{ value: number }>(`SELECT value FROM counters WHERE name = 'seq'${lock}`);
    this.seq = Number(row!.value);
    this.seqDirty = false;
  }

  /** The next sequence number, allocated in memory; `flush()` writes the counter once. */
  nextSeq(): number {
    if (this.seq === undefined) throw new Error('loadSeq() first');
    this.seqDirty = true;
    return ++this.seq;
  }

  /**
   * Notes a record the push will read; the next `prefetch()` loads it. Until then it counts as
   * missing (nothing reads between the two).
   */
  want(tbl: string, id: string): void {
    const known = this.table(this.records, tbl);
    if (known.has(id)) return;
    known.set(id, null);
    let ids = this.wanted.get(tbl);
    if (!ids) this.wanted.set(tbl, (ids = []));
    ids.push(id);
  }

  /**
   * Loads the given records, and those noted by `want()`, in a few `IN (…)` queries; missing
   * ones are remembered as missing.
   */
  async prefetch(wanted: Iterable<[string, string]> = []): Promise<void> {
    for (const [tbl, id] of wanted) this.want(tbl, id);
    const byTable = this.wanted;
    this.wanted = new Map();
    // Fixed-size chunks (padded with a repeated id): one prepared statement serves every chunk.
    for (const [tbl, ids] of byTable) {
      const known = this.table(this.records, tbl);
      for (let i = 0; i < ids.length; i += IN_CHUNK) {
        const params: SqlValue[] = [tbl];
        for (let j = i; j < i + IN_CHUNK; j++) params.push(ids[j < ids.length ? j : i]!);
        for (const row of await this.sql.all<Row>(IN_TEXT, params)) if (known.get(row.id) === null) known.set(row.id, fromRow(row));
      }
    }
  }

  /** The record if already known: null when known to be missing, undefined when not loaded. */
  peek(tbl: string, id: string): StoredRecord | null | undefined {
    return this.records.get(tbl)?.get(id);
  }

  async get(tbl: string, id: string): Promise<StoredRecord | undefined> {
    const known = this.table(this.records, tbl);
    let r = known.get(id);
    if (r === undefined) known.set(id, (r = (await getRecord(this.sql, tbl, id)) ?? null));
    return r ?? undefined;
  }

  /** Drops a record from the cache, after something else wrote it directly. */
  forget(tbl: string, id: string): void {
    this.records.get(tbl)?.delete(id);
  }

  put(r: StoredRecord): void {
    // Lists kept up to date once loaded (none are, in a push of new séances: no key is built).
    if (this.children.size) {
      const old = this.records.get(r.tbl)?.get(r.id);
      if (old) this.children.get(`${r.tbl}|${listedUnder(old)}`)?.delete(r.id);
      const under = listedUnder(r);
      if (under !== null) this.children.get(`${r.tbl}|${under}`)?.set(r.id, r);
    }
    this.table(this.records, r.tbl).set(r.id, r);
    this.table(this.pending, r.tbl).set(r.id, r);
  }

  private table<T>(maps: Map<string, Map<string, T>>, tbl: string): Map<string, T> {
    let m = maps.get(tbl);
    if (!m) maps.set(tbl, (m = new Map()));
    return m;
  }

  addResult(r: ResultRow): void {
    let params = this.results[this.results.length - 1];
    if (!params || params.length >= RESULT_CHUNK * RESULT_WIDTH) this.results.push((params = []));
    params.push(r.tbl, r.recordId, r.pushId, r.mutationId, r.status, r.code, r.name, r.baseVersion);
  }

  /** Writes the pending records, the results and the counter, so that SQL sees all of them. */
  async flush(): Promise<void> {
    const records: StoredRecord[] = [];
    for (const m of this.pending.values()) for (const r of m.values()) records.push(r);
    this.pending.clear();
    for (let i = 0; i < records.length; i += RECORD_CHUNK) {
      const end = Math.min(i + RECORD_CHUNK, records.length);
      const params: SqlValue[] = [];
      for (let j = i; j < end; j++) {
        const r = records[j]!;
        params.push(r.tbl, r.id, r.organisationId, r.version, r.seq, JSON.stringify(r.body), fieldVersionsJson(r), parentColumn(r));
      }
      await this.sql.run(rowsText(recordTexts, RECORD_HEAD, RECORD_TAIL, '(?, ?, ?, ?, ?, ?, ?, ?)', end - i), params);
    }
    const numbers = this.numbers;
    this.numbers = [];
    for (const [number, deliberationId] of numbers) {
      // The key refuses a second act with the same number, whatever a check above let through.
      await this.sql.run('INSERT INTO registry_numbers (organisation_id, number, deliberation_id) VALUES (?, ?, ?)', [this.organisationId, number, deliberationId]);
    }
    const results = this.results;
    this.results = [];
    for (const params of results) {
      await this.sql.run(rowsText(resultTexts, RESULT_HEAD, '', '(?, ?, ?, ?, ?, ?, ?, ?)', params.length / RESULT_WIDTH), params);
    }
    if (this.seqDirty) await this.sql.run("UPDATE counters SET value = ? WHERE name = 'seq'", [this.seq!]);
    this.seqDirty = false;
  }
}
