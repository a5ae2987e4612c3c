// The home page: its totals are the lessons' own, and its preview is the real frame decoder, live.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';

describe.runIf(browserAvailable())('home page, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('adds up the minutes and exercises the lesson cards show', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(new URL('', base).href);
    const cards = await page.$$eval('.lesson-card-meta', (metas) => metas.map((m) => m.textContent ?? ''));
    const minutes = cards.reduce((sum, t) => sum + Number(/(\d+) min/.exec(t)![1]), 0);
    const exercises = cards.reduce((sum, t) => sum + Number(/(\d+) exercises?/.exec(t)?.[1] ?? 0), 0);
    const facts = (await page.locator('.hero-facts').textContent())!.replace(/\s+/g, ' ');
    expect(facts).toContain(`${cards.length} lessons`);
    expect(facts).toContain(`about ${Math.floor(minutes / 60)} h ${minutes % 60} min of reading`);
    expect(facts).toContain(`${exercises} exercises`);
    await page.close();
  });

  it('decodes the preview frame, then names the broken rule when the first byte becomes c1', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    await page.goto(new URL('', base).href);
    const preview = page.locator('.home-try [data-widget]');
    await preview.scrollIntoViewIfNeeded();
    // Hydrated when it is in view (client:visible): Astro drops the island's `ssr` attribute.
    const island = page.locator('.home-try astro-island');
    await expect.poll(() => island.getAttribute('ssr'), { timeout: 15_000 }).toBe(null);
    // The RFC 6455 §5.7 example decodes to "Hello".
    expect(await preview.textContent()).toMatch(/Hello/);
    const input = preview.locator('textarea');
    await input.fill('c1 85 37 fa 21 3d 7f 9f 4d 51 58');
    const violation = preview.locator('.wn-frame-violations li');
    await expect.poll(() => violation.count()).toBe(1);
    expect(await violation.textContent()).toMatch(/RSV1 is set.*RFC 6455 §5\.2, close code 1002/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
