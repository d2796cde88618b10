import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../src/domain/ids';
import type { PullResponse } from '../src/domain/sync';
import { runAdmin, type AdminIo } from './adminCommands';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { migrate } from './db/migrations';
import { openSqliteDriver } from './db/sqlite';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters } from './testing';

/** Runs a command as `npm run admin -- …` does, capturing its output. */
async function admin(db: Driver | (() => Promise<Driver>), argv: string[], env: NodeJS.ProcessEnv = {}, pgDump?: AdminIo['pgDump']) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, db, { out: (l) => out.push(l), err: (l) => err.push(l), env, ...(pgDump ? { pgDump } : {}) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The temporary password a command printed (the line after the announcement). */
const printedPassword = (out: string) => /provisoire[^\n]*\n {2}(\S+)/.exec(out)?.[1];

async function signIn(db: Driver, email: string, password: string) {
  const app = createApp({ db, refuseDemoPassword: true });
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { status: res.status, body: (await res.json()) as { role?: string; organisationId?: string }, app, cookie };
}

/** Every table an administration command may write: a refused command leaves them all as they were. */
async function snapshot(db: Driver) {
  const tables = ['users', 'memberships', 'sessions', 'records'];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = await db.all(`SELECT * FROM ${t} ORDER BY 1, 2`);
  return JSON.stringify(out);
}

describe('npm run admin -- help', () => {
  it('exits 0 and lists every command, without opening the database', async () => {
    const r = await admin(() => Promise.reject(new Error('no database for help')), ['help']);
    expect(r.code).toBe(0);
    for (const c of ['create-organisation', 'create-user', 'reset-password', 'list', 'backup']) expect(r.out).toContain(c);
  });

  it('refuses no command, an unknown one or an unknown option with a French message and status 1', async () => {
    const noDb = () => Promise.reject(new Error('the database must not be opened'));
    expect(await admin(noDb, [])).toMatchObject({ code: 1, err: expect.stringContaining('Aucune commande') });
    expect(await admin(noDb, ['supprimer-tout'])).toMatchObject({ code: 1, err: expect.stringContaining('Commande inconnue') });
    expect(await admin(noDb, ['list', '--force'])).toMatchObject({ code: 1, err: expect.stringContaining('option inconnue') });
    expect(await admin(noDb, ['create-organisation', '--name', 'X'])).toMatchObject({ code: 1, err: expect.stringContaining('--admin-email, --admin-name') });
  });
});

describe.each(adapters)('npm run admin ($name)', ({ name, open }) => {
  let db: Driver;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => {
    await db.close();
  });

  const newOrg = (extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
    admin(db, ['create-organisation', '--name', 'Commune de Saint-Test', '--admin-email', 'Maire@Saint-Test.fr', '--admin-name', 'Marie Maire', ...extra], env);

  it('create-organisation: the organisation record and its administrator, who signs in with the password shown once and pulls it', async () => {
    const r = await newOrg(['--kind', 'commune']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const password = printedPassword(r.out)!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    const s = await signIn(db, 'maire@saint-test.fr', password);
    expect(s.status).toBe(200);
    expect(s.body.role).toBe('administrateur');
    expect(r.out).toContain(s.body.organisationId);
    const pulled = (await (await s.app.request(`/api/sync/pull?clientId=${newId()}`, { headers: { Cookie: s.cookie } })).json()) as PullResponse;
    expect(pulled.records.find((x) => x.table === 'organisations')?.body).toMatchObject({ id: s.body.organisationId, name: 'Commune de Saint-Test', kind: 'commune' });
  });

  it('create-organisation with REGISTRE_ADMIN_PASSWORD: that password, not shown', async () => {
    const r = await newOrg([], { REGISTRE_ADMIN_PASSWORD: 'une phrase de passe assez longue' });
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('une phrase de passe');
    expect((await signIn(db, 'maire@saint-test.fr', 'une phrase de passe assez longue')).status).toBe(200);
  });

  it('create-organisation refuses bad input and changes nothing', async () => {
    await seedOrganisation(db);
    const before = await snapshot(db);
    const cases: [string[], NodeJS.ProcessEnv, string][] = [
      [['create-organisation', '--name', 'A', '--admin-email', 'pas-une-adresse', '--admin-name', 'B'], {}, 'Adresse électronique invalide'],
      [['create-organisation', '--name', '   ', '--admin-email', 'a@b.fr', '--admin-name', 'B'], {}, 'manquante'],
      [['create-organisation', '--name', 'A', '--admin-email', 'a@b.fr', '--admin-name', 'B', '--kind', 'royaume'], {}, 'Requête invalide'],
      [['create-organisation', '--name', 'A', '--admin-email', 'a@b.fr', '--admin-name', 'B'], { REGISTRE_ADMIN_PASSWORD: 'court' }, '12 caractères'],
      [['create-organisation', '--name', 'A', '--admin-email', 'a@b.fr', '--admin-name', 'B'], { REGISTRE_ADMIN_PASSWORD: DEMO_PASSWORD }, 'démonstration'],
      [['create-organisation', '--name', 'A', '--admin-email', 'admin@demo.example', '--admin-name', 'B'], {}, 'existe déjà'],
      [['create-organisation', '--name', 'A\u0000', '--admin-email', 'a@b.fr', '--admin-name', 'B'], {}, 'nom'],
    ];
    for (const [argv, env, message] of cases) {
      const r = await admin(db, argv, env);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toContain(message);
      expect(r.out).toBe('');
    }
    expect(await snapshot(db)).toBe(before);
  });

  it('create-user: an account of the role given, in the organisation named or given by id, linked to a member', async () => {
    const demo = await seedOrganisation(db);
    const other = await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
    const member = demo.members[4]!;
    const r = await admin(db, ['create-user', '--org', demo.organisation.name, '--email', 'nadia@demo.example', '--name', 'Nadia BENALI', '--role', 'president', '--member', member.id]);
    expect(r).toMatchObject({ code: 0, err: '' });
    const s = await signIn(db, 'nadia@demo.example', printedPassword(r.out)!);
    expect(s.body).toMatchObject({ role: 'president', organisationId: demo.organisation.id, user: { memberId: member.id } });
    const byId = await admin(db, ['create-user', '--org', other.organisation.id, '--email', 'lea@autre.example', '--name', 'Léa', '--role', 'lecture']);
    expect(byId.code).toBe(0);
    expect((await signIn(db, 'lea@autre.example', printedPassword(byId.out)!)).body).toMatchObject({ role: 'lecture', organisationId: other.organisation.id });
  });

  it('create-user refuses bad input and changes nothing', async () => {
    const demo = await seedOrganisation(db);
    const other = await seedOrganisation(db, { name: 'Commune voisine', emailDomain: 'autre.example' });
    const before = await snapshot(db);
    const base = ['create-user', '--email', 'x@demo.example', '--name', 'X'];
    const cases: [string[], string][] = [
      [[...base, '--org', demo.organisation.id, '--role', 'roi'], 'Rôle inconnu'],
      [[...base, '--org', 'Organisation qui n’existe pas', '--role', 'lecture'], 'Organisation introuvable'],
      [[...base, '--org', demo.organisation.id, '--role', 'president', '--member', other.members[0]!.id], 'membre'],
      [['create-user', '--org', demo.organisation.id, '--email', 'SECRETAIRE@demo.example', '--name', 'X', '--role', 'lecture'], 'existe déjà'],
      [[...base, '--org', demo.organisation.id], '--role'],
    ];
    for (const [argv, message] of cases) {
      const r = await admin(db, argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toContain(message);
    }
    expect(await snapshot(db)).toBe(before);
  });

  it('reset-password: the old password no longer signs in, the new one does, open sessions end', async () => {
    await seedOrganisation(db);
    const old = await signIn(db, 'secretaire@demo.example', DEMO_PASSWORD);
    expect(old.status).toBe(401); // the demo password outside demo mode
    await db.run("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'admin@demo.example') WHERE email = 'secretaire@demo.example'");
    const app = createApp({ db });
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'secretaire@demo.example', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(200);

    const r = await admin(db, ['reset-password', '--email', 'Secretaire@demo.example']);
    expect(r.code).toBe(0);
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await signIn(db, 'secretaire@demo.example', printedPassword(r.out)!)).status).toBe(200);
  });

  it('reset-password refuses an unknown account or a weak password and changes nothing', async () => {
    await seedOrganisation(db);
    const before = await snapshot(db);
    expect(await admin(db, ['reset-password', '--email', 'personne@demo.example'])).toMatchObject({ code: 1, err: expect.stringContaining('Aucun compte') });
    expect(await admin(db, ['reset-password', '--email', 'secretaire@demo.example'], { REGISTRE_ADMIN_PASSWORD: 'trop court' })).toMatchObject({
      code: 1,
      err: expect.stringContaining('12 caractères'),
    });
    expect(await snapshot(db)).toBe(before);
  });

  it('list: each organisation with its accounts and roles', async () => {
    expect((await admin(db, ['list'])).out).toContain('Aucune organisation');
    const demo = await seedOrganisation(db);
    await newOrg();
    const r = await admin(db, ['list']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Syndicat mixte de démonstration (${demo.organisation.id})`);
    expect(r.out).toMatch(/Commune de Saint-Test \([0-9a-f-]+\)\n {2}maire@saint-test\.fr {2}Marie Maire {2}administrateur/);
    expect(r.out).toContain(`presidente@demo.example  Claire DUMONT  president  membre ${demo.members[0]!.id}`);
  });

  if (name === 'postgres') {
    it('backup runs pg_dump into the file given, and says what to run when pg_dump is missing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'registre-pgdump-'));
      try {
        const url = 'postgres://registre:secret@db.example:5432/registre';
        let args: string[] = [];
        const ok = await admin(db, ['backup', '--to', join(dir, 'r.dump')], { DATABASE_URL: url }, (a) => ((args = a), 0));
        expect(ok.code).toBe(0);
        expect(args).toEqual(['--format=custom', `--file=${join(dir, 'r.dump')}`, url]);
        expect(ok.out).not.toContain('secret');
        expect(ok.out).toContain('pg_restore');
        const missing = await admin(db, ['backup', '--to', join(dir, 'r.dump')], { DATABASE_URL: url }, () => 'missing');
        expect(missing.code).toBe(1);
        expect(missing.err).toContain(`pg_dump --format=custom --file=${join(dir, 'r.dump')} 'postgres://registre:***@db.example:5432/registre'`);
        expect((await admin(db, ['backup', '--to', join(dir, 'r.dump')], { DATABASE_URL: url }, () => 1)).code).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('npm run admin -- backup (SQLite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registre-backup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the database, in use, into a new file the server can open; never overwrites a file', async () => {
    const db = openSqliteDriver(join(dir, 'registre.sqlite'));
    await migrate(db);
    await seedOrganisation(db);
    const r = await admin(db, ['backup', '--to', join(dir, 'copie.sqlite')], { SQLITE_FILE: join(dir, 'registre.sqlite') });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('Pour la restaurer');
    await db.close();

    const copy = openSqliteDriver(join(dir, 'copie.sqlite'));
    expect(await copy.get('SELECT COUNT(*) AS n FROM users')).toEqual({ n: 5 });
    expect(await copy.get("SELECT COUNT(*) AS n FROM records WHERE tbl = 'members'")).toEqual({ n: 9 });
    await copy.close();

    writeFileSync(join(dir, 'existe.sqlite'), 'précieux');
    const again = await admin(() => Promise.resolve(openSqliteDriver(join(dir, 'registre.sqlite'))), ['backup', '--to', join(dir, 'existe.sqlite')]);
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('existe déjà') });
    const nowhere = await admin(() => Promise.resolve(openSqliteDriver(join(dir, 'registre.sqlite'))), ['backup', '--to', join(dir, 'absent', 'b.sqlite')]);
    expect(nowhere).toMatchObject({ code: 1, err: expect.stringContaining('n’existe pas') });
    expect(existsSync(join(dir, 'absent'))).toBe(false);
  });
});
