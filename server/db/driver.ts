/**
 * The small SQL surface both databases share. SQL is written once with `?` placeholders; the
 * PostgreSQL driver numbers them. Values are strings, numbers or null; JSON is stored as text.
 */
export type SqlValue = string | number | null | Uint8Array;

export interface Sql {
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: SqlValue[]): Promise<void>;
}

export interface Driver extends Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `fn` in one transaction: all of it commits, or none of it. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** SQLite only: a consistent copy of the database into a new file, while it is in use. */
  backup?(file: string): Promise<void>;
}
