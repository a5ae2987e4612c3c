import { describe, expect, it } from 'vitest';
import { defaultSeed, nextSeed, readSeed, seedParam, withSeed } from '../../src/exercises/variant';

describe('seeds in the URL', () => {
  it('reads ?ex-<id>=<seed>', () => {
    expect(seedParam('mask-bit')).toBe('ex-mask-bit');
    expect(readSeed('?ex-mask-bit=1234', 'mask-bit')).toBe(1234);
    expect(readSeed('?a=1&ex-mask-bit=0', 'mask-bit')).toBe(0);
    expect(readSeed('?ex-other=5', 'mask-bit')).toBeUndefined();
  });

  it('ignores seeds that are not plain 32-bit integers', () => {
    for (const bad of ['-1', '1.5', 'abc', '', '99999999999', '4294967296']) {
      expect(readSeed(`?ex-x=${bad}`, 'x'), bad).toBeUndefined();
    }
    expect(readSeed('?ex-x=4294967295', 'x')).toBe(4294967295);
  });

  it('writes the seed and keeps other parameters and the hash', () => {
    expect(withSeed('https://example.org/lessons/x/?a=1#ex', 'opcode', 42)).toBe(
      'https://example.org/lessons/x/?a=1&ex-opcode=42#ex',
    );
    expect(withSeed('https://example.org/?ex-opcode=1', 'opcode', 2)).toBe('https://example.org/?ex-opcode=2');
  });

  it('gives a fixed default per exercise and a different next seed', () => {
    expect(defaultSeed('websocket-framing', 'opcode')).toBe(defaultSeed('websocket-framing', 'opcode'));
    expect(defaultSeed('websocket-framing', 'opcode')).not.toBe(defaultSeed('websocket-framing', 'payload-length'));
    const stuck = [0.5, 0.5, 0.25];
    const first = nextSeed(0, () => 0.5);
    expect(nextSeed(first, () => stuck.shift() ?? 0)).toBe(nextSeed(0, () => 0.25));
  });
});
