/**
 * TCP Reno congestion control, one row per round trip, per RFC 5681 (slow start, congestion avoidance,
 * fast retransmit / fast recovery) with the retransmission timer of RFC 6298.
 *
 * Model (stated so the lesson can state it): a bulk sender always has data; it sends
 * min(cwnd, rwnd) per round in full-sized segments; the receiver ACKs every segment (no delayed ACK);
 * ACKs are processed one by one, so slow start adds min(acked, SMSS) per ACK (doubling per RTT) and
 * congestion avoidance uses byte counting (+1 SMSS each time a cwnd's worth is acknowledged,
 * RFC 5681 §3.1). A loss placed on a round affects the first segment that round sends:
 * - 'triple-dup-ack': the rest of the flight arrives and produces duplicate ACKs; on the third one the
 *   sender retransmits (fast retransmit) and enters fast recovery (RFC 5681 §3.2):
 *   ssthresh = max(FlightSize/2, 2·SMSS), cwnd = ssthresh + 3·SMSS; the next round is spent in fast
 *   recovery and its full ACK sets cwnd = ssthresh. Needs ≥ 4 segments in flight; with fewer, only a
 *   timeout can recover, and the model says so.
 * - 'timeout': the whole flight is lost; after RTO the sender sets ssthresh = max(FlightSize/2, 2·SMSS)
 *   (held constant if the same data already timed out, §3.1), cwnd = 1 SMSS (the loss window), doubles
 *   the RTO (RFC 6298 §5.5, at most 60 s) and resends the lost data in slow start.
 * Bytes are delivered when acknowledged: a round's bytes count at its end, except that lost data counts
 * when its retransmission is acknowledged.
 *
 * Bad parameters → `{ ok: false, errors }` (see types.ts SimResult); never throws on them.
 */

import { checkNumber, describe as describeValue, fail, ok, type ParamError, type SimResult } from './types';
import { formatInt, formatMs } from './format';
import { INITIAL_RTO_MS, MAX_RTO_MS, MIN_RTO_MS } from './rto';

export type RenoPhase = 'slow-start' | 'congestion-avoidance' | 'fast-recovery' | 'timeout';
export type LossKind = 'timeout' | 'triple-dup-ack';
export type InitialWindowRule = 'rfc5681' | 'rfc3390' | 'rfc6928';

export interface RenoParams {
  /** Sender maximum segment size in bytes (SMSS). Default 1460. */
  mss?: number;
  /** Initial window: a number of segments, or the rule of RFC 5681 §3.1, RFC 3390 or RFC 6928. Default 'rfc6928' (10 segments at MSS 1460). */
  initialWindowSegments?: number | InitialWindowRule;
  /** Initial ssthresh in bytes. Default: "arbitrarily high" (RFC 5681 §3.1) — the receive window. */
  initialSsthresh?: number;
  /** Receiver's advertised window in bytes. Default 1,048,576. */
  rwnd?: number;
  /** Round-trip time in ms. Default 100. */
  rttMs?: number;
  /** Number of rounds to simulate. Default 30. */
  rounds?: number;
  /** Losses, at most one per round. */
  losses?: Array<{ round: number; kind: LossKind }>;
  /** Stop when this many bytes have been delivered (default: unlimited bulk data). */
  dataBytes?: number;
}

export interface RenoRound {
  round: number;
  /** Start of the round (ms). */
  t: number;
  /** How long the round lasted: one RTT, or the RTO the sender waited after a timeout. */
  durationMs: number;
  phase: RenoPhase;
  /** Congestion window at the start of the round (bytes) and in segments. */
  cwnd: number;
  cwndSegments: number;
  ssthresh: number;
  rwnd: number;
  /** min(cwnd, rwnd): what the sender may have in flight. */
  sendWindow: number;
  limitedBy: 'cwnd' | 'rwnd';
  /** Bytes put on the wire this round (retransmissions included) and how many segments. */
  sent: number;
  segmentsSent: number;
  retransmitted: number;
  loss?: LossKind;
  /** State after the round. */
  cwndAfter: number;
  ssthreshAfter: number;
  /** Cumulative totals at the end of the round. */
  bytesSentTotal: number;
  bytesDeliveredTotal: number;
  /** Retransmission timeout in effect during the round, and after it. */
  rtoMs: number;
  rtoAfterMs: number;
  why: string;
}

