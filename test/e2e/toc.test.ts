// "On this page" follows the reader: the section being read is marked aria-current="location" in the side list
// (wide screens) and named in the sticky section menu (phones), which closes once a section is chosen.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import { openPage } from './visit';

const LESSON = 'lessons/tcp-handshakes/';

describe.runIf(browserAvailable())('on this page, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('at 1280 px, marks the section scrolled to and moves the mark as the reader scrolls', async () => {
    const visit = await openPage(browser, new URL(LESSON, base).href, { width: 1280, colorScheme: 'light' });
    const { page } = visit;
    try {
      const ids = await page.$$eval('nav.toc a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')!.slice(1)));
      expect(ids.length).toBeGreaterThan(4);
      const marked = () =>
        page.$$eval('nav.toc a[aria-current="location"]', (as) =>
          as.map((a) => (a as HTMLAnchorElement).hash.slice(1)),
        );
      for (const id of [ids[2]!, ids[ids.length - 2]!, ids[1]!]) {
        await page.evaluate((target) => document.getElementById(target)!.scrollIntoView({ block: 'start' }), id);
        await expect.poll(marked).toEqual([id]);
      }
      expect(visit.errors).toEqual([]);
    } finally {
      await visit.context.close();
    }
  });

  it('at 360 px, the section menu stays in view, names the section, closes after a choice, and leaves it in view', async () => {
    const visit = await openPage(browser, new URL(LESSON, base).href, { width: 360, colorScheme: 'dark' });
    const { page } = visit;
    try {
      const menu = page.locator('details.toc-menu');
      const target = await menu.locator('a[href^="#"]').nth(3).getAttribute('href');
      await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight / 2));
      await expect.poll(() => menu.evaluate((m) => Math.round(m.getBoundingClientRect().top))).toBe(0);
      const name = page.locator('[data-toc-current]');
      await expect.poll(() => name.textContent()).not.toBe('');
      await menu.locator('summary').click();
      await menu.locator(`a[href="${target}"]`).click();
      expect(await menu.evaluate((m) => (m as HTMLDetailsElement).open)).toBe(false);
      await expect
        .poll(() =>
          page.$$eval('details.toc-menu a[aria-current="location"]', (as) =>
            as.map((a) => (a as HTMLAnchorElement).hash),
          ),
        )
        .toEqual([target]);
      // The chosen heading lands below the sticky menu, not under it (html's scroll-padding-top).
      const menuBottom = await menu.evaluate((m) => m.getBoundingClientRect().bottom);
      const headingTop = await page.evaluate(
        (id) => document.getElementById(id)!.getBoundingClientRect().top,
        target!.slice(1),
      );
      expect(headingTop).toBeGreaterThanOrEqual(menuBottom);
      expect(visit.errors).toEqual([]);
    } finally {
      await visit.context.close();
    }
  });
});
