/**
 * The header's lab badge in Chromium: how a page finds the lab without a request that could fail. Served by the
 * lab, the page knows from the lab's Server-Timing metric and asks nothing, on a first load and on a revalidated
 * reload. Served by a plain static server (not the lab) from a loopback address, it contacts nothing on load and
 * logs nothing; only the reader's Connect reaches the lab, at the address given with `?lab=`. Served from a public
 * host, the page reads Chrome's local-network permission without prompting and says what it means.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLab, type RunningLab } from '../../lab/server';
import { browserAvailable, CHROMIUM_FLAGS, chromiumPath, launchChromium } from './browser';
import { serveStatic, type StaticHost } from './static-host';

interface Watched {
  page: Page;
  errors: string[];
  /** Every request the page made to a /lab/ path, on any origin. */
  labRequests: string[];
}

async function watch(browser: Browser, page?: Page): Promise<Watched> {
  page ??= await browser.newPage();
  const errors: string[] = [];
  const labRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/lab/')) labRequests.push(r.url());
  });
  return { page, errors, labRequests };
}

const badgeState = (page: Page) => page.locator('[data-lab-badge]').getAttribute('data-state');

describe.runIf(browserAvailable())('the lab badge', () => {
  let browser: Browser;
  let plain: StaticHost;
  beforeAll(async () => {
    browser = await launchChromium();
    plain = await serveStatic('dist');
  });
  afterAll(async () => {
    await browser?.close();
    await plain?.close();
  });

  it('served by the lab: "running" from the Server-Timing metric, with no request, also after a revalidated reload', async () => {
    const { page, errors, labRequests } = await watch(browser);
    await page.goto(inject('baseUrl'), { waitUntil: 'networkidle' });
    await expect.poll(() => badgeState(page)).toBe('running');
    expect(await page.evaluate(() => document.documentElement.dataset.labOrigin)).toBe(
      new URL(inject('baseUrl')).origin,
    );
    const reload = await page.reload({ waitUntil: 'networkidle' });
    // Revalidated, not fetched again: Chromium sent the ETag, and the lab's 304 carried only headers (the page sees
    // the cached 200, with the 304's headers merged in).
    expect((await reload?.request().allHeaders())?.['if-none-match']).toBeTruthy();
    const sizes = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { transfer: entry.transferSize, body: entry.encodedBodySize };
    });
    expect(sizes.transfer).toBeLessThan(sizes.body);
    await expect.poll(() => badgeState(page)).toBe('running');
    expect(labRequests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(['/', '/lessons/websocket-handshake/'])(
    'from a plain static server on 127.0.0.1, %s asks nothing on load and logs no error',
    async (path) => {
      const { page, errors, labRequests } = await watch(browser);
      const response = await page.goto(`${plain.origin}${path}`, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      await expect.poll(() => badgeState(page)).toBe('unchecked');
      await page.waitForTimeout(500);
      expect(labRequests).toEqual([]);
      expect(errors).toEqual([]);
      expect(await page.locator('[data-lab-check]').textContent()).toBe('Connect');
      await page.close();
    },
  );

  it('from a plain static server, Connect reaches the lab chosen with ?lab=, and only then', async () => {
    const lab: RunningLab = await startLab({
      port: 0,
      host: '127.0.0.1',
      siteDir: null,
      tcpEchoPort: null,
      allowOrigins: [plain.origin],
    });
    try {
      const { page, errors, labRequests } = await watch(browser);
      await page.goto(`${plain.origin}/?lab=${encodeURIComponent(lab.origin)}`, { waitUntil: 'networkidle' });
      await expect.poll(() => badgeState(page)).toBe('unchecked');
      expect(labRequests).toEqual([]);
      // Widgets aim at the chosen lab before anyone connects.
      expect(await page.evaluate(() => document.documentElement.dataset.labOrigin)).toBe(lab.origin);
      await page.locator('[data-lab-badge]').click();
      await page.locator('[data-lab-check]').click();
      await expect.poll(() => badgeState(page)).toBe('running');
      expect(labRequests).toEqual([`${lab.origin}/lab/status`]);
      // The choice lasts for the session: the next page shows the lab found, without asking again.
      await page.goto(`${plain.origin}/lessons/websocket-handshake/`, { waitUntil: 'networkidle' });
      await expect.poll(() => badgeState(page)).toBe('running');
      expect(labRequests).toHaveLength(1);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await lab.close();
    }
  });

  it('refuses a ?lab= that is not on this machine, and says so', async () => {
    const { page, errors, labRequests } = await watch(browser);
    await page.goto(`${plain.origin}/?lab=${encodeURIComponent('http://192.0.2.1:8787')}`, {
      waitUntil: 'networkidle',
    });
    await expect.poll(() => badgeState(page)).toBe('unchecked');
    await page.locator('[data-lab-badge]').click();
    await expect(page.locator('[data-lab-note]').textContent()).resolves.toMatch(/only a lab on this machine/);
    expect(await page.evaluate(() => document.documentElement.dataset.labOrigin)).toBeUndefined();
    expect(labRequests).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe.runIf(browserAvailable())('the lab badge on a public host', () => {
  let browser: Browser;
  let plain: StaticHost;
  let hosted: string;
  beforeAll(async () => {
    plain = await serveStatic('dist');
    const port = plain.port;
    hosted = `http://notebook.example:${port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        ...CHROMIUM_FLAGS,
        // A public site, as far as Chromium can tell: its name, its address space, and a secure context.
        '--host-resolver-rules=MAP notebook.example 127.0.0.1',
        `--ip-address-space-overrides=127.0.0.1:${port}=public`,
        `--unsafely-treat-insecure-origin-as-secure=${hosted}`,
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await plain?.close();
  });

  it('asks nothing on load, reads the permission without prompting, and says what the browser will do', async () => {
    const context = await browser.newContext();
    const { page, errors, labRequests } = await watch(browser, await context.newPage());
    await page.goto(`${hosted}/`, { waitUntil: 'networkidle' });
    await expect.poll(() => badgeState(page)).toBe('unchecked');
    await expect.poll(() => page.locator('[data-lab-permission]').textContent()).toMatch(/will ask/);
    expect(labRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when the lab does not allow this origin, Connect names the exact flag to add', async () => {
    const lab = await startLab({ port: 0, host: '127.0.0.1', siteDir: null, tcpEchoPort: null });
    const context = await browser.newContext();
    try {
      await context.grantPermissions(['local-network-access'], { origin: hosted });
      const { page } = await watch(browser, await context.newPage());
      await page.goto(`${hosted}/?lab=${encodeURIComponent(lab.origin)}`, { waitUntil: 'networkidle' });
      await page.locator('[data-lab-badge]').click();
      await page.locator('[data-lab-check]').click();
      await expect.poll(() => badgeState(page)).toBe('off');
      await expect
        .poll(() => page.locator('[data-lab-note]').textContent())
        .toContain(`refuses this page. Restart it with: npm start -- --allow-origin ${hosted}`);
    } finally {
      await context.close();
      await lab.close();
    }
  });

  it('with the permission granted, Connect reaches a lab that allows this origin', async () => {
    const lab = await startLab({
      port: 0,
      host: '127.0.0.1',
      siteDir: null,
      tcpEchoPort: null,
      allowOrigins: [hosted],
    });
    const context = await browser.newContext();
    try {
      await context.grantPermissions(['local-network-access'], { origin: hosted });
      const { page, errors, labRequests } = await watch(browser, await context.newPage());
      await page.goto(`${hosted}/?lab=${encodeURIComponent(lab.origin)}`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.locator('[data-lab-permission]').textContent()).toMatch(/lets this site/);
      expect(labRequests).toEqual([]);
      await page.locator('[data-lab-badge]').click();
      await page.locator('[data-lab-check]').click();
      await expect.poll(() => badgeState(page)).toBe('running');
      expect(labRequests.filter((url) => url === `${lab.origin}/lab/status`).length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await lab.close();
    }
  });
});
