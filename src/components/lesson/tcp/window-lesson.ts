/**
 * Numbers the lessons "Receive windows" and "Congestion control" state, computed at build time by the TCP models: window sizes by the
 * tcpdump reader (explainTcpdump, RFC 7323 §2), initial windows by initialWindowBytes (RFC 5681 §3.1, RFC 3390,
 * RFC 6928) and congestion-control rounds by simulateReno (RFC 5681, RFC 6298).
 */
import { groupInt } from '../../../explain/format';
import {
  initialWindowBytes,
  mssForMtu,
  simulateReno,
  simulateSlidingWindow,
  type RenoParams,
  type RenoRun,
} from '../../../protocol/tcp';
import { CUBIC_ALPHA, CUBIC_BETA, CUBIC_C, cubicK, simulateCubic } from '../../../protocol/tcp/cubic';
import { linuxFirstRtoMs, rfcFirstRtoMs } from '../../../protocol/tcp/rto';
import { bandwidthDelayProduct, windowLimitedRate } from '../../../protocol/tcp/bdp';
import { explainTcpdump } from '../../../protocol/capture/segments';

/**
 * The receive window in bytes of the third line of a handshake in which both SYNs carry `wscale shift` and the
 * third segment advertises `win` — read by the tcpdump reader, as the lesson's exercises do.
 */
export function scaledWindow(win: number, shift: number, synWin = 65535): { syn: number; scaled: number } {
  const opts = (ts: number, ecr: number) => `options [mss 1460,sackOK,TS val ${ts} ecr ${ecr},nop,wscale ${shift}]`;
  const text = [
    `10:00:00.000000 IP 10.0.0.2.40000 > 10.0.0.1.80: Flags [S], seq 1000, win ${synWin}, ${opts(1, 0)}, length 0`,
    `10:00:00.000100 IP 10.0.0.1.80 > 10.0.0.2.40000: Flags [S.], seq 5000, ack 1001, win ${synWin}, ${opts(2, 1)}, length 0`,
    `10:00:00.000200 IP 10.0.0.2.40000 > 10.0.0.1.80: Flags [.], ack 5001, win ${win}, length 0`,
  ].join('\n');
  const e = explainTcpdump(text);
  if (e.errors.length) throw new Error(`scaledWindow: ${e.errors[0]!.reason}`);
  const segs = e.analysis.segments;
  const syn = segs[0]?.window?.bytes;
  const scaled = segs[2]?.window?.bytes;
  if (syn === undefined || scaled === undefined) throw new Error('scaledWindow: the reader did not compute the window');
  return { syn, scaled };
}

export function reno(p: RenoParams): RenoRun {
  const r = simulateReno(p);
  if (!r.ok) throw new Error(`simulateReno: ${r.errors.map((e) => e.message).join(' ')}`);
  return r.value;
}

/**
 * The run the lesson's table shows: IW 10, ssthresh 64 segments, a triple duplicate ACK, then two timeouts in a
 * row, and enough rounds after them for new data to be acknowledged and the backed-off RTO to collapse.
 */
export const LESSON_RUN: RenoParams = {
  mss: 1460,
  initialWindowSegments: 'rfc6928',
  initialSsthresh: 64 * 1460,
  rounds: 18,
  losses: [
    { round: 6, kind: 'triple-dup-ack' },
    { round: 10, kind: 'timeout' },
    { round: 11, kind: 'timeout' },
  ],
};

const lessonRun = reno(LESSON_RUN);
const dup = lessonRun.rounds[6]!;
const to1 = lessonRun.rounds[10]!;
const to2 = lessonRun.rounds[11]!;
/** The first round after the timeouts whose RTO is back below the backed-off value (a fresh RTT sample). */
const collapse = lessonRun.rounds.find((r) => r.round > 11 && r.rtoAfterMs < r.rtoMs);
if (!collapse) throw new Error('the lesson run never recomputes its RTO after the timeouts');

/**
 * How many round trips Reno needs to grow back to about W segments after a fast-retransmit cut (halved, then
 * +1 segment per round trip, RFC 5681 §3.1–3.2), run by simulateReno: slow start from IW 100 up to ssthresh W,
 * a triple duplicate ACK in the first round at W, a receive window that never limits.
 */
export function renoRegain(w: number, mss = 1460): { rounds: number; windowSegments: number } {
  const base: RenoParams = { mss, initialWindowSegments: 100, initialSsthresh: w * mss, rwnd: 4 * w * mss };
  const warm = reno({ ...base, rounds: 20 }).rounds.find((r) => r.cwnd >= w * mss);
  if (!warm) throw new Error(`Reno never reached ${w} segments`);
  const run = reno({
    ...base,
    rounds: Math.min(1000, warm.round + w + 20),
    losses: [{ round: warm.round, kind: 'triple-dup-ack' }],
  });
  const back = run.rounds.find((r) => r.round > warm.round && r.cwndAfter >= warm.cwnd);
  if (!back) throw new Error(`Reno did not regain ${w} segments`);
  return { rounds: back.round - warm.round, windowSegments: warm.cwnd / mss };
}
/** Reno regaining 1,000 segments: a thousand-round simulation, run once for the three numbers the lesson states. */
const regain1000 = renoRegain(1000);
const iw = (rule: 'rfc5681' | 'rfc3390' | 'rfc6928') => initialWindowBytes(1460, rule).bytes;

