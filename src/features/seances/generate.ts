import type { Organisation } from '../../domain/schemas';
import type { SeanceFile } from '../../domain/seanceFile';
import { logoImageOf, type LogoImage } from '../../store/organisationLogo';
import { fetchMissingBytes } from '../../sync/files';

/*
 * PDF generation runs in the browser, offline, from the same code as `npm run render`. pdf-lib,
 * fontkit and the font weigh ~500 kB gzip: they are loaded only when a document is asked for.
 */
export type DocumentKind = 'extract' | 'minutes' | 'list' | 'register';

/**
 * The logo to print under: its bytes on this device, or fetched by their hash when it was chosen
 * on another device and the network is there. Without them the document is printed without a
 * logo, as it was before one was chosen: a missing image never stops an act from printing.
 */
export async function logoForPrinting(org: Organisation): Promise<LogoImage | undefined> {
  if (!org.logo) return undefined;
  const here = await logoImageOf(org);
  if (here || !navigator.onLine) return here;
  try {
    await fetchMissingBytes({ kind: 'logo', organisation: org });
  } catch (e) {
    console.warn('Logo non téléchargé, document produit sans logo :', e);
    return undefined;
  }
  return logoImageOf(org);
}

export async function renderDocument(file: SeanceFile, kind: DocumentKind, deliberationId?: string, logo?: LogoImage): Promise<Blob> {
  const [{ renderPdf }, { loadFonts }, { browserFontSource }] = await Promise.all([
    import('../../documents/pdf'),
    import('../../documents/fonts'),
    import('../../documents/fonts.browser'),
  ]);
  const fonts = await loadFonts(browserFontSource);
  let model;
  if (kind === 'extract') model = (await import('../../documents/extract')).extractModel(file, deliberationId as never);
  else if (kind === 'minutes') model = (await import('../../documents/pv')).pvModel(file);
  else if (kind === 'list') model = (await import('../../documents/liste')).listeModel(file);
  else model = (await import('../../documents/register')).registerModels([file]);
  const bytes = await renderPdf(model, fonts, { logo });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

export async function openData(file: SeanceFile): Promise<{ csv: Blob; popolo: Blob }> {
  const { scdlCsv, popoloJson } = await import('../../documents/opendata');
  return {
    csv: new Blob([scdlCsv(file)], { type: 'text/csv;charset=utf-8' }),
    popolo: new Blob([popoloJson(file)], { type: 'application/json' }),
  };
}