export interface RenoRun {
  mss: number;
  initialWindow: number;
  initialWindowWhy: string;
  rounds: RenoRound[];
  /** Round in which `dataBytes` were all delivered (when given and reached). */
  completedInRound?: number;
}

/** Initial window in bytes for a rule (RFC 5681 §3.1, RFC 3390 §1, RFC 6928 §2). */
export function initialWindowBytes(mss: number, rule: number | InitialWindowRule): { bytes: number; why: string } {
  if (typeof rule === 'number')
    return { bytes: rule * mss, why: `${rule} segments × ${formatInt(mss)} = ${formatInt(rule * mss)} bytes.` };
  if (rule === 'rfc3390') {
    const b = Math.min(4 * mss, Math.max(2 * mss, 4380));
    return {
      bytes: b,
      why: `RFC 3390: min(4·MSS, max(2·MSS, 4380)) = ${formatInt(b)} bytes (${formatSeg(b, mss)} segments).`,
    };
  }
  if (rule === 'rfc6928') {
    const b = Math.min(10 * mss, Math.max(2 * mss, 14600));
    return {
      bytes: b,
      why: `RFC 6928: min(10·MSS, max(2·MSS, 14600)) = ${formatInt(b)} bytes (${formatSeg(b, mss)} segments).`,
    };
  }
  const n = mss > 2190 ? 2 : mss > 1095 ? 3 : 4;
  return {
    bytes: n * mss,
    why: `RFC 5681 §3.1: SMSS ${formatInt(mss)} ${mss > 2190 ? '> 2190' : mss > 1095 ? 'in (1095, 2190]' : '≤ 1095'} → IW = ${n}·SMSS = ${formatInt(n * mss)} bytes.`,
  };
}

export function validateRenoParams(p: RenoParams): ParamError[] {
  const errors: ParamError[] = [];
  const mssOk = p.mss === undefined || checkNumber(errors, 'mss', p.mss, { min: 1, max: 65_495, integer: true });
  const mss = mssOk ? (p.mss ?? 1460) : 1460;
  if (p.initialWindowSegments !== undefined) {
    const iw = p.initialWindowSegments;
    if (typeof iw === 'string') {
      if (!['rfc5681', 'rfc3390', 'rfc6928'].includes(iw))
        errors.push({
          field: 'initialWindowSegments',
          value: iw,
          message: `initialWindowSegments must be a number of segments or one of rfc5681, rfc3390, rfc6928; got ${describeValue(iw)}.`,
        });
    } else checkNumber(errors, 'initialWindowSegments', iw, { min: 1, max: 100, integer: true });
  }
  if (p.initialSsthresh !== undefined)
    checkNumber(errors, 'initialSsthresh', p.initialSsthresh, { min: 2 * mss, max: 2 ** 31, integer: true });
  if (p.rwnd !== undefined) checkNumber(errors, 'rwnd', p.rwnd, { min: mss, max: 65535 * 2 ** 14, integer: true });
  if (p.rttMs !== undefined) checkNumber(errors, 'rttMs', p.rttMs, { min: 0, max: 60_000, minExclusive: true });
  const roundsOk =
    p.rounds === undefined || checkNumber(errors, 'rounds', p.rounds, { min: 1, max: 1000, integer: true });
  const rounds = roundsOk ? (p.rounds ?? 30) : 1000;
  if (p.dataBytes !== undefined) checkNumber(errors, 'dataBytes', p.dataBytes, { min: 1, max: 2 ** 40, integer: true });
  if (p.losses !== undefined) {
    if (!Array.isArray(p.losses))
      errors.push({ field: 'losses', value: p.losses, message: 'losses must be a list of {round, kind}.' });
    else {
      const seen = new Set<number>();
      p.losses.forEach((l, i) => {
        if (typeof l !== 'object' || l === null) {
          errors.push({ field: `losses[${i}]`, value: l, message: `losses[${i}] must be {round, kind}.` });
          return;
        }
        if (checkNumber(errors, `losses[${i}].round`, l.round, { min: 0, max: rounds - 1, integer: true })) {
          if (seen.has(l.round))
            errors.push({
              field: `losses[${i}].round`,
              value: l.round,
              message: `round ${l.round} already has a loss; place at most one loss per round.`,
            });
          seen.add(l.round);
        }
        if (l.kind !== 'timeout' && l.kind !== 'triple-dup-ack')
          errors.push({
            field: `losses[${i}].kind`,
            value: l.kind,
            message: `losses[${i}].kind must be "timeout" or "triple-dup-ack", got ${describeValue(l.kind)}.`,
          });
      });
    }
  }
  return errors;
}

