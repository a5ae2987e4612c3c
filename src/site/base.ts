/**
 * This build's base path and the links under it. Every internal link the site writes goes through
 * {@link sitePath}, so `dist/` works as it is on any static host under any path (docs/deploy.md).
 */
import { normaliseBase, withBase, withoutBase } from './base-path';

/** '/' or e.g. '/wire-notebook/': Astro and Vite replace import.meta.env.BASE_URL at build time. */
export const BASE_PATH: string = normaliseBase(import.meta.env.BASE_URL);

/** '/lessons/x/' → '/wire-notebook/lessons/x/' under that base; '/' and other bases alike. */
export function sitePath(path: string): string {
  return withBase(path, BASE_PATH);
}

/** The site path of the current page's pathname, for comparing with '/tools/' and the like. */
export function pagePath(pathname: string): string {
  return withoutBase(pathname, BASE_PATH);
}
