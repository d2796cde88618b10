import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { browserMeasures } from './browser';
import { bundleMeasures } from './bundle';
import { documentMeasures } from './documents';
import { printTable, type Measure } from './table';

/*
 * `npm run bench`: every measure is printed beside a baseline measured in this same run, so
 * the ratio means something on any machine. Targets are reported, never asserted in tests.
 */
const dist = resolve('dist');
if (!existsSync(resolve(dist, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');

/** The push measure, in a fresh process (see bench/pushProcess.ts). */
function pushMeasuresApart(): Measure[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', resolve('bench/pushProcess.ts')], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Measure[];
}

const measures: Measure[] = [...(await bundleMeasures(dist)), ...(await documentMeasures()), ...pushMeasuresApart(), ...(await browserMeasures())];
printTable(measures);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), measures }, null, 2));
