import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import * as z from 'zod';
import { changeOwnPassword } from './auth/accounts';
import type { AuthContext } from './auth/context';
import { acceptInvitation, createInvitation, inspectInvitation, listInvitations, MAX_INVITATION_DAYS, revokeInvitation } from './auth/invitations';
import { SESSION_COOKIE } from './auth/sessions';
import type { Driver } from './db/driver';

/*
 * Account routes: invitations (server/auth/invitations.ts), the organisation's accounts
 * (server/auth/users.ts), a user's own password and sessions. The
 * invitation link carries its token after `#`, so that it never reaches a server's logs or a
 * Referer header; the page it opens sends the token in a JSON body.
 */

type Env = { Variables: { auth: AuthContext & { name: string } } };

export interface AccountRouteDeps {
  db: Driver;
  jsonBody: <T>(c: Context, schema: z.ZodType<T>) => Promise<T>;
  address: (c: Context) => string;
  /** The address users open (REGISTRE_PUBLIC_URL): the links point there. */
  publicUrl?: string | undefined;
}

/** The hash of the session cookie the request carries, as the sessions table keys it. */
const currentSession = (c: Context) => createHash('sha256').update(getCookie(c, SESSION_COOKIE) ?? '').digest('hex');

const Token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const InviteSchema = z.object({
  email: z.string().max(200),
  role: z.string().max(40),
  name: z.string().max(200).optional(),
  memberId: z.string().max(80).optional(),
  days: z.number().int().min(1).max(MAX_INVITATION_DAYS).optional(),
});
const InspectSchema = z.object({ token: Token });
const AcceptSchema = z.object({ token: Token, name: z.string().max(200).optional(), password: z.string().max(200) });
const PasswordSchema = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) });

/** Routes open without a session: the invitation's holder has no account yet. */
export function publicAccountRoutes(app: Hono<Env>, { db, jsonBody }: AccountRouteDeps) {
  app.post('/api/invitations/inspect', async (c) => c.json(await inspectInvitation(db, (await jsonBody(c, InspectSchema)).token)));
  app.post('/api/invitations/accept', async (c) => {
    const { token, name, password } = await jsonBody(c, AcceptSchema);
    const r = await acceptInvitation(db, token, { name, password });
    return c.json({ email: r.email, organisationId: r.organisationId, role: r.role }, 201);
  });
}

/** Routes behind a session. */
export function accountRoutes(app: Hono<Env>, { db, jsonBody, address, publicUrl }: AccountRouteDeps) {
  app.post('/api/invitations', async (c) => {
    const inv = await createInvitation(db, c.get('auth'), await jsonBody(c, InviteSchema));
    const base = publicUrl ? publicUrl.replace(/\/+$/, '') : new URL(c.req.url).origin;
    const { token, ...rest } = inv;
    return c.json({ ...rest, token, url: `${base}/invitation#${token}` }, 201);
  });
  app.get('/api/invitations', async (c) => c.json({ invitations: await listInvitations(db, c.get('auth')) }));
  app.delete('/api/invitations/:id', async (c) => {
    await revokeInvitation(db, c.get('auth'), c.req.param('id').slice(0, 80));
    return c.json({ ok: true });
  });

  app.post('/api/auth/password', async (c) => {
    const body = await jsonBody(c, PasswordSchema);
    await changeOwnPassword(db, c.get('auth').userId, body, address(c), currentSession(c));
    return c.json({ ok: true });
  });
}
