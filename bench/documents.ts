import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parseSeanceFileText } from '../src/domain/seanceFile';
import { fileFontSource, loadFonts } from '../src/documents/fonts';
import { baselinePage, renderExtract, renderYear, time, yearOfSeances } from './docWork';
import type { Measure } from './table';

const require = createRequire(import.meta.url);

/** Extract and yearly register in Node, beside a plain pdf-lib page of the same text. */
export async function documentMeasures(): Promise<Measure[]> {
  const parsed = parseSeanceFileText(await readFile('e2e/fixtures/seance-2011-11-07.json', 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const fonts = await loadFonts(fileFontSource(async (name) => new Uint8Array(await readFile(require.resolve(`@fontsource/dejavu-sans/files/${name}`)))));
  const base = await time(() => baselinePage(parsed.file, fonts), 10);
  const extract = await time(() => renderExtract(parsed.file, fonts), 10);
  const year = yearOfSeances(parsed.file);
  const register = await time(() => renderYear(year, fonts), 2);
  return [
    { name: 'Node: one extract (median of 10)', value: extract, unit: 'ms', baselineName: 'plain pdf-lib page', baseline: base, target: '<= 100 ms', ok: extract <= 100 },
    {
      name: 'Node: yearly register, 200 deliberations',
      value: register,
      unit: 'ms',
      baselineName: 'plain page x 200',
      baseline: base * 200,
      target: '<= 5000 ms',
      ok: register <= 5000,
    },
  ];
}
