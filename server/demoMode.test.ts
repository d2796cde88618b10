import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { Driver } from './db/driver';
import { DEMO_PASSWORD, seedOrganisation } from './seed';
import { adapters } from './testing';

/** Starts server/main.ts on a fresh SQLite file and a free port; resolves with its URL. */
function startServer(env: Record<string, string>, dir: string, entry = 'server/main.ts'): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH ?? '', REGISTRE_SCRYPT_LOG2_N: '12', SQLITE_FILE: join(dir, 'r.sqlite'), PORT: '0', STATIC_ROOT: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Registre est prêt : (http:\/\/localhost:\d+)\//.exec(out);
      if (m) resolve({ url: m[1]!, child, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

const login = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

describe('demo mode (REGISTRE_DEMO)', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGTERM');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  for (const value of [undefined, '0']) {
    it(`REGISTRE_DEMO=${value ?? '(unset)'}: an empty database gets no account, health says how to set it up, the demo password is refused`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'registre-nodemo-'));
      dirs.push(dir);
      const s = await startServer(value === undefined ? {} : { REGISTRE_DEMO: value }, dir);
      children.push(s.child);
      const health = (await (await fetch(`${s.url}/api/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'ok', accounts: 0, demo: false });
      expect(health.setup).toMatch(/^npm run admin -- create-organisation/);
      const res = await login(s.url, 'admin@demo.example', DEMO_PASSWORD);
      expect(res.status).toBe(401);
      expect(s.output()).toContain('Aucun compte');
    }, 30_000);
  }

  it('npm start (server/startDemo.ts) sets REGISTRE_DEMO=1: the demo organisation is created and its accounts sign in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registre-demo-'));
    dirs.push(dir);
    const s = await startServer({}, dir, 'server/startDemo.ts');
    children.push(s.child);
    expect(await (await fetch(`${s.url}/api/health`)).json()).toMatchObject({ status: 'ok', accounts: 5, demo: true });
    expect((await login(s.url, 'secretaire@demo.example', DEMO_PASSWORD)).status).toBe(200);
  }, 30_000);
});

describe.each(adapters)('the demo password outside demo mode ($name)', ({ open }) => {
  let db: Driver | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('signs no one in, even an account a former demo left behind; in demo mode it does', async () => {
    db = await open();
    await seedOrganisation(db);
    const request = (app: ReturnType<typeof createApp>) =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'secretaire@demo.example', password: DEMO_PASSWORD }),
      });
    const refused = await request(createApp({ db, refuseDemoPassword: true }));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('auth.invalidCredentials');
    expect(await db.get('SELECT COUNT(*) AS n FROM sessions')).toMatchObject({ n: 0 });
    expect((await request(createApp({ db, demo: true }))).status).toBe(200);
  });
});
