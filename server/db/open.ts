import { resolve } from 'node:path';
import type { Driver } from './driver';
import { migrate } from './migrations';
import { openPostgresDriver } from './postgres';
import { openSqliteDriver } from './sqlite';

/** SQLite by default (a file under ./data); PostgreSQL when DATABASE_URL=postgres://… is set. */
export async function openDatabase(env: { DATABASE_URL?: string; SQLITE_FILE?: string }): Promise<Driver> {
  const url = env.DATABASE_URL;
  const db = url && /^postgres(ql)?:\/\//.test(url) ? openPostgresDriver(url) : openSqliteDriver(env.SQLITE_FILE ?? resolve('data/registre.sqlite'));
  await migrate(db);
  return db;
}
