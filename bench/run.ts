import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { browserMeasures } from './browser';
import { bundleMeasures } from './bundle';
import { documentMeasures } from './documents';
import { pushMeasures } from './sync';
import { printTable, type Measure } from './table';

/*
 * `npm run bench`: every measure is printed beside a baseline measured in this same run, so
 * the ratio means something on any machine. Targets are reported, never asserted in tests.
 */
const dist = resolve('dist');
if (!existsSync(resolve(dist, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first');

const measures: Measure[] = [...(await bundleMeasures(dist)), ...(await documentMeasures()), ...(await pushMeasures()), ...(await browserMeasures())];
printTable(measures);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), measures }, null, 2));
