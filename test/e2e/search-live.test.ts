// Live search in the header: results under the field before Enter, arrow keys and Enter to open one, Escape to
// close; a typo offers "Did you mean" there and on the search page. Pagefind's index is the built one.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations } from './axe';
import { browserAvailable, launchChromium } from './browser';
import { openPage } from './visit';

describe.runIf(browserAvailable())('live search, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const view of [
    { width: 1280, colorScheme: 'light' },
    { width: 360, colorScheme: 'dark' },
  ] as const) {
    it(`shows results as you type and opens one with the keyboard at ${view.width} px`, async () => {
      const visit = await openPage(browser, new URL('lessons/tcp-handshakes/', base).href, view);
      const { page } = visit;
      try {
        const box = page.getByRole('combobox', { name: 'Search the notebook' });
        // On a phone the field is hidden behind the button, which opens it in place.
        if (view.width === 360) {
          expect(await box.isVisible()).toBe(false);
          await page.locator('form.search-box button').click();
        } else await box.click();
        await expect.poll(() => box.evaluate((b) => b === document.activeElement)).toBe(true);
        await box.pressSequentially('masking', { delay: 30 });
        const options = page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
        await expect.poll(() => options.count(), { timeout: 20_000 }).toBeGreaterThan(1);
        expect(await box.getAttribute('aria-expanded')).toBe('true');
        expect(await options.first().textContent()).toMatch(/mask/i);
        // Nothing was submitted: still on the lesson.
        expect(new URL(page.url()).pathname).toBe('/lessons/tcp-handshakes/');
        const inView = await page.locator('#site-search-results').evaluate((l) => {
          const r = l.getBoundingClientRect();
          return r.left >= 0 && r.right <= innerWidth && r.top >= 0;
        });
        expect(inView).toBe(true);
        if (view.width === 1280) expect(await axeViolations(page)).toEqual([]);

        await box.press('ArrowDown');
        const first = options.first();
        expect(await first.getAttribute('aria-selected')).toBe('true');
        expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
        await box.press('Escape');
        expect(await page.locator('#site-search-results').isVisible()).toBe(false);
        expect(await box.getAttribute('aria-expanded')).toBe('false');

        await box.press('ArrowDown');
        await box.press('ArrowDown');
        await box.press('Enter');
        await page.waitForURL((u) => u.pathname !== '/lessons/tcp-handshakes/' || u.hash !== '');
        expect(visit.errors).toEqual([]);
        expect(visit.failedRequests).toEqual([]);
      } finally {
        await visit.context.close();
      }
    });
  }

  it('offers "Did you mean" for a typo in the header and on the search page', async () => {
    const visit = await openPage(browser, new URL('tools/', base).href, { width: 1280, colorScheme: 'light' });
    const { page } = visit;
    try {
      const box = page.getByRole('combobox', { name: 'Search the notebook' });
      await box.click();
      await box.pressSequentially('handshke', { delay: 30 });
      const results = page.getByRole('listbox', { name: 'Search results' });
      const suggestion = results.getByRole('option', { name: 'Did you mean handshake?' });
      await expect.poll(() => suggestion.count(), { timeout: 20_000 }).toBe(1);
      await box.press('ArrowDown');
      await box.press('Enter');
      await expect.poll(() => box.inputValue()).toBe('handshake');
      await expect.poll(() => results.getByRole('option', { name: /^The WebSocket handshake/ }).count()).toBe(1);

      await page.goto(new URL('search/?q=handshke', base).href);
      const link = page.locator('[data-search-suggest-link]');
      await expect.poll(() => link.textContent(), { timeout: 20_000 }).toBe('handshake');
      expect(await link.isVisible()).toBe(true);
      await link.click();
      await expect.poll(() => page.locator('#search input').inputValue()).toBe('handshake');
      await expect.poll(() => page.locator('[data-search-suggest]').isVisible()).toBe(false);
      expect(visit.errors).toEqual([]);
    } finally {
      await visit.context.close();
    }
  });
});
