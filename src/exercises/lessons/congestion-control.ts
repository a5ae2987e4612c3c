/**
 * Exercises for the lesson "Congestion control" (content/lessons/06-congestion-control.mdx).
 * Every expected answer is computed by the project's TCP models: send windows, congestion windows after a loss and
 * retransmission timeouts by `simulateReno` (RFC 5681 §3.1–3.2, RFC 6298 §5); CUBIC's cut and K by
 * `simulateCubic` and `cubicK` (RFC 9438 §4.2, §4.6); partial ACKs by `newRenoRecovery` (RFC 6582 §3.2); ECN
 * codepoints by `ecnField` (RFC 3168 §5); BBR's estimate by `bbrEstimate`.
 */
import { simulateReno, type LossKind, type RenoParams, type RenoRun } from '../../protocol/tcp';
import { defineExercises } from '../types';
import { CUBIC_BETA, cubicK, simulateCubic } from '../../protocol/tcp/cubic';
import { bandwidthDelayProduct } from '../../protocol/tcp/bdp';
import { newRenoRecovery } from '../../protocol/tcp/newreno';
import { ecnField, type EcnCodepoint } from '../../protocol/tcp/ecn';
import { bbrEstimate } from '../../protocol/tcp/bbr';

function reno(p: RenoParams): RenoRun {
  const r = simulateReno(p);
  if (!r.ok) throw new Error(`simulateReno: ${r.errors.map((e) => e.message).join(' ')}`);
  return r.value;
}

const int = (n: number) => n.toLocaleString('en-US');

/** The congestion simulator's starting setup in the lesson (its DEFAULT_CC_FORM; a unit test keeps the two equal). */
export const CONGESTION_LESSON: RenoParams = {
  initialWindowSegments: 'rfc5681',
  mss: 1460,
  rwnd: 65_535,
  rttMs: 100,
  rounds: 30,
  losses: [
    { round: 7, kind: 'triple-dup-ack' },
    { round: 18, kind: 'timeout' },
  ],
};

/** The round after the simulator's first fast retransmit: what 'plot-cwnd' asks about (label and prompt agree). */
const PLOT_NEXT_ROUND = (() => {
  const loss = reno(CONGESTION_LESSON).rounds.find((r) => r.loss === 'triple-dup-ack');
  if (!loss) throw new Error('the lesson’s congestion run has no fast retransmit');
  return loss.round + 1;
})();

const ECN_NAMES: Record<EcnCodepoint, string[]> = {
  'Not-ECT': ['not-ect', 'not ect', 'notect', '00'],
  'ECT(1)': ['ect1', 'ect 1', 'ect (1)', '01'],
  'ECT(0)': ['ect0', 'ect 0', 'ect (0)', '10'],
  CE: ['congestion experienced', '11'],
};

