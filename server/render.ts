// npm run render -- <seance.json> <outdir> [logo.png|logo.jpg]
//
// Writes the documents of a séance file: one extrait-<number>.pdf per deliberation, liste.pdf,
// proces-verbal.pdf, registre.pdf (register pages, closing sheet, tables), deliberations.csv
// (SCDL) and popolo.json. The file is checked first and every document is made
// in memory before anything is written: an invalid file, or a failure while rendering, leaves the
// output folder untouched and exits with code 1 and a French message. A third argument, a PNG or
// JPEG file, is the organisation's logo printed on the letterhead (the séance file names the logo
// only by its hash: the bytes are not in it).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageInfo } from '../src/domain/images';
import { withFrozen } from '../src/domain/frozen';
import { parseSeanceFileText, type SeanceFile } from '../src/domain/seanceFile';
import { extractFileName, extractModel } from '../src/documents/extract';
import { fileFontSource, loadFonts, type FontSource } from '../src/documents/fonts';
import { listeModel } from '../src/documents/liste';
import { popoloJson, scdlCsv } from '../src/documents/opendata';
import { renderPdf, type RenderOptions } from '../src/documents/pdf';
import { pvModel } from '../src/documents/pv';
import { registerModels } from '../src/documents/register';

const require = createRequire(import.meta.url);

/** DejaVu Sans read from node_modules/@fontsource/dejavu-sans/files/. */
export const nodeFontSource: FontSource = fileFontSource(async (name) =>
  new Uint8Array(await readFile(require.resolve(`@fontsource/dejavu-sans/files/${name}`))));

/** Every output of a séance file, by file name, made in memory. */
export async function renderSeance(file: SeanceFile, fontSource: FontSource = nodeFontSource, logo?: RenderOptions['logo']): Promise<Map<string, Uint8Array | string>> {
  const fonts = await loadFonts(fontSource);
  const opts: RenderOptions = { logo };
  const outputs = new Map<string, Uint8Array | string>();
  for (const d of [...file.deliberations].sort((a, b) => a.orderNumber - b.orderNumber)) {
    if (d.kind !== 'deliberation') continue;
    outputs.set(extractFileName(file, d.id), await renderPdf(extractModel(file, d.id), fonts, opts));
  }
  outputs.set('liste.pdf', await renderPdf(listeModel(file), fonts, opts));
  outputs.set('proces-verbal.pdf', await renderPdf(pvModel(file), fonts, opts));
  outputs.set('registre.pdf', await renderPdf(registerModels([file]), fonts, opts));
  outputs.set('deliberations.csv', scdlCsv(file));
  outputs.set('popolo.json', popoloJson(file));
  return outputs;
}

async function main(args: string[]): Promise<number> {
  const [input, outdir, logoPath] = args;
  if (!input || !outdir || args.length > 3) {
    console.error('Usage : npm run render -- <seance.json> <dossier de sortie> [logo.png|logo.jpg]');
    return 1;
  }
  let logo: RenderOptions['logo'];
  if (logoPath) {
    const bytes = new Uint8Array(await readFile(logoPath).catch(() => new Uint8Array()));
    const info = imageInfo(bytes);
    if (!info) {
      console.error(`Logo refusé (${logoPath}) : ce n'est pas une image PNG ou JPEG lisible.`);
      console.error('Aucun fichier écrit.');
      return 1;
    }
    logo = { bytes, type: info.type };
  }
  let textIn: string;
  try {
    textIn = await readFile(input, 'utf8');
  } catch (e) {
    console.error(`Impossible de lire ${input} : ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  const parsed = parseSeanceFileText(textIn);
  if (!parsed.ok) {
    console.error(`Fichier de séance refusé (${input}) : ${parsed.message}`);
    console.error('Aucun fichier écrit.');
    return 1;
  }
  let outputs: Map<string, Uint8Array | string>;
  const started = performance.now();
  try {
    // A closed séance prints the names and mandates frozen at its closing (domain/frozen.ts).
    outputs = await renderSeance(withFrozen(parsed.file), nodeFontSource, logo);
  } catch (e) {
    console.error(`Échec de la production des documents : ${e instanceof Error ? e.message : String(e)}`);
    console.error('Aucun fichier écrit.');
    return 1;
  }
  const dir = resolve(outdir);
  await mkdir(dir, { recursive: true });
  for (const [name, content] of outputs) await writeFile(join(dir, name), content);
  const ms = Math.round(performance.now() - started);
  console.log(`${outputs.size} fichiers écrits dans ${dir} (${ms} ms) :`);
  for (const name of outputs.keys()) console.log(`  ${name}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
