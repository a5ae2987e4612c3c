import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, seedFromString } from '../../src/protocol/random';

describe('createRng', () => {
  it('is deterministic: the same seed gives the same sequence', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 20 }, () => a.next());
    const ys = Array.from({ length: 20 }, () => b.next());
    expect(xs).toEqual(ys);
  });

  it('different seeds give different sequences', () => {
    const a = Array.from({ length: 5 }, createRngNext(1));
    const b = Array.from({ length: 5 }, createRngNext(2));
    expect(a).not.toEqual(b);
  });

  it('next() stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const r = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const x = r.next();
          if (!(x >= 0 && x < 1)) return false;
        }
        return true;
      }),
    );
  });

  it('int(min, max) is inclusive on both ends and hits both ends', () => {
    const r = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(r.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('int() stays in range for any seed and range', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 0, max: 1e6 }),
        (seed, min, span) => {
          const v = createRng(seed).int(min, min + span);
          return Number.isInteger(v) && v >= min && v <= min + span;
        },
      ),
    );
  });

  it('is roughly uniform (chi-square over 10 buckets, fixed seed)', () => {
    const r = createRng(12345);
    const counts = new Array<number>(10).fill(0);
    const n = 10000;
    for (let i = 0; i < n; i++) counts[r.int(0, 9)]! += 1;
    const expected = n / 10;
    const chi = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: 27.9 is the 0.999 quantile.
    expect(chi).toBeLessThan(27.9);
  });

  it('pick and shuffle use the items given', () => {
    const r = createRng(3);
    const items = ['a', 'b', 'c', 'd'];
    expect(items).toContain(r.pick(items));
    const shuffled = r.shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd']); // input untouched
  });

  it('rejects bad arguments with a RangeError that names them', () => {
    const r = createRng(1);
    expect(() => r.int(5, 1)).toThrow(/min \(5\) is greater than max \(1\)/);
    expect(() => r.int(0.5, 2)).toThrow(/min must be a safe integer/);
    expect(() => r.pick([])).toThrow(/empty/);
    expect(() => r.bool(2)).toThrow(/within \[0, 1\]/);
  });

  it('reduces the seed to 32 bits', () => {
    expect(createRng(-1).seed).toBe(4294967295);
    expect(createRng(2 ** 32 + 5).next()).toBe(createRng(5).next());
  });
});

describe('seedFromString', () => {
  it('is stable and spreads similar strings apart', () => {
    expect(seedFromString('handshakes/v1')).toBe(seedFromString('handshakes/v1'));
    expect(seedFromString('handshakes/v1')).not.toBe(seedFromString('handshakes/v2'));
    const s = seedFromString('');
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });
});

function createRngNext(seed: number): () => number {
  const r = createRng(seed);
  return () => r.next();
}
