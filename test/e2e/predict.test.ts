// Predict, then reveal: before each TCP simulator plays, a checkpoint asks for a number it is about to show (the
// third segment's ack, the next ACK in the sliding window, cwnd after the first loss, a write-write-read round).
// It sits above the widget, a wrong prediction is answered with what it mistook, the right one (computed by the
// same models) is accepted, and where the question is about the widget's own starting run, the widget moved to that
// step shows the same number.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import { loadLessonExercises } from '../../src/exercises/registry';
import { resolveVariant } from '../../src/exercises/variant';
import type { ValueVariant } from '../../src/exercises/types';

interface Case {
  lesson: string;
  id: string;
  widget: string;
  /** Moves the simulator to where it shows the predicted number, and the text that shows it. */
  reveal?: {
    act: (page: Page, widget: Locator) => Promise<void>;
    explanation: string;
    text: (answer: number) => string;
  };
}

const CASES: Case[] = [
  { lesson: 'tcp-handshakes', id: 'handshake-ack', widget: '.wn-conn' },
  {
    lesson: 'receive-windows',
    id: 'next-ack',
    widget: '.wn-sw',
    reveal: {
      act: async (_page, widget) => {
        const next = widget.getByRole('button', { name: 'Next' });
        for (let i = 0; i < 3; i++) await next.click();
      },
      explanation: '.wn-sw-events',
      text: (ack) => `Receiver ACKs ${ack} `,
    },
  },
  {
    lesson: 'congestion-control',
    id: 'plot-cwnd',
    widget: '.wn-cc',
    reveal: {
      act: async (page, widget) => {
        await widget.locator('.wn-cc-plot').focus();
        for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
      },
      explanation: '.wn-cc-why',
      text: (cwnd) => `cwnd ${cwnd.toLocaleString('en-US')} (`,
    },
  },
  { lesson: 'nagle-and-delayed-ack', id: 'round-time', widget: '.wn-nagle' },
];
const SEED = 7;

describe.runIf(browserAvailable())('predict, then reveal, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const c of CASES) {
    it(`${c.lesson}: ${c.id} comes before the simulator and checks the prediction`, async () => {
      const def = (await loadLessonExercises(c.lesson))[c.id];
      if (!def || def.kind !== 'value') throw new Error(`${c.lesson}/${c.id} is not a value exercise`);
      const variant = resolveVariant(def, SEED) as ValueVariant;
      if (variant.answer.type !== 'number') throw new Error(`${c.id}: expected a number answer`);
      const mistake = variant.answer.mistakes?.[0];
      if (!mistake) throw new Error(`${c.id}: expected a predictable wrong answer`);

      const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
      try {
        await page.goto(new URL(`lessons/${c.lesson}/?ex-${c.id}=${SEED}`, base).href);
        const selector = `[data-exercise-id="${c.lesson}/${c.id}"]`;
        const order = await page.evaluate(
          ([sel, widget]) => {
            const cp = document.querySelector(sel!);
            const w = document.querySelector(widget!);
            if (!cp || !w) return 'missing';
            return cp.compareDocumentPosition(w) & Node.DOCUMENT_POSITION_FOLLOWING ? 'before' : 'after';
          },
          [selector, c.widget],
        );
        expect(order).toBe('before');

        const checkpoint = page.locator(selector);
        await checkpoint.scrollIntoViewIfNeeded();
        await expect.poll(() => checkpoint.getAttribute('aria-busy')).toBeNull();
        const input = checkpoint.locator('input').first();
        const feedback = checkpoint.locator('[role="status"]');
        await input.fill(String(mistake.value));
        await checkpoint.getByRole('button', { name: 'Check' }).click();
        await expect.poll(() => feedback.textContent()).toContain(mistake.message.slice(0, 40));
        expect(await checkpoint.getAttribute('data-solved')).toBe('false');

        await input.fill(String(variant.answer.value));
        await checkpoint.getByRole('button', { name: 'Check' }).click();
        await expect.poll(() => checkpoint.getAttribute('data-solved')).toBe('true');

        if (c.reveal) {
          // The simulator, stepped to the same tick, shows the number just predicted.
          const widget = page.locator(c.widget).first();
          await widget.evaluate((el) => el.scrollIntoView({ block: 'center' }));
          await expect.poll(() => widget.evaluate((el) => el.closest('astro-island')?.hasAttribute('ssr'))).toBe(false);
          await c.reveal.act(page, widget);
          await expect
            .poll(() => widget.locator(c.reveal!.explanation).first().textContent())
            .toContain(c.reveal.text(variant.answer.value));
        }
      } finally {
        await page.close();
      }
    });
  }
});
