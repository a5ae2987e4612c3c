// Copy buttons: a lesson's code block copies its code as shown, and a tool's "Copy link" copies the address with
// the tool's state; both say so in the page's status line.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';

describe.runIf(browserAvailable())('copy buttons, in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  async function clipboardPage() {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
    return { context, page: await context.newPage() };
  }

  it("copies a lesson's code block, as shown", async () => {
    const { context, page } = await clipboardPage();
    await page.goto(new URL('lessons/start-here/', base).href);
    const block = page.locator('article .code-block').first();
    const code = await block.locator('pre').innerText();
    await block.getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(code.replace(/\n$/, ''));
    await expect.poll(() => page.locator('[data-copy-status]').textContent()).toBe('Copied');
    await context.close();
  });

  it("copies a tool's link with its state", async () => {
    const { context, page } = await clipboardPage();
    await page.goto(new URL('tools/frame-decoder/#hex=818537fa213d7f9f4d5158&from=client', base).href);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    expect(page.url()).toContain('#hex=818537fa213d7f9f4d5158');
    await context.close();
  });
});
