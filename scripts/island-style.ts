/**
 * Astro writes `<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>` in the body, just
 * before a page's first island. HTML allows <style> only in the head, so the validator (and some tools) reject it.
 * This moves it into <head>, once per page, after `astro build`. It changes no rule: the same style applies.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ISLAND_STYLE = '<style>astro-island,astro-slot,astro-static-slot{display:contents}</style>';

/** The page with Astro's island style in its head instead of its body; unchanged when it has none. */
export function moveIslandStyle(html: string): string {
  if (!html.includes(ISLAND_STYLE)) return html;
  const head = html.indexOf('</head>');
  if (head < 0) return html;
  const body = html.slice(head).split(ISLAND_STYLE).join('');
  return `${html.slice(0, head).split(ISLAND_STYLE).join('')}${ISLAND_STYLE}${body}`;
}

/** Rewrites every HTML file under `dir`; returns how many changed. */
export function moveIslandStyles(dir: string): number {
  let changed = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) changed += moveIslandStyles(path);
    else if (name.endsWith('.html')) {
      const html = readFileSync(path, 'utf8');
      const moved = moveIslandStyle(html);
      if (moved !== html) {
        writeFileSync(path, moved);
        changed++;
      }
    }
  }
  return changed;
}
