import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';

describe.runIf(browserAvailable())('placeholder lesson in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('decodes the RFC 6455 §5.7 masked "Hello" and names a bad hex character', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL('lessons/start-here/', inject('baseUrl')).href);
    const widget = page.locator('[data-widget="mini-frame-decoder"]');
    await widget.scrollIntoViewIfNeeded();
    await expect.poll(() => widget.locator('code').first().textContent()).toBe('Hello');
    await widget.locator('textarea').fill('81 85 37 zz');
    await expect.poll(() => widget.getByRole('alert').textContent()).toMatch(/"z".*position 9|position 9.*"z"/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
