import { describe, expect, it } from 'vitest';
import { ISLAND_STYLE, moveIslandStyle } from '../../scripts/island-style';

describe('moveIslandStyle', () => {
  it("moves Astro's island style from the body into the head, once", () => {
    const page = `<html><head><title>t</title></head><body><article>${ISLAND_STYLE}<astro-island></astro-island>${ISLAND_STYLE}</article></body></html>`;
    expect(moveIslandStyle(page)).toBe(
      `<html><head><title>t</title>${ISLAND_STYLE}</head><body><article><astro-island></astro-island></article></body></html>`,
    );
  });

  it('leaves a page without it, or without a head, alone', () => {
    expect(moveIslandStyle('<html><head></head><body></body></html>')).toBe('<html><head></head><body></body></html>');
    expect(moveIslandStyle(`<p>${ISLAND_STYLE}</p>`)).toBe(`<p>${ISLAND_STYLE}</p>`);
  });
});
