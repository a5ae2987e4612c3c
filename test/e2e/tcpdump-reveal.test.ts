// Cause and effect in the tcpdump reader: choosing an arrow in the sequence diagram brings that segment's details,
// which sit below the table, into the window and moves focus to them; Close hands focus back to the table.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import { openPage } from './visit';

describe.runIf(browserAvailable())('tcpdump reader, diagram to details, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const width of [360, 1280]) {
    it(`shows the details of a clicked arrow inside the window at ${width} px`, async () => {
      const visit = await openPage(browser, new URL('tools/tcpdump/', base).href, { width, colorScheme: 'light' });
      const { page } = visit;
      try {
        // A click before hydration would do nothing: wait for React to take over the reader.
        await page.waitForFunction(() => document.querySelector('astro-island:has(.wn-tcpdump):not([ssr])') !== null);
        const arrow = page.locator('.wn-seq .seq-row').nth(4);
        await arrow.scrollIntoViewIfNeeded();
        await arrow.click();
        const heading = page.locator('.wn-tcpdump-details h3');
        await expect.poll(() => heading.textContent()).toMatch(/^Segment 5 \(line 5\)/);
        // Smooth scrolling (no reduced motion here) takes a moment: wait until the heading is in the window.
        await expect
          .poll(() =>
            heading.evaluate((h) => {
              const r = h.getBoundingClientRect();
              return r.top >= 0 && r.bottom <= innerHeight;
            }),
          )
          .toBe(true);
        expect(await heading.evaluate((h) => h === document.activeElement)).toBe(true);

        // The segment table is not cut short at 1280 px: on the tool page it may use the window's width.
        if (width === 1280) {
          const box = page.locator('.wn-tcpdump .wn-table-box');
          const { client, scroll } = await box.evaluate((b) => ({ client: b.clientWidth, scroll: b.scrollWidth }));
          expect(scroll - client).toBeLessThanOrEqual(1);
        }

        await page.locator('.wn-tcpdump-details').getByRole('button', { name: 'Close' }).click();
        expect(await page.evaluate(() => document.activeElement?.getAttribute('data-segment'))).toBe('4');
        expect(visit.errors).toEqual([]);
      } finally {
        await visit.context.close();
      }
    });
  }
});
