// A split lesson's old address: "Windows and congestion" forwards to the part that now has the section the
// address names, and to "Receive windows" without one; no console errors on the way.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import { openPage } from './visit';

describe.runIf(browserAvailable())('a split lesson’s old address, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const [hash, path] of [
    ['', '/lessons/receive-windows/'],
    ['#window-scaling', '/lessons/receive-windows/'],
    ['#cubic', '/lessons/congestion-control/'],
    ['#recovering-from-loss-today', '/lessons/congestion-control/'],
  ] as const) {
    it(`windows-and-congestion/${hash} goes to ${path}${hash}`, async () => {
      const visit = await openPage(browser, new URL(`lessons/windows-and-congestion/${hash}`, base).href, {
        width: 1280,
        colorScheme: 'light',
      });
      const { page } = visit;
      try {
        await page.waitForURL((u) => u.pathname === path);
        expect(new URL(page.url()).hash).toBe(hash);
        await expect.poll(() => page.locator('h1').first().textContent()).not.toMatch(/has moved/);
        if (hash !== '') expect(await page.locator(hash).count()).toBe(1);
        expect(visit.errors).toEqual([]);
      } finally {
        await visit.context.close();
      }
    });
  }

  it('still names both parts, and forwards, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const url = new URL('lessons/windows-and-congestion/', base).href;
      const html = await (await context.request.get(url)).text();
      expect([...html.matchAll(/<li> <a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
        ['/lessons/receive-windows/', 'Receive windows'],
        ['/lessons/congestion-control/', 'Congestion control'],
      ]);
      await page.goto(url);
      await page.waitForURL((u) => u.pathname === '/lessons/receive-windows/');
    } finally {
      await context.close();
    }
  });
});
