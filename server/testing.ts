import pg from 'pg';
import type { Driver } from './db/driver';
import { migrate } from './db/migrations';
import { openPostgresDriver } from './db/postgres';
import { openSqliteDriver } from './db/sqlite';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Is the test PostgreSQL reachable? (It runs on this machine and in CI.) */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * A fresh database of each kind: SQLite in memory, PostgreSQL in its own schema. `open()`
 * migrates it; `blank()` leaves it empty, for migration tests.
 */
export const adapters: { name: 'sqlite' | 'postgres'; open: () => Promise<Driver>; blank: () => Promise<Driver> }[] = [
  {
    name: 'sqlite',
    blank: async () => openSqliteDriver(':memory:'),
    open: async () => {
      const db = openSqliteDriver(':memory:');
      await migrate(db);
      return db;
    },
  },
  {
    name: 'postgres',
    blank: blankPostgres,
    open: async () => {
      const db = await blankPostgres();
      await migrate(db);
      return db;
    },
  },
];

async function blankPostgres(): Promise<Driver> {
  const schema = `t_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = openPostgresDriver(`${PG_URL}?options=-c%20search_path%3D${schema}`);
  const close = db.close.bind(db);
  return {
    ...db,
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
