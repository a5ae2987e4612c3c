// Keyboard-only walk-throughs in Chromium: the frame decoder tool and an exercise, driven with Tab, Shift+Tab,
// Enter, Space, arrows and typing (no clicks, no fill()). Every stop on the way must show where the focus is
// (WCAG 2.4.7), and focus must be able to leave each widget again (2.1.2, no keyboard trap).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import framing from '../../src/exercises/lessons/websocket-framing';
import { resolveVariant } from '../../src/exercises/variant';
import type { ValueVariant } from '../../src/exercises/types';

/** What has focus, described the way a test can match it. */
interface Focused {
  tag: string;
  role: string | null;
  name: string;
  /** The data-widget or data-exercise-id around it, if any. */
  widget: string | null;
  exercise: string | null;
  inToc: boolean;
  /** An outline or a box shadow is drawn: the reader can see where the focus is. */
  visible: boolean;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    // A code editor draws its ring on the editor box around the focused text area, as CodeMirror does.
    const ringed = (el.closest('.cm-editor.cm-focused') as HTMLElement | null) ?? el;
    const style = getComputedStyle(ringed);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80),
      widget: el.closest('[data-widget]')?.getAttribute('data-widget') ?? null,
      exercise: el.closest('[data-exercise-id]')?.getAttribute('data-exercise-id') ?? null,
      inToc: el.closest('nav.toc') !== null,
      visible: outline || style.boxShadow !== 'none',
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `wanted` has focus, checking that every stop on the way shows its focus.
 * Fails with the path taken when `wanted` is not reached in `max` presses.
 */
async function tabUntil(
  page: Page,
  wanted: (f: Focused) => boolean,
  { max = 60, back = false } = {},
): Promise<Focused> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    path.push(`${f.tag}${f.role ? `[${f.role}]` : ''} "${f.name}"`);
    expect(f.visible, `no visible focus on ${path.at(-1)}`).toBe(true);
    if (wanted(f)) return f;
  }
  throw new Error(`not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}:\n${path.join('\n')}`);
}

