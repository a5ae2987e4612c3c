/**
 * The small models the lessons' newer exercises use: the ECN field (RFC 3168 §5), Linux's SO_REUSEPORT choice
 * (reciprocal_scale, net/core/sock_reuseport.c) and BBR's path model (draft-ietf-ccwg-bbr §2), each checked
 * against arithmetic written out here.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ecnField, markCongestion } from '../../../src/protocol/tcp/ecn';
import { reuseportIndex } from '../../../src/protocol/tcp/reuseport';
import { bbrEstimate } from '../../../src/protocol/tcp/bbr';

describe('ECN field (RFC 3168 §5)', () => {
  it('reads the four codepoints from the low two bits', () => {
    expect(
      [0x00, 0x01, 0x02, 0x03].map((b) => (ecnField(b) as { value: { codepoint: string } }).value.codepoint),
    ).toEqual(['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE']);
    // tcpdump -v prints "tos 0xb8" for DSCP EF (46) without ECN.
    expect(ecnField(0xb8)).toEqual({ ok: true, value: { bits: 0, codepoint: 'Not-ECT', dscp: 46 } });
  });
  it('a router mark keeps the DSCP and sets CE', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (tos) => {
        const marked = ecnField(markCongestion(tos));
        expect(marked).toMatchObject({ ok: true, value: { codepoint: 'CE', dscp: tos >> 2 } });
      }),
    );
  });
  it('rejects a value that is not a byte', () => {
    expect(ecnField(256)).toMatchObject({ ok: false });
    expect(ecnField(-1)).toMatchObject({ ok: false });
  });
});

describe('SO_REUSEPORT on Linux', () => {
  it('scales the hash by multiply-shift, not modulo', () => {
    expect(reuseportIndex(0, 4)).toBe(0);
    expect(reuseportIndex(0xffffffff, 4)).toBe(3);
    expect(reuseportIndex(0x40000000, 4)).toBe(1);
    expect(reuseportIndex(5, 4)).toBe(0); // 5 % 4 would be 1
  });
  it('always lands inside the group, and agrees with 64-bit integer arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 0xffff }), (hash, n) => {
        const i = reuseportIndex(hash, n);
        expect(i).toBe(Number((BigInt(hash) * BigInt(n)) >> 32n));
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThan(n);
      }),
    );
  });
  it('rejects a hash that is not a u32', () => {
    expect(() => reuseportIndex(2 ** 32, 4)).toThrow(RangeError);
  });
});

describe('BBR path model', () => {
  it('max of the rates × min of the RTTs', () => {
    const r = bbrEstimate([
      { deliveryRateBps: 80e6, rttMs: 45 },
      { deliveryRateBps: 100e6, rttMs: 52 },
      { deliveryRateBps: 90e6, rttMs: 40 },
    ]);
    expect(r).toEqual({ ok: true, value: { maxBwBps: 100e6, minRttMs: 40, bdpBytes: (100e6 * 0.04) / 8 } });
  });
  it('needs samples, and positive ones', () => {
    expect(bbrEstimate([])).toMatchObject({ ok: false });
    expect(bbrEstimate([{ deliveryRateBps: 0, rttMs: 10 }])).toMatchObject({ ok: false });
  });
});
