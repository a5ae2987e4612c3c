/** Opening a page the way a reader does, collecting everything that went wrong on the way. */
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Visit {
  page: Page;
  context: BrowserContext;
  errors: string[];
  failedRequests: string[];
  /** gzip size of every JavaScript response, by URL. */
  scriptBytes: Map<string, number>;
}

export interface VisitOptions {
  width: number;
  colorScheme: 'light' | 'dark';
  /** Requests to ignore when failing (e.g. the lab badge probing a lab that is not running). */
  allowFailure?: (url: string) => boolean;
}

export async function openPage(browser: Browser, url: string, opts: VisitOptions): Promise<Visit> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: 800 },
    colorScheme: opts.colorScheme,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const failedRequests: string[] = [];
  const scriptBytes = new Map<string, number>();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!opts.allowFailure?.(r.url())) failedRequests.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', async (r) => {
    if (r.status() >= 400 && !opts.allowFailure?.(r.url())) failedRequests.push(`${r.url()} → ${r.status()}`);
    const type = r.headers()['content-type'] ?? '';
    if (/javascript/.test(type)) {
      try {
        scriptBytes.set(r.url(), gzipSync(await r.body()).length);
      } catch {
        /* body unavailable (e.g. page closed): not counted */
      }
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, context, errors, failedRequests, scriptBytes };
}

/** Scrolls to the bottom in steps so every `client:visible` island comes into view, then waits for hydration. */
export async function hydrateAll(page: Page): Promise<{ islands: number; unhydrated: string[] }> {
  await page.evaluate(async () => {
    const step = Math.max(200, Math.floor(innerHeight * 0.8));
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 40));
    }
    scrollTo(0, document.documentElement.scrollHeight);
  });
  // Astro removes the `ssr` attribute from an <astro-island> once it has hydrated. An island scrolled past quickly
  // may never have been seen by its IntersectionObserver: bring each remaining one into view, as a reader would.
  const deadline = Date.now() + 45_000;
  for (;;) {
    await page.evaluate(() => document.querySelector('astro-island[ssr]')?.scrollIntoView({ block: 'center' }));
    const state = await page.evaluate(() => {
      const islands = [...document.querySelectorAll('astro-island')];
      return {
        islands: islands.length,
        unhydrated: islands.filter((i) => i.hasAttribute('ssr')).map((i) => i.getAttribute('component-url') ?? '?'),
      };
    });
    if (state.unhydrated.length === 0 || Date.now() > deadline) return state;
    await page.waitForTimeout(100);
  }
}
