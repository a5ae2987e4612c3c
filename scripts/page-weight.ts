/**
 * Page weight from the built output: the JavaScript and CSS a page loads up front and once its islands hydrate
 * (static imports followed recursively; dynamic `import()`s — e.g. the code editor — load on use and are left out).
 * Sizes are gzip, as a server would send them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutBase } from '../src/site/base-path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  page: string;
  jsFiles: number;
  jsGzip: number;
  cssGzip: number;
}

const gzipCache = new Map<string, number>();
function gzipSize(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(file)).length;
    gzipCache.set(file, size);
  }
  return size;
}

function resolveAsset(distDir: string, from: string, spec: string, base = '/'): string | undefined {
  if (/^(https?:)?\/\//.test(spec)) return undefined;
  // A build for a base path ('/wire-notebook/') writes '/wire-notebook/_astro/x.js' for dist/_astro/x.js.
  const path = spec.startsWith('/') ? join(distDir, withoutBase(spec, base)) : join(from, '..', spec);
  return existsSync(path) ? path : undefined;
}

/** Every module `entry` pulls in through static imports (including itself). */
function staticGraph(distDir: string, entry: string, seen: Set<string>): void {
  if (seen.has(entry)) return;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  // `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"` — but not `import("./x.js")`.
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.m?js)["']/g)) {
    const dep = resolveAsset(distDir, entry, m[1]!);
    if (dep) staticGraph(distDir, dep, seen);
  }
}

export function pageWeight(distDir: string, page: string, base = '/'): PageWeight {
  const html = readFileSync(join(distDir, page, 'index.html'), 'utf8');
  const htmlFile = join(distDir, page, 'index.html');
  const js = new Set<string>();
  const entries = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/\scomponent-url="([^"]+)"/g),
    ...html.matchAll(/\srenderer-url="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  for (const spec of entries) {
    const file = resolveAsset(distDir, htmlFile, spec, base);
    if (file) staticGraph(distDir, file, js);
  }
  // Inline scripts count too (Astro's island loader, the theme script).
  const inlineJs = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1]!)
    .filter((s) => !s.trim().startsWith('{')) // JSON data blocks
    .join('\n');
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)]
    .map((m) => resolveAsset(distDir, htmlFile, m[1]!, base))
    .filter((f): f is string => f !== undefined);
  const inlineCss = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).join('\n');
  return {
    page,
    jsFiles: js.size,
    jsGzip: [...js].reduce((n, f) => n + gzipSize(f), 0) + (inlineJs ? gzipSync(inlineJs).length : 0),
    cssGzip: css.reduce((n, f) => n + gzipSize(f), 0) + (inlineCss ? gzipSync(inlineCss).length : 0),
  };
}
