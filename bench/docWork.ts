import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { DeliberationId } from '../src/domain/ids';
import type { SeanceFile } from '../src/domain/seanceFile';
import { extractModel } from '../src/documents/extract';
import type { FontBytes } from '../src/documents/fonts';
import { renderPdf } from '../src/documents/pdf';
import { registerModels } from '../src/documents/register';

/*
 * Document work shared by the Node and Chromium benches. The baseline is what any PDF of the
 * same text costs with pdf-lib and the same font: one page, the extract's text drawn as plain
 * lines, no layout. The ratio shows what our layout adds.
 */

const hex = (n: number) => `01a2223c-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A year of the reference body: 20 séances of 10 deliberations, each as long as the reference. */
export function yearOfSeances(base: SeanceFile): SeanceFile[] {
  const d0 = base.deliberations[0]!;
  const v0 = base.votes[0]!;
  return Array.from({ length: 20 }, (_, s) => {
    const seanceId = hex(50_000 + s) as SeanceFile['seance']['id'];
    const month = String((s % 12) + 1).padStart(2, '0');
    const day = String(1 + Math.floor(s / 12) * 14).padStart(2, '0');
    const date = `2011-${month}-${day}`;
    const deliberations = Array.from({ length: 10 }, (_, i) => ({
      ...d0,
      id: hex(60_000 + s * 100 + i) as DeliberationId,
      seanceId,
      orderNumber: i + 1,
      registryNumber: `${date.replaceAll('-', '')}_DL_${String(i + 1).padStart(2, '0')}`,
    }));
    return {
      ...base,
      seance: { ...base.seance, id: seanceId, date, convocationDate: date },
      attendance: base.attendance.map((a) => ({ ...a, id: `${seanceId}:${a.memberId}`, seanceId })),
      proxies: [],
      deliberations,
      votes: deliberations.map((d) => ({ ...v0, deliberationId: d.id })),
      publication: undefined,
    };
  });
}

export async function renderExtract(file: SeanceFile, fonts: FontBytes): Promise<Uint8Array> {
  return renderPdf(extractModel(file, file.deliberations[0]!.id), fonts);
}

export async function renderYear(files: SeanceFile[], fonts: FontBytes): Promise<Uint8Array> {
  return renderPdf(registerModels(files), fonts);
}

export async function baselinePage(file: SeanceFile, fonts: FontBytes): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fonts.regular, { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  const d = file.deliberations[0]!;
  const lines = [d.object, d.preamble, ...d.visas, ...d.articles].join(' ').match(/.{1,90}(\s|$)/g) ?? [];
  lines.slice(0, 60).forEach((line, i) => page.drawText(line.trim(), { x: 40, y: 800 - i * 12, size: 9, font }));
  return doc.save();
}

export async function time(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn(); // warm: fonts parsed, code compiled
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}
