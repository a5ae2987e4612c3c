import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newRenoRecovery } from '../../../src/protocol/tcp/newreno';

describe('NewReno recovery (RFC 6582 §3.2)', () => {
  it('two holes: the first retransmission brings a partial ACK that points at the second hole', () => {
    const r = newRenoRecovery({ segments: 10, mss: 1000, lost: [2, 5] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.recover).toBe(10_000);
    expect(r.value.steps).toEqual([
      { roundTrip: 1, resendSeq: 2001, ackAfter: 5001, partial: true },
      { roundTrip: 2, resendSeq: 5001, ackAfter: 10_001, partial: false },
    ]);
  });
  it('one hole per round trip, and only the last ACK is full', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 40 }), fc.integer({ min: 1, max: 1460 }), fc.nat(1000), (n, mss, seed) => {
        const lost = [...new Set([seed % (n - 4), (seed * 7) % n, (seed * 13) % n])].filter((i) => i <= n - 4);
        const r = newRenoRecovery({ segments: n, mss, lost });
        if (!r.ok) return;
        expect(r.value.steps.length).toBe(new Set(lost).size);
        r.value.steps.forEach((s, i, all) => {
          expect(s.partial).toBe(i < all.length - 1);
          expect(s.ackAfter).toBeGreaterThan(s.resendSeq);
          expect(s.ackAfter <= r.value.recover).toBe(s.partial);
        });
      }),
    );
  });
  it('says why it cannot start recovery', () => {
    expect(newRenoRecovery({ segments: 4, mss: 100, lost: [2] })).toMatchObject({ ok: false });
    expect(newRenoRecovery({ segments: 10, mss: 100, lost: [] })).toMatchObject({ ok: false });
    expect(newRenoRecovery({ segments: 10, mss: 100, lost: [12] })).toMatchObject({
      ok: false,
      error: 'lost segment 12 is not one of 0…9',
    });
  });
});
