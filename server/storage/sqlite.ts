import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BodySchema, MandateSchema, MemberSchema, OrganisationSchema } from '../../src/domain/schemas';
import type { OrganisationSnapshot, Storage } from './types';

/*
 * Records are stored as validated JSON documents keyed by id and organisation: the domain
 * schemas are the single source of truth for their shape, and every row is parsed back
 * through them, so a hand-edited database cannot feed the client an invalid record.
 */
const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS records (
     kind TEXT NOT NULL,
     id TEXT NOT NULL,
     organisation_id TEXT NOT NULL,
     body TEXT NOT NULL,
     PRIMARY KEY (kind, id)
   );
   CREATE INDEX IF NOT EXISTS records_org ON records (organisation_id, kind);`,
];

export function openSqlite(file: string): Storage {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');

  const rows = (orgId: string, kind: string) =>
    (db.prepare('SELECT body FROM records WHERE organisation_id = ? AND kind = ? ORDER BY id').all(orgId, kind) as {
      body: string;
    }[]).map((r) => JSON.parse(r.body) as unknown);

  return {
    async migrate() {
      db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
      const current = row?.version ?? 0;
      db.transaction(() => {
        for (let v = current; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
        db.prepare('DELETE FROM schema_version').run();
        db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
      })();
    },
    async listOrganisations() {
      return (db.prepare("SELECT body FROM records WHERE kind = 'organisation' ORDER BY id").all() as { body: string }[]).map(
        (r) => OrganisationSchema.parse(JSON.parse(r.body)),
      );
    },
    async snapshot(organisationId) {
      const org = db.prepare("SELECT body FROM records WHERE kind = 'organisation' AND id = ?").get(organisationId) as
        | { body: string }
        | undefined;
      if (!org) return undefined;
      return {
        organisation: OrganisationSchema.parse(JSON.parse(org.body)),
        bodies: rows(organisationId, 'body').map((b) => BodySchema.parse(b)),
        members: rows(organisationId, 'member').map((m) => MemberSchema.parse(m)),
        mandates: rows(organisationId, 'mandate').map((m) => MandateSchema.parse(m)),
      };
    },
    async saveSnapshot(s: OrganisationSnapshot) {
      const put = db.prepare(
        'INSERT INTO records (kind, id, organisation_id, body) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body',
      );
      const orgId = s.organisation.id;
      db.transaction(() => {
        put.run('organisation', orgId, orgId, JSON.stringify(s.organisation));
        for (const b of s.bodies) put.run('body', b.id, orgId, JSON.stringify(b));
        for (const m of s.members) put.run('member', m.id, orgId, JSON.stringify(m));
        for (const m of s.mandates) put.run('mandate', m.id, orgId, JSON.stringify(m));
      })();
    },
    async close() {
      db.close();
    },
  };
}
