/** The built site's pages, found by walking dist/ (every `index.html` is a page at its folder's URL). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const distDir = 'dist';

export function listPages(dir = distDir): string[] {
  const pages: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(path);
      } else if (name === 'index.html') {
        const rel = relative(dir, d).split(sep).join('/');
        pages.push(rel ? `/${rel}/` : '/');
      }
    }
  };
  walk(dir);
  return pages.sort();
}

/** Lesson pages, without the pages left at the addresses of split lessons (they only forward). */
export function lessonPages(dir = distDir): string[] {
  return listPages(dir).filter(
    (p) => /^\/lessons\/[^/]+\/$/.test(p) && !pageHtml(p, dir).includes('data-moved-lesson'),
  );
}

export function pageHtml(path: string, dir = distDir): string {
  return readFileSync(join(dir, path, 'index.html'), 'utf8');
}
