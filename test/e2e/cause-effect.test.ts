// Feedback next to the control: after a step or a switch, the widget's explanation of it is on screen, at a
// phone's width and a laptop's, without scrolling (the explanation used to sit 725 px below Next).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';

interface Case {
  name: string;
  lesson: string;
  widget: string;
  act: (page: Page, widget: ReturnType<Page['locator']>) => Promise<void>;
  explanation: string;
  text: RegExp;
}

/**
 * Bring a control to the middle of the viewport, where a reader has it when using it. (At the top edge, the
 * phone's sticky section menu would cover it, and the click would scroll the page to find it.)
 */
async function inView(control: ReturnType<Page['locator']>): Promise<void> {
  await control.evaluate((el) => el.scrollIntoView({ block: 'center' }));
}

const CASES: Case[] = [
  {
    name: 'sliding window: Next',
    lesson: 'receive-windows',
    widget: '.wn-sw',
    act: async (_page, w) => {
      const next = w.getByRole('button', { name: 'Next' });
      await inView(next);
      await next.click();
    },
    explanation: '.wn-sw-events',
    text: /What happens in tick 1/,
  },
  {
    name: 'TCP connection: Next',
    lesson: 'tcp-handshakes',
    widget: '.wn-conn',
    act: async (_page, w) => {
      const next = w.getByRole('button', { name: 'Next' });
      await inView(next);
      await next.click();
    },
    explanation: '.wn-conn-step',
    text: /#1 /,
  },
  {
    name: 'Nagle: switching Nagle off',
    lesson: 'nagle-and-delayed-ack',
    widget: '.wn-nagle',
    act: async (_page, w) => {
      const box = w.getByLabel(/Nagle’s algorithm/);
      await inView(box);
      await box.click();
    },
    explanation: '.wn-nagle-result',
    text: /read\(\) returns after/,
  },
  {
    name: 'congestion: a round on the plot',
    lesson: 'congestion-control',
    widget: '.wn-cc',
    act: async (page, w) => {
      const plot = w.locator('.wn-cc-plot');
      await inView(plot);
      await plot.focus();
      await page.keyboard.press('ArrowRight');
    },
    explanation: '.wn-cc-why',
    text: /Round 1/,
  },
];

describe.runIf(browserAvailable())('the explanation stays in view after a control is used, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const width of [360, 1280]) {
    for (const c of CASES) {
      it(`${c.name} at ${width} px`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        try {
          await page.goto(new URL(`lessons/${c.lesson}/`, base).href);
          const widget = page.locator(c.widget).first();
          await widget.scrollIntoViewIfNeeded();
          // Wait for hydration: the island's controls answer only once React has attached.
          await expect.poll(() => widget.evaluate((el) => el.closest('astro-island')?.hasAttribute('ssr'))).toBe(false);
          // Islands above it hydrate as they come into view and may change height: let them settle first.
          await page.waitForTimeout(1500);
          await c.act(page, widget);
          const explanation = widget.locator(c.explanation).first();
          await expect.poll(() => explanation.textContent()).toMatch(c.text);
          const box = await explanation.boundingBox();
          expect(box).not.toBeNull();
          // Its top, and at least its first lines, are inside the viewport.
          expect(box!.y).toBeGreaterThanOrEqual(0);
          expect(box!.y + Math.min(box!.height, 60)).toBeLessThanOrEqual(800);
        } finally {
          await page.close();
        }
      });
    }
  }
});
