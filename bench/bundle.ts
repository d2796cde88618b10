import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Measure } from './table';

const gz = (buf: Buffer | Uint8Array) => gzipSync(buf, { level: 9 }).length / 1024;

/** What the browser must fetch before the first screen: entry script, its preloads, CSS. */
export function firstLoadKb(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  if (refs.length === 0) throw new Error('no entry script found in dist/index.html');
  return refs.reduce((sum, ref) => sum + gz(readFileSync(join(dist, ref))), 0);
}

/** Baseline: the smallest React 19 app (createRoot + render), minified the same way now. */
async function bareReactKb(): Promise<number> {
  const out = await build({
    stdin: {
      contents: "import { createRoot } from 'react-dom/client'; import { createElement } from 'react'; createRoot(document.body).render(createElement('p', null, 'Registre'));",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return gz(out.outputFiles[0]!.contents);
}

export async function bundleMeasures(dist: string): Promise<Measure[]> {
  const ours = firstLoadKb(dist);
  return [
    {
      name: 'first load (entry JS + preloads + CSS, gzip)',
      value: ours,
      unit: 'kB',
      baselineName: 'bare React app',
      baseline: await bareReactKb(),
      target: '<= 150 kB',
      ok: ours <= 150,
    },
  ];
}
