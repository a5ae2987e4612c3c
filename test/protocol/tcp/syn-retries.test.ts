import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LINUX_SYN_DEFAULTS, synRetrySchedule } from '../../../src/protocol/tcp/syn-retries';
import { parseTcpdump } from '../../../src/protocol/tcp';
import { UNANSWERED_CONNECT_SECONDS, UNANSWERED_SYNS } from './syn-capture';

const schedule = (p: Parameters<typeof synRetrySchedule>[0]) => {
  const r = synRetrySchedule(p);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('SYN retransmissions', () => {
  it('the textbook doubling (RFC 6298 §5.5): 6 retries, gives up after 1 + 2 + … + 64 = 127 s', () => {
    const s = schedule({ retries: 6, linearTimeouts: 0 });
    expect(s.sentAtMs).toEqual([0, 1000, 3000, 7000, 15000, 31000, 63000]);
    expect(s.giveUpAtMs).toBe(127_000);
  });

  it('Linux ≥ 6.5 defaults: 4 linear timeouts, 10 retransmissions, gives up after 131 s', () => {
    const s = schedule(LINUX_SYN_DEFAULTS);
    expect(s.waitsMs).toEqual([1000, 1000, 1000, 1000, 1000, 2000, 4000, 8000, 16000, 32000, 64000]);
    expect(s.giveUpAtMs).toBe(131_000);
  });

  it('matches a real capture of an unanswered connect() on Linux 6.18 (timers run up to 3 % late there)', () => {
    const segs = parseTcpdump(UNANSWERED_SYNS).segments;
    const t0 = segs[0]!.time!.seconds;
    const real = segs.map((s) => (s.time!.seconds - t0) * 1000);
    const model = schedule(LINUX_SYN_DEFAULTS);
    expect(real).toHaveLength(model.sentAtMs.length);
    real.forEach((t, i) => expect(Math.abs(t - model.sentAtMs[i]!)).toBeLessThanOrEqual(0.03 * model.sentAtMs[i]! + 5));
    expect(UNANSWERED_CONNECT_SECONDS * 1000).toBeGreaterThanOrEqual(model.giveUpAtMs);
    expect(UNANSWERED_CONNECT_SECONDS * 1000).toBeLessThanOrEqual(model.giveUpAtMs * 1.03);
  });

  it('never waits longer than the cap, and the give-up time is the sum of the waits', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(10), (retries, linearTimeouts) => {
        const s = schedule({ retries, linearTimeouts });
        expect(s.sentAtMs).toHaveLength(retries + linearTimeouts + 1);
        expect(Math.max(...s.waitsMs)).toBeLessThanOrEqual(120_000);
        expect(s.waitsMs.reduce((a, b) => a + b, 0)).toBe(s.giveUpAtMs);
      }),
    );
  });

  it('rejects bad settings with a message', () => {
    expect(synRetrySchedule({ retries: -1, linearTimeouts: 0 })).toMatchObject({ ok: false });
    expect(synRetrySchedule({ retries: 6, linearTimeouts: 1.5 })).toMatchObject({ ok: false });
  });
});
