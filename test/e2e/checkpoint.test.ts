// Checkpoints inside a lesson (<Exercise compact>) and the printable recap (<Recap>), as a reader meets them.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';

describe.runIf(browserAvailable())('checkpoints and the recap, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('puts a checked question right after its section, before the end-of-lesson exercises', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    try {
      await page.goto(new URL('lessons/bits-and-bytes/', base).href);
      const checkpoint = page.locator('[data-exercise-id="bits-and-bytes/kib-bytes"]');
      await checkpoint.scrollIntoViewIfNeeded();
      await expect.poll(() => checkpoint.locator('h3').textContent()).toMatch(/^Checkpoint: /);
      // It sits between the section it checks and the next one, not under "Exercises".
      const order = await page.evaluate(() => {
        const cp = document.querySelector('[data-exercise-id="bits-and-bytes/kib-bytes"]')!;
        const next = document.getElementById('unsigned-and-signed')!;
        const exercises = document.getElementById('exercises')!;
        const before = (a: Node, b: Node) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
        return { beforeNextSection: before(cp, next), beforeExercises: before(cp, exercises) };
      });
      expect(order).toEqual({ beforeNextSection: true, beforeExercises: true });
      // Checked by the same code as any exercise: a wrong answer is named as wrong.
      await expect.poll(() => checkpoint.getAttribute('aria-busy')).toBeNull();
      await checkpoint.locator('input').fill('1');
      await checkpoint.getByRole('button', { name: 'Check' }).click();
      await expect.poll(() => checkpoint.locator('[role="status"], [aria-live]').first().textContent()).toMatch(/\S/);
      expect(await checkpoint.getAttribute('data-solved')).toBe('false');
    } finally {
      await page.close();
    }
  });

  it('prints only the recap, under the lesson title', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(new URL('lessons/sockets-and-layers/', base).href);
      const print = page.getByRole('button', { name: 'Print this recap' });
      await expect.poll(() => print.isVisible()).toBe(true);
      // window.print() would block a headless page: record the call instead, then print with print media.
      await page.evaluate(() => {
        window.print = () => void (document.body.dataset.printed = 'yes');
      });
      await print.click();
      expect(await page.evaluate(() => document.body.dataset.printed)).toBe('yes');
      await page.emulateMedia({ media: 'print' });
      const seen = await page.evaluate(() => ({
        header: getComputedStyle(document.querySelector('h1')!).visibility,
        recap: getComputedStyle(document.querySelector('.recap li')!).visibility,
        title: getComputedStyle(document.querySelector('.recap')!, '::before').content,
      }));
      expect(seen).toEqual({ header: 'hidden', recap: 'visible', title: '"Recap: Sockets and layers"' });
    } finally {
      await page.close();
    }
  });
});
