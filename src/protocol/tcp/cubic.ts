/**
 * CUBIC congestion control (RFC 9438), run through the same rounds, losses and timer as the Reno model
 * (reno.ts, simulateWindow), so the two can be plotted on the same losses.
 *
 * What differs from Reno, per RFC 9438 (windows in segments, time in seconds):
 * - Congestion avoidance follows W_cubic(t) = C·(t − K)³ + W_max (§4.2, Figure 1), C = 0.4 (§5),
 *   K = ∛((W_max − cwnd_epoch) / C) (§4.2, Figure 2), t = time since the congestion-avoidance stage began.
 *   Each ACK moves cwnd by (target − cwnd)/cwnd, target = W_cubic(t + RTT) kept within [cwnd, 1.5·cwnd].
 * - Reno-friendly region (§4.3): W_est starts at cwnd_epoch and grows by α·(segments acked)/cwnd,
 *   α = 3(1 − β)/(1 + β), or 1 once W_est ≥ cwnd_prior. While W_cubic(t) < W_est, cwnd follows W_est.
 * - A loss (§4.6): ssthresh = max(FlightSize·β, 2·SMSS), β = 0.7; cwnd = ssthresh once recovery ends.
 *   W_max is the cwnd before the cut, or cwnd·(1 + β)/2 if that is below the previous W_max (fast
 *   convergence, §4.7).
 * - A timeout (§4.8): ssthresh as for a loss, cwnd = 1 SMSS, slow start; the first congestion-avoidance
 *   stage after it uses K = 0 and W_max = cwnd at its start.
 * Slow start is Reno's (§4.10). Model simplifications, stated so the lesson can state them: all ACKs of a
 * round arrive at the round's end (so t is the same for them); when congestion avoidance is entered with
 * no earlier loss, K = 0 and W_max = cwnd, as after a timeout; a cwnd never falls in the Reno-friendly
 * region without a loss (cwnd = max(cwnd, W_est)).
 */

import { simulateWindow, type RenoParams, type RenoRun, type WindowRule } from './reno';
import { formatInt } from './format';
import type { SimResult } from './types';

/** RFC 9438 §5: C = 0.4 (segments / s³). */
export const CUBIC_C = 0.4;
/** RFC 9438 §4.6: the multiplicative decrease factor. */
export const CUBIC_BETA = 0.7;
/** RFC 9438 §4.3: α_cubic = 3(1 − β)/(1 + β), about 0.53, so CUBIC's average matches Reno's (AIMD with 1 and 0.5). */
export const CUBIC_ALPHA = (3 * (1 - CUBIC_BETA)) / (1 + CUBIC_BETA);

/** K = ∛((W_max − cwnd_epoch) / C), in seconds (RFC 9438 §4.2, Figure 2). 0 when cwnd_epoch ≥ W_max. */
export function cubicK(wMax: number, cwndEpoch: number, c: number = CUBIC_C): number {
  return wMax > cwndEpoch ? Math.cbrt((wMax - cwndEpoch) / c) : 0;
}

/** W_cubic(t) = C·(t − K)³ + W_max, in segments (RFC 9438 §4.2, Figure 1). */
export function wCubic(t: number, wMax: number, k: number, c: number = CUBIC_C): number {
  return c * (t - k) ** 3 + wMax;
}

/** W_max after a congestion event at `cwnd` segments, with fast convergence (RFC 9438 §4.7). */
export function cubicWMax(cwnd: number, previousWMax: number | undefined, fastConvergence = true): number {
  return fastConvergence && previousWMax !== undefined && cwnd < previousWMax ? (cwnd * (1 + CUBIC_BETA)) / 2 : cwnd;
}

export type CubicRegion = 'reno-friendly' | 'concave' | 'convex';

