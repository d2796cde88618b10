import type { Sql } from '../db/driver';

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
}

interface Row {
  tbl: string;
  id: string;
  organisation_id: string;
  version: number;
  seq: number;
  body: string;
  field_versions: string;
}

const fromRow = (r: Row): StoredRecord => ({
  tbl: r.tbl,
  id: r.id,
  organisationId: r.organisation_id,
  version: Number(r.version),
  seq: Number(r.seq),
  body: JSON.parse(r.body) as Record<string, unknown>,
  fieldVersions: JSON.parse(r.field_versions) as Record<string, FieldStamp>,
});

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

export async function putRecord(sql: Sql, r: StoredRecord): Promise<void> {
  await sql.run(
    `INSERT INTO records (tbl, id, organisation_id, version, seq, body, field_versions) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (tbl, id) DO UPDATE SET version = excluded.version, seq = excluded.seq, body = excluded.body,
       field_versions = excluded.field_versions`,
    [r.tbl, r.id, r.organisationId, r.version, r.seq, JSON.stringify(r.body), JSON.stringify(r.fieldVersions)],
  );
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
