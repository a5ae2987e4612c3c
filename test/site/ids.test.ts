import { describe, expect, it } from 'vitest';
import { figureIds, pageUniqueId, pageUniqueLabel } from '../../src/site/ids';

describe('page-unique ids and labels', () => {
  it('counts per page and per prefix, so numbering restarts on every page', () => {
    const pageA = {};
    const pageB = {};
    expect([pageUniqueId(pageA, 'aside'), pageUniqueId(pageA, 'aside'), pageUniqueId(pageA, 'tab')]).toEqual([
      'aside-1',
      'aside-2',
      'tab-1',
    ]);
    expect(pageUniqueId(pageB, 'aside')).toBe('aside-1');
  });

  it('keeps a label as is the first time and numbers repeats', () => {
    const page = {};
    expect(pageUniqueLabel(page, 'Table: Code, Meaning')).toBe('Table: Code, Meaning');
    expect(pageUniqueLabel(page, 'Table: Other')).toBe('Table: Other');
    expect(pageUniqueLabel(page, 'Table: Code, Meaning')).toBe('Table: Code, Meaning (2)');
  });

  it('gives each drawn figure on a page its own title, desc and arrow ids', () => {
    const page = {};
    expect(figureIds(page, 'proxy')).toEqual({
      titleId: 'proxy-title-1',
      descId: 'proxy-desc-1',
      arrowId: 'proxy-arrow-1',
    });
    expect(figureIds(page, 'proxy').titleId).toBe('proxy-title-2');
    expect(figureIds({}, 'proxy').arrowId).toBe('proxy-arrow-1');
  });
});