describe.runIf(browserAvailable())('keyboard only, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('frame decoder: skip link, an example, typing, a bad character, byte and field navigation, and out again', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(new URL('tools/frame-decoder/', base).href);
    const decoder = page.locator('[data-widget="frame-decoder"]');
    await expect.poll(() => decoder.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();
    const inDecoder = (f: Focused) => f.widget === 'frame-decoder';

    // The first Tab reaches the skip link, and Enter moves focus to the main content.
    expect((await tabUntil(page, () => true, { max: 1 })).name).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect((await focused(page)).tag).toBe('main');

    // An example, chosen with Enter, fills the input and is decoded (RFC 6455 §5.7: unmasked "Hello").
    await tabUntil(page, (f) => inDecoder(f) && f.name.startsWith('Unmasked "Hello"'));
    await page.keyboard.press('Enter');
    const input = decoder.getByLabel('Bytes (hex)');
    await expect.poll(() => input.inputValue()).toMatch(/^81\s*05\s*48\s*65\s*6c\s*6c\s*6f$/i);
    await expect.poll(() => decoder.textContent()).toMatch(/Hello/);

    // Typed bytes replace it: the masked "Hello" of the same section.
    await tabUntil(page, (f) => inDecoder(f) && f.tag === 'textarea');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    await expect.poll(() => decoder.textContent()).toMatch(/37 ?fa ?21 ?3d/i);
    await expect.poll(() => decoder.textContent()).toMatch(/Hello/);

    // A stray character is named with its position, and goes away with Backspace.
    await page.keyboard.type(' 5z');
    const alert = decoder.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/"z".*\b35\b|\b35\b.*"z"/);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => alert.count()).toBe(0);
    expect((await focused(page)).tag).toBe('textarea');

    // The bytes are one tab stop; arrows, End and Escape move and clear the cursor.
    await tabUntil(page, (f) => inDecoder(f) && f.role === 'group' && /arrow keys select a byte/.test(f.name));
    const status = decoder.locator('.wn-hex-status').first();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => status.textContent()).toMatch(/^Byte 0: 0x81\b/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => status.textContent()).toMatch(/^Byte 1: 0x85\b/);
    await page.keyboard.press('End');
    await expect.poll(() => status.textContent()).toMatch(/^Byte 10: 0x58\b/);
    await expect.poll(() => decoder.locator('.wn-hex-byte.is-cursor').textContent()).toMatch(/58/i);
    await page.keyboard.press('Escape');
    await expect.poll(() => status.textContent()).toBe('');

    // The field list: a disclosure opened with Enter, then one tab stop whose arrows move between fields and
    // highlight each field's bytes.
    const summary = await tabUntil(page, (f) => inDecoder(f) && f.tag === 'summary');
    const details = decoder.locator('details', { has: page.locator('summary', { hasText: summary.name }) }).first();
    const wasOpen = await details.evaluate((d) => (d as HTMLDetailsElement).open);
    if (!wasOpen) {
      await page.keyboard.press('Enter');
      await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    }
    const firstField = await tabUntil(page, (f) => inDecoder(f) && f.tag === 'li');
    expect(firstField.name).toMatch(/^FIN\b/);
    await page.keyboard.press('ArrowDown');
    const second = await focused(page);
    expect(second.tag).toBe('li');
    expect(second.name).not.toBe(firstField.name);
    await expect.poll(() => decoder.locator('.wn-hex-byte.is-highlighted').count()).toBeGreaterThan(0);

    // No trap: Tab leaves the widget, Shift+Tab comes back to the field list.
    await tabUntil(page, (f) => !inDecoder(f), { max: 20 });
    const back = await tabUntil(page, inDecoder, { max: 1, back: true });
    expect(back.tag).toBe('li');
    await page.close();
  });

  it('exercise: reached from "On this page", answered wrong, a hint, then answered right, all from the keyboard', async () => {
    const seed = 777;
    const variant = resolveVariant(framing['payload-length']!, seed) as ValueVariant;
    if (variant.answer.type !== 'number') throw new Error('payload-length should have a number answer');
    const right = variant.answer.value;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(new URL(`lessons/websocket-framing/?ex-payload-length=${seed}`, base).href);

    // "On this page" comes before the lesson in tab order; the payload-length checkpoint closes the section
    // "The largest frame", so it is a few presses after that heading.
    await tabUntil(page, (f) => f.inToc && f.name === 'The largest frame', { max: 60 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#the-largest-frame');

    const id = 'websocket-framing/payload-length';
    const exercise = page.locator(`[data-exercise-id="${id}"]`);
    const check = exercise.locator('button[type="submit"]');
    // Focus moves on from the heading it landed on; the answer box is reached before anything after it.
    await tabUntil(page, (f) => f.exercise === id && f.tag === 'input', { max: 40 });
    await expect.poll(() => check.isEnabled(), { timeout: 30_000 }).toBe(true);

    const feedback = exercise.locator('.exercise-feedback');
    await page.keyboard.type(String(right + 1));
    await page.keyboard.press('Enter');
    await expect.poll(() => feedback.textContent()).toMatch(/Not yet/);
    expect(await exercise.getAttribute('data-solved')).toBe('false');
    expect((await focused(page)).tag).toBe('input');

    // A hint, asked for with Space.
    await tabUntil(page, (f) => f.exercise === id && /^Show a hint/.test(f.name), { max: 5 });
    await page.keyboard.press('Space');
    const hints = exercise.locator('.exercise-hints li');
    await expect.poll(() => hints.count()).toBe(1);
    expect(((await hints.first().textContent()) ?? '').trim()).not.toBe('');

    // Back to the answer, replace it, and check it again.
    await tabUntil(page, (f) => f.exercise === id && f.tag === 'input', { max: 5, back: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(right));
    await page.keyboard.press('Enter');
    await expect.poll(() => exercise.getAttribute('data-solved')).toBe('true');
    expect((await focused(page)).exercise).toBe(id);
    await context.close();
  });
});
