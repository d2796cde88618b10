import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../domain/commands';
import { fr } from './fr/all';

/*
 * The catalog against the code that uses it (docs/decisions/008-icu-messages.md): every key the
 * code names exists, every key of the catalog is named somewhere, every message is valid ICU.
 * A key is named by a literal ('files.quota'), anywhere in src/ and server/ outside the tests and
 * the catalogs: the server's refusals and the domain's codes count as much as `t()`. A template
 * (`seanceStatus.${status}`) names every key that begins with its fixed part.
 */

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
const sources = [...walk(join(root, 'src')), ...walk(join(root, 'server'))]
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .filter((f) => !/\/src\/i18n\/fr(\/|\.ts$)/.test(f));

const keys = Object.keys(fr);
const namespaces = new Set(keys.map((k) => k.split('.')[0]));

/*
 * Dotted names that are not messages though their first word is a namespace of the catalog:
 * commands of the registry (src/domain/commands.ts), mutation names `<kind>.<create|update|delete>`
 * (src/domain/syncTables.ts) and the paths of a séance file's fields (src/domain/seanceFile.ts).
 */
const notMessages = (name: string) =>
  Object.hasOwn(COMMANDS, name) || /^[a-zA-Z]+\.(create|update|delete)$/.test(name) || /^seance\.(organisationId|bodyId|presidentId)$/.test(name);

interface Use {
  name: string;
  file: string;
}
const literals: Use[] = [];
const templates: Use[] = [];
for (const file of sources) {
  const source = readFileSync(file, 'utf8');
  const at = relative(root, file);
  for (const m of source.matchAll(/(['"`])([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)\1/g)) literals.push({ name: m[2]!, file: at });
  for (const m of source.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)*\.)\$\{/g)) templates.push({ name: m[1]!, file: at });
}

describe('the message catalog', () => {
  it('finds the code that uses it', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(literals.length).toBeGreaterThan(500);
    expect(templates.map((u) => u.name)).toContain('seanceStatus.');
  });

  it('has every key the code names', () => {
    const missing = literals
      .filter((u) => namespaces.has(u.name.split('.')[0]) && !Object.hasOwn(fr, u.name) && !notMessages(u.name))
      .map((u) => `${u.file}: ${u.name}`);
    const emptyTemplates = templates.filter((u) => !keys.some((k) => k.startsWith(u.name) && namespaces.has(u.name.split('.')[0])));
    expect(missing).toEqual([]);
    // A template whose fixed part starts no key: a renamed namespace (lone words like `field${…}` are not keys).
    expect(emptyTemplates.filter((u) => namespaces.has(u.name.split('.')[0])).map((u) => `${u.file}: ${u.name}`)).toEqual([]);
  });

  it('has no key the code never names', () => {
    const named = new Set(literals.map((u) => u.name));
    const prefixes = templates.map((u) => u.name);
    expect(keys.filter((k) => !named.has(k) && !prefixes.some((p) => k.startsWith(p)))).toEqual([]);
  });

  it('has only valid ICU messages, none empty, no plural in parentheses', () => {
    const invalid = Object.entries(fr).filter(([, message]) => {
      try {
        parse(message, { ignoreTag: true });
        return false;
      } catch {
        return true;
      }
    });
    expect(invalid).toEqual([]);
    expect(Object.entries(fr).filter(([, v]) => v.trim() === '')).toEqual([]);
    // Plurals are said by the message: {count, plural, one {# modification} other {# modifications}}.
    expect(Object.entries(fr).filter(([, v]) => /\(s\)/.test(v))).toEqual([]);
  });
});
