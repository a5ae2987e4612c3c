/** Table of contents from the headings Astro's `render()` returns (flat, in document order) to a nested list. */

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocEntry extends Heading {
  children: TocEntry[];
}

export interface TocOptions {
  /** Shallowest heading shown; the page title (h1) is not part of the TOC. */
  minDepth?: number;
  maxDepth?: number;
}

/**
 * Each heading becomes a child of the nearest earlier heading that is shallower than it; a heading with no such
 * parent (e.g. an h3 before the first h2) stays at the top level, so no heading is ever dropped or reordered.
 */
export function buildToc(headings: readonly Heading[], { minDepth = 2, maxDepth = 3 }: TocOptions = {}): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: TocEntry[] = [];
  for (const h of headings) {
    if (h.depth < minDepth || h.depth > maxDepth) continue;
    const entry: TocEntry = { depth: h.depth, slug: h.slug, text: h.text, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : root).push(entry);
    stack.push(entry);
  }
  return root;
}
