import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { PushRequestSchema, syncedTableNames } from '../src/domain/sync';
import type { AuthContext } from './auth/context';
import { TooManyAttempts } from './auth/limits';
import { login, logout, SESSION_COOKIE, SESSION_HOURS, sessionFor } from './auth/sessions';
import type { Driver } from './db/driver';
import { ApiError } from './errors';
import { shapeProblem } from './jsonShape';
import { pull } from './sync/pull';
import { push } from './sync/push';
import { auditOf } from './sync/audit';
import { registerDeviceKey } from './auth/devices';
import { publicKeysOf } from './sync/keys';
import { mountTestRoutes } from './testRoutes';
import { DEMO_PASSWORD, SETUP_COMMAND } from './seed';
import { accountRoutes, publicAccountRoutes } from './accountRoutes';
import { mountAccountRoutes, mountPublicAccountRoutes } from './accounts';
import { checkSha256, fileHeaders, getFile, MAX_FILE_BYTES, putFile, storedBytes } from './files';

export interface AppOptions {
  db: Driver;
  /** Folder of the built SPA; omitted in API-only tests. */
  staticRoot?: string;
  /** Secure cookies need HTTPS; off on localhost. Implied by an https `publicUrl`. */
  secureCookies?: boolean;
  /**
   * The address users open (REGISTRE_PUBLIC_URL), behind a reverse proxy: its origin is the only
   * one state-changing requests may come from, and https there means Secure cookies and HSTS.
   */
  publicUrl?: string;
  /**
   * Addresses of reverse proxies whose X-Forwarded-For is believed (REGISTRE_TRUSTED_PROXIES);
   * without one, the client's address is the connection's, whatever the headers say.
   */
  trustedProxies?: readonly string[];
  /** The demo organisation is installed: the sign-in page shows its accounts. */
  demo?: boolean;
  /**
   * Outside demo mode (REGISTRE_DEMO unset), the demo's published password signs no one in, even
   * an account a former demo left behind.
   */
  refuseDemoPassword?: boolean;
  /** Bytes of files one organisation may store (REGISTRE_FILE_QUOTA_MB); 2 GiB by default. */
  fileQuotaBytes?: number;
  /**
   * The server's time (sessions, a push's receipt, a signature's receipt, a seal): tests set it
   * instead of waiting. The system clock by default.
   */
  clock?: () => Date;
  /** The routes of server/testRoutes.ts (REGISTRE_TEST_ROUTES=1, set by the e2e server only). */
  testRoutes?: boolean;
}

/** Uploads one account may have in progress at once: the bytes are held in memory meanwhile. */
export const UPLOADS_IN_FLIGHT_PER_USER = 2;
export const DEFAULT_FILE_QUOTA_BYTES = 2 * 1024 ** 3;

type Env = { Variables: { auth: AuthContext & { name: string } } };

const LoginSchema = z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) });
const PullQuerySchema = z.object({
  clientId: z.string().regex(/^[0-9a-zA-Z-]{8,64}$/),
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
const AuditQuerySchema = z.object({ table: z.enum(syncedTableNames), id: z.string().min(1).max(120) });
const DeviceKeySchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  publicKeyJwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().max(100), y: z.string().max(100) }),
});

