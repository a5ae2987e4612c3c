import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initialWindowBytes, simulateReno, type RenoParams, type RenoRun } from '../../../src/protocol/tcp/reno';

function run(p: RenoParams): RenoRun {
  const r = simulateReno(p);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('initial window', () => {
  it('RFC 3390: min(4·MSS, max(2·MSS, 4380)) — 3 segments at MSS 1460', () => {
    expect(initialWindowBytes(1460, 'rfc3390').bytes).toBe(4380);
    expect(initialWindowBytes(536, 'rfc3390').bytes).toBe(2144);
  });
  it('RFC 6928: min(10·MSS, max(2·MSS, 14600)) — 10 segments at MSS 1460', () => {
    expect(initialWindowBytes(1460, 'rfc6928').bytes).toBe(14600);
    expect(initialWindowBytes(9000, 'rfc6928').bytes).toBe(18000);
  });
  it('RFC 5681 §3.1: 2, 3 or 4 segments depending on SMSS', () => {
    expect(initialWindowBytes(2500, 'rfc5681').bytes).toBe(5000);
    expect(initialWindowBytes(1460, 'rfc5681').bytes).toBe(4380);
    expect(initialWindowBytes(1095, 'rfc5681').bytes).toBe(4380);
    expect(initialWindowBytes(536, 'rfc5681').bytes).toBe(2144);
  });
  it('a plain number of segments', () => {
    expect(initialWindowBytes(1000, 4).bytes).toBe(4000);
  });
});

describe('slow start and congestion avoidance (RFC 5681 §3.1)', () => {
  const r = run({ mss: 1000, initialWindowSegments: 1, initialSsthresh: 16000, rwnd: 1_000_000, rounds: 8 });

  it('cwnd doubles per RTT in slow start, then grows by 1 SMSS per RTT', () => {
    expect(r.rounds.map((x) => x.cwndSegments)).toEqual([1, 2, 4, 8, 16, 17, 18, 19]);
    expect(r.rounds.map((x) => x.phase)).toEqual([
      'slow-start',
      'slow-start',
      'slow-start',
      'slow-start',
      'congestion-avoidance',
      'congestion-avoidance',
      'congestion-avoidance',
      'congestion-avoidance',
    ]);
    expect(r.rounds.map((x) => x.t)).toEqual([0, 100, 200, 300, 400, 500, 600, 700]);
  });

  it('explains each round', () => {
    expect(r.rounds[0]!.why).toBe(
      'Slow start (cwnd 1,000 < ssthresh 16,000): each of the 1 ACKs adds up to 1 SMSS, so cwnd grows 1,000 → 2,000 (RFC 5681 §3.1).',
    );
    expect(r.rounds[5]!.why).toMatch(/grows by 1 SMSS: 17,000 → 18,000/);
  });

  it('the send window is min(cwnd, rwnd): a small rwnd limits the sender', () => {
    const small = run({ mss: 1000, initialWindowSegments: 10, rwnd: 5000, rounds: 3 });
    expect(small.rounds.map((x) => [x.sendWindow, x.sent, x.limitedBy])).toEqual([
      [5000, 5000, 'rwnd'],
      [5000, 5000, 'rwnd'],
      [5000, 5000, 'rwnd'],
    ]);
    expect(small.rounds[0]!.why).toMatch(/the receiver, not the network, limits the sender/);
  });

  it('IW 10 finishes a 100,000-byte transfer two rounds sooner than IW 3', () => {
    expect(run({ dataBytes: 100_000, initialWindowSegments: 'rfc6928' }).completedInRound).toBe(2);
    expect(run({ dataBytes: 100_000, initialWindowSegments: 'rfc3390' }).completedInRound).toBe(4);
  });
});

describe('fast retransmit and fast recovery (RFC 5681 §3.2)', () => {
  const r = run({
    mss: 1000,
    initialWindowSegments: 1,
    initialSsthresh: 16000,
    rounds: 12,
    losses: [{ round: 8, kind: 'triple-dup-ack' }],
  });
  const loss = r.rounds[8]!;
  const recovery = r.rounds[9]!;

  it('ssthresh = max(FlightSize/2, 2·SMSS), cwnd = ssthresh + 3·SMSS', () => {
    expect(loss.sent).toBe(20000); // FlightSize
    expect(loss.loss).toBe('triple-dup-ack');
    expect(loss.ssthreshAfter).toBe(10000);
    expect(loss.cwndAfter).toBe(13000);
    expect(loss.why).toMatch(
      /ssthresh = max\(FlightSize\/2, 2·SMSS\) = max\(⌊20,000\/2⌋, 2,000\) = 10,000; cwnd = ssthresh \+ 3·SMSS = 13,000/,
    );
  });

  it('keeps ssthresh in whole bytes when the flight is odd', () => {
    // 65 segments of 1,001 bytes: a flight of 65,065 bytes, whose half is not a whole number.
    const odd = simulateReno({
      initialWindowSegments: 'rfc5681',
      mss: 1001,
      rwnd: 65_535,
      rttMs: 100,
      rounds: 12,
      losses: [{ round: 8, kind: 'triple-dup-ack' }],
    });
    if (!odd.ok) throw new Error('simulateReno failed');
    const round = odd.value.rounds.find((x) => x.loss === 'triple-dup-ack')!;
    expect(round.sent).toBe(65_065);
    expect(round.ssthreshAfter).toBe(32_532);
    expect(round.why).toContain('max(⌊65,065/2⌋, 2,002) = 32,532');
  });

  it('the next round is fast recovery; its full ACK sets cwnd = ssthresh; then congestion avoidance', () => {
    expect(recovery.phase).toBe('fast-recovery');
    expect(recovery.cwnd).toBe(13000);
    expect(recovery.retransmitted).toBe(1000);
    expect(recovery.cwndAfter).toBe(10000);
    expect(r.rounds[10]!.phase).toBe('congestion-avoidance');
    expect(r.rounds[10]!.cwnd).toBe(10000);
  });

  it('2·SMSS is the floor: a 4-segment flight gives ssthresh 2·SMSS', () => {
    const small = run({
      mss: 1000,
      initialWindowSegments: 4,
      rounds: 2,
      losses: [{ round: 0, kind: 'triple-dup-ack' }],
    });
    expect(small.rounds[0]!.ssthreshAfter).toBe(2000);
    expect(small.rounds[0]!.cwndAfter).toBe(5000);
  });

  it('with fewer than 4 segments in flight there cannot be 3 duplicate ACKs: it becomes a timeout', () => {
    const tiny = run({
      mss: 1000,
      initialWindowSegments: 3,
      rounds: 2,
      losses: [{ round: 0, kind: 'triple-dup-ack' }],
    });
    expect(tiny.rounds[0]!.loss).toBe('timeout');
    expect(tiny.rounds[0]!.phase).toBe('timeout');
    expect(tiny.rounds[0]!.why).toMatch(/at most 2 duplicate ACKs/);
  });

  it('the retransmission lost during fast recovery: only the timer helps', () => {
    const r2 = run({
      mss: 1000,
      initialWindowSegments: 8,
      rounds: 5,
      losses: [
        { round: 0, kind: 'triple-dup-ack' },
        { round: 1, kind: 'timeout' },
      ],
    });
    expect(r2.rounds[1]!.phase).toBe('timeout');
    expect(r2.rounds[1]!.cwndAfter).toBe(1000);
    // Every byte sent once is eventually delivered.
    const last = r2.rounds.at(-1)!;
    const retransmitted = r2.rounds.reduce((n, x) => n + x.retransmitted, 0);
    expect(last.bytesDeliveredTotal).toBe(last.bytesSentTotal - retransmitted);
  });
});

describe('timeouts and RTO (RFC 5681 §3.1, RFC 6298)', () => {
  it('timeout: ssthresh = max(FlightSize/2, 2·SMSS), cwnd = 1 SMSS, RTO doubles; slow start follows', () => {
    const r = run({ mss: 1000, initialWindowSegments: 10, rounds: 4, losses: [{ round: 1, kind: 'timeout' }] });
    const to = r.rounds[1]!;
    expect(to.phase).toBe('timeout');
    expect(to.sent).toBe(20000);
    expect(to.ssthreshAfter).toBe(10000);
    expect(to.cwndAfter).toBe(1000);
    expect(to.rtoMs).toBe(1000);
    expect(to.rtoAfterMs).toBe(2000);
    expect(to.durationMs).toBe(1000); // the sender waited one RTO
    expect(r.rounds[2]!.t).toBe(100 + 1000);
    expect(r.rounds[2]!.phase).toBe('slow-start');
    expect(r.rounds[2]!.cwnd).toBe(1000);
  });

  it('RTO doubles on each consecutive timeout, capped at 60 s; ssthresh is held after the first', () => {
    const losses = [1, 2, 3, 4, 5, 6, 7, 8].map((round) => ({ round, kind: 'timeout' as const }));
    const r = run({ mss: 1000, initialWindowSegments: 10, rounds: 10, losses });
    expect(r.rounds.slice(1, 9).map((x) => x.rtoMs)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(r.rounds.slice(1, 9).map((x) => x.ssthreshAfter)).toEqual(new Array(8).fill(10000));
    expect(r.rounds[7]!.why).toMatch(/capped at 60 s/);
  });

  it("after the back-off, a new RTT sample from data sent once restores RTO (Karn's algorithm)", () => {
    const r = run({
      mss: 1000,
      initialWindowSegments: 10,
      rounds: 8,
      losses: [
        { round: 1, kind: 'timeout' },
        { round: 2, kind: 'timeout' },
      ],
    });
    const rtos = r.rounds.map((x) => x.rtoAfterMs);
    expect(rtos.slice(0, 3)).toEqual([1000, 2000, 4000]);
    // Rounds that only resend lost data are not timed, so the backed-off RTO stays until fresh data is acknowledged.
    const firstFresh = r.rounds.findIndex((x, i) => i > 2 && x.sent > x.retransmitted);
    expect(firstFresh).toBeGreaterThan(3);
    expect(rtos[firstFresh - 1]).toBe(4000);
    expect(rtos[firstFresh]).toBe(1000);
  });

  it('RTO never goes below 1 s (RFC 6298 §2.4) even with a 10 ms RTT', () => {
    const r = run({ rttMs: 10, rounds: 5 });
    expect(r.rounds.every((x) => x.rtoAfterMs === 1000)).toBe(true);
  });
});

describe('properties', () => {
  const params = fc.record({
    mss: fc.integer({ min: 100, max: 9000 }),
    iw: fc.oneof(
      fc.integer({ min: 1, max: 20 }),
      fc.constantFrom('rfc5681' as const, 'rfc3390' as const, 'rfc6928' as const),
    ),
    rwndSegments: fc.integer({ min: 1, max: 200 }),
    rounds: fc.integer({ min: 1, max: 60 }),
    losses: fc.uniqueArray(
      fc.record({
        round: fc.integer({ min: 0, max: 59 }),
        kind: fc.constantFrom('timeout' as const, 'triple-dup-ack' as const),
      }),
      {
        selector: (l) => l.round,
        maxLength: 8,
      },
    ),
  });

  it('never sends more than min(cwnd, rwnd) in a round; invariants hold', () => {
    fc.assert(
      fc.property(params, ({ mss, iw, rwndSegments, rounds, losses }) => {
        const r = run({
          mss,
          initialWindowSegments: iw,
          rwnd: Math.max(mss, rwndSegments * mss),
          rounds,
          losses: losses.filter((l) => l.round < rounds),
        });
        let delivered = 0;
        for (const x of r.rounds) {
          if (x.sent > Math.min(x.cwnd, x.rwnd)) return false;
          if (x.sendWindow !== Math.min(x.cwnd, x.rwnd)) return false;
          if (x.cwndAfter < mss || (x.loss && x.ssthreshAfter < 2 * mss)) return false;
          if (x.rtoAfterMs < 1000 || x.rtoAfterMs > 60000) return false;
          if (x.bytesDeliveredTotal < delivered || x.bytesDeliveredTotal > x.bytesSentTotal) return false;
          delivered = x.bytesDeliveredTotal;
        }
        return true;
      }),
    );
  });
});

describe('bad parameters', () => {
  it('returns every problem with the field name instead of throwing', () => {
    const r = simulateReno({
      mss: 0,
      initialWindowSegments: 'rfc9999' as never,
      rwnd: -5,
      rttMs: Number.NaN,
      rounds: 10,
      losses: [
        { round: 3, kind: 'timeout' },
        { round: 3, kind: 'triple-dup-ack' },
        { round: 12, kind: 'timeout' },
        { round: 1, kind: 'lost' as never },
      ],
    });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.field)).toEqual([
      'mss',
      'initialWindowSegments',
      'rwnd',
      'rttMs',
      'losses[1].round',
      'losses[2].round',
      'losses[3].kind',
    ]);
    expect(r.errors[0]!.message).toBe('mss must be at least 1, got 0.');
    expect(r.errors[4]!.message).toBe('round 3 already has a loss; place at most one loss per round.');
    expect(r.errors[5]!.message).toBe('losses[2].round must be at most 9, got 12.');
    expect(r.errors[6]!.message).toBe('losses[3].kind must be "timeout" or "triple-dup-ack", got "lost".');
  });

  it('rwnd below one MSS is refused', () => {
    const r = simulateReno({ mss: 1460, rwnd: 1000 });
    expect(r.errors[0]!.message).toBe('rwnd must be at least 1460, got 1000.');
  });
});

describe('the RTO bounds reno.ts uses', () => {
  it('are the connection simulator’s (RFC 6298 §2.1, §2.4, §2.5)', async () => {
    const rto = await import('../../../src/protocol/tcp/rto');
    const conn = await import('../../../src/protocol/tcp/connection');
    expect([rto.INITIAL_RTO_MS, rto.MIN_RTO_MS, rto.MAX_RTO_MS]).toEqual([
      conn.INITIAL_RTO_MS,
      conn.MIN_RTO_MS,
      conn.MAX_RTO_MS,
    ]);
  });
});
