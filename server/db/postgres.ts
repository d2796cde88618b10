import pg from 'pg';
import type { Driver, Sql, SqlValue } from './driver';

// BIGINT (int8) comes back as a string by default; our counters fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

function numbered(text: string): string {
  let i = 0;
  return text.replace(/\?/g, () => `$${++i}`);
}

function over(client: pg.Pool | pg.PoolClient): Sql {
  return {
    async all<T>(text: string, params: SqlValue[] = []) {
      return (await client.query(numbered(text), params)).rows as T[];
    },
    async get<T>(text: string, params: SqlValue[] = []) {
      return (await client.query(numbered(text), params)).rows[0] as T | undefined;
    },
    async run(text: string, params: SqlValue[] = []) {
      await client.query(numbered(text), params);
    },
  };
}

export function openPostgresDriver(connectionString: string): Driver {
  const pool = new pg.Pool({ connectionString, max: 5 });
  return {
    dialect: 'postgres',
    ...over(pool),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        // SERIALIZABLE would be stricter; one advisory lock per organisation is what sync needs
        // and push takes it explicitly (see sync/push.ts).
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    async close() {
      await pool.end();
    },
  };
}