export default defineExercises({
  'send-window': {
    kind: 'value',
    title: 'How much may be in flight?',
    answerLabel: 'Send window',
    generate(rng) {
      const mss = rng.pick([536, 1220, 1460]);
      const iw = rng.int(2, 10);
      const rwnd = rng.int(mss, 20 * mss);
      const r = reno({ mss, initialWindowSegments: iw, rwnd, rounds: 1 }).rounds[0]!;
      return {
        prompt: `A sender starts with a congestion window of ${iw} segments of ${int(mss)} bytes. The receiver advertises a window of ${int(rwnd)} bytes. How many bytes may the sender have unacknowledged in its first round?`,
        answer: {
          type: 'number',
          value: r.sendWindow,
          unit: 'bytes',
          mistakes: [
            {
              value: Math.max(iw * mss, rwnd),
              message: 'That is the larger of the two. The sender must respect both limits.',
            },
          ],
        },
      };
    },
    hints: ['The sender may not exceed the congestion window nor the receive window (RFC 5681 §3).'],
  },
  'plot-cwnd': {
    kind: 'value',
    title: 'cwnd as fast recovery begins',
    answerLabel: `cwnd at the start of round ${PLOT_NEXT_ROUND}`,
    variant: (() => {
      const run = reno(CONGESTION_LESSON);
      const loss = run.rounds.find((r) => r.loss === 'triple-dup-ack');
      const next = loss && run.rounds[loss.round + 1];
      if (!loss || !next) throw new Error('the lesson’s congestion run has no fast retransmit');
      const mss = run.mss;
      const halfCwnd = Math.max(loss.cwnd / 2, 2 * mss) + 3 * mss;
      return {
        prompt: `The simulator below starts with an MSS of ${int(mss)} bytes and a receive window of ${int(loss.rwnd)} bytes. In round ${loss.round}, cwnd is ${int(loss.cwnd)} bytes, but the receive window limits the flight to ${loss.segmentsSent} full segments: FlightSize = ${int(loss.sent)} bytes. One of them is lost, and three duplicate ACKs report it.\n\nWhat is cwnd at the start of round ${next.round}, once the sender has reacted? Predict it, then move the plot to round ${next.round}.`,
        answer: {
          type: 'number',
          value: next.cwnd,
          unit: 'bytes',
          mistakes: [
            {
              value: loss.ssthreshAfter,
              message:
                'that is the new ssthresh. Fast retransmit sets cwnd = ssthresh + 3·SMSS, for the three segments the duplicate ACKs say have left the network (RFC 5681 §3.2).',
            },
            {
              value: halfCwnd,
              message: `ssthresh is half of FlightSize, the ${int(loss.sent)} bytes actually in flight, not half of cwnd (RFC 5681 §3.2, equation 4).`,
            },
            { value: mss, message: 'that is what a timeout would give; three duplicate ACKs mean fast recovery.' },
          ],
        },
      };
    })(),
    hints: [
      'ssthresh = max(FlightSize / 2, 2·SMSS) (RFC 5681 §3.2).',
      'Then cwnd = ssthresh + 3·SMSS while fast recovery begins.',
    ],
  },
  'next-cwnd': {
    kind: 'value',
    title: 'cwnd after a loss',
    answerLabel: 'cwnd after the round',
    generate(rng) {
      const mss = 1460;
      const iw = rng.pick([3, 4, 10]);
      const ss = rng.int(8, 40) * mss;
      const at = rng.int(3, 8);
      const kind: LossKind = rng.pick(['timeout', 'triple-dup-ack'] as const);
      const run = reno({
        mss,
        initialWindowSegments: iw,
        initialSsthresh: ss,
        rounds: at + 1,
        losses: [{ round: at, kind }],
      });
      const r = run.rounds[at]!;
      const other = reno({
        mss,
        initialWindowSegments: iw,
        initialSsthresh: ss,
        rounds: at + 1,
        losses: [{ round: at, kind: kind === 'timeout' ? 'triple-dup-ack' : 'timeout' }],
      }).rounds[at]!;
      return {
        prompt: `A Reno sender (MSS ${int(mss)} bytes) has ${int(r.cwnd)} bytes of congestion window, all in flight; ssthresh is ${int(r.ssthresh)}. In this round a segment is lost and the sender learns it by ${kind === 'timeout' ? 'its retransmission timer expiring' : 'three duplicate ACKs'}.\n\nWhat is cwnd right after the sender reacts (in bytes)?`,
        answer: {
          type: 'number',
          value: r.cwndAfter,
          unit: 'bytes',
          mistakes: [
            {
              value: other.cwndAfter,
              message: `That is what the other loss signal (${kind === 'timeout' ? 'three duplicate ACKs' : 'a timeout'}) would give.`,
            },
          ],
        },
      };
    },
    hints: (v) => [
      'Both signals set ssthresh = max(FlightSize / 2, 2·MSS) (RFC 5681 §3.1, §3.2).',
      v.prompt.includes('timer')
        ? 'After a timeout cwnd falls to the loss window: 1 segment.'
        : 'Fast retransmit sets cwnd = ssthresh + 3·MSS: the three duplicate ACKs mean three segments have left the network.',
    ],
  },
  'cubic-ssthresh': {
    kind: 'value',
    title: 'CUBIC after three duplicate ACKs',
    answerLabel: 'ssthresh',
    generate(rng) {
      const mss = 1460;
      const iw = rng.pick([10, 16, 20, 25, 30]);
      const params: RenoParams = {
        mss,
        initialWindowSegments: iw,
        rounds: 2,
        rwnd: 10_000_000,
        losses: [{ round: 1, kind: 'triple-dup-ack' }],
      };
      const c = simulateCubic(params);
      if (!c.ok) throw new Error('simulateCubic failed');
      const r = c.value.rounds[1]!;
      const renoRow = reno(params).rounds[1]!;
      return {
        prompt: `A CUBIC sender (MSS ${int(mss)} bytes) has ${int(r.sent)} bytes in flight when three duplicate ACKs arrive.\n\nWhat does it set ssthresh to (in bytes)?`,
        answer: {
          type: 'number',
          value: r.ssthreshAfter,
          unit: 'bytes',
          tolerance: 1,
          mistakes: [{ value: renoRow.ssthreshAfter, message: "That is Reno's halving. CUBIC multiplies by β = 0.7." }],
        },
      };
    },
    hints: [`RFC 9438 §4.6: ssthresh = FlightSize × β_cubic, β_cubic = ${CUBIC_BETA}, and at least 2·SMSS.`],
  },
  'cubic-k': {
    kind: 'value',
    title: 'How long CUBIC takes to get back',
    answerLabel: 'K',
    generate(rng) {
      const wMax = rng.pick([20, 50, 80, 100, 200, 500, 1000]);
      const k = cubicK(wMax, wMax * CUBIC_BETA);
      return {
        prompt: `A CUBIC sender's window was ${int(wMax)} segments when it saw a loss; it cut the window to β·W_max = ${int(wMax * CUBIC_BETA)} segments and no further loss follows.\n\nAfter how many seconds of congestion avoidance is W_cubic back at ${int(wMax)} segments? Round to two decimals.`,
        answer: {
          type: 'number',
          value: Math.round(k * 100) / 100,
          unit: 's',
          tolerance: 0.011,
          mistakes: [
            {
              value: Math.round(Math.cbrt(wMax / 0.4) * 100) / 100,
              message: 'That is ∛(W_max/C): K uses the amount the window was cut by, W_max·(1 − β).',
            },
          ],
        },
      };
    },
    hints: ['RFC 9438 §4.2: K = ∛(W_max·(1 − β_cubic)/C) with C = 0.4 and β_cubic = 0.7.'],
  },
  'partial-ack': {
    kind: 'value',
    title: 'A partial ACK',
    answerLabel: 'ack (relative)',
    generate(rng) {
      const mss = rng.pick([1000, 1460]);
      const segments = rng.int(8, 14);
      const a = rng.int(0, segments - 6);
      const b = rng.int(a + 2, segments - 4);
      const r = newRenoRecovery({ segments, mss, lost: [a, b] });
      if (!r.ok) throw new Error(`newRenoRecovery: ${r.error}`);
      const [first] = r.value.steps;
      if (!first) throw new Error('newRenoRecovery: no step');
      return {
        prompt: `A NewReno sender sends ${segments} full segments of ${int(mss)} bytes back to back, relative sequence numbers 1 to ${int(r.value.recover)}. Two are lost: the one starting at ${int(first.resendSeq)} and the one starting at ${int(1 + b * mss)}. Three duplicate ACKs come back, and the sender resends the first lost segment (fast retransmit).\n\nWhat acknowledgment number comes back when that retransmission arrives?`,
        answer: {
          type: 'number',
          value: first.ackAfter,
          mistakes: [
            {
              value: r.value.fullAck,
              message:
                'that would acknowledge everything, but the second lost segment is still missing. The receiver acknowledges up to the next hole: a partial ACK, and NewReno resends that hole at once (RFC 6582 §3.2).',
            },
            {
              value: first.resendSeq + mss,
              message:
                'the receiver already holds the segments after the first hole up to the second hole; the cumulative ACK jumps over all of them.',
            },
          ],
        },
      };
    },
    hints: [
      'ACKs are cumulative: the receiver acknowledges every byte it holds in order, up to the first one it is missing.',
      'The segments between the two holes arrived the first time; only the second hole stops the ACK.',
    ],
  },
  'ecn-codepoint': {
    kind: 'value',
    title: 'Read the ECN field',
    answerLabel: 'ECN codepoint',
    generate(rng) {
      const dscp = rng.pick([0, 0, 10, 18, 26, 34, 46]);
      const bits = rng.pick([0, 1, 2, 3, 3]);
      const tos = (dscp << 2) | bits;
      const f = ecnField(tos);
      if (!f.ok) throw new Error(f.error);
      const highBits = ecnField(tos >> 6);
      const wrong = highBits.ok ? highBits.value.codepoint : undefined;
      const hex = `0x${tos.toString(16)}`;
      return {
        prompt: `\`tcpdump -v\` prints an IPv4 header with \`tos ${hex}\`: the whole TOS byte, DSCP and ECN field together.\n\nWhich ECN codepoint does the packet carry: Not-ECT, ECT(0), ECT(1) or CE?`,
        answer: {
          type: 'text',
          value: f.value.codepoint,
          accept: ECN_NAMES[f.value.codepoint],
          mistakes:
            wrong && wrong !== f.value.codepoint
              ? [
                  {
                    value: wrong,
                    message:
                      'That reads the top two bits. The ECN field is the two lowest bits of the byte (RFC 3168 §5).',
                  },
                ]
              : [],
        },
      };
    },
    hints: [
      'Write the byte in binary and keep its two lowest bits; the six above them are the DSCP.',
      '00 Not-ECT, 01 ECT(1), 10 ECT(0), 11 CE (RFC 3168 §5).',
    ],
  },
  'bbr-bdp': {
    kind: 'value',
    title: 'BBR’s model of the path',
    answerLabel: 'BBR’s BDP estimate',
    generate(rng) {
      const samples = Array.from({ length: 4 }, () => ({
        deliveryRateBps: rng.int(20, 200) * 1e6,
        rttMs: rng.int(20, 120),
      }));
      const e = bbrEstimate(samples);
      if (!e.ok) throw new Error(e.error);
      const last = samples[samples.length - 1]!;
      const lines = samples.map(
        (x, i) => `ACK ${i + 1}: delivery rate ${x.deliveryRateBps / 1e6} Mbit/s, RTT ${x.rttMs} ms`,
      );
      return {
        prompt:
          'A BBR sender has the samples below, all still inside both of its filter windows. What is its estimate of the bandwidth-delay product, in bytes?',
        figure: lines.join('\n'),
        answer: {
          type: 'number',
          value: e.value.bdpBytes,
          unit: 'bytes',
          mistakes: [
            ...[
              {
                value: bandwidthDelayProduct(last.deliveryRateBps, last.rttMs),
                message:
                  'That uses only the latest sample. BBR keeps the largest delivery rate and the smallest RTT it has seen recently.',
              },
              {
                value: bandwidthDelayProduct(e.value.maxBwBps, Math.max(...samples.map((x) => x.rttMs))),
                message:
                  'The RTT estimate is the smallest RTT: larger ones include time spent in queues, not the path itself.',
              },
            ].filter((m, idx, all) => all.findIndex((o) => o.value === m.value) === idx),
          ],
        },
      };
    },
    hints: [
      'Bandwidth estimate: the largest delivery rate. RTT estimate: the smallest RTT.',
      'BDP = rate × RTT: Mbit/s × 10⁶ × ms / 1000 / 8 bytes.',
    ],
  },
  'rto-backoff': {
    kind: 'value',
    title: 'Back-off after timeouts',
    answerLabel: 'RTO',
    generate(rng) {
      const n = rng.int(1, 5);
      const losses = Array.from({ length: n }, (_, i) => ({ round: 2 + i, kind: 'timeout' as const }));
      const run = reno({ rounds: 2 + n, losses });
      const first = run.rounds[2]!;
      const last = run.rounds[1 + n]!;
      return {
        prompt: `A segment’s retransmission timer (RTO ${int(first.rtoMs / 1000)} s) expires${n > 1 ? `, and so does the timer of each retransmission after it: ${n} timeouts in a row` : ''}.\n\nWhat is the RTO, in seconds, after ${n > 1 ? 'the last expiry' : 'it'}?`,
        answer: { type: 'number', value: last.rtoAfterMs / 1000, unit: 's' },
      };
    },
    hints: ['Each expiry doubles the RTO (RFC 6298 §5.5).'],
  },
});
