import { newId } from '../src/domain/ids';
import type { Driver } from './db/driver';
import type { Role } from './auth/context';
import { hashPassword } from './auth/passwords';
import { demoSnapshot } from './demo';
import { insertAsServer } from './sync/records';

export const DEMO_PASSWORD = 'registre-demo';
/**
 * The demo accounts. `member`: the index of the demo member the account is linked to, the one it
 * signs as (the president, and the élu usually named secrétaire de séance); the secretariat's
 * agent and the administrator are linked to no member and sign nothing.
 */
export const DEMO_USERS: { email: string; name: string; role: Role; member?: number }[] = [
  { email: 'admin@demo.example', name: 'Alice Administratrice', role: 'administrateur' },
  { email: 'secretaire@demo.example', name: 'Sam Secrétaire', role: 'secretaire' },
  { email: 'presidente@demo.example', name: 'Claire DUMONT', role: 'president', member: 0 },
  { email: 'bernard.lefebvre@demo.example', name: 'Bernard LEFEBVRE', role: 'secretaire', member: 1 },
  { email: 'lecture@demo.example', name: 'Léo Lecteur', role: 'lecture' },
];

/** What an installation without any account is set up with (server/admin.ts). */
export const SETUP_COMMAND = 'npm run admin -- create-organisation --name "…" --admin-email … --admin-name "…"';

export async function isEmpty(db: Driver): Promise<boolean> {
  const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users');
  return Number(row?.n ?? 0) === 0;
}

/** Creates an organisation with its reference data and one user per role. */
export async function seedOrganisation(db: Driver, opts: { name?: string; emailDomain?: string } = {}) {
  const snap = demoSnapshot();
  if (opts.name) snap.organisation.name = opts.name;
  const orgId = snap.organisation.id;
  const hash = await hashPassword(DEMO_PASSWORD);
  const domain = opts.emailDomain ?? 'demo.example';
  await db.transaction(async (tx) => {
    await insertAsServer(tx, 'organisations', orgId, orgId, snap.organisation);
    for (const b of snap.bodies) await insertAsServer(tx, 'bodies', b.id, orgId, b);
    for (const m of snap.members) await insertAsServer(tx, 'members', m.id, orgId, m);
    for (const m of snap.mandates) await insertAsServer(tx, 'mandates', m.id, orgId, m);
    for (const u of DEMO_USERS) {
      const id = newId();
      await tx.run('INSERT INTO users (id, email, name, password_hash, created_at, member_id) VALUES (?, ?, ?, ?, ?, ?)', [
        id,
        u.email.replace('demo.example', domain),
        u.name,
        hash,
        new Date().toISOString(),
        u.member === undefined ? null : snap.members[u.member]!.id,
      ]);
      await tx.run('INSERT INTO memberships (user_id, organisation_id, role) VALUES (?, ?, ?)', [id, orgId, u.role]);
    }
  });
  return snap;
}
