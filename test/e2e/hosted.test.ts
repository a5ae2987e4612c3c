/**
 * The site as a reader meets it online: built with BASE_PATH=/wire-notebook/ (the command GitHub Pages runs),
 * served under that path by a plain static server (not the lab), at a name Chromium treats as a public HTTPS host.
 * Every page loads whole, hydrates, logs no error and never touches a loopback address of its own accord; every
 * link and asset stays under the base path; search finds a lesson.
 */
import { spawnSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab } from '../../lab/server';
import { browserAvailable, CHROMIUM_FLAGS, chromiumPath } from './browser';
import { pageWeight } from '../../scripts/page-weight';
import { lessonPages, listPages, pageHtml } from './site-pages';
import { hydrateAll } from './visit';
import { serveStatic, type StaticHost } from './static-host';

const BASE = '/wire-notebook/';
const OUT_DIR = '.tmp/e2e-hosted';
const HOST = 'notebook.example';

const LOOPBACK = /^(127\.|localhost$|\[::1\]$)/;

describe.runIf(browserAvailable())('the site on a static host under a base path', () => {
  let host: StaticHost;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const build = spawnSync('npm', ['run', 'build'], {
      env: { ...process.env, BASE_PATH: BASE, SITE_URL: `https://${HOST}`, OUT_DIR },
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build with BASE_PATH failed:\n${build.stdout}\n${build.stderr}`);
    host = await serveStatic(OUT_DIR, BASE);
    origin = `http://${HOST}:${host.port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        ...CHROMIUM_FLAGS,
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
        // The page's own address counts as public, so Local Network Access rules apply as on a real host.
        `--ip-address-space-overrides=127.0.0.1:${host.port}=public`,
        `--unsafely-treat-insecure-origin-as-secure=${origin}`,
      ],
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('writes every internal link, asset and island under the base path', () => {
    const pages = listPages(OUT_DIR);
    expect(pages.length).toBeGreaterThan(15);
    const outside: string[] = [];
    for (const page of pages) {
      const html = pageHtml(page, OUT_DIR);
      for (const [, attr, url] of html.matchAll(/\s(href|src|action|component-url|renderer-url)="(\/[^"]*)"/g)) {
        if (!url!.startsWith(BASE) && !url!.startsWith('//')) outside.push(`${page}: ${attr}="${url}"`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('measures the same page weight under the base path as at the root', () => {
    for (const page of lessonPages(OUT_DIR)) {
      const hosted = pageWeight(OUT_DIR, page, BASE);
      const local = pageWeight('dist', page);
      // The same files, the same size within 3 % (longer URLs under the base; a development build of React would
      // add about 50 %).
      expect({ page, files: hosted.jsFiles }).toEqual({ page, files: local.jsFiles });
      expect(Math.abs(hosted.jsGzip / local.jsGzip - 1), page).toBeLessThan(0.03);
    }
  });

  it('serves every page whole: 200, hydrated, no console error, nothing outside the base path or on loopback', async () => {
    const problems: Record<string, unknown> = {};
    for (const path of listPages(OUT_DIR)) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const found: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') found.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => found.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.protocol === 'data:' || url.protocol === 'blob:') return;
        if (LOOPBACK.test(url.hostname)) found.push(`request to loopback: ${r.url()}`);
        else if (url.origin === origin && !url.pathname.startsWith(BASE)) found.push(`outside the base: ${r.url()}`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400) found.push(`${r.status()} ${r.url()}`);
      });
      page.on('requestfailed', (r) => found.push(`failed: ${r.url()} (${r.failure()?.errorText})`));
      const response = await page.goto(`${origin}${BASE}${path.slice(1)}`, { waitUntil: 'load' });
      if (response?.status() !== 200) found.push(`page status ${response?.status()}`);
      const { unhydrated } = await hydrateAll(page);
      if (unhydrated.length) found.push(`not hydrated: ${unhydrated.join(', ')}`);
      if (found.length) problems[path] = found;
      await context.close();
    }
    expect(problems).toEqual({});
  }, 300_000);

  it("with the local-network permission, the framing lesson's lab console shows the browser's upgrade and the 101", async () => {
    const lab = await startLab({
      port: 0,
      host: '127.0.0.1',
      siteDir: null,
      tcpEchoPort: null,
      allowOrigins: [origin],
    });
    const context = await browser.newContext();
    try {
      await context.grantPermissions(['local-network-access'], { origin });
      const page = await context.newPage();
      await page.goto(`${origin}${BASE}lessons/websocket-framing/?lab=${encodeURIComponent(lab.origin)}`);
      const console_ = page.locator('[data-widget="lab-console"]');
      await console_.scrollIntoViewIfNeeded();
      await expect
        .poll(() => console_.locator('xpath=ancestor::astro-island').getAttribute('ssr'), { timeout: 30_000 })
        .toBeNull();
      await console_.getByRole('button', { name: /^Connect/ }).click();
      await expect.poll(() => console_.textContent(), { timeout: 15_000 }).toMatch(/GET \/lab\/ws\/inspect HTTP\/1\.1/);
      expect(await console_.textContent()).toMatch(/HTTP\/1\.1 101 Switching Protocols/);
      expect(await console_.textContent()).toContain(`Origin: ${origin}`);
    } finally {
      await context.close();
      await lab.close();
    }
  });

  it('finds a lesson with search, and its link stays under the base path', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}${BASE}search/?q=masking`);
    const first = page.locator('#search .pagefind-ui__result-link').first();
    await first.waitFor({ timeout: 20_000 });
    expect(await first.getAttribute('href')).toMatch(/^\/wire-notebook\/lessons\/[a-z-]+\//);
    await first.click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toMatch(/^\/wire-notebook\/lessons\//);
    await context.close();
  });

  it('loads the glossary cards from under the base path, and forwards a split lesson’s old address there', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cards: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/glossary.json')) cards.push(new URL(r.url()).pathname);
    });
    await page.goto(`${origin}${BASE}lessons/tcp-closing/`);
    const term = page.locator('a.term[data-term="time-wait"]').first();
    expect(await term.getAttribute('href')).toBe(`${BASE}glossary/#time-wait`);
    await term.focus();
    await expect.poll(() => page.locator('#glossary-card').textContent()).toContain('TIME-WAIT');
    expect(cards).toEqual([`${BASE}glossary.json`]);
    await page.goto(`${origin}${BASE}lessons/windows-and-congestion/#cubic`);
    await page.waitForURL((u) => u.pathname === `${BASE}lessons/congestion-control/`);
    expect(new URL(page.url()).hash).toBe('#cubic');
    await context.close();
  });
});
