// Live bytes in lesson figures (FrameBytes + live-bytes.ts): one tab stop per figure, arrow keys move from byte to
// byte, and the byte's field, named by the codec, is shown and announced in a live region.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';

describe.runIf(browserAvailable())('live bytes, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const width of [360, 1280]) {
    it(`moves through a frame's bytes with the arrow keys and names each field (${width} px)`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      try {
        await page.goto(new URL('lessons/websocket-messages/', base).href);
        const figure = page.locator('[data-live-bytes]').first();
        await figure.scrollIntoViewIfNeeded();
        const live = figure.locator('[data-live-field]');
        expect(await live.getAttribute('aria-live')).toBe('polite');
        // One tab stop per figure: only the first byte is in the tab order.
        expect(await figure.locator('[data-field][tabindex="0"]').count()).toBe(1);
        await figure.locator('[data-field]').first().focus();
        await expect
          .poll(() => live.textContent())
          .toMatch(/^01 — Frame 1, byte 0: FIN 0 · RSV1 0 .* opcode 0x1 \(text frame\)/);
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => live.textContent()).toMatch(/^03 — Frame 1, byte 1: MASK 0 · payload len 3/);
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => live.textContent()).toBe("48 — Frame 1, byte 2: payload byte 1 of 3: 0x48 'H'");
        // The roving tab stop followed the focus, and the byte is marked as the current one.
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return { text: el.textContent, tab: el.tabIndex, current: el.classList.contains('is-current') };
        });
        expect(focused).toEqual({ text: '48', tab: 0, current: true });
        expect(await figure.locator('[data-field][tabindex="0"]').count()).toBe(1);
        await page.keyboard.press('ArrowLeft');
        await expect.poll(() => live.textContent()).toMatch(/^03 — /);
        await page.keyboard.press('End');
        await expect.poll(() => live.textContent()).toMatch(/^6f — Frame 3, byte 3: payload byte 2 of 2: 0x6f 'o'/);
        // Shown, not only announced: the name is visible under the bytes.
        expect(await live.isVisible()).toBe(true);
        // Hover names a byte too.
        await figure.locator('[data-field]').nth(5).hover();
        await expect.poll(() => live.textContent()).toMatch(/^89 — Frame 2, byte 0: .*opcode 0x9 \(ping\)/);
      } finally {
        await page.close();
      }
    });
  }

  it('names the masked bytes of a client frame and links the figure to the decoder', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(new URL('lessons/websocket-messages/', base).href);
      // The RFC 6455 §5.7 masked Pong: key 37 fa 21 3d, "Hello" masked.
      const figure = page.locator('[data-live-bytes]', { hasText: '8a 85 37 fa 21 3d' });
      await figure.locator('[data-field]').nth(2).focus();
      const live = figure.locator('[data-live-field]');
      await expect.poll(() => live.textContent()).toBe('37 — Byte 2: masking key, byte 1 of 4: 37');
      await page.keyboard.press('End');
      await expect
        .poll(() => live.textContent())
        .toBe("58 — Byte 10: payload byte 5 of 5, masked (58 XOR key byte 0): 0x6f 'o'");
      const link = figure.getByRole('link', { name: 'Open in decoder' });
      await link.click();
      await page.waitForURL(/\/tools\/frame-decoder\/#hex=8a8537fa213d7f9f4d5158&from=client/);
    } finally {
      await page.close();
    }
  });
});
