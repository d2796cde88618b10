import { describe, expect, it } from 'vitest';
import { t } from './index';
import { fr } from './fr/all';
import { COMMANDS } from '../domain/commands';

describe('t', () => {
  it('returns the French text of a key', () => {
    expect(t('status.offline')).toBe('Hors ligne');
  });
  it('fills placeholders', () => {
    expect(t('status.pending', { count: 3 })).toBe('3 modification(s) en attente');
  });
  it('shows an unknown key as it is rather than failing', () => {
    expect(t('not.a.key')).toBe('not.a.key');
  });
  it('has no empty message', () => {
    expect(Object.entries(fr).filter(([, v]) => v.trim() === '')).toEqual([]);
  });
});

describe('catalog coverage', () => {
  it('has a message for every error or result key the domain can return', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../domain/', import.meta.url);
    const keys = new Set<string>();
    // syncTables.ts names mutations ('vote.cancel'), not messages.
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'syncTables.ts')) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/'((?:error|proxy|vote|result|convocation|appointment)\.[a-zA-Z]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(20);
    // commands.ts names its commands ('vote.record') beside the codes it returns.
    expect([...keys].filter((k) => !(k in fr) && !Object.hasOwn(COMMANDS, k))).toEqual([]);
  });
});

describe('the shell speaks with the core catalog', () => {
  /*
   * The screens' messages arrive after the first screen (loadMessages): every module the entry
   * imports statically, from src/main.tsx, must find its literal keys in frCore, or it would
   * show them raw until then.
   */
  it('no module of the first load uses a key of the screens only', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const { dirname, resolve } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const { frCore } = await import('./fr');
    const { frScreens } = await import('./fr/screens');
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');
    const seen = new Set<string>();
    const queue = [resolve(src, 'main.tsx')];
    const offenders: string[] = [];
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/'([a-zA-Z]+\.[a-zA-Z.]+)'/g)) {
        const key = m[1]!;
        if (key in frScreens && !(key in frCore)) offenders.push(`${file.slice(src.length + 1)}: ${key}`);
      }
      // Static imports only: `import type` and `import()` load nothing with the entry.
      for (const m of source.matchAll(/^import (?!type )[^;]*?from '(\.[^']+)'/gms)) {
        const base = resolve(dirname(file), m[1]!);
        const found = [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')].find((f) => /\.tsx?$/.test(f) && existsSync(f));
        if (found && !found.includes('/i18n/fr/')) queue.push(found);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});