/**
 * What a congestion controller decides; the round-by-round bookkeeping (what is sent, lost, resent,
 * delivered, and the RFC 6298 timer) is shared. Reno is below; CUBIC (cubic.ts) supplies its own.
 * Slow start (cwnd < ssthresh) is the same for both (RFC 9438 §4.10 keeps RFC 5681's).
 */
export interface WindowRule {
  /** One ACK for `n` new bytes in congestion avoidance; `nowMs` is when the round's ACKs arrive. Returns the new cwnd. */
  caAck(n: number, cwnd: number, nowMs: number): number;
  /** Words for a congestion-avoidance round that took cwnd from `before` to `after`. */
  caWhy(before: number, after: number, ssthresh: number): string;
  /** Three duplicate ACKs with `flight` bytes out: the new ssthresh, cwnd during fast recovery, and words. */
  onDupAck(flight: number, cwnd: number): { ssthresh: number; cwnd: number; why: string };
  /** The full ACK that ends fast recovery (at `nowMs`): the new cwnd and words. */
  onRecoveryEnd(ssthresh: number, nowMs: number): { cwnd: number; why: string };
  /** The retransmission timer expired with `flight` bytes out (`again`: the same data timed out before). */
  onTimeout(flight: number, cwnd: number, ssthresh: number, again: boolean): { ssthresh: number; why: string };
}

/** Reno's decisions (RFC 5681 §3.1–3.2): halve on loss, +1 SMSS per cwnd of ACKed data. */
function renoRule(smss: number): WindowRule {
  let bytesAcked = 0; // congestion-avoidance byte counter (RFC 5681 §3.1)
  return {
    caAck(n, cwnd) {
      bytesAcked += n;
      if (bytesAcked >= cwnd) {
        bytesAcked -= cwnd;
        return cwnd + smss;
      }
      return cwnd;
    },
    caWhy(before, after) {
      return after > before
        ? `Congestion avoidance (cwnd ≥ ssthresh): a full cwnd of data was acknowledged, so cwnd grows by 1 SMSS: ${formatInt(before)} → ${formatInt(after)} (RFC 5681 §3.1).`
        : `Congestion avoidance: less than a full cwnd acknowledged this round, so cwnd stays ${formatInt(after)} (it grows by 1 SMSS per cwnd of ACKed data).`;
    },
    onDupAck(flight) {
      // Whole bytes: an odd FlightSize rounds down rather than giving half a byte.
      const ssthresh = Math.max(Math.floor(flight / 2), 2 * smss);
      bytesAcked = 0;
      return {
        ssthresh,
        cwnd: ssthresh + 3 * smss,
        why: `ssthresh = max(FlightSize/2, 2·SMSS) = max(⌊${formatInt(flight)}/2⌋, ${formatInt(2 * smss)}) = ${formatInt(ssthresh)}; cwnd = ssthresh + 3·SMSS = ${formatInt(ssthresh + 3 * smss)}.`,
      };
    },
    onRecoveryEnd(ssthresh) {
      return {
        cwnd: ssthresh,
        why: `The ACK of the retransmission acknowledges everything outstanding (a full ACK): cwnd deflates to ssthresh = ${formatInt(ssthresh)} and congestion avoidance resumes (RFC 5681 §3.2 step 6).`,
      };
    },
    onTimeout(flight, _cwnd, ssthresh, again) {
      bytesAcked = 0;
      if (again)
        return {
          ssthresh,
          why: `This data already timed out once, so ssthresh stays ${formatInt(ssthresh)} (RFC 5681 §3.1)`,
        };
      const next = Math.max(Math.floor(flight / 2), 2 * smss);
      return {
        ssthresh: next,
        why: `ssthresh = max(FlightSize/2, 2·SMSS) = max(⌊${formatInt(flight)}/2⌋, ${formatInt(2 * smss)}) = ${formatInt(next)}`,
      };
    },
  };
}