/** The CUBIC decisions for simulateWindow. `fastConvergence` defaults to on, as RFC 9438 §4.7 recommends. */
export function cubicRule(smss: number, rttMs: number, fastConvergence = true): WindowRule {
  let wMax: number | undefined; // segments
  let cwndPrior: number | undefined;
  let epochStart: number | undefined; // ms
  let k = 0;
  let wEst = 0;
  let exact = 0; // cwnd in segments, unrounded
  let lastOut = -1; // the rounded bytes last returned: a different cwnd means slow start or a cut set it
  let afterTimeout = false;
  let last: { t: number; wc: number; wEst: number; region: CubicRegion } | undefined;
  const seg = (b: number) => formatInt(Math.round(b * 100) / 100);
  const sec = (s: number) => `${Number(s.toFixed(2))} s`;

  const cut = (flight: number, cwnd: number) => {
    const w = cwnd / smss;
    wMax = cubicWMax(w, wMax, fastConvergence);
    cwndPrior = w;
    epochStart = undefined;
    lastOut = -1;
    return Math.max(flight * CUBIC_BETA, 2 * smss);
  };

  return {
    caAck(n, cwnd, nowMs) {
      if (lastOut !== cwnd) exact = cwnd / smss;
      const w = exact;
      if (epochStart === undefined) {
        // A new congestion-avoidance stage (RFC 9438 §4.2; §4.8 after a timeout).
        epochStart = nowMs;
        wEst = w;
        if (afterTimeout || wMax === undefined || wMax <= w) {
          wMax = w;
          k = 0;
          cwndPrior ??= w;
        } else k = cubicK(wMax, w);
        afterTimeout = false;
      }
      const t = (nowMs - epochStart) / 1000;
      const acked = n / smss;
      const alpha = cwndPrior !== undefined && wEst >= cwndPrior ? 1 : CUBIC_ALPHA;
      wEst += (alpha * acked) / w;
      const wc = wCubic(t, wMax ?? w, k);
      let next: number;
      let region: CubicRegion;
      if (wc < wEst) {
        region = 'reno-friendly';
        next = Math.max(w, wEst);
      } else {
        const target = Math.min(Math.max(wCubic(t + rttMs / 1000, wMax ?? w, k), w), 1.5 * w);
        next = w + ((target - w) / w) * acked;
        region = w < (wMax ?? w) ? 'concave' : 'convex';
      }
      exact = next;
      last = { t, wc, wEst, region };
      lastOut = Math.round(next * smss);
      return lastOut;
    },
    caWhy(before, after) {
      if (!last) return `Congestion avoidance: cwnd ${formatInt(before)} → ${formatInt(after)}.`;
      const head = `CUBIC congestion avoidance, t = ${sec(last.t)} into the stage, K = ${sec(k)}, W_max = ${seg(wMax ?? 0)} segments: W_cubic(t) = 0.4·(t − K)³ + W_max = ${seg(last.wc)}, Reno estimate W_est = ${seg(last.wEst)} (RFC 9438 §4.2–4.3). `;
      const tail =
        last.region === 'reno-friendly'
          ? `W_cubic < W_est: the Reno-friendly region, so cwnd follows W_est`
          : last.region === 'concave'
            ? `cwnd is below W_max: the concave region, fast at first and flattening near W_max (§4.4)`
            : `cwnd is at or past W_max: the convex region, probing faster and faster (§4.5)`;
      return `${head}${tail}: cwnd ${formatInt(before)} → ${formatInt(after)}.`;
    },
    onDupAck(flight, cwnd) {
      const prev = wMax;
      const ssthresh = cut(flight, cwnd);
      const fc = fastConvergence && prev !== undefined && cwnd / smss < prev;
      return {
        ssthresh,
        cwnd: ssthresh,
        why: `ssthresh = max(FlightSize·β, 2·SMSS) = max(${formatInt(flight)}·0.7, ${formatInt(2 * smss)}) = ${formatInt(ssthresh)} (RFC 9438 §4.6); W_max = ${
          fc
            ? `cwnd·(1 + β)/2 = ${seg(wMax ?? 0)} segments, since cwnd (${seg(cwnd / smss)}) is below the previous W_max ${seg(prev ?? 0)} (fast convergence, §4.7).`
            : `cwnd before the cut = ${seg(wMax ?? 0)} segments (§4.7).`
        }`,
      };
    },
    onRecoveryEnd(ssthresh) {
      return {
        cwnd: ssthresh,
        why: `Recovery ends with cwnd = ssthresh = ${formatInt(ssthresh)}; a new congestion-avoidance stage starts, K = ∛((W_max − cwnd)/C) = ${sec(cubicK(wMax ?? 0, ssthresh / smss))} (RFC 9438 §4.2).`,
      };
    },
    onTimeout(flight, cwnd, ssthresh, again) {
      afterTimeout = true;
      if (again) {
        epochStart = undefined;
        return {
          ssthresh,
          why: `This data already timed out once, so ssthresh stays ${formatInt(ssthresh)} (RFC 5681 §3.1)`,
        };
      }
      const next = cut(flight, cwnd);
      return {
        ssthresh: next,
        why: `ssthresh = max(FlightSize·β, 2·SMSS) = max(${formatInt(flight)}·0.7, ${formatInt(2 * smss)}) = ${formatInt(next)} (RFC 9438 §4.6, §4.8; the next congestion-avoidance stage starts with K = 0)`,
      };
    },
  };
}

/** The Reno model's rounds with CUBIC's decisions (RFC 9438). Same parameters, same results shape. */
export function simulateCubic(
  params: RenoParams = {},
  options: { fastConvergence?: boolean } = {},
): SimResult<RenoRun> {
  return simulateWindow(params, (smss, rtt) => cubicRule(smss, rtt, options.fastConvergence ?? true));
}
