import { randomBytes } from 'node:crypto';
import type { Env, Hono } from 'hono';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, DEMO_USERS, seedOrganisation } from './seed';

/**
 * Routes for the end-to-end tests only, mounted by createApp when REGISTRE_TEST_ROUTES=1 (set by
 * the Playwright web server, never in production: without it the routes do not exist).
 * docs/architecture.md, « Tests ».
 */

/** What a test needs of the organisation made for it: ids, and accounts to sign in with. */
export interface TestOrganisation {
  organisation: { id: string; name: string };
  bodies: { id: string; name: string }[];
  members: { id: string; civility: string; firstName: string; lastName: string }[];
  /** One account per demo account, the same roles and names, under e-mails of its own. */
  accounts: { email: string; name: string; role: string; memberId?: string }[];
  password: string;
}

/**
 * A new organisation like the demo one (its bodies, members and mandates), with accounts whose
 * e-mails are unique to it: each test works in its own, and no two tests can meet.
 */
export async function createTestOrganisation(db: Driver): Promise<TestOrganisation> {
  const domain = `t${randomBytes(6).toString('hex')}.example`;
  const snap = await seedOrganisation(db, { emailDomain: domain });
  return {
    organisation: { id: snap.organisation.id, name: snap.organisation.name },
    bodies: snap.bodies.map((b) => ({ id: b.id, name: b.name })),
    members: snap.members.map((m) => ({ id: m.id, civility: m.civility, firstName: m.firstName, lastName: m.lastName })),
    accounts: DEMO_USERS.map((u) => ({
      email: u.email.replace('demo.example', domain),
      name: u.name,
      role: u.role,
      ...(u.member === undefined ? {} : { memberId: snap.members[u.member]!.id }),
    })),
    password: DEMO_PASSWORD,
  };
}

export function mountTestRoutes<E extends Env>(app: Hono<E>, db: Driver): void {
  app.post('/api/test/organisation', async (c) => c.json(await createTestOrganisation(db), 201));
}