export function simulateReno(params: RenoParams = {}): SimResult<RenoRun> {
  return simulateWindow(params, (mss) => renoRule(mss));
}

/** The shared round-by-round run with a controller's decisions (`makeRule` gets SMSS and the RTT in ms). */
export function simulateWindow(
  params: RenoParams,
  makeRule: (smss: number, rttMs: number) => WindowRule,
): SimResult<RenoRun> {
  const errors = validateRenoParams(params);
  if (errors.length) return fail(errors);
  const smss = params.mss ?? 1460;
  const rwnd = params.rwnd ?? 1_048_576;
  const rtt = params.rttMs ?? 100;
  const rounds = params.rounds ?? 30;
  const iw = initialWindowBytes(smss, params.initialWindowSegments ?? 'rfc6928');
  const lossAt = new Map((params.losses ?? []).map((l) => [l.round, l.kind]));
  const dataBytes = params.dataBytes;
  const rule = makeRule(smss, rtt);

  let cwnd = iw.bytes;
  let ssthresh = params.initialSsthresh ?? rwnd;
  let inRecovery = false;
  let recoveryPending = 0; // bytes held back by the hole, released by the full ACK
  let backlog = 0; // bytes that must be re-sent after a timeout (go-back-N)
  let held = 0; // bytes the receiver holds beyond a hole, acknowledged once the hole is filled
  let timedOutBefore = false; // the data being resent already timed out once
  let sentTotal = 0;
  let deliveredTotal = 0;
  let newDataSent = 0; // unique bytes handed to the network
  let rto = INITIAL_RTO_MS; // RFC 6298 §2.1 until the first measurement
  let srtt: number | undefined;
  let rttvar: number | undefined;
  let t = 0;
  let completedInRound: number | undefined;
  const out: RenoRound[] = [];

  const sampleRtt = () => {
    // RFC 6298 §2.2–2.3 (G = 1 ms), then §2.4 minimum and §2.5 maximum.
    if (srtt === undefined || rttvar === undefined) {
      srtt = rtt;
      rttvar = rtt / 2;
    } else {
      rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - rtt);
      srtt = 0.875 * srtt + 0.125 * rtt;
    }
    rto = Math.min(Math.max(srtt + Math.max(1, 4 * rttvar), MIN_RTO_MS), MAX_RTO_MS);
  };

  /** Apply ACKs for `segments` of new data one by one (slow start, then CA by byte counting). */
  const growOnAcks = (segmentSizes: number[], nowMs: number) => {
    for (const n of segmentSizes) {
      if (cwnd < ssthresh) cwnd += Math.min(n, smss);
      else cwnd = rule.caAck(n, cwnd, nowMs);
    }
  };
  const sizes = (total: number) => {
    const list: number[] = [];
    let left = total;
    while (left > 0) {
      const n = Math.min(left, smss);
      list.push(n);
      left -= n;
    }
    return list;
  };
  const remaining = () => (dataBytes === undefined ? Infinity : Math.max(0, dataBytes - newDataSent));

  for (let round = 0; round < rounds; round++) {
    if (completedInRound !== undefined) break;
    const startCwnd = cwnd;
    const startSsthresh = ssthresh;
    const rtoDuring = rto;
    const sendWindow = Math.min(cwnd, rwnd);
    const limitedBy: RenoRound['limitedBy'] = rwnd < cwnd ? 'rwnd' : 'cwnd';
    let loss = lossAt.get(round);
    let phase: RenoPhase;
    let sent = 0;
    let retransmitted = 0;
    let duration = rtt;
    const why: string[] = [];

    if (inRecovery) {
      // Fast recovery round (RFC 5681 §3.2 steps 3–6).
      phase = 'fast-recovery';
      const flightAtLoss = recoveryPending;
      const newData = Math.min(Math.max(0, ssthresh - smss), Math.max(0, rwnd - flightAtLoss), remaining());
      retransmitted = smss;
      sent = retransmitted + newData;
      newDataSent += newData;
      inRecovery = false;
      recoveryPending = 0;
      if (loss) {
        // A loss placed on the recovery round hits the retransmission itself: Reno can only time out.
        why.push(`Fast recovery: the retransmission itself is lost, so no full ACK arrives.`);
        loss = 'timeout';
        applyTimeout(flightAtLoss + newData);
        // Only the first segment is missing at the receiver; the rest waits there for it.
        backlog += smss;
        held += flightAtLoss - smss + newData;
      } else {
        const end = rule.onRecoveryEnd(ssthresh, t + duration);
        why.push(
          `Fast recovery: the lost segment was retransmitted; each further duplicate ACK inflates cwnd by 1 SMSS, which lets ${formatInt(newData)} bytes of new data out. ` +
            end.why,
        );
        cwnd = end.cwnd;
        deliveredTotal += flightAtLoss + newData;
        growOnAcks(sizes(newData), t + duration);
      }
    } else {
      phase = cwnd < ssthresh ? 'slow-start' : 'congestion-avoidance';
      const windowBytes = sendWindow >= smss ? Math.floor(sendWindow / smss) * smss : sendWindow;
      const fromBacklog = Math.min(backlog, windowBytes);
      const fresh = Math.min(windowBytes - fromBacklog, remaining());
      sent = fromBacklog + fresh;
      retransmitted = fromBacklog;
      newDataSent += fresh;
      const segs = sizes(sent);
      if (sent === 0) {
        why.push('Nothing left to send.');
      } else if (!loss) {
        const before = cwnd;
        backlog -= fromBacklog;
        deliveredTotal += sent;
        if (backlog === 0 && held > 0) {
          why.push(
            `The resent segment fills the hole: ${formatInt(held)} bytes the receiver was holding are acknowledged too.`,
          );
          deliveredTotal += held;
          held = 0;
        }
        growOnAcks(segs, t + duration);
        if (fresh > 0) {
          // Karn: only segments sent once are timed (RFC 6298 §3). A fresh sample recomputes the RTO, which may
          // "collapse" a backed-off timer (RFC 6298 §5, the note after rule 5.7).
          const before = rto;
          sampleRtt();
          if (rto < before)
            why.push(
              `New data sent once and acknowledged gives a fresh RTT sample: the RTO is recomputed and the backed-off ${formatMs(before)} collapses to ${formatMs(rto)} (RFC 6298 §5).`,
            );
        } else if (fromBacklog > 0 && rto > INITIAL_RTO_MS) {
          why.push(
            `Only resent data was acknowledged, which gives no RTT sample (Karn, RFC 6298 §3): the RTO stays backed off at ${formatMs(rto)}.`,
          );
        }
        if (fromBacklog === 0) timedOutBefore = false;
        if (phase === 'slow-start') {
          why.push(
            `Slow start (cwnd ${formatInt(before)} < ssthresh ${formatInt(ssthresh)}): each of the ${segs.length} ACKs adds up to 1 SMSS, so cwnd grows ${formatInt(before)} → ${formatInt(cwnd)} (RFC 5681 §3.1).`,
          );
          if (cwnd >= ssthresh && before < ssthresh)
            why.push(`cwnd reached ssthresh: congestion avoidance from now on.`);
        } else {
          why.push(rule.caWhy(before, cwnd, ssthresh));
        }
        if (fromBacklog > 0) why.push(`${formatInt(fromBacklog)} of these bytes resend data lost earlier.`);
      } else if (loss === 'triple-dup-ack' && segs.length >= 4) {
        // The first segment is lost, the others arrive and are held until it is resent.
        const cut = rule.onDupAck(sent, cwnd);
        why.push(
          `Segment lost; the ${segs.length - 1} segments after it each produced a duplicate ACK. The third duplicate triggers fast retransmit (RFC 5681 §3.2): ${cut.why}`,
        );
        backlog -= fromBacklog;
        ssthresh = cut.ssthresh;
        cwnd = cut.cwnd;
        inRecovery = true;
        recoveryPending = sent;
      } else {
        if (loss === 'triple-dup-ack') {
          why.push(
            `Only ${segs.length} segment${segs.length === 1 ? '' : 's'} in flight: after losing the first, at most ${Math.max(0, segs.length - 1)} duplicate ACKs can come back — not the 3 fast retransmit needs — so the sender must wait for the timeout.`,
          );
          loss = 'timeout';
        }
        // The whole flight is lost: resend it all (what was resent already stays in the backlog).
        applyTimeout(sent);
        backlog += fresh;
      }
      if (limitedBy === 'rwnd')
        why.push(
          `The receiver's window (${formatInt(rwnd)}) is smaller than cwnd: the receiver, not the network, limits the sender (send window = min(cwnd, rwnd)).`,
        );
    }

    function applyTimeout(flight: number) {
      phase = 'timeout';
      duration = rto;
      const cut = rule.onTimeout(flight, cwnd, ssthresh, timedOutBefore);
      const newSsthresh = cut.ssthresh;
      const oldRto = rto;
      rto = Math.min(rto * 2, MAX_RTO_MS);
      why.push(
        `No ACK came back: the retransmission timer expired after ${formatMs(oldRto)} (RFC 6298 §5.4). ` +
          cut.why +
          `; cwnd = 1 SMSS = ${formatInt(smss)} (the loss window); RTO doubles to ${formatMs(rto)} (RFC 6298 §5.5${rto === MAX_RTO_MS ? ', capped at 60 s' : ''}); slow start resends the lost data.`,
      );
      ssthresh = newSsthresh;
      cwnd = smss;
      timedOutBefore = true;
    }

    sentTotal += sent;
    if (dataBytes !== undefined && deliveredTotal >= dataBytes && completedInRound === undefined) {
      completedInRound = round;
      why.push(`All ${formatInt(dataBytes)} bytes are delivered.`);
    }
    out.push({
      round,
      t,
      durationMs: duration,
      phase,
      cwnd: startCwnd,
      cwndSegments: startCwnd / smss,
      ssthresh: startSsthresh,
      rwnd,
      sendWindow,
      limitedBy,
      sent,
      segmentsSent: sizes(sent).length,
      retransmitted,
      ...(loss ? { loss } : {}),
      cwndAfter: cwnd,
      ssthreshAfter: ssthresh,
      bytesSentTotal: sentTotal,
      bytesDeliveredTotal: deliveredTotal,
      rtoMs: rtoDuring,
      rtoAfterMs: rto,
      why: why.join(' '),
    });
    t += duration;
  }

  const run: RenoRun = { mss: smss, initialWindow: iw.bytes, initialWindowWhy: iw.why, rounds: out };
  if (completedInRound !== undefined) run.completedInRound = completedInRound;
  return ok(run);
}

function formatSeg(bytes: number, mss: number): string {
  return formatInt(Math.round((bytes / mss) * 100) / 100);
}
