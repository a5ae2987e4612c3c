// Every internal link in the built site points at a file that exists (and, with a #fragment, an element id on it).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distDir, listPages, pageHtml } from './site-pages';

function targetFile(pathname: string): string | undefined {
  const clean = decodeURIComponent(pathname);
  const candidates = clean.endsWith('/')
    ? [join(distDir, clean, 'index.html')]
    : [join(distDir, clean), join(distDir, clean, 'index.html')];
  return candidates.find((c) => existsSync(c));
}

describe('internal links in dist/', () => {
  const pages = listPages();

  it('finds the pages', () => {
    expect(pages).toContain('/');
    expect(pages.some((p) => p.startsWith('/lessons/'))).toBe(true);
  });

  it.each(pages)('%s: every internal href and fragment resolves', (page) => {
    const html = pageHtml(page);
    const problems: string[] = [];
    for (const [, href] of html.matchAll(/\shref="([^"]+)"/g)) {
      if (!href || /^(https?:|mailto:|data:|javascript:)/.test(href) || href.startsWith('//')) continue;
      const url = new URL(href.replaceAll('&amp;', '&'), `http://site${page}`);
      const file = targetFile(url.pathname);
      if (!file) {
        problems.push(`${href} → no file for ${url.pathname}`);
        continue;
      }
      const id = decodeURIComponent(url.hash.slice(1));
      // Fragments holding widget state (`#hex=…&from=client`) are not element ids.
      if (id && !id.includes('=') && file.endsWith('.html')) {
        const target =
          url.pathname === page ? html : pageHtml(url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`);
        if (!target.includes(`id="${id}"`)) problems.push(`${href} → no element with id "${id}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
