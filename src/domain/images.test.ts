import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitInBox, imageInfo } from './images';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../e2e/fixtures/${name}`, import.meta.url)));

describe('imageInfo', () => {
  it('tells a PNG and a JPEG by their bytes, with their size in pixels', () => {
    expect(imageInfo(fixture('logo.png'))).toEqual({ type: 'image/png', width: 160, height: 120 });
    expect(imageInfo(fixture('logo.jpg'))).toEqual({ type: 'image/jpeg', width: 85, height: 64 });
  });

  it('refuses text named .png, a PDF, an empty file and a header cut short', () => {
    expect(imageInfo(new TextEncoder().encode('Ceci n’est pas une image'))).toBeUndefined();
    expect(imageInfo(new TextEncoder().encode('%PDF-1.4'))).toBeUndefined();
    expect(imageInfo(new Uint8Array())).toBeUndefined();
    expect(imageInfo(fixture('logo.png').slice(0, 20))).toBeUndefined();
    expect(imageInfo(fixture('logo.jpg').slice(0, 3))).toBeUndefined();
  });
});

describe('fitInBox', () => {
  it('keeps the proportions within the box, whichever side is longer', () => {
    expect(fitInBox(160, 120, 85)).toEqual({ width: 85, height: 63.75 });
    expect(fitInBox(100, 400, 80)).toEqual({ width: 20, height: 80 });
    expect(fitInBox(10, 10, 85)).toEqual({ width: 85, height: 85 });
  });
});
