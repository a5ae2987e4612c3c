// Tool pages in Chromium: the decoder on RFC 6455 §5.7's masked "Hello", a bad hex character, a shared link,
// and the accept-key calculator on the RFC 6455 §1.3 key (the expected value is computed by the core, not typed).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import { computeAcceptKey } from '../../src/protocol';
import { HELLO_TCPDUMP_X } from '../../content/captures/chromium-loopback';

describe.runIf(browserAvailable())('tool pages in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('frame decoder: decodes the masked Hello, names a bad character, and reopens from a shared link', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('tools/frame-decoder/', base).href);
    const decoder = page.locator('[data-widget="frame-decoder"]');
    const input = decoder.getByLabel('Bytes (hex)');
    await expect.poll(() => decoder.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();

    await input.fill('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    await expect.poll(() => decoder.textContent()).toMatch(/Hello/);
    await expect.poll(() => decoder.textContent()).toMatch(/text/i);

    await input.fill('81 85 37 zz');
    const alert = decoder.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/"z"/);
    await expect.poll(() => alert.textContent()).toMatch(/9/);

    // The hash carries the state: a fresh page on the same URL shows the same frame.
    await input.fill('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/818537fa213d7f9f4d5158/);
    const shared = page.url();
    const other = await browser.newPage();
    await other.goto(shared);
    const reopened = other.locator('[data-widget="frame-decoder"]');
    await expect.poll(() => reopened.getByLabel('Bytes (hex)').inputValue()).toMatch(/81\s*85\s*37\s*fa/i);
    await expect.poll(() => reopened.textContent()).toMatch(/Hello/);
    await other.close();

    // Byte arrays and base64 too: the page says which format it read.
    await input.fill('gYU3+iE9f59NUVg=');
    await expect.poll(() => decoder.getByRole('status').first().textContent()).toMatch(/Read as base64/);
    await input.fill("b'\\x81\\x857\\xfa!=\\x7f\\x9fMQX'");
    await expect.poll(() => decoder.textContent()).toMatch(/Read as a Python bytes literal/);
    await expect.poll(() => decoder.textContent()).toMatch(/Hello/);

    // A whole tcpdump -X packet: the capture layers load on first use and peel it to its frame.
    await input.fill(HELLO_TCPDUMP_X);
    await expect.poll(() => decoder.textContent()).toMatch(/This is a captured packet: IP/);
    await expect.poll(() => decoder.getByRole('status').first().textContent()).toMatch(/^11 bytes, 1 frame/);
    await page.close();
  });

  it('frame builder: the link keeps the frame, and reopens it in a fresh page', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('tools/frame-builder/', base).href);
    const builder = page.locator('[data-widget="frame-builder"]');
    await expect.poll(() => builder.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();
    await builder.getByLabel(/^Payload \(/).fill('Hi there');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/payload=Hi\+there/);
    const bytes = () => builder.locator('.wn-hex-byte').allTextContents();
    const built = await bytes();
    const other = await browser.newPage();
    await other.goto(page.url());
    const reopened = other.locator('[data-widget="frame-builder"]');
    await expect.poll(() => reopened.locator('.wn-hex-byte').allTextContents()).toEqual(built);
    await other.close();
    await page.close();
  });

  it('accept key: the RFC 6455 §1.3 example', async () => {
    const expected = await computeAcceptKey('dGhlIHNhbXBsZSBub25jZQ==');
    const page = await browser.newPage();
    await page.goto(new URL('tools/accept-key/', base).href);
    const accept = page.locator('[data-step="accept"]');
    await expect.poll(() => accept.textContent(), { timeout: 15_000 }).toContain(expected);
    await page.close();
  });
});
