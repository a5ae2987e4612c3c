import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  absoluteSeq,
  relativeSeq,
  SEQ_MODULUS,
  seqAdd,
  seqDiff,
  seqGe,
  seqGt,
  seqInWindow,
  seqLe,
  seqLt,
  seqMax,
  seqSub,
} from '../../../src/protocol/tcp/seq';

const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe('sequence arithmetic (RFC 9293 §3.4)', () => {
  it('wraps at 2^32', () => {
    expect(seqAdd(4294967295, 1)).toBe(0);
    expect(seqAdd(4294967290, 10)).toBe(4);
    expect(seqAdd(3, -5)).toBe(4294967294);
    expect(seqSub(4, 4294967290)).toBe(10);
  });

  it('compares across the wrap: 2^32 − 6 comes before 4', () => {
    expect(seqLt(4294967290, 4)).toBe(true);
    expect(seqGt(4, 4294967290)).toBe(true);
    expect(seqLe(5, 5)).toBe(true);
    expect(seqGe(5, 5)).toBe(true);
    expect(seqMax(4294967290, 4)).toBe(4);
  });

  it("the capture's numbers: ISN 2153742604, relative 404 is absolute 2153743008", () => {
    // tcp-ip-through-tcpdump.zh.txt: client SYN seq 2153742604, later "seq 1:404"
    expect(absoluteSeq(404, 2153742604)).toBe(2153743008);
    expect(relativeSeq(2153743008, 2153742604)).toBe(404);
  });

  it('window membership is half-open', () => {
    expect(seqInWindow(100, 100, 10)).toBe(true);
    expect(seqInWindow(109, 100, 10)).toBe(true);
    expect(seqInWindow(110, 100, 10)).toBe(false);
    expect(seqInWindow(2, 4294967290, 10)).toBe(true);
  });

  it('property: (a + n) − a = n for 0 ≤ n < 2^32, whatever a', () => {
    fc.assert(fc.property(u32, u32, (a, n) => seqSub(seqAdd(a, n), a) === n));
  });

  it('property: a + n is after a for 0 < n < 2^31, across the wrap', () => {
    fc.assert(
      fc.property(u32, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (a, n) => {
        const b = seqAdd(a, n);
        return seqLt(a, b) && seqGt(b, a) && seqDiff(b, a) === n && seqDiff(a, b) === -n;
      }),
    );
  });

  it('property: results always lie in [0, 2^32)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        (a, n) => {
          const r = seqAdd(a, n);
          return Number.isInteger(r) && r >= 0 && r < SEQ_MODULUS;
        },
      ),
    );
  });

  it('relative and absolute are inverses', () => {
    fc.assert(fc.property(u32, u32, (isn, abs) => absoluteSeq(relativeSeq(abs, isn), isn) === abs));
  });
});
