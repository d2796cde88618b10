import { describe, expect, expectTypeOf, it } from 'vitest';
import { t, tCode, type MessageArgs } from './index';
import { fr, frText } from './fr/all';
import { COMMANDS } from '../domain/commands';
import type { MessageParams } from './params';

describe('t', () => {
  it('returns the French text of a key', () => {
    expect(t('status.offline')).toBe('Hors ligne');
  });
  it('fills values', () => {
    expect(t('conflicts.record', { table: 'séances', field: 'lieu' })).toBe('séances — champ « lieu »');
  });
  it('says plurals the French way: one for 0 and 1, other from 2', () => {
    expect(t('status.pending', { count: 0 })).toBe('0 modification en attente');
    expect(t('status.pending', { count: 1 })).toBe('1 modification en attente');
    expect(t('status.pending', { count: 3 })).toBe('3 modifications en attente');
    expect(t('sync.issues', { count: 2 })).toBe('2 modifications refusées');
  });
  it('agrees with the member: select on gender, inclusive when unknown', () => {
    expect(t('admin.roleOf', { role: 'president', gender: 'female' })).toBe('Présidente');
    expect(t('admin.roleOf', { role: 'vice_president', gender: 'male' })).toBe('Vice-président');
    expect(t('admin.roleOf', { role: 'member', gender: 'female' })).toBe('Membre');
    expect(t('appointment.elected', { gender: 'other', ordinal: '1er', name: 'X', votes: 5 })).toBe('Élu(e) au 1er tour : X (5 voix)');
  });
  it('takes exactly the values a message names, typed', () => {
    expectTypeOf<MessageArgs<'status.offline'>>().toEqualTypeOf<[]>();
    expectTypeOf<MessageParams<'{count, plural, one {# a {name}} other {# b}} {g, select, f {x} other {y}} {d}'>>().toEqualTypeOf<{
      count: number;
      name: string | number;
      g: string;
      d: string | number;
    }>();
    // @ts-expect-error the count is missing
    expect(() => t('status.pending')).toThrow();
    const misuses = () => [
      // @ts-expect-error a plural's count is a number
      t('status.pending', { count: 'trois' }),
      // @ts-expect-error this message takes no value
      t('status.offline', { count: 1 }),
      // @ts-expect-error not a key of the catalog: a code from elsewhere goes through tCode
      t('not.a.key'),
    ];
    expect(misuses).toBeTypeOf('function');
  });
});

describe('tCode', () => {
  it('translates a code from elsewhere, with its values', () => {
    expect(tCode('files.quota')).toBe(fr['files.quota']);
    expect(tCode('closing.unvoted', { items: '2, 4', count: 2 })).toBe('Des délibérations n’ont pas été votées : points n° 2, 4.');
  });
  it('names a code the catalog does not know, and shows a sentence as it is', () => {
    expect(tCode('not.a.key')).toBe('Une erreur inattendue est survenue (code « not.a.key »).');
    expect(tCode('Le serveur a répondu 502.')).toBe('Le serveur a répondu 502.');
  });
  it('does not fail on a code whose values the sender left out', () => {
    expect(tCode('closing.unvoted')).toBe('Une erreur inattendue est survenue (code « closing.unvoted »).');
  });
});

describe('frText', () => {
  it('formats from the whole catalog, loaded or not', () => {
    expect(frText('signature.strokes', { count: 1 })).toBe('1 trait');
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
