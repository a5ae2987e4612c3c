/**
 * Base-path arithmetic, with the base as a parameter so the Astro config, the build and the tests share it.
 * The site is served under '/' by the lab and `npm run dev`, or under e.g. '/wire-notebook/' on a GitHub Pages
 * project site (BASE_PATH at build time, docs/deploy.md).
 */

/** Normalises a base path to start and end with '/': 'wire-notebook' → '/wire-notebook/', '' → '/'. */
export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** A site path ('/lessons/x/', '/tools/', '/') under `base`; anything not starting with one '/' is kept. */
export function withBase(path: string, base: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || base === '/') return path;
  return `${base}${path.slice(1)}`;
}

/** The site path of a pathname under `base` ('/wire-notebook/tools/' → '/tools/'); other pathnames are kept. */
export function withoutBase(pathname: string, base: string): string {
  if (base === '/') return pathname;
  if (pathname === base.slice(0, -1)) return '/';
  return pathname.startsWith(base) ? `/${pathname.slice(base.length)}` : pathname;
}
