// The page budget (docs/architecture.md), from the built output: ≤ 150 KB of JavaScript (gzip) per lesson page once its islands hydrate.
import { describe, expect, it } from 'vitest';
import { pageWeight } from '../../scripts/page-weight';
import { lessonPages } from './site-pages';

describe('page weight budget', () => {
  it.each(lessonPages())('%s loads at most 150 KB of JavaScript (gzip)', (page) => {
    const weight = pageWeight('dist', page);
    expect(weight.jsFiles, 'a lesson page loads its islands').toBeGreaterThan(0);
    expect(weight.jsGzip).toBeLessThanOrEqual(150 * 1024);
  });
});
