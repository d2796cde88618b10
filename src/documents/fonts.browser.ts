/// <reference types="vite/client" />
// The `?url` imports make Vite copy the files into the build as assets (precached by the service
// worker with the other .woff files, so documents render offline) and give their URLs. Import this
// module lazily, with pdf.ts, so neither weighs on the entry bundle.
import boldUrl from '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff?url';
import regularUrl from '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff?url';
import { fetchFontSource, type FontSource } from './fonts';

export const browserFontSource: FontSource = fetchFontSource({ regular: regularUrl, bold: boldUrl });