/** The lesson's Reno run again with CUBIC's decisions (RFC 9438), for the numbers beside Reno's. */
const cubicRun = (() => {
  const r = simulateCubic(LESSON_RUN);
  if (!r.ok) throw new Error('simulateCubic failed on the lesson run');
  return r.value;
})();
const cubicDup = cubicRun.rounds[6]!;

export const CUBIC_FACTS = {
  cubicC: String(CUBIC_C),
  cubicBeta: String(CUBIC_BETA),
  cubicAlpha: CUBIC_ALPHA.toFixed(2),
  cubicDupSsthresh: groupInt(cubicDup.ssthreshAfter),
  /** K for a window of 100 segments cut to 70. */
  cubicK100: cubicK(100, 100 * CUBIC_BETA).toFixed(2),
  /** K for 1,000 segments. */
  cubicK1000: cubicK(1000, 1000 * CUBIC_BETA).toFixed(2),
  /** The 16-bit window's ceiling: 65,535 bytes per 100 ms, in Mbit/s. */
  window64kRate: (windowLimitedRate(65_535, 100) / 1e6).toFixed(1),
  bdp100M40: groupInt(bandwidthDelayProduct(100e6, 40)),
  bdp1G100: groupInt(bandwidthDelayProduct(1e9, 100)),
};
export const WINDOW_FACTS = {
  ...CUBIC_FACTS,
  maxField: groupInt(scaledWindow(65535, 0).scaled),
  maxScaled: groupInt(scaledWindow(65535, 14).scaled),
  maxScaledGiB: (scaledWindow(65535, 14).scaled / 2 ** 30).toFixed(4),
  iw5681: groupInt(iw('rfc5681')),
  iw3390: groupInt(iw('rfc3390')),
  iw6928: groupInt(iw('rfc6928')),
  iw5681Seg: String(iw('rfc5681') / 1460),
  iw3390Seg: String(iw('rfc3390') / 1460),
  iw6928Seg: String(iw('rfc6928') / 1460),
  dupCwnd: groupInt(dup.cwnd),
  dupSsthresh: groupInt(dup.ssthreshAfter),
  dupCwndAfter: groupInt(dup.cwndAfter),
  recoveredCwnd: groupInt(lessonRun.rounds[7]!.cwndAfter),
  to1Cwnd: groupInt(to1.cwnd),
  to1Ssthresh: groupInt(to1.ssthreshAfter),
  to1CwndAfter: groupInt(to1.cwndAfter),
  to1Rto: groupInt(to1.rtoMs),
  to1RtoAfter: groupInt(to1.rtoAfterMs),
  to2RtoAfter: groupInt(to2.rtoAfterMs),
  rtoCollapseRound: String(collapse.round),
  rtoCollapseFrom: groupInt(collapse.rtoMs),
  rtoCollapseTo: groupInt(collapse.rtoAfterMs),
  /** Reno after a cut from 1,000 segments: round trips to get back, and seconds at 100 ms per round trip. */
  renoRegain1000: groupInt(regain1000.rounds),
  renoRegain1000Seconds: ((regain1000.rounds * 100) / 1000).toFixed(1),
  renoRegain1000Window: groupInt(regain1000.windowSegments),
  /** The first RTO after one RTT sample of 100 ms: RFC 6298 (§2.2, §2.4) and Linux (SRTT + max(4·RTTVAR, 200 ms)). */
  rfcRto100: groupInt(rfcFirstRtoMs(100)),
  linuxRto100: groupInt(linuxFirstRtoMs(100)),
  rfcRto20: groupInt(rfcFirstRtoMs(20)),
  linuxRto20: groupInt(linuxFirstRtoMs(20)),
  /** Linux's initial window of 10 segments when timestamps leave 1,448 data bytes per 1,500-byte MTU segment. */
  iw6928Timestamps: groupInt(iw6928WithTimestamps()),
} as const;

function iw6928WithTimestamps(): number {
  return initialWindowBytes(mssForMtu(1500, { timestamps: true }), 'rfc6928').bytes;
}

export type WindowFactName = keyof typeof WINDOW_FACTS;

/**
 * What the sliding-window model predicts for the lab's backpressure experiment: a receiver that stops reading
 * lets the sender fill its buffer, then advertises a zero window, and the sender stops (RFC 9293 §3.8.6).
 */
export const BACKPRESSURE_BUFFER = 8000;
export function backpressurePrediction(): Array<{ label: string; value: string }> {
  const r = simulateSlidingWindow({
    totalBytes: 4 * BACKPRESSURE_BUFFER,
    receiveBuffer: BACKPRESSURE_BUFFER,
    readPauses: [{ from: 0, to: 20 }],
    ticks: 30,
  });
  if (!r.ok) throw new Error(`simulateSlidingWindow: ${r.errors.map((e) => e.message).join(' ')}`);
  const ticks = r.value.ticks;
  const closed = ticks.find((t) => t.sender.window === 0);
  const reopened = ticks.find((t) => closed && t.tick > closed.tick && t.sender.window > 0);
  return [
    {
      label: `Sender stops (model, ${groupInt(BACKPRESSURE_BUFFER)}-byte receive buffer)`,
      value: closed ? `after ${groupInt(closed.sender.acked)} bytes: the advertised window is 0` : 'never',
    },
    {
      label: 'Reader resumes (model)',
      value: reopened
        ? `window reopens to ${groupInt(reopened.sender.window)} bytes and sending continues`
        : 'window stays closed',
    },
  ];
}
