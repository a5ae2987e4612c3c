import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bandwidthDelayProduct, windowLimitedRate } from '../../../src/protocol/tcp/bdp';

describe('bandwidth-delay product', () => {
  it('100 Mbit/s × 40 ms = 500,000 bytes; 1 Gbit/s × 100 ms = 12.5 MB', () => {
    expect(bandwidthDelayProduct(100e6, 40)).toBe(500_000);
    expect(bandwidthDelayProduct(1e9, 100)).toBe(12_500_000);
  });
  it('a 65,535-byte window per 100 ms round trip caps the rate at about 5.2 Mbit/s', () => {
    expect(windowLimitedRate(65_535, 100)).toBeCloseTo(5_242_800, 0);
  });
  it('the two are inverses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 1e11 }), fc.integer({ min: 1, max: 1000 }), (rate, rtt) => {
        expect(windowLimitedRate(bandwidthDelayProduct(rate, rtt), rtt)).toBeCloseTo(rate, 3);
      }),
    );
  });
});
