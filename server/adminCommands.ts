import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { roles } from './auth/context';
import { createOrganisation, createUser, organisationOf, setPassword, temporaryPassword, userByEmail } from './auth/accounts';
import type { Driver } from './db/driver';
import { ApiError } from './errors';
import { organisationKinds } from '../src/domain/schemas';
import { tCode } from '../src/i18n';

/** What a command may use besides the database: its output, the environment, pg_dump. */
export interface AdminIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Runs pg_dump (tests replace it); answers its exit status, or 'missing' when not installed. */
  pgDump?: (args: string[]) => number | 'missing';
}

class UsageError extends Error {}

const HELP = `Administration de Registre : npm run admin -- <commande> [options]

Commandes :
  help
      Affiche cette aide.
  create-organisation --name <nom> --admin-email <adresse> --admin-name <nom> [--kind <type>]
      Crée une organisation et son premier administrateur. Types : ${organisationKinds.join(', ')} (commune par défaut).
  create-user --org <identifiant ou nom> --email <adresse> --name <nom> --role <rôle> [--member <identifiant>]
      Crée un compte dans une organisation. Rôles : ${roles.join(', ')}. --member : le membre
      (élu) au nom duquel le compte signe.
  reset-password --email <adresse>
      Donne un nouveau mot de passe à un compte et met fin à ses sessions.
  list
      Liste les organisations et leurs comptes.
  backup --to <fichier>
      Sauvegarde la base (SQLite : copie cohérente, serveur en marche ou non ; PostgreSQL : pg_dump).

Mot de passe : celui de la variable REGISTRE_ADMIN_PASSWORD (12 caractères au moins), sinon un
mot de passe provisoire est tiré au hasard et affiché une seule fois, à transmettre à son titulaire.
La base est celle du serveur : DATABASE_URL (PostgreSQL) ou SQLITE_FILE (SQLite, data/registre.sqlite
par défaut).`;

const commands: Record<string, { options: Record<string, { type: 'string' }>; required: string[] }> = {
  help: { options: {}, required: [] },
  'create-organisation': {
    options: { name: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' }, kind: { type: 'string' } },
    required: ['name', 'admin-email', 'admin-name'],
  },
  'create-user': {
    options: { org: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, member: { type: 'string' } },
    required: ['org', 'email', 'name', 'role'],
  },
  'reset-password': { options: { email: { type: 'string' } }, required: ['email'] },
  list: { options: {}, required: [] },
  backup: { options: { to: { type: 'string' } }, required: ['to'] },
};

function parse(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name) throw new UsageError('Aucune commande donnée.');
  const command = commands[name];
  if (!command) throw new UsageError(`Commande inconnue : « ${name} ».`);
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }) as { values: Record<string, string | undefined> });
  } catch (e) {
    throw new UsageError(`option inconnue, répétée ou sans valeur pour « ${name} » (${(e as Error).message}).`);
  }
  const missing = command.required.filter((o) => !values[o]?.trim());
  if (missing.length) throw new UsageError(`Option(s) manquante(s) pour « ${name} » : ${missing.map((o) => `--${o}`).join(', ')}.`);
  return { name, values };
}

/** The password to set: REGISTRE_ADMIN_PASSWORD, else a temporary one, shown once. */
function passwordFrom(env: NodeJS.ProcessEnv): { password: string; shown: boolean } {
  const given = env.REGISTRE_ADMIN_PASSWORD;
  return given ? { password: given, shown: false } : { password: temporaryPassword(), shown: true };
}

function announcePassword(io: AdminIo, email: string, p: { password: string; shown: boolean }) {
  if (p.shown) {
    io.out(`Mot de passe provisoire de ${email} (affiché une seule fois, à transmettre à son titulaire) :`);
    io.out(`  ${p.password}`);
  } else io.out(`Mot de passe de ${email} : celui de REGISTRE_ADMIN_PASSWORD.`);
}

/** Where the database is, as the server finds it (server/db/open.ts). */
const sqliteFile = (env: NodeJS.ProcessEnv) => env.SQLITE_FILE ?? resolve('data/registre.sqlite');

