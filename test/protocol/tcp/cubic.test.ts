import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CUBIC_ALPHA,
  CUBIC_BETA,
  CUBIC_C,
  cubicK,
  cubicRule,
  cubicWMax,
  simulateCubic,
  wCubic,
} from '../../../src/protocol/tcp/cubic';
import { simulateReno, type LossKind, type RenoParams, type RenoRun } from '../../../src/protocol/tcp/reno';

function run(p: RenoParams, fastConvergence = true): RenoRun {
  const r = simulateCubic(p, { fastConvergence });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('RFC 9438 constants and formulas', () => {
  it('C = 0.4 (§5), β = 0.7 (§4.6), α = 3(1 − β)/(1 + β) ≈ 0.5294 (§4.3)', () => {
    expect(CUBIC_C).toBe(0.4);
    expect(CUBIC_BETA).toBe(0.7);
    expect(CUBIC_ALPHA).toBeCloseTo(0.529412, 6);
  });
  it('K = ∛(W_max(1 − β)/C): W_max 100 → ∛75 ≈ 4.2172 s; W_max 40, cwnd 28 → ∛30 ≈ 3.1072 s (§4.2)', () => {
    expect(cubicK(100, 70)).toBeCloseTo(4.217163, 6);
    expect(cubicK(40, 28)).toBeCloseTo(3.107233, 6);
    expect(cubicK(50, 60)).toBe(0);
  });
  it('W_cubic(0) = cwnd_epoch, W_cubic(K) = W_max, and it rises past W_max after K (§4.2)', () => {
    const k = cubicK(100, 70);
    expect(wCubic(0, 100, k)).toBeCloseTo(70, 9);
    expect(wCubic(k, 100, k)).toBeCloseTo(100, 9);
    // One second past K: 0.4·1³ + 100.
    expect(wCubic(k + 1, 100, k)).toBeCloseTo(100.4, 9);
  });
  it('fast convergence (§4.7): a loss below the previous W_max remembers cwnd·(1 + β)/2', () => {
    expect(cubicWMax(80, 100)).toBeCloseTo(68, 9);
    expect(cubicWMax(120, 100)).toBe(120);
    expect(cubicWMax(80, 100, false)).toBe(80);
    expect(cubicWMax(80, undefined)).toBe(80);
  });
});

describe('the rule, one ACK at a time (hand-computed from §4.2–4.3, §4.6)', () => {
  const rule = cubicRule(1000, 100);
  it('a loss with 100 segments out: ssthresh = 70,000 bytes, W_max = 100', () => {
    const cut = rule.onDupAck(100_000, 100_000);
    expect(cut.ssthresh).toBe(70_000);
    expect(cut.why).toContain('W_max = cwnd before the cut = 100 segments');
    expect(rule.onRecoveryEnd(70_000, 5000).cwnd).toBe(70_000);
  });
  it('first ACK at t = 0: W_cubic = 70 < W_est = 70 + α/70, so cwnd follows W_est (Reno-friendly)', () => {
    expect(rule.caAck(1000, 70_000, 5000)).toBe(70_008); // 70.00756 segments
    expect(rule.caWhy(70_000, 70_008, 70_000)).toContain('Reno-friendly');
  });
  it('an ACK at t = K: target = W_cubic(K + RTT) = 100.0004, cwnd += (target − cwnd)/cwnd (concave)', () => {
    const k = cubicK(100, 70);
    // 70.00756 + (100.0004 − 70.00756)/70.00756 = 70.43641 segments.
    expect(rule.caAck(1000, 70_008, 5000 + k * 1000)).toBe(70_436);
    expect(rule.caWhy(70_008, 70_436, 70_000)).toContain('concave');
  });
});

describe('CUBIC beside Reno on the same losses', () => {
  const p: RenoParams = {
    mss: 1000,
    initialWindowSegments: 10,
    rwnd: 10_000_000,
    rttMs: 100,
    rounds: 40,
    losses: [{ round: 2, kind: 'triple-dup-ack' }],
  };
  const cubic = run(p);
  const reno = simulateReno(p);
  if (!reno.ok) throw new Error('reno');
  it('slow start is the same: 10 → 20 → 40 segments', () => {
    expect(cubic.rounds.slice(0, 3).map((r) => r.cwndSegments)).toEqual([10, 20, 40]);
    expect(reno.value.rounds.slice(0, 3).map((r) => r.cwndSegments)).toEqual([10, 20, 40]);
  });
  it('the loss cuts to 0.7 of the flight, not half: ssthresh 28,000 against 20,000', () => {
    expect(cubic.rounds[2]!.ssthreshAfter).toBe(28_000);
    expect(reno.value.rounds[2]!.ssthreshAfter).toBe(20_000);
    expect(cubic.rounds[3]!.why).toContain('K = ∛((W_max − cwnd)/C) = 3.11 s');
  });
  it('after the cut CUBIC starts ahead (concave, from 28 segments against 20), then Reno-friendly takes over', () => {
    const at = (round: number) => cubic.rounds[round]!.cwndSegments;
    const renoAt = (round: number) => reno.value.rounds[round]!.cwndSegments;
    for (let i = 4; i <= 23; i++) expect(at(i)).toBeGreaterThan(renoAt(i));
    expect(cubic.rounds[10]!.why).toContain('concave');
    // W_est (α ≈ 0.53 per round, then 1 once past cwnd_prior = 40) overtakes W_cubic before t = K.
    expect(cubic.rounds[30]!.why).toContain('Reno-friendly');
  });
  it('at a large window CUBIC is back at W_max after about K = ∛600 ≈ 8.4 s; Reno needs ~400 rounds', () => {
    const big: RenoParams = {
      ...p,
      initialWindowSegments: 100,
      losses: [{ round: 3, kind: 'triple-dup-ack' }],
      rounds: 100,
    };
    const c = run(big);
    const r = simulateReno(big);
    if (!r.ok) throw new Error('reno');
    expect(cubicK(800, 560)).toBeCloseTo(8.434, 3);
    const back = c.rounds.findIndex((x, i) => i > 4 && x.cwndSegments >= 800);
    // Recovery ends at round 4's end (0.5 s); 0.5 + 8.43 s → round 89 or 90.
    expect(back).toBeGreaterThanOrEqual(88);
    expect(back).toBeLessThanOrEqual(91);
    expect(r.value.rounds.every((x, i) => i < 4 || x.cwndSegments < 800)).toBe(true);
    expect(c.rounds[back + 5]!.why).toContain('convex');
  });
  it('a timeout: ssthresh = 0.7·flight, cwnd = 1 SMSS, then K = 0 in the next stage (§4.8)', () => {
    const t = run({ ...p, losses: [{ round: 2, kind: 'timeout' }] });
    expect(t.rounds[2]!.ssthreshAfter).toBe(28_000);
    expect(t.rounds[2]!.cwndAfter).toBe(1000);
    expect(t.rounds.find((r) => r.phase === 'congestion-avoidance')!.why).toContain('K = 0 s');
  });
  it('bad parameters give the same errors as Reno, not an exception', () => {
    const bad = simulateCubic({ mss: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.field).toBe('mss');
  });
});

describe('properties', () => {
  const lossesArb = fc.uniqueArray(
    fc.record({ round: fc.integer({ min: 0, max: 29 }), kind: fc.constantFrom<LossKind>('timeout', 'triple-dup-ack') }),
    { selector: (l) => l.round, maxLength: 5 },
  );
  const paramsArb = fc.record({
    mss: fc.integer({ min: 500, max: 9000 }),
    initialWindowSegments: fc.integer({ min: 1, max: 40 }),
    rwnd: fc.integer({ min: 65_535, max: 20_000_000 }),
    rttMs: fc.integer({ min: 1, max: 500 }),
    rounds: fc.constant(30),
    losses: lossesArb,
  });

  it('cwnd never falls without a loss, and grows at most 1.5× (or one segment) per congestion-avoidance round', () => {
    fc.assert(
      fc.property(paramsArb, (p) => {
        const r = run(p);
        for (const row of r.rounds) {
          if (row.loss || row.phase === 'fast-recovery' || row.phase === 'timeout') continue;
          expect(row.cwndAfter).toBeGreaterThanOrEqual(row.cwnd);
          if (row.phase === 'congestion-avoidance')
            expect(row.cwndAfter).toBeLessThanOrEqual(Math.max(1.5 * row.cwnd, row.cwnd + r.mss) + 1);
        }
      }),
    );
  });

  it('a triple duplicate ACK sets ssthresh = max(0.7·FlightSize, 2·SMSS), never below what Reno would', () => {
    fc.assert(
      fc.property(paramsArb, (p) => {
        const r = run(p);
        for (const row of r.rounds)
          if (row.loss === 'triple-dup-ack') {
            expect(row.ssthreshAfter).toBeCloseTo(Math.max(0.7 * row.sent, 2 * r.mss), 6);
            expect(row.ssthreshAfter).toBeGreaterThanOrEqual(Math.max(row.sent / 2, 2 * r.mss));
          }
      }),
    );
  });

  it('K is where W_cubic returns to W_max, and W_cubic(0) is the window it started from', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 10_000, noNaN: true }),
        fc.double({ min: 0.3, max: 0.99, noNaN: true }),
        (wMax, f) => {
          const k = cubicK(wMax, wMax * f);
          expect(wCubic(k, wMax, k)).toBeCloseTo(wMax, 6);
          expect(wCubic(0, wMax, k)).toBeCloseTo(wMax * f, 6);
        },
      ),
    );
  });

  it('without losses CUBIC and Reno share slow start', () => {
    fc.assert(
      fc.property(paramsArb, (p) => {
        const q = { ...p, losses: [] };
        const c = run(q);
        const r = simulateReno(q);
        if (!r.ok) throw new Error('reno');
        c.rounds.forEach((row, i) => {
          if (row.phase === 'slow-start') expect(row.cwnd).toBe(r.value.rounds[i]!.cwnd);
        });
      }),
    );
  });
});
