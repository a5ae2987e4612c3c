/**
 * Element ids that are unique within one rendered page and the same on every build (unlike random ids), for
 * components that need `aria-labelledby`. Keyed on the page's Request object, which Astro shares between all
 * components of one page render.
 */
const counters = new WeakMap<object, number>();

export function pageUniqueId(page: object, prefix: string): string {
  const n = (counters.get(page) ?? 0) + 1;
  counters.set(page, n);
  return `${prefix}-${n}`;
}
