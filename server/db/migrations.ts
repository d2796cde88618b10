import { parentOf } from '../../src/domain/commands';
import type { Driver, Sql } from './driver';

/** A migration: SQL both databases accept, or a function for what SQL alone cannot say portably. */
export type Migration = string | ((tx: Sql, dialect: Driver['dialect']) => Promise<void>);

/*
 * Migrations, in order, written in the SQL both SQLite and PostgreSQL accept. A new migration is
 * appended, never edited: deployed databases replay only what they lack.
 */
export const MIGRATIONS: Migration[] = [
  `CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
   INSERT INTO counters (name, value) VALUES ('seq', 0);
   CREATE TABLE records (
     tbl TEXT NOT NULL,
     id TEXT NOT NULL,
     organisation_id TEXT NOT NULL,
     version BIGINT NOT NULL,
     seq BIGINT NOT NULL,
     body TEXT NOT NULL,
     field_versions TEXT NOT NULL,
     PRIMARY KEY (tbl, id)
   );
   CREATE INDEX records_pull ON records (organisation_id, seq);
   CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE memberships (
     user_id TEXT NOT NULL,
     organisation_id TEXT NOT NULL,
     role TEXT NOT NULL,
     PRIMARY KEY (user_id, organisation_id)
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     organisation_id TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE TABLE login_failures (key TEXT PRIMARY KEY, count BIGINT NOT NULL, window_start TEXT NOT NULL);
   CREATE TABLE clients (
     client_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     organisation_id TEXT NOT NULL,
     last_mutation_id BIGINT NOT NULL
   );
   CREATE TABLE mutation_results (
     client_id TEXT NOT NULL,
     mutation_id BIGINT NOT NULL,
     status TEXT NOT NULL,
     code TEXT,
     PRIMARY KEY (client_id, mutation_id)
   );
   CREATE TABLE device_keys (
     key_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     public_jwk TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
  // The audit trail: each mutation result says what it touched, who pushed it and when (server
  // time), so the history of a record costs no extra row.
  `ALTER TABLE mutation_results ADD COLUMN tbl TEXT;
   ALTER TABLE mutation_results ADD COLUMN record_id TEXT;
   ALTER TABLE mutation_results ADD COLUMN name TEXT;
   ALTER TABLE mutation_results ADD COLUMN user_id TEXT;
   ALTER TABLE mutation_results ADD COLUMN at TEXT;
   ALTER TABLE mutation_results ADD COLUMN base_version BIGINT;
   CREATE INDEX mutation_results_record ON mutation_results (tbl, record_id);`,
  // Content-addressed files (a convention's attached PDF), per organisation (server/files.ts).
  // BYTEA is PostgreSQL's binary type; SQLite accepts the name and stores a bound Buffer as a BLOB.
  `CREATE TABLE files (
     organisation_id TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     size BIGINT NOT NULL,
     content_type TEXT NOT NULL,
     bytes BYTEA NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (organisation_id, sha256)
   );`,
  // One row per push (who, from which device, when) instead of those three on every mutation
  // result, and the results keyed by the record they touched: the audit reads them by record;
  // a client's numbers are kept unique by clients.last_mutation_id, checked in the same
  // transaction. A result row is smaller and, on SQLite, in one B-tree instead of three (10,000
  // result rows: 14.9 ms before, 8.9 ms after, in a micro-benchmark). Existing results are kept:
  // each (device, user, time) they name becomes a push.
  `CREATE TABLE pushes (
     id BIGINT PRIMARY KEY,
     client_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     at TEXT NOT NULL
   );
   INSERT INTO pushes (id, client_id, user_id, at)
     SELECT ROW_NUMBER() OVER (ORDER BY at, client_id, user_id), client_id, user_id, at
     FROM (SELECT DISTINCT client_id, COALESCE(user_id, '') AS user_id, COALESCE(at, '') AS at FROM mutation_results) g;
   INSERT INTO counters (name, value) SELECT 'push', COALESCE(MAX(id), 0) FROM pushes;
   CREATE TABLE push_results (
     tbl TEXT NOT NULL,
     record_id TEXT NOT NULL,
     push_id BIGINT NOT NULL,
     mutation_id BIGINT NOT NULL,
     status TEXT NOT NULL,
     code TEXT,
     name TEXT NOT NULL,
     base_version BIGINT NOT NULL,
     PRIMARY KEY (tbl, record_id, push_id, mutation_id)
   ) WITHOUT ROWID;
   INSERT INTO push_results (tbl, record_id, push_id, mutation_id, status, code, name, base_version)
     SELECT COALESCE(r.tbl, ''), COALESCE(r.record_id, ''), p.id, r.mutation_id, r.status, r.code, COALESCE(r.name, ''), COALESCE(r.base_version, 0)
     FROM mutation_results r
     JOIN pushes p ON p.client_id = r.client_id AND p.user_id = COALESCE(r.user_id, '') AND p.at = COALESCE(r.at, '');
   DROP TABLE mutation_results;`,
  // The server checks every command against its own records (docs/decisions/004): a record's
  // parent (a séance's roll-call, items and votes; a body's séances, mandates and pouvoirs; an
  // organisation's members) is a column, so the checks read them by index; the registry numbers
  // an organisation has given are a table whose key forbids two acts with the same number; an
  // account may be linked to the member it signs as.
  `ALTER TABLE records ADD COLUMN parent_id TEXT;
   CREATE INDEX records_parent ON records (tbl, parent_id) WHERE parent_id IS NOT NULL;
   CREATE TABLE registry_numbers (
     organisation_id TEXT NOT NULL,
     number TEXT NOT NULL,
     deliberation_id TEXT NOT NULL,
     PRIMARY KEY (organisation_id, number)
   );
   ALTER TABLE users ADD COLUMN member_id TEXT;`,
  backfillParents,
  // Each organisation's seal key (decision 005): the server signs every seal with it. The private
  // half (a JWK) stays in this table, which no sync route reads; the public half is published as
  // a `publicKeys` record.
  `CREATE TABLE seal_keys (
     key_id TEXT PRIMARY KEY,
     organisation_id TEXT NOT NULL UNIQUE,
     public_jwk TEXT NOT NULL,
     private_jwk TEXT NOT NULL,
     created_at TEXT NOT NULL
   );`,
  // Sign-in attempts counted before the password is checked, keyed by hashes (server/auth/limits.ts).
  `DROP TABLE login_failures;
   CREATE TABLE login_attempts (key TEXT PRIMARY KEY, failures BIGINT NOT NULL, last_at BIGINT NOT NULL);
   CREATE INDEX login_attempts_last ON login_attempts (last_at);
   CREATE INDEX sessions_expiry ON sessions (expires_at);`,
  // Version 9. Invitations (server/auth/invitations.ts): a one-time link an administrator passes
  // on; the token itself is never stored, only its SHA-256. A session says when and from which
  // browser it began, for its user to recognise and end it (server/accounts.ts).
  `CREATE TABLE invitations (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     organisation_id TEXT NOT NULL,
     email TEXT NOT NULL,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     member_id TEXT,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );
   CREATE INDEX invitations_organisation ON invitations (organisation_id, email);
   ALTER TABLE sessions ADD COLUMN created_at TEXT;
   ALTER TABLE sessions ADD COLUMN user_agent TEXT;`,
  // Version 10. Account administration (server/accounts.ts): an account is deactivated in one
  // organisation (its membership), sign-ins and sessions' last use are dated, and a password reset
  // is a one-time token kept hashed, with its expiry.
  `ALTER TABLE memberships ADD COLUMN deactivated_at TEXT;
   ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;
   ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
   CREATE TABLE password_resets (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     organisation_id TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );
   CREATE INDEX password_resets_user ON password_resets (user_id);
   CREATE INDEX sessions_user ON sessions (user_id);`,
];

/**
 * Fills parent_id and registry_numbers from the records' bodies (a vote's parent is its
 * deliberation's séance). A number already held by another act stays with the first one: the
 * duplicates that older servers let in are left for a person to resolve.
 */
async function backfillParents(tx: Sql): Promise<void> {
  const rows = await tx.all<{ tbl: string; id: string; organisation_id: string; body: string }>(
    'SELECT tbl, id, organisation_id, body FROM records ORDER BY seq',
  );
  const seanceOfDeliberation = new Map<string, string>();
  const bodies = rows.map((r) => ({ ...r, json: JSON.parse(r.body) as Record<string, unknown> }));
  for (const r of bodies) if (r.tbl === 'deliberations' && typeof r.json.seanceId === 'string') seanceOfDeliberation.set(r.id, r.json.seanceId);
  for (const r of bodies) {
    if (r.json._deleted) continue;
    const parent = r.tbl === 'votes' ? seanceOfDeliberation.get(r.id) : parentOf(r.tbl, r.json);
    if (parent) await tx.run('UPDATE records SET parent_id = ? WHERE tbl = ? AND id = ?', [parent, r.tbl, r.id]);
    const number = r.json.registryNumber;
    if (r.tbl === 'deliberations' && typeof number === 'string' && number) {
      await tx.run('INSERT INTO registry_numbers (organisation_id, number, deliberation_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
        r.organisation_id,
        number,
        r.id,
      ]);
    }
  }
}

/** SQLite's clustered tables; PostgreSQL has no such option (its tables are heaps). */
const forDialect = (statement: string, dialect: Driver['dialect']) => (dialect === 'postgres' ? statement.replace(/\)\s*WITHOUT ROWID\s*$/, ')') : statement);

/** Applies the migrations the database lacks (up to `upTo`, for tests of a migration). */
export async function migrate(db: Driver, upTo = MIGRATIONS.length): Promise<void> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL)');
  await db.transaction(async (tx) => {
    const row = await tx.get<{ version: number }>('SELECT MAX(version) AS version FROM schema_migrations');
    const current = Number(row?.version ?? 0);
    for (let v = current; v < upTo; v++) {
      const m = MIGRATIONS[v]!;
      if (typeof m === 'function') await m(tx, db.dialect);
      else for (const statement of m.split(/;\s*(?:\n|$)/).filter((s) => s.trim())) await tx.run(forDialect(statement, db.dialect));
      await tx.run('INSERT INTO schema_migrations (version) VALUES (?)', [v + 1]);
    }
  });
}
