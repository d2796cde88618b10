import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Driver, Sql, SqlValue } from './driver';

/**
 * better-sqlite3 is synchronous and one connection serves every request, so transactions are
 * queued: an await inside one must never let another request's statements slip into it.
 */
export function openSqliteDriver(file: string): Driver {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  let queue: Promise<unknown> = Promise.resolve();
  // Preparing a statement costs more than running it: each SQL text is prepared once.
  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let st = statements.get(text);
    if (!st) statements.set(text, (st = db.prepare(text)));
    return st;
  };

  const sql: Sql = {
    async all<T>(text: string, params: SqlValue[] = []) {
      return prepared(text).all(...params) as T[];
    },
    async get<T>(text: string, params: SqlValue[] = []) {
      return prepared(text).get(...params) as T | undefined;
    },
    async run(text: string, params: SqlValue[] = []) {
      prepared(text).run(...params);
    },
  };

  return {
    dialect: 'sqlite',
    ...sql,
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(sql);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          db.exec('ROLLBACK');
          throw e;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
    async exec(script) {
      db.exec(script);
    },
    async backup(file) {
      // better-sqlite3's online backup API: pages copied in steps, other requests served between.
      await db.backup(file);
    },
    async close() {
      await queue;
      db.close();
    },
  };
}
