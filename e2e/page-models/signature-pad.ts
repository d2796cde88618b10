import { expect, type Locator, type Page } from '@playwright/test';
import { settledBox } from '../fixtures';

/** Page model of the signature pad (review, conventions): a finger on the glass. */
export class SignaturePad {
  readonly canvas: Locator;
  readonly strokeCount: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('signature-pad');
    this.strokeCount = page.getByTestId('stroke-count');
  }

  /** One stroke by touch events through the Chrome DevTools protocol; returns where the pad was. */
  async draw(wave = 0): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await settledBox(this.canvas);
    const cdp = await this.page.context().newCDPSession(this.page);
    const at = (x: number, y: number) => [{ x: box.x + box.width * x, y: box.y + box.height * y }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.1, 0.6) });
    for (let i = 1; i <= 12; i++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.1 + i * 0.06, 0.6 - Math.sin(i / 2 + wave) * 0.3) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await this.expectStrokes(1);
    return box;
  }

  async expectStrokes(n: number): Promise<void> {
    await expect(this.strokeCount).toHaveText(`${n} trait${n > 1 ? 's' : ''}`);
  }

  /** How many pixels of the canvas are inked. */
  async inked(): Promise<number> {
    return this.canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
  }
}
