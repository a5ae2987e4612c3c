import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../src/protocol/bytes';

describe('concatBytes', () => {
  it('joins the parts in order into one new array', () => {
    const parts = [Uint8Array.of(0x81, 0x05), new Uint8Array(0), Uint8Array.of(0x48, 0x65, 0x6c, 0x6c, 0x6f)];
    const joined = concatBytes(parts);
    expect([...joined]).toEqual([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
    parts[0]![0] = 0; // a copy, not a view: later changes to a part do not reach it
    expect(joined[0]).toBe(0x81);
  });

  it('gives an empty array for no parts', () => {
    expect(concatBytes([])).toEqual(new Uint8Array(0));
  });
});
