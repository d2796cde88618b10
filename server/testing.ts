import pg from 'pg';
import { frozenOf } from '../src/domain/frozen';
import type { Attendance, Deliberation, Proxy, Vote } from '../src/domain/schemas';
import type { OrganisationSnapshot } from './demo';
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

/**
 * The frozen part a raw push's `seance.close` must carry (domain/frozen.ts), for a séance of a
 * seeded organisation: what the server computes from its records, given the séance's own.
 */
export function frozenFor(
  seed: OrganisationSnapshot,
  seance: { bodyId: string; date: string; presidentId?: string | undefined; secretaryIds?: string[] | undefined },
  records: { attendance?: unknown[]; deliberations?: unknown[]; votes?: unknown[]; proxies?: unknown[] } = {},
) {
  return frozenOf({
    seance: { bodyId: seance.bodyId, date: seance.date, presidentId: seance.presidentId, secretaryIds: seance.secretaryIds ?? [] } as never,
    organisation: seed.organisation,
    body: seed.bodies.find((b) => b.id === seance.bodyId)!,
    members: seed.members,
    mandates: seed.mandates,
    attendance: (records.attendance ?? []) as Attendance[],
    deliberations: (records.deliberations ?? []) as Deliberation[],
    votes: (records.votes ?? []) as Vote[],
    proxies: (records.proxies ?? []) as Proxy[],
  });
}