const defaultPgDump = (args: string[]): number | 'missing' => {
  const r = spawnSync('pg_dump', args, { stdio: 'inherit' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
  return r.status ?? 1;
};

/** A URL with its password hidden, to print. */
function masked(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<DATABASE_URL>';
  }
}

async function run(db: Driver, name: string, v: Record<string, string | undefined>, io: AdminIo): Promise<number> {
  switch (name) {
    case 'help':
      io.out(HELP);
      return 0;
    case 'create-organisation': {
      const p = passwordFrom(io.env);
      const r = await createOrganisation(db, { name: v.name, kind: v.kind }, { email: v['admin-email'], name: v['admin-name'], password: p.password });
      io.out(`Organisation créée : ${r.organisation.name} (${r.organisation.id}).`);
      io.out(`Administrateur : ${r.adminEmail}.`);
      announcePassword(io, r.adminEmail, p);
      return 0;
    }
    case 'create-user': {
      const org = await organisationOf(db, v.org);
      const p = passwordFrom(io.env);
      const r = await createUser(db, { organisationId: org.id, email: v.email, name: v.name, role: v.role, password: p.password, memberId: v.member });
      io.out(`Compte créé dans ${org.name} : ${r.email} (${v.role}).`);
      announcePassword(io, r.email, p);
      return 0;
    }
    case 'reset-password': {
      const user = await userByEmail(db, v.email);
      const p = passwordFrom(io.env);
      await setPassword(db, user.id, p.password);
      io.out(`Mot de passe de ${user.email} changé ; ses sessions sont fermées.`);
      announcePassword(io, user.email, p);
      return 0;
    }
    case 'list': {
      const orgs = await db.all<{ id: string; body: string }>("SELECT id, body FROM records WHERE tbl = 'organisations' ORDER BY id");
      const users = await db.all<{ organisation_id: string; email: string; name: string; role: string; member_id: string | null; deactivated_at: string | null }>(
        'SELECT m.organisation_id, u.email, u.name, m.role, u.member_id, m.deactivated_at FROM users u JOIN memberships m ON m.user_id = u.id ORDER BY u.email',
      );
      if (orgs.length === 0) io.out('Aucune organisation. Créez-en une : npm run admin -- create-organisation …');
      for (const o of orgs) {
        io.out(`${String((JSON.parse(o.body) as { name?: unknown }).name)} (${o.id})`);
        const own = users.filter((u) => u.organisation_id === o.id);
        if (own.length === 0) io.out('  aucun compte');
        for (const u of own) io.out(`  ${u.email}  ${u.name}  ${u.role}${u.member_id ? `  membre ${u.member_id}` : ''}${u.deactivated_at ? '  (désactivé)' : ''}`);
      }
      return 0;
    }
    case 'backup': {
      const to = resolve(v.to!);
      if (existsSync(to)) throw new UsageError(`Le fichier ${to} existe déjà : choisissez un autre nom (une sauvegarde n’en écrase aucune).`);
      if (!existsSync(dirname(to))) throw new UsageError(`Le dossier ${dirname(to)} n’existe pas.`);
      if (db.dialect === 'sqlite') {
        await db.backup!(to);
        io.out(`Base SQLite sauvegardée dans ${to}.`);
        io.out(`Pour la restaurer : arrêtez le serveur, copiez ce fichier à la place de ${sqliteFile(io.env)} (et supprimez ses fichiers -wal et -shm), redémarrez.`);
        return 0;
      }
      const url = io.env.DATABASE_URL ?? '';
      const args = ['--format=custom', `--file=${to}`, url];
      const shown = `pg_dump --format=custom --file=${to} '${masked(url)}'`;
      const status = (io.pgDump ?? defaultPgDump)(args);
      if (status === 'missing') {
        io.err('pg_dump est introuvable sur cette machine : installez les outils clients de PostgreSQL, ou lancez là où ils sont :');
        io.err(`  ${shown}`);
        return 1;
      }
      if (status !== 0) {
        io.err(`pg_dump a échoué (code ${status}) : ${shown}`);
        return 1;
      }
      io.out(`Base PostgreSQL sauvegardée dans ${to} (${shown}).`);
      io.out(`Pour la restaurer dans une base vide : pg_restore --no-owner --dbname='${masked(url)}' ${to}`);
      return 0;
    }
  }
  throw new UsageError(`Commande inconnue : « ${name} ».`);
}

/** Runs one command; answers the exit status (0: done; 1: refused, nothing changed). */
export async function runAdmin(argv: string[], db: Driver | (() => Promise<Driver>), io: AdminIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`Erreur : ${e.message}`);
    io.err('Les commandes : npm run admin -- help');
    return 1;
  }
  if (parsed.name === 'help') return run(undefined as never, 'help', {}, io);
  const driver = typeof db === 'function' ? await db() : db;
  try {
    return await run(driver, parsed.name, parsed.values, io);
  } catch (e) {
    if (e instanceof UsageError) io.err(`Erreur : ${e.message}`);
    else if (e instanceof ApiError) io.err(`Erreur : ${tCode(e.code)}${e.detail ? ` (${e.detail})` : ''}`);
    else throw e;
    return 1;
  } finally {
    if (typeof db === 'function') await driver.close();
  }
}
