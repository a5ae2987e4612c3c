// Widgets after a reader has used them, checked with axe in light and dark: error messages, stale results,
// violations, a byte cursor, a wrong answer with a hint, the lab console with frames both ways. The site suite
// runs axe on every page as loaded; these are the states a page load never shows.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { axeViolations } from './axe';
import { browserAvailable, launchChromium } from './browser';

/** Waits until the island around `widget` has hydrated (Astro drops its `ssr` attribute). */
async function hydrated(widget: Locator): Promise<void> {
  await widget.first().scrollIntoViewIfNeeded();
  await expect
    .poll(() => widget.first().locator('xpath=ancestor::astro-island').getAttribute('ssr'), { timeout: 30_000 })
    .toBeNull();
}

interface Scenario {
  name: string;
  path: string;
  /** Drives the page into the state to check, and waits for it to show. */
  act(page: Page): Promise<void>;
}

const scenarios: Scenario[] = [
  {
    name: 'frame decoder: a bad character, then a violation with the byte cursor on it',
    path: 'tools/frame-decoder/',
    async act(page) {
      const decoder = page.locator('[data-widget="frame-decoder"]');
      await hydrated(decoder);
      await decoder.getByLabel('Bytes (hex)').fill('81 85 37 zz');
      await expect.poll(() => decoder.getByRole('alert').textContent()).toMatch(/"z"/);
      expect(await axeViolations(page)).toEqual([]);
      await decoder.getByRole('button', { name: 'Violation: unmasked client frame' }).click();
      await expect.poll(() => decoder.textContent()).toMatch(/1002/); // the close code a server would send (§7.4.1)
      await decoder
        .getByRole('group', { name: /arrow keys select a byte/ })
        .first()
        .focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => decoder.locator('.wn-hex-status').first().textContent()).toMatch(/^Byte 0/);
    },
  },
  {
    name: 'frame decoder: permessage-deflate on, a stream inflated, then a bad answer',
    // RFC 7692 §7.2.3.2: "Hello" twice from a server, the second referring back to the first.
    path: 'tools/frame-decoder/#hex=c107f248cdc9c90700c105f200110000&from=server&pmd=permessage-deflate',
    async act(page) {
      const decoder = page.locator('[data-widget="frame-decoder"]');
      await hydrated(decoder);
      await expect.poll(() => decoder.getByRole('status').textContent()).toMatch(/2 compressed\), no violations/);
      await expect.poll(() => decoder.getByRole('region', { name: 'Messages' }).textContent()).toMatch(/Hello/);
      expect(await axeViolations(page)).toEqual([]);
      await decoder.getByLabel('The server’s Sec-WebSocket-Extensions answer').fill('permessage-deflate; x');
      await expect.poll(() => decoder.textContent()).toMatch(/Not a permessage-deflate answer/);
    },
  },
  {
    name: 'frame builder: a masking key of two bytes leaves the last frame stale',
    path: 'tools/frame-builder/',
    async act(page) {
      const builder = page.locator('[data-widget="frame-builder"]');
      await hydrated(builder);
      await builder.getByLabel('Masking key').fill('12 34');
      await expect.poll(() => builder.locator('.is-stale').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'bitwise playground: a value out of range and a toggled bit',
    path: 'tools/bits/',
    async act(page) {
      const bits = page.locator('[data-widget="bitwise-playground"]').first();
      await hydrated(bits);
      await bits.getByRole('button', { name: 'bit 3 of B' }).click();
      await bits.getByLabel(/^A \(u8/).fill('0x1ff');
      await expect.poll(() => bits.locator('.wn-msg.is-error').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'accept-key calculator: an accept value that does not match',
    path: 'tools/accept-key/',
    async act(page) {
      const calc = page.locator('[data-widget="accept-key"]');
      await hydrated(calc);
      await calc.getByLabel(/Check a Sec-WebSocket-Accept/).fill('c29tZXRoaW5nIGVsc2U=');
      await expect.poll(() => calc.locator('.wn-msg.is-error').count()).toBeGreaterThan(0);
    },
  },
  {
    name: 'tcpdump reader: lines it cannot read, and a segment opened',
    path: 'tools/tcpdump/',
    async act(page) {
      const example = page.getByLabel('Example');
      await hydrated(example);
      await example.selectOption('broken');
      await expect.poll(() => page.locator('main li.is-error').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: /^Segment 1 \(line \d+\): details/ }).click();
    },
  },
  {
    name: 'exercise: a wrong answer and a hint',
    path: 'lessons/websocket-framing/?ex-payload-length=4242',
    async act(page) {
      const exercise = page.locator('[data-exercise-id="websocket-framing/payload-length"]');
      await hydrated(exercise);
      await expect.poll(() => exercise.locator('button[type="submit"]').isEnabled(), { timeout: 30_000 }).toBe(true);
      await exercise.getByRole('textbox').fill('99999');
      await exercise.getByRole('textbox').press('Enter');
      await expect.poll(() => exercise.locator('.exercise-feedback').textContent()).toMatch(/Not yet/);
      await exercise.getByRole('button', { name: /^Show a hint/ }).click();
      await expect.poll(() => exercise.locator('.exercise-hints li').count()).toBe(1);
    },
  },
  {
    name: 'lab console: connected, text echoed, a ping answered, and ping data that is too long',
    path: 'lessons/websocket-framing/',
    async act(page) {
      const console_ = page.locator('[data-widget="lab-console"]');
      await hydrated(console_);
      await console_.getByRole('button', { name: /^Connect/ }).click();
      await console_.getByRole('button', { name: 'Send text' }).click();
      await console_.getByRole('button', { name: 'Send ping' }).click();
      await expect.poll(() => console_.textContent(), { timeout: 15_000 }).toMatch(/Pong, 5 bytes, masked/);
      await console_.getByLabel('Ping data (text)').fill('x'.repeat(126));
      await expect.poll(() => console_.locator('.wn-msg.is-error').count()).toBeGreaterThan(0);
    },
  },
];

describe.runIf(browserAvailable())('widgets in use, checked with axe', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const colorScheme of ['light', 'dark'] as const) {
    it.each(scenarios)(`${colorScheme}: $name`, async ({ path, act }) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
      try {
        await page.goto(new URL(path, base).href);
        await act(page);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
