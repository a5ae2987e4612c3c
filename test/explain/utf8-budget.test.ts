/**
 * How many characters of each UTF-8 width fit a byte budget (src/explain/utf8-budget.ts).
 */
import { describe, expect, it } from 'vitest';
import { utf8Budget } from '../../src/explain/utf8-budget';

describe('utf8Budget', () => {
  it('fits 255 ASCII, 127 two-byte, 85 three-byte and 63 four-byte characters in 255 bytes', () => {
    expect(utf8Budget(['a', 'é', '昵', '😀'], 255).map((r) => [r.bytesPerChar, r.maxChars])).toEqual([
      [1, 255],
      [2, 127],
      [3, 85],
      [4, 63],
    ]);
    expect(utf8Budget(['称'], 255)[0]).toMatchObject({ codePoint: 'U+79F0', utf8: 'e7 a7 b0' });
  });
});
