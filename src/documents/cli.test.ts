import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm run render -- <seance.json> <outdir>` is `tsx server/render.ts`: run it the same way.
const root = new URL('../../', import.meta.url).pathname;
const fixture = join(root, 'e2e/fixtures/seance-2011-11-07.json');
const render = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/render.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('npm run render', () => {
  it('writes the extract of each deliberation, the liste, the PV, the register, the SCDL CSV and the Popolo JSON', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'registre-render-')), 'sortie');
    const run = render(fixture, out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'deliberations.csv', 'extrait-20111107_DL_04.pdf', 'liste.pdf', 'popolo.json', 'proces-verbal.pdf', 'registre.pdf',
    ]);
    expect(readFileSync(join(out, 'extrait-20111107_DL_04.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(out, 'deliberations.csv'), 'utf8')).toMatch(/^COLL_NOM,COLL_SIRET,/);
    expect(JSON.parse(readFileSync(join(out, 'popolo.json'), 'utf8'))).toHaveProperty('vote_events');
  }, 60_000);

  it('refuses an invalid file with a French message naming the first problem, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'registre-render-'));
    const bad = JSON.parse(readFileSync(fixture, 'utf8')) as { deliberations: { object?: string }[] };
    delete bad.deliberations[0]?.object;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const out = join(dir, 'sortie');
    const run = render(join(dir, 'bad.json'), out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('deliberations[0].object : ce champ est obligatoire');
    expect(run.stderr).toContain('Aucun fichier écrit.');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('prints a logo given as a third argument on the extract, the liste and the PV; refuses a file that is not an image', () => {
    const dir = mkdtempSync(join(tmpdir(), 'registre-render-'));
    const out = join(dir, 'sortie');
    const run = render(fixture, out, join(root, 'e2e/fixtures/logo.png'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const images = (name: string) => spawnSync('pdfimages', ['-list', join(out, name)], { encoding: 'utf8' }).stdout.split('\n').slice(2)
      .filter((l) => /^\s*\d+\s+\d+\s+image\s/.test(l)).length;
    expect([images('extrait-20111107_DL_04.pdf'), images('liste.pdf'), images('proces-verbal.pdf'), images('registre.pdf')]).toEqual([1, 1, 1, 0]);
    writeFileSync(join(dir, 'faux.png'), 'pas une image');
    const refused = render(fixture, join(dir, 'autre'), join(dir, 'faux.png'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('pas une image PNG ou JPEG');
    expect(existsSync(join(dir, 'autre'))).toBe(false);
  }, 60_000);

  it('says how to call it', () => {
    const run = render();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Usage : npm run render -- <seance.json> <dossier de sortie>');
  }, 60_000);
});
