import type { ConventionDetail } from '../../store/conventions';

/*
 * The convention's PDF, made in the browser and offline, like the other documents (pdf-lib and
 * the font are loaded only when it is asked for).
 */
export async function conventionPdfBlob(detail: ConventionDetail, attachment?: Uint8Array): Promise<{ blob: Blob; name: string }> {
  const [{ conventionModel, conventionPdf, conventionFileName }, { loadFonts }, { browserFontSource }] = await Promise.all([
    import('../../documents/convention'),
    import('../../documents/fonts'),
    import('../../documents/fonts.browser'),
  ]);
  if (!detail.organisation) throw new Error('organisation');
  const model = conventionModel({
    organisation: detail.organisation,
    convention: detail.convention,
    ...(detail.deliberation && detail.seance
      ? {
          deliberation: {
            object: detail.deliberation.object,
            seanceDate: detail.seance.date,
            ...(detail.deliberation.registryNumber ? { registryNumber: detail.deliberation.registryNumber } : {}),
          },
        }
      : {}),
    signatures: detail.signatures,
  });
  const bytes = await conventionPdf(model, await loadFonts(browserFontSource), attachment);
  return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name: conventionFileName(detail.convention) };
}
