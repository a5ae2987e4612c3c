// A mistyped address: the 404 page suggests the nearest page and offers a search already filled in.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import { openPage } from './visit';

describe.runIf(browserAvailable())('the 404 page, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('suggests the nearest page and searches the words of the address', async () => {
    const url = new URL('lessons/websocket-framming/', base).href;
    const visit = await openPage(browser, url, {
      width: 360,
      colorScheme: 'dark',
      allowFailure: (u) => u === url, // the page itself answers 404, as it should
    });
    const { page } = visit;
    try {
      const suggestion = page.locator('[data-suggestion]');
      await expect.poll(() => suggestion.getAttribute('href')).toBe('/lessons/websocket-framing/');
      expect(await suggestion.isVisible()).toBe(true);
      const q = page.getByRole('searchbox', { name: 'Search the notebook' }).last();
      expect(await q.inputValue()).toBe('websocket framming');
      await q.fill('masking');
      await q.press('Enter');
      await page.waitForURL(/\/search\/\?q=masking/);
      await expect
        .poll(() => page.locator('#search .pagefind-ui__result-link').count(), { timeout: 20_000 })
        .toBeGreaterThan(0);
      expect(visit.errors.filter((e) => !/404/.test(e))).toEqual([]);
    } finally {
      await visit.context.close();
    }
  });
});
