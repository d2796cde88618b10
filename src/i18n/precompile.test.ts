import { readdirSync, readFileSync } from 'node:fs';
import { parse } from '@formatjs/icu-messageformat-parser';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { formatMessage } from './format';
import { CATALOG_MODULE, precompileCatalog } from './precompile';

const sample = `/** A catalog. */
export const sampleFr = {
  // a comment with an apostrophe: l'appareil
  'a.plain': 'Hors ligne',
  'a.value': 'Connexion : {state}',
  'a.plural': '{count, plural, one {# modification} other {# modifications}}',
  'a.quote': 'Adoptée à l\\'unanimité',
} as const;
`;

/** The object literal of a compiled module, read back as data. */
function messagesOf(code: string): Record<string, unknown> {
  const body = code.slice(code.indexOf('{'), code.lastIndexOf('}') + 1).replace(/^\s*\/\/.*$/gm, '');
  return Function(`return (${body});`)() as Record<string, unknown>;
}

describe('precompileCatalog', () => {
  it('replaces each ICU message by its syntax tree and leaves plain texts', () => {
    const out = messagesOf(precompileCatalog(sample, '/x/src/i18n/fr/sample.ts'));
    expect(out['a.plain']).toBe('Hors ligne');
    expect(out['a.value']).toEqual(parse('Connexion : {state}', { ignoreTag: true }));
    expect(out['a.plural']).toEqual(parse('{count, plural, one {# modification} other {# modifications}}', { ignoreTag: true }));
    expect(out['a.quote']).toEqual(parse('Adoptée à l\'unanimité', { ignoreTag: true }));
  });

  it('formats a compiled message as its text', () => {
    const out = messagesOf(precompileCatalog(sample, '/x/src/i18n/fr/sample.ts')) as Record<string, Parameters<typeof formatMessage>[0]>;
    expect(formatMessage(out['a.plural']!, { count: 2 })).toBe('2 modifications');
    expect(formatMessage(out['a.quote']!)).toBe('Adoptée à l\'unanimité');
  });

  it('fails the build on a message ICU cannot read, naming its key', () => {
    expect(() => precompileCatalog(`export const x = { 'a.broken': '{count, plural, one {#}' };`, 'fr.ts')).toThrow(/'a\.broken'/);
  });

  it('compiles every catalog module into code that still parses', () => {
    const dir = new URL('./fr/', import.meta.url);
    const files = [new URL('./fr.ts', import.meta.url), ...readdirSync(dir).map((f) => new URL(f, dir))];
    expect(files.filter((f) => CATALOG_MODULE.test(f.pathname))).toHaveLength(files.length);
    for (const file of files) {
      const out = precompileCatalog(readFileSync(file, 'utf8'), file.pathname);
      expect(() => parseAst(out, { lang: 'ts' })).not.toThrow();
    }
  });
});
