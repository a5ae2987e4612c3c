// A table wider than a phone says so: its box fades at the edge it can scroll towards, and the hint follows the
// scroll position.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import { openPage } from './visit';

describe.runIf(browserAvailable())('scroll hints, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('marks the wide integer-ranges table at 360 px, follows the scroll, and leaves a table that fits alone', async () => {
    const visit = await openPage(browser, new URL('lessons/bits-and-bytes/', base).href, {
      width: 360,
      colorScheme: 'light',
    });
    const wide = visit.page.getByRole('region', { name: 'Integer ranges' });
    await expect.poll(() => wide.getAttribute('data-more')).toBe('right');
    expect(await wide.evaluate((b) => getComputedStyle(b).maskImage)).toMatch(/linear-gradient/);
    await wide.evaluate((b) => b.scrollTo({ left: b.scrollWidth }));
    await expect.poll(() => wide.getAttribute('data-more')).toBe('left');
    const fits = visit.page.getByRole('region', { name: 'Bytes read as unsigned and signed' });
    await expect.poll(() => fits.getAttribute('data-more')).toBe('');
    expect(await fits.evaluate((b) => getComputedStyle(b).maskImage)).toBe('none');
    expect(visit.errors).toEqual([]);
    await visit.context.close();
  });
});