/**
 * The client's address: the connection's; behind a trusted proxy, the last address of
 * X-Forwarded-For that is not itself a trusted proxy (the first ones are the client's to write).
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined; // no socket: a request made in-process (tests)
  }
  const peer = remote ?? 'local';
  if (!trustedProxies.includes(peer)) return peer;
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.includes(hops[i]!)) return hops[i]!;
  return peer;
}

async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  // A form or a text/plain body is what a page of another site can send without asking.
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new ApiError(415, 'api.jsonOnly');
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'api.badRequest', 'JSON');
  }
  const problem = shapeProblem(raw);
  if (problem) throw new ApiError(400, 'api.badRequest', problem);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(400, 'api.badRequest', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

export function createApp({
  db, staticRoot, secureCookies, demo = false, refuseDemoPassword = false, publicUrl, trustedProxies = [], fileQuotaBytes = DEFAULT_FILE_QUOTA_BYTES,
  clock = () => new Date(), testRoutes = process.env.REGISTRE_TEST_ROUTES === '1',
}: AppOptions) {
  const uploading = new Map<string, number>();
  const app = new Hono<Env>();
  const https = publicUrl?.startsWith('https://') ?? false;
  const secure = secureCookies ?? https;
  const ownHost = publicUrl ? new URL(publicUrl).host : undefined;
  app.use(
    '*',
    secureHeaders({
      // The app's own files only: no inline script, no eval, nothing from elsewhere. Images may be
      // data: and blob: URLs (signatures drawn, the logo, PDFs made on the device).
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );

  app.onError((err, c) => {
    if (err instanceof TooManyAttempts) c.header('Retry-After', String(err.retryAfterSeconds));
    if (err instanceof ApiError) return c.json(err.toJSON(), err.status);
    console.error(err);
    return c.json(new ApiError(400, 'api.badRequest').toJSON(), 500);
  });

  // 2 MiB is far above any push the client sends (it batches); anything larger is refused whole.
  // A file (a convention's PDF) has its own limit, 20 MiB like the attachment itself, checked on
  // its route once the session and role are known (see below).
  const tooLarge = (c: Context) => c.json(new ApiError(413, 'api.tooLarge').toJSON(), 413);
  const apiLimit = bodyLimit({ maxSize: 2 * 1024 * 1024, onError: tooLarge });
  const fileLimit = bodyLimit({ maxSize: MAX_FILE_BYTES, onError: tooLarge });
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/files/') ? next() : apiLimit(c, next)));

  // A NUL in the address (a query parameter) never reaches a query: PostgreSQL refuses it.
  app.use('/api/*', async (c, next) => {
    if (c.req.url.includes('\0') || /%00/i.test(c.req.url)) throw new ApiError(400, 'api.badRequest', 'NUL');
    await next();
  });

  // A state-changing request from another origin (a page of another site, or of another port of
  // this host) is refused before anything is read: the session cookie alone proves nothing.
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS') {
      const site = c.req.header('sec-fetch-site');
      if (site && site !== 'same-origin' && site !== 'none') throw new ApiError(403, 'api.foreignOrigin');
      const origin = c.req.header('origin');
      if (origin !== undefined) {
        let host: string | undefined;
        try {
          host = new URL(origin).host;
        } catch {
          host = undefined;
        }
        if (!host || host !== (ownHost ?? c.req.header('host'))) throw new ApiError(403, 'api.foreignOrigin');
      }
    }
    await next();
  });

  // How many accounts exist (none: the installation is still to be set up, and how).
  app.get('/api/health', async (c) => {
    const accounts = Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))?.n ?? 0);
    return c.json({ status: 'ok', time: clock().toISOString(), demo, accounts, ...(accounts === 0 ? { setup: SETUP_COMMAND } : {}) });
  });
  if (testRoutes) mountTestRoutes(app, db);

  app.post('/api/auth/login', async (c) => {
    const { email, password } = await jsonBody(c, LoginSchema);
    // Public, so it proves nothing: refused before any account is looked up.
    if (refuseDemoPassword && password.normalize('NFC') === DEMO_PASSWORD) throw new ApiError(401, 'auth.invalidCredentials');
    const s = await login(db, email, password, clientAddress(c, trustedProxies), clock(), c.req.header('user-agent') ?? '');
    setCookie(c, SESSION_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    });
    return c.json({ user: s.user, organisationId: s.organisationId, role: s.role, expiresAt: s.expires.toISOString() });
  });

  app.post('/api/auth/logout', async (c) => {
    await logout(db, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  const accounts = { db, jsonBody, address: (c: Context) => clientAddress(c, trustedProxies), publicUrl };
  publicAccountRoutes(app, accounts);
  mountPublicAccountRoutes(app, db, jsonBody);

  // Every route below needs a live session; the organisation comes from it, never from the client.
  app.use('/api/*', async (c, next) => {
    const auth = await sessionFor(db, getCookie(c, SESSION_COOKIE), clock());
    if (!auth) throw new ApiError(401, 'auth.required');
    c.set('auth', auth);
    await next();
  });

  accountRoutes(app, accounts);

  app.get('/api/auth/me', (c) => {
    const a = c.get('auth');
    return c.json({ user: { id: a.userId, name: a.name, ...(a.memberId ? { memberId: a.memberId } : {}) }, organisationId: a.organisationId, role: a.role });
  });

  app.post('/api/sync/push', async (c) => {
    // A read-only member is refused whole, before the body is read or anything is written.
    if (c.get('auth').role === 'lecture') throw new ApiError(403, 'api.forbidden');
    return c.json(await push(db, c.get('auth'), await jsonBody(c, PushRequestSchema), clock()));
  });

  app.get('/api/sync/pull', async (c) => {
    const q = PullQuerySchema.safeParse(c.req.query());
    if (!q.success) throw new ApiError(400, 'api.badRequest');
    return c.json(await pull(db, c.get('auth'), q.data.clientId, q.data.cursor, q.data.limit));
  });

  // The history of one record; every role of the organisation may read it.
  app.get('/api/audit', async (c) => {
    const q = AuditQuerySchema.safeParse(c.req.query());
    if (!q.success) throw new ApiError(400, 'api.badRequest');
    return c.json({ entries: await auditOf(db, c.get('auth'), q.data.table, q.data.id) });
  });

  app.post('/api/devices', async (c) => {
    const body = await jsonBody(c, DeviceKeySchema);
    await registerDeviceKey(db, c.get('auth'), body.keyId, body.publicKeyJwk, clock());
    return c.json({ ok: true });
  });

  // The organisation's public keys (its seal keys and its devices'), to verify the register with.
  app.get('/api/keys', async (c) => c.json({ keys: await publicKeysOf(db, c.get('auth').organisationId) }));

  // Content-addressed files: a PUT stores the bytes whose SHA-256 is the name (again: no change).
  app.put(
    '/api/files/:sha256',
    async (c, next) => {
      // A read-only member is refused before the body is read.
      const { role, userId, organisationId } = c.get('auth');
      if (role === 'lecture') throw new ApiError(403, 'api.forbidden');
      // Each upload is held in memory until stored: an account has two at a time, no more. The
      // place is taken before any await, so that parallel requests cannot all read a free place.
      const inFlight = uploading.get(userId) ?? 0;
      if (inFlight >= UPLOADS_IN_FLIGHT_PER_USER) {
        c.header('Retry-After', '5');
        throw new ApiError(429, 'files.busy');
      }
      uploading.set(userId, inFlight + 1);
      try {
        // The organisation's quota, by the announced size before reading, by the real one after
        // (putFile). A file already stored adds no byte (putFile answers 200 without writing).
        const announced = Number(c.req.header('content-length') ?? 0);
        const known = await db.get('SELECT 1 AS k FROM files WHERE organisation_id = ? AND sha256 = ?', [organisationId, c.req.param('sha256')]);
        if (!known && (await storedBytes(db, organisationId)) + (Number.isFinite(announced) ? announced : 0) > fileQuotaBytes) {
          throw new ApiError(413, 'files.quota');
        }
        await next();
      } finally {
        const left = (uploading.get(userId) ?? 1) - 1;
        if (left > 0) uploading.set(userId, left);
        else uploading.delete(userId);
      }
    },
    fileLimit,
    async (c) => {
      const sha256 = checkSha256(c.req.param('sha256'));
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const { created } = await putFile(db, c.get('auth'), sha256, c.req.header('content-type'), bytes, fileQuotaBytes);
      return c.json({ sha256, size: bytes.byteLength, created }, created ? 201 : 200);
    },
  );

  app.get('/api/files/:sha256', async (c) => {
    const sha256 = c.req.param('sha256');
    const file = await getFile(db, c.get('auth'), sha256);
    for (const [name, value] of Object.entries(fileHeaders(file, sha256))) c.header(name, value);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>);
  });

  mountAccountRoutes(app, db, jsonBody);

  app.all('/api/*', () => {
    throw new ApiError(404, 'api.notFound');
  });

  if (staticRoot && existsSync(join(staticRoot, 'index.html'))) {
    const indexHtml = readFileSync(join(staticRoot, 'index.html'), 'utf8');
    app.use('*', async (c, next) => {
      await next();
      // The service worker and the HTML shell must be revalidated, or an update is never seen.
      if (c.req.path === '/sw.js' || c.req.path === '/' || c.req.path.endsWith('.html')) {
        c.header('Cache-Control', 'no-cache');
      } else if (c.req.path.startsWith('/assets/')) {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      }
    });
    app.use('*', serveStatic({ root: staticRoot }));
    // Deep links (/seances/…) are routed by the SPA.
    app.get('*', (c) => c.html(indexHtml));
  }
  return app;
}
