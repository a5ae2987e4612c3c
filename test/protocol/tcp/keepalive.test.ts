import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keepaliveGiveUpSeconds, LINUX_KEEPALIVE, RFC_KEEPALIVE_MIN_IDLE_S } from '../../../src/protocol/tcp/keepalive';

describe('keep-alive', () => {
  it("Linux's defaults notice a dead peer after 7200 + 9 × 75 = 7875 s", () => {
    expect(keepaliveGiveUpSeconds(LINUX_KEEPALIVE)).toBe(7875);
    expect(LINUX_KEEPALIVE.idle).toBeGreaterThanOrEqual(RFC_KEEPALIVE_MIN_IDLE_S);
  });
  it('never less than the idle time, and one more probe costs one interval', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 1000 }), fc.nat(50), (idle, interval, probes) => {
        const t = keepaliveGiveUpSeconds({ idle, interval, probes });
        expect(t).toBeGreaterThanOrEqual(idle);
        expect(keepaliveGiveUpSeconds({ idle, interval, probes: probes + 1 }) - t).toBe(interval);
      }),
    );
  });
});
