import { describe, expect, it } from 'vitest';
import { buildToc, type Heading } from '../../src/site/toc';

const h = (depth: number, slug: string): Heading => ({ depth, slug, text: slug.toUpperCase() });
/** Shape of a TOC as nested slugs, easier to read in assertions. */
type Shape = [string, Shape[]];
const shape = (entries: ReturnType<typeof buildToc>): Shape[] => entries.map((e) => [e.slug, shape(e.children)]);

describe('buildToc', () => {
  it('nests h3 under the preceding h2 and leaves out h1 and h4 by default', () => {
    const toc = buildToc([h(1, 'title'), h(2, 'a'), h(3, 'a1'), h(4, 'a1x'), h(3, 'a2'), h(2, 'b')]);
    expect(shape(toc)).toEqual([
      [
        'a',
        [
          ['a1', []],
          ['a2', []],
        ],
      ],
      ['b', []],
    ]);
    expect(toc[0]).toMatchObject({ depth: 2, slug: 'a', text: 'A' });
  });

  it('keeps an h3 that comes before any h2 at the top level instead of dropping it', () => {
    expect(shape(buildToc([h(3, 'early'), h(2, 'a'), h(3, 'a1')]))).toEqual([
      ['early', []],
      ['a', [['a1', []]]],
    ]);
  });

  it('attaches a heading that skips a level to the nearest shallower heading', () => {
    expect(shape(buildToc([h(2, 'a'), h(4, 'deep'), h(3, 'mid')], { maxDepth: 4 }))).toEqual([
      [
        'a',
        [
          ['deep', []],
          ['mid', []],
        ],
      ],
    ]);
  });

  it('keeps every heading in range, in document order', () => {
    const input = [h(2, 'a'), h(3, 'b'), h(3, 'c'), h(2, 'd'), h(3, 'e'), h(2, 'f')];
    const flat: string[] = [];
    const walk = (es: ReturnType<typeof buildToc>) => es.forEach((e) => (flat.push(e.slug), walk(e.children)));
    walk(buildToc(input));
    expect(flat).toEqual(input.map((x) => x.slug));
  });

  it('is empty for a page without headings in range', () => {
    expect(buildToc([])).toEqual([]);
    expect(buildToc([h(1, 'only-title')])).toEqual([]);
  });
});
