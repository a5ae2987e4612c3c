// "Continue where you left off": after a lesson is opened and scrolled, the home page's primary link and the
// progress page lead back to that lesson's section; reaching its end counts it as read.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';

describe.runIf(browserAvailable())('continue reading, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('offers the last lesson at its last section on the home and progress pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(new URL('', base).href);
      expect(await page.locator('[data-continue-button]').textContent()).toMatch(/Start with/);

      await page.goto(new URL('lessons/tcp-handshakes/', base).href);
      const ids = await page.$$eval('nav.toc a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')!.slice(1)));
      const target = ids[3]!;
      await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'start' }), target);
      await expect
        .poll(() => page.locator('nav.toc a[aria-current="location"]').getAttribute('href'))
        .toBe(`#${target}`);
      const sectionTitle = (await page.locator(`[id="${target}"]`).textContent())!.trim();
      // The end of the lesson: it counts as read.
      await page.locator('.prev-next').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      // Back to the section, so the position is that section again.
      await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'start' }), target);
      await page.waitForTimeout(300);

      await page.goto(new URL('', base).href);
      const button = page.locator('[data-continue-button]');
      await expect.poll(() => button.textContent()).toBe(`Continue: Opening a TCP connection, at “${sectionTitle}”`);
      expect(await button.getAttribute('href')).toBe(`/lessons/tcp-handshakes/#${target}`);

      await page.goto(new URL('progress/', base).href);
      await expect.poll(() => page.locator('[data-continue]').isVisible()).toBe(true);
      expect(await page.locator('[data-read-count]').textContent()).toMatch(/Lessons read to the end: 1 of \d+\./);
    } finally {
      await context.close();
    }
  });
});
