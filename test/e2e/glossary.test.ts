// The glossary: /glossary/ lists every term of the registry at its own anchor, and a lesson's <Term> shows the
// definition in a card on keyboard focus and on hover (loaded only then), closes it on Escape, and links to the entry.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { GLOSSARY, requireGlossaryTerm } from '../../src/explain/glossary';
import { axeViolations } from './axe';
import { browserAvailable, launchChromium } from './browser';
import { openPage } from './visit';

const LESSON = 'lessons/sockets-and-layers/';

/** Presses Tab until a glossary term has focus; returns its id. */
async function tabToTerm(page: Page): Promise<string> {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.term);
    if (id) return id;
  }
  throw new Error('no glossary term reached with Tab');
}

const cardState = (page: Page) =>
  page.evaluate(() => {
    const card = document.getElementById('glossary-card');
    if (!card || card.hidden) return { shown: false as const };
    const r = card.getBoundingClientRect();
    return {
      shown: true as const,
      role: card.getAttribute('role'),
      text: card.textContent ?? '',
      left: r.left,
      right: r.right,
      width: document.documentElement.clientWidth,
      describes: [...document.querySelectorAll('[aria-describedby="glossary-card"]')].map(
        (e) => (e as HTMLElement).dataset.term,
      ),
    };
  });

describe.runIf(browserAvailable())('the glossary, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it.each([
    [1280, 'light'],
    [360, 'dark'],
  ] as const)(
    'at %i px (%s), a term shows its card on Tab and hover, Escape hides it, the link leads to the entry',
    async (width, colorScheme) => {
      const visit = await openPage(browser, new URL(LESSON, base).href, { width, colorScheme });
      const { page } = visit;
      const cardRequests: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/glossary.json')) cardRequests.push(r.url());
      });
      try {
        // Nothing is loaded for the cards until a reader reaches a term.
        await page.waitForTimeout(300);
        expect(cardRequests).toEqual([]);
        expect(await cardState(page)).toEqual({ shown: false });

        // Keyboard: Tab reaches the first term, and its card describes it.
        const first = await tabToTerm(page);
        const term = requireGlossaryTerm(first);
        await expect.poll(() => cardState(page).then((s) => s.shown)).toBe(true);
        const shown = await cardState(page);
        expect(shown).toMatchObject({ role: 'tooltip', describes: [first] });
        if (!shown.shown) throw new Error('card not shown');
        expect(shown.text).toContain(term.name);
        expect(shown.text).toContain(term.definition);
        expect(shown.left).toBeGreaterThanOrEqual(0);
        expect(shown.right).toBeLessThanOrEqual(shown.width);
        expect(cardRequests).toHaveLength(1);
        // The card came after the focus, too late to be read as the link's description: a polite live region
        // says it once, and empties when the card closes.
        const live = page.locator('[data-glossary-live]');
        expect(await live.getAttribute('aria-live')).toBe('polite');
        expect(await live.textContent()).toBe(`${term.name}: ${term.definition}`);
        // The open card passes axe too, in both colour sets (contrast) and both layouts.
        expect(await axeViolations(page)).toEqual([]);

        // Escape hides it and leaves focus on the term; Tab then moves on (the card holds no focus).
        await page.keyboard.press('Escape');
        expect(await cardState(page)).toEqual({ shown: false });
        expect(await live.textContent()).toBe('');
        expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.term)).toBe(first);
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.closest('#glossary-card'))).toBeNull();
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

        // Pointer: hovering another term shows its card; moving away hides it.
        const mss = page.locator('a.term[data-term="mss"]');
        await mss.scrollIntoViewIfNeeded();
        await mss.hover();
        await expect.poll(() => cardState(page).then((s) => (s.shown ? s.text : ''))).toContain('MSS');
        const hovered = await cardState(page);
        if (!hovered.shown) throw new Error('card not shown');
        expect(hovered.describes).toEqual(['mss']);
        expect(hovered.right).toBeLessThanOrEqual(hovered.width);
        await page.mouse.move(1, 1);
        await expect.poll(() => cardState(page).then((s) => s.shown)).toBe(false);
        expect(cardRequests, 'the cards load once').toHaveLength(1);

        // The link itself leads to the glossary entry.
        expect(await mss.getAttribute('href')).toMatch(/\/glossary\/#mss$/);
        await mss.click();
        await page.waitForURL(/\/glossary\/#mss$/);
        const heading = page.locator('h3#mss');
        expect(await heading.textContent()).toBe('MSS (maximum segment size)');
        const top = await heading.evaluate((h) => h.getBoundingClientRect().top);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(top).toBeLessThan(400);
        expect(visit.errors).toEqual([]);
        expect(visit.failedRequests).toEqual([]);
      } finally {
        await visit.context.close();
      }
    },
  );

  it('the glossary page lists every term with its lesson, under a letter index that works', async () => {
    const visit = await openPage(browser, new URL('glossary/', base).href, { width: 360, colorScheme: 'light' });
    const { page } = visit;
    try {
      const ids = await page.$$eval('.glossary-entry h3[id]', (hs) => hs.map((h) => h.id));
      expect([...ids].sort()).toEqual(GLOSSARY.map((t) => t.id).sort());
      const names = await page.$$eval('.glossary-entry h3', (hs) => hs.map((h) => h.textContent ?? ''));
      expect(names).toEqual(
        [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', ignorePunctuation: true })),
      );
      const taught = await page.$$eval('.glossary-entry', (es) =>
        es.map((e) => [...e.querySelectorAll('a')].find((a) => a.pathname.startsWith('/lessons/'))?.pathname),
      );
      expect(taught.every((p) => p !== undefined)).toBe(true);
      expect(await page.locator('#mss').locator('xpath=..').textContent()).toContain('RFC 9293 §3.7.1');
      // Every letter link goes to a heading on the page.
      const letters = await page.$$eval('nav.glossary-letters a', (as) => as.map((a) => (a as HTMLAnchorElement).hash));
      expect(letters.length).toBeGreaterThan(10);
      for (const hash of letters) expect(await page.locator(hash).count()).toBe(1);
      // Search finds it: an alias only the glossary spells out leads to the page's entry.
      // (A string, so that Vitest leaves the page's own dynamic import alone.)
      const found = await page.evaluate<string[]>(`(async () => {
        const pf = await import('/pagefind/pagefind.js');
        const { results } = await pf.search('endianness');
        return Promise.all(results.map(async (r) => (await r.data()).url));
      })()`);
      expect(found).toContain('/glossary/');
      // It fits a phone: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(visit.errors).toEqual([]);
    } finally {
      await visit.context.close();
    }
  });
});
