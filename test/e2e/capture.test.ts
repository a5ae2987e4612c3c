// The capture reader in Chromium: a real pcap picked from disk (as a drop would hand it over), pasted tcpdump -X
// text, Cancel on a large file, an example at 360 px in dark mode checked with axe — with zero console errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchChromium } from './browser';
import { openPage } from './visit';
import { axeViolations } from './axe';
import { HELLO_SUMMARY, HELLO_TCPDUMP_X } from '../../content/captures/chromium-loopback';

const CAPTURES = join(import.meta.dirname, '../../content/captures');

describe.runIf(browserAvailable())('capture reader in Chromium', () => {
  let browser: Browser;
  const base = inject('baseUrl');
  const url = (): string => new URL('tools/capture/', base).href;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('a picked pcap shows its WebSocket conversation, parsed in a worker', async () => {
    const v = await openPage(browser, url(), { width: 1280, colorScheme: 'light' });
    const tool = v.page.locator('[data-widget="capture"]');
    await expect.poll(() => tool.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();
    await tool.getByLabel(/Open a capture/).setInputFiles(join(CAPTURES, 'chromium-reordered.pcap'));
    await expect.poll(() => tool.textContent()).toMatch(/pcap · 39 packets · 2 TCP connections/);
    const text = (await tool.textContent()) ?? '';
    expect(text).toMatch(/Upgrade request: GET \/lab\/ws\/echo HTTP\/1\.1/);
    expect(text).toMatch(/Sec-WebSocket-Accept matches the key/);
    expect(text).toMatch(/1 retransmissions, 1 out of order, 0 gaps/);
    expect(text).toMatch(/line 000 of a message bigger than one segment/);
    // The first message's link opens the frame decoder on that very frame.
    await tool
      .getByRole('link', { name: /Open this frame in the frame decoder/ })
      .first()
      .click();
    const decoder = v.page.locator('[data-widget="frame-decoder"]');
    await expect.poll(() => decoder.textContent(), { timeout: 15_000 }).toMatch(/Hello/);
    // Back, and the connection's packets open in the tcpdump reader.
    await v.page.goBack();
    await tool.getByLabel(/Open a capture/).setInputFiles(join(CAPTURES, 'chromium-ipv4.pcap'));
    await tool
      .getByRole('link', { name: /^Explain the first \d+ packets of this connection in the tcpdump reader/ })
      .click();
    await expect
      .poll(() => v.page.locator('body').textContent(), { timeout: 15_000 })
      .toMatch(/16 segments read from 16 lines/);
    // Each packet number links to its own segment there, chosen, after the lines before it.
    await v.page.goto(url());
    await expect.poll(() => tool.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();
    await tool.getByLabel(/Open a capture/).setInputFiles(join(CAPTURES, 'chromium-ipv4.pcap'));
    await tool.getByRole('link', { name: 'Packet 24 in the tcpdump reader' }).click();
    const fin = v.page.getByRole('button', { name: /^Segment \d+ \(line \d+\): details/, pressed: true });
    await expect.poll(() => fin.count(), { timeout: 15_000 }).toBe(1);
    expect(await fin.textContent()).toBe(new URL(v.page.url()).hash.match(/seg=(\d+)/)![1]);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('a large file shows its progress and can be cancelled', async () => {
    // 40 MB: the real capture's packets again and again (header once), enough to be still reading when Cancel is pressed.
    const real = readFileSync(join(CAPTURES, 'chromium-ipv4.pcap'));
    const body = real.subarray(24);
    const big = Buffer.concat([
      real.subarray(0, 24),
      ...Array.from({ length: Math.ceil(40e6 / body.length) }, () => body),
    ]);
    const v = await openPage(browser, url(), { width: 1280, colorScheme: 'light' });
    const tool = v.page.locator('[data-widget="capture"]');
    await expect.poll(() => tool.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();
    await tool
      .getByLabel(/Open a capture/)
      .setInputFiles({ name: 'big.pcap', mimeType: 'application/octet-stream', buffer: big });
    await expect.poll(() => tool.locator('progress').count()).toBe(1);
    await tool.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => tool.textContent()).toMatch(/Cancelled\./);
    expect(await tool.locator('progress').count()).toBe(0);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('pasted tcpdump -X text is read too', async () => {
    const v = await openPage(browser, url(), { width: 1280, colorScheme: 'light' });
    const tool = v.page.locator('[data-widget="capture"]');
    await expect.poll(() => tool.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();
    await tool.getByLabel(/or paste tcpdump -X output/).fill(`${HELLO_SUMMARY}\n${HELLO_TCPDUMP_X}\n`);
    await tool.getByRole('button', { name: 'Read pasted text' }).click();
    await expect.poll(() => tool.textContent()).toMatch(/text · 1 packet · 1 TCP connection/);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it("a compressed frame's link opens the decoder with permessage-deflate on; context takeover is explained", async () => {
    const v = await openPage(browser, url(), { width: 1280, colorScheme: 'light' });
    const tool = v.page.locator('[data-widget="capture"]');
    await expect.poll(() => tool.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();
    await tool.getByRole('button', { name: 'chromium-deflate-context.pcap' }).click();
    // The second "Hello" each way is deflated against the first (RFC 7692 §7.2.3.2): said next to its link.
    await expect.poll(() => tool.getByText(/the link holds this side's 2 frames up to this message/).count()).toBe(2);
    const links = tool.getByRole('link', { name: /Open this frame in the frame decoder/ });
    expect(await links.nth(1).getAttribute('href')).toBe(
      '/tools/frame-decoder/#hex=c107f248cdc9c90700&from=server&pmd=permessage-deflate',
    );
    const withContext = new URL((await links.nth(3).getAttribute('href'))!, v.page.url()).href;
    await links.nth(1).click();
    const decoder = v.page.locator('[data-widget="frame-decoder"]');
    await expect.poll(() => decoder.getByLabel(/permessage-deflate negotiated/).isChecked()).toBe(true);
    await expect.poll(() => decoder.textContent(), { timeout: 15_000 }).toMatch(/Hello/);
    // The second server "Hello" comes with the first: both inflate, in order, with no DEFLATE error.
    await v.page.goto(withContext);
    await expect.poll(() => decoder.textContent(), { timeout: 15_000 }).toMatch(/Hello[\s\S]*Hello/);
    expect(await decoder.textContent()).not.toMatch(/not valid DEFLATE/);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('an example at 360 px in dark mode, by keyboard, without horizontal scrolling', async () => {
    const v = await openPage(browser, url(), { width: 360, colorScheme: 'dark' });
    const tool = v.page.locator('[data-widget="capture"]');
    await expect.poll(() => tool.locator('xpath=ancestor::astro-island').getAttribute('ssr')).toBeNull();
    await tool.getByRole('button', { name: 'chromium-deflate.pcap' }).focus();
    await v.page.keyboard.press('Enter');
    // Inflated with the codec's permessage-deflate layer (RFC 7692 §7.2.2), as the lab does.
    await expect.poll(() => tool.textContent()).toMatch(/inflated/);
    await expect.poll(() => tool.textContent()).toMatch(/Hello/);
    const overflow = await v.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(v.page)).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.failedRequests).toEqual([]);
    await v.context.close();
  });
});
