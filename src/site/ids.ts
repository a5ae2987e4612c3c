/**
 * Ids and accessible names that are unique within one rendered page and the same on every build (unlike random
 * ids). Keyed on the page's Request object, which Astro shares between all components of one page render.
 */
const counters = new WeakMap<object, Map<string, number>>();

function bump(page: object, key: string): number {
  let perPage = counters.get(page);
  if (!perPage) counters.set(page, (perPage = new Map()));
  const n = (perPage.get(key) ?? 0) + 1;
  perPage.set(key, n);
  return n;
}

/** `aside-1`, `aside-2`, … for `aria-labelledby`. */
export function pageUniqueId(page: object, prefix: string): string {
  return `${prefix}-${bump(page, `id:${prefix}`)}`;
}

/** The ids a drawn figure needs, page-unique: its title and desc (for `aria-labelledby`) and its arrow marker. */
export function figureIds(page: object, prefix: string): { titleId: string; descId: string; arrowId: string } {
  return {
    titleId: pageUniqueId(page, `${prefix}-title`),
    descId: pageUniqueId(page, `${prefix}-desc`),
    arrowId: pageUniqueId(page, `${prefix}-arrow`),
  };
}

/** `label` the first time on a page, then `label (2)`, `label (3)`: names of same-role landmarks must differ. */
export function pageUniqueLabel(page: object, label: string): string {
  const n = bump(page, `label:${label}`);
  return n === 1 ? label : `${label} (${n})`;
}
