import { parseSeanceFileText } from '../../src/domain/seanceFile';
import { loadFonts } from '../../src/documents/fonts';
import { browserFontSource } from '../../src/documents/fonts.browser';
import fixture from '../../e2e/fixtures/seance-2011-11-07.json?raw';
import { baselinePage, renderExtract, renderYear, time, yearOfSeances } from '../docWork';
import type { Sample } from './stats';

export async function documentsBench(): Promise<Sample[]> {
  const parsed = parseSeanceFileText(fixture);
  if (!parsed.ok) throw new Error(parsed.message);
  const fonts = await loadFonts(browserFontSource);
  const base = await time(() => baselinePage(parsed.file, fonts), 10);
  const extract = await time(() => renderExtract(parsed.file, fonts), 10);
  const register = await time(() => renderYear(yearOfSeances(parsed.file), fonts), 2);
  return [
    { name: 'Chromium: one extract (median of 10)', value: extract, unit: 'ms', baselineName: 'plain pdf-lib page', baseline: base, target: '<= 100 ms', ok: extract <= 100 },
    { name: 'Chromium: yearly register, 200 deliberations', value: register, unit: 'ms', baselineName: 'plain page x 200', baseline: base * 200, target: '<= 5000 ms', ok: register <= 5000 },
  ];
}
