// Whole-site quality gate in headless Chromium: every page in dist/, at 1280 px and 360 px, light and dark.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations } from './axe';
import { browserAvailable, launchChromium } from './browser';
import { listPages } from './site-pages';
import { hydrateAll, openPage } from './visit';

/** The page budget (docs/architecture.md): a lesson page's JavaScript, gzip, once every island has hydrated. */
const LESSON_JS_BUDGET = 150 * 1024;

const allViews = [
  { width: 1280, colorScheme: 'light' },
  { width: 360, colorScheme: 'dark' },
  { width: 1280, colorScheme: 'dark' },
  { width: 360, colorScheme: 'light' },
] as const;
/** E2E_QUICK=1 (local iteration only) checks one desktop and one phone view; CI always runs all four. */
const views = process.env.E2E_QUICK && !process.env.CI ? allViews.slice(0, 2) : allViews;

// retry: an island now and then misses its visibility callback under load (seen 1 in ~80 visits on a busy 2-core
// machine, a different island each time, never twice in a row); a real hydration failure fails both tries.
describe.runIf(browserAvailable())('every page in Chromium', { retry: 1 }, () => {
  let browser: Browser;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const pages = listPages();
  for (const view of views) {
    describe(`${view.width} px, ${view.colorScheme}`, () => {
      it.each(pages)(
        '%s',
        async (path) => {
          const visit = await openPage(browser, new URL(path, base).href, view);
          try {
            // Every check is collected first and compared once, so a failure shows everything wrong with the page.
            const { unhydrated } = await hydrateAll(visit.page);
            const found: Record<string, unknown> = { unhydrated };
            if (view.width === 360) {
              const overflow = await visit.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
              found.horizontalScroll = overflow > 0 ? `${overflow}px` : 'none';
            }
            // axe in one light and one dark view covers both colour sets (contrast) and both layouts.
            if (view === allViews[0] || view === allViews[1]) found.axe = await axeViolations(visit.page);
            if (path.startsWith('/lessons/') && path !== '/lessons/') {
              const total = [...visit.scriptBytes.values()].reduce((a, b) => a + b, 0);
              found.jsOverBudget = total > LESSON_JS_BUDGET ? `${total} gzip bytes > ${LESSON_JS_BUDGET}` : false;
            }
            found.failedRequests = visit.failedRequests;
            found.consoleErrors = visit.errors;
            expect(found).toEqual({
              unhydrated: [],
              ...(view.width === 360 ? { horizontalScroll: 'none' } : {}),
              ...('axe' in found ? { axe: [] } : {}),
              ...('jsOverBudget' in found ? { jsOverBudget: false } : {}),
              failedRequests: [],
              consoleErrors: [],
            });
          } finally {
            await visit.context.close();
          }
        },
        120_000,
      );
    });
  }
});
