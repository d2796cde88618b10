import { parse } from '@formatjs/icu-messageformat-parser';
import { parseAst, type Plugin } from 'vite';

/*
 * Build-time compilation of the message catalogs (docs/decisions/008-icu-messages.md): each ICU
 * message of src/i18n/fr.ts and src/i18n/fr/*.ts becomes its syntax tree in the bundle, so that the
 * app ships intl-messageformat without its parser (vite.config.ts aliases the parser to its
 * `no-parser` build). A message that ICU prints as it is (no brace, no apostrophe) stays a text.
 * A message ICU cannot parse fails the build, naming its key.
 */

export const CATALOG_MODULE = /\/src\/i18n\/fr(?:\/[^/]+)?\.ts$/;

interface Node {
  type: string;
  start: number;
  end: number;
  [k: string]: unknown;
}

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';

function* properties(node: unknown): Generator<Node> {
  if (Array.isArray(node)) {
    for (const n of node) yield* properties(n);
    return;
  }
  if (!isNode(node)) return;
  if (node.type === 'Property') yield node;
  for (const [k, v] of Object.entries(node)) if (k !== 'parent' && typeof v === 'object') yield* properties(v);
}

/** The catalog module's source with every message compiled; the same source when it has none. */
export function precompileCatalog(code: string, id: string): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const p of properties(parseAst(code, { lang: 'ts' }, id))) {
    const key = p.key as Node & { value?: unknown };
    const value = p.value as Node & { value?: unknown };
    if (value.type !== 'Literal' || typeof value.value !== 'string' || typeof key.value !== 'string') continue;
    const message = value.value;
    if (!/[{}']/.test(message)) continue;
    let tree;
    try {
      tree = parse(message, { ignoreTag: true });
    } catch (e) {
      throw new Error(`${id}: the message '${key.value}' is not valid ICU: ${String(e)}`);
    }
    edits.push({ start: value.start, end: value.end, text: JSON.stringify(tree) });
  }
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The Vite plugin: compiles the catalogs, in the build and under `vite dev`. */
export function icuPrecompile(): Plugin {
  return {
    name: 'registre:icu-precompile',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0]!;
      return CATALOG_MODULE.test(file) ? { code: precompileCatalog(code, file), map: null } : null;
    },
  };
}
