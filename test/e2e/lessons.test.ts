// A reader's path through the lessons: answer an exercise wrong then right, reload and find the progress kept;
// search the notebook. Expected answers come from the same exercise definitions the page uses.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import framing from '../../src/exercises/lessons/websocket-framing';
import { resolveVariant } from '../../src/exercises/variant';
import type { ValueVariant } from '../../src/exercises/types';

describe.runIf(browserAvailable())('lessons in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('checks a wrong and a right answer, and keeps progress across a reload', async () => {
    const seed = 4242;
    const variant = resolveVariant(framing['payload-length']!, seed) as ValueVariant;
    if (variant.answer.type !== 'number') throw new Error('payload-length should have a number answer');
    const right = variant.answer.value;

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(new URL(`lessons/websocket-framing/?ex-payload-length=${seed}`, base).href);

    const exercise = page.locator('[data-exercise-id="websocket-framing/payload-length"]');
    await exercise.scrollIntoViewIfNeeded();
    const input = exercise.getByRole('textbox');
    await expect.poll(() => exercise.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();

    // The island hydrates its form once the lesson's definitions have loaded (a Suspense boundary), so an answer
    // typed before that is not checked yet: answer again until the check replies, as a reader would.
    const slow = { timeout: 30_000, interval: 500 };
    const feedback = exercise.locator('.exercise-feedback');
    await expect
      .poll(async () => {
        await input.fill(String(right + 1));
        await input.press('Enter');
        return feedback.textContent();
      }, slow)
      .toMatch(/Not yet/);
    expect(await exercise.getAttribute('data-solved')).toBe('false');

    await input.fill(String(right));
    await input.press('Enter');
    await expect.poll(() => exercise.getAttribute('data-solved'), slow).toBe('true');

    await page.reload();
    await exercise.scrollIntoViewIfNeeded();
    await expect.poll(() => exercise.getAttribute('data-solved'), slow).toBe('true');
    // The progress page counts it too.
    await page.goto(new URL('progress/', base).href);
    await expect.poll(() => page.locator('main').textContent(), slow).toMatch(/WebSocket framing/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('search for "masking" lands on the framing lesson', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('search/?q=masking', base).href);
    const first = page.locator('.pagefind-ui__result-link').first();
    await first.waitFor({ timeout: 20_000 });
    await first.click();
    await page.waitForURL(/\/lessons\/websocket-framing\//);
    await page.close();
  });
});
