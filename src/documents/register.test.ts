import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeanceFileSchema, type SeanceFile } from '../domain/seanceFile';
import { fileFontSource, loadFonts, type FontBytes } from './fonts';
import { documentText } from './model';
import { listeModel } from './liste';
import { renderPdfDetailed } from './pdf';
import { pvModel } from './pv';
import { registerModels } from './register';

const require = createRequire(import.meta.url);
const base = SeanceFileSchema.parse(JSON.parse(readFileSync(new URL('../../e2e/fixtures/seance-2011-11-07.json', import.meta.url), 'utf8')));
type Delib = SeanceFile['deliberations'][number];
const d0 = base.deliberations[0] as Delib;
const v0 = base.votes[0] as SeanceFile['votes'][number];
const hex = (n: number) => `01a2223c-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A séance of `count` deliberations, each as long as the reference one. */
function bigSeance(count: number): SeanceFile {
  const deliberations = Array.from({ length: count }, (_, i): Delib => ({
    ...d0, id: hex(1000 + i) as Delib['id'], orderNumber: i + 1, registryNumber: `20111107_DL_${String(i + 1).padStart(3, '0')}`,
    actesSubject: ['5.7', '7.1', '1.4', '8.4'][i % 4] as string,
  }));
  return { ...base, deliberations, votes: deliberations.map((d) => ({ ...v0, deliberationId: d.id })), publication: undefined };
}

let fonts: FontBytes;
beforeAll(async () => {
  fonts = await loadFonts(fileFontSource(async (name) => new Uint8Array(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/${name}`)))));
});

describe('register pages (R2121-9)', () => {
  it('gives the deliberations, a closing sheet with the members present and room to sign, then the tables', () => {
    const models = registerModels([base]);
    expect(models).toHaveLength(2);
    const [seance, tables] = models.map(documentText);
    expect(models[0]?.runningHead).toBe('Somme Numérique – Registre des délibérations – Séance du Bureau du 7 novembre 2011');
    expect(models[0]?.runningHeadOnFirstPage).toBe(true);
    expect(seance).toContain('Délibération n° 4 – 20111107_DL_04');
    expect(seance).toContain('FEUILLET DE CLÔTURE');
    expect(seance).toContain('4 – 20111107_DL_04');
    expect(seance).toContain('Membres présents (6)');
    expect(seance).not.toContain('Claire DUMONT');
    expect(tables).toContain('TABLE CHRONOLOGIQUE DES DÉLIBÉRATIONS');
    expect(tables).toContain('7 novembre 2011 | 20111107_DL_04 | Conventions tripartites pour la mise en œuvre des ENT');
    expect(tables).toContain('5.7 Intercommunalite | 20111107_DL_04');
  });

  it('renders a séance of 200 deliberations, pages numbered through and carrying the séance', async () => {
    const pdf = await renderPdfDetailed(registerModels([bigSeance(200)]), fonts);
    expect(pdf.pageCount).toBeGreaterThanOrEqual(200);
    const heads = pdf.boxes.filter((b) => b.region === 'runningHead');
    expect(heads).toHaveLength(pdf.pageCount);
  }, 120_000);

  it('renders hostile text in the liste, the PV and the register without crashing', async () => {
    const object = `<script>alert(1)</script> 😀🦄 שלום مرحبا ${'mot '.repeat(2_400)}${'x'.repeat(300)}`.slice(0, 10_000);
    const file: SeanceFile = { ...base, deliberations: [{ ...d0, object, preamble: object }] };
    for (const models of [listeModel(file), pvModel(file), registerModels([file])]) {
      const pdf = await renderPdfDetailed(models, fonts);
      expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
      expect(pdf.bytes.length).toBeGreaterThan(1000);
    }
  }, 120_000);
});
