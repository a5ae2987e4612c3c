/**
 * Exercises for the lesson "Receive windows" (content/lessons/05-receive-windows.mdx).
 * Every expected answer is computed by the project's TCP models: window sizes by the tcpdump reader
 * (`explainTcpdump`, RFC 7323 §2) from the generated lines; ACKs of the lesson's sliding-window run by
 * `simulateSlidingWindow` (RFC 9293 §3.8.6); buffer sizes by `bandwidthDelayProduct`.
 */
import { simulateSlidingWindow, type SlidingWindowParams } from '../../protocol/tcp';
import { explainTcpdump } from '../../protocol/capture/segments';
import type { Rng } from '../../protocol/random';
import { clock, randomEnds, randomIsn, synOptions, tcpdumpLine, tsOptions } from '../tcp-lines';
import { defineExercises, type CodeCase } from '../types';
import { seqAdd } from '../../protocol/tcp';
import { bandwidthDelayProduct } from '../../protocol/tcp/bdp';

const int = (n: number) => n.toLocaleString('en-US');

/**
 * The sliding-window simulator's starting setup in the lesson (its DEFAULT_FORM; a unit test keeps the two equal),
 * so the prediction asked before it is exactly what its Next button then shows.
 */
export const SLIDING_WINDOW_LESSON: SlidingWindowParams = {
  totalBytes: 20_000,
  receiveBuffer: 8000,
  readRate: 1000,
  mss: 1000,
  ticks: 40,
  readPauses: [{ from: 4, to: 16 }],
  sillyWindowAvoidance: false,
  dropWindowUpdates: false,
};

/** The ACK the receiver sends in `tick` of the lesson's sliding-window run, and the one before it. */
function slidingWindowAcks(tick: number) {
  const r = simulateSlidingWindow(SLIDING_WINDOW_LESSON);
  if (!r.ok) throw new Error(`simulateSlidingWindow: ${r.errors.map((e) => e.message).join(' ')}`);
  const sentIn = (t: number) => r.value.ticks[t]?.inTransit.acks.find((a) => a.sentTick === t);
  const ack = sentIn(tick);
  const before = [...Array(tick).keys()]
    .reverse()
    .map(sentIn)
    .find((a) => a !== undefined);
  if (!ack || !before) throw new Error(`no ACK sent in tick ${tick}`);
  return { ack, before };
}

/** A handshake whose SYNs carry `wscale` shifts, then one client ACK advertising `win`; windows read by the reader. */
function handshake(rng: Rng, clientShift: number, serverShift: number, synWin: number, win: number) {
  const ends = randomEnds(rng);
  const c = randomIsn(rng);
  const s = randomIsn(rng);
  const ts = rng.int(100_000, 4_000_000_000);
  let t = rng.int(1000, 900_000);
  const lines = [
    tcpdumpLine(
      { from: 'client', flags: ['SYN'], seq: c, length: 0, win: synWin, options: synOptions(ts, 0, clientShift) },
      ends,
      clock(t),
    ),
    tcpdumpLine(
      {
        from: 'server',
        flags: ['SYN', 'ACK'],
        seq: s,
        ack: seqAdd(c, 1),
        length: 0,
        win: 65535,
        options: synOptions(ts + 5, ts, serverShift),
      },
      ends,
      clock((t += rng.int(20, 900))),
    ),
    tcpdumpLine(
      {
        from: 'client',
        flags: ['ACK'],
        seq: seqAdd(c, 1),
        ack: seqAdd(s, 1),
        length: 0,
        win,
        options: tsOptions(ts + 1, ts + 5),
      },
      ends,
      clock((t += rng.int(20, 900))),
    ),
  ];
  const e = explainTcpdump(lines.join('\n'));
  if (e.errors.length) throw new Error(`explainTcpdump: ${e.errors[0]!.reason}`);
  const w = (i: number) => {
    const b = e.analysis.segments[i]?.window?.bytes;
    if (b === undefined) throw new Error('explainTcpdump gave no window');
    return b;
  };
  return { lines, synWindow: w(0), ackWindow: w(2) };
}

export default defineExercises({
  'bdp-buffer': {
    kind: 'value',
    title: 'A window for a long, fat pipe',
    answerLabel: 'Window',
    generate(rng) {
      const mbit = rng.pick([50, 100, 200, 500, 1000]);
      const rtt = rng.pick([20, 40, 80, 120, 200]);
      const bdp = bandwidthDelayProduct(mbit * 1e6, rtt);
      return {
        prompt: `A path carries ${mbit} Mbit/s and its round-trip time is ${rtt} ms.\n\nHow many bytes must the sender be allowed to have in flight (min(cwnd, rwnd)) to keep it full?`,
        answer: {
          type: 'number',
          value: bdp,
          unit: 'bytes',
          tolerance: 1,
          mistakes: [{ value: bdp * 8, message: 'That is in bits: divide by 8 for bytes.' }],
        },
      };
    },
    hints: ['Bandwidth-delay product = rate × RTT. Convert the RTT to seconds and bits to bytes.'],
  },
  'scaled-window': {
    kind: 'value',
    title: 'The window after the handshake',
    answerLabel: 'Receive window',
    generate(rng) {
      const clientShift = rng.int(2, 10);
      let serverShift = rng.int(2, 10);
      if (serverShift === clientShift) serverShift = clientShift + 1;
      const win = rng.int(200, 65535);
      const h = handshake(rng, clientShift, serverShift, rng.int(20000, 65535), win);
      return {
        prompt:
          'How many bytes may the server send the client after the third line, counting from its acknowledgment number?',
        figure: h.lines.join('\n'),
        answer: {
          type: 'number',
          value: h.ackWindow,
          unit: 'bytes',
          mistakes: [
            { value: win, message: 'That is the raw 16-bit field. Both SYNs carried window scale, so it is shifted.' },
            {
              value: win * 2 ** serverShift,
              message:
                'That is the server’s shift. A window is scaled by the shift its sender announced: this ACK comes from the client.',
            },
          ],
        },
      };
    },
    hints: [
      'Window scaling is on only when both SYNs carry the option (RFC 7323 §2.2).',
      'The client announced its own shift in its SYN; its later windows are multiplied by 2 to that power.',
    ],
  },
  'next-ack': {
    kind: 'value',
    title: 'The next ACK in the sliding window',
    answerLabel: 'ack number',
    variant: (() => {
      const { ack, before } = slidingWindowAcks(3);
      return {
        prompt: `The simulator below starts with an empty ${int(SLIDING_WINDOW_LESSON.receiveBuffer!)}-byte receive buffer, a receiving application that reads ${int(SLIDING_WINDOW_LESSON.readRate!)} bytes per tick, an MSS of ${int(SLIDING_WINDOW_LESSON.mss!)} bytes and one tick each way. Numbers are byte offsets from the start of the stream. At tick ${before.arriveTick} the sender gets the ACK the receiver sent at tick ${before.sentTick}: ack ${before.ack}, window ${int(before.window)}.\n\nWhat acknowledgment number does the receiver send at tick ${ack.sentTick}? Predict it, then step the simulator to tick ${ack.sentTick}.`,
        answer: {
          type: 'number',
          value: ack.ack,
          mistakes: [
            {
              value: before.ack + SLIDING_WINDOW_LESSON.receiveBuffer!,
              message: `the window was ${int(before.window)} bytes, not the whole buffer: the sender may send only up to ack + window = ${before.ack + before.window}.`,
            },
            {
              value: before.ack,
              message: 'that is the last ACK again, but a new segment has arrived since; the ACK moves past it.',
            },
          ],
        },
      };
    })(),
    hints: [
      'The sender may send up to the right edge of the window: the ACK number plus the advertised window.',
      'The receiver then acknowledges every byte it has received in order.',
    ],
  },
  'syn-window': {
    kind: 'value',
    title: 'The SYN’s own window',
    answerLabel: 'Receive window',
    generate(rng) {
      const shift = rng.int(1, 14);
      const synWin = rng.int(1000, 65535);
      const h = handshake(rng, shift, rng.int(1, 14), synWin, rng.int(200, 4000));
      return {
        prompt: 'The first line is the client’s SYN. How many bytes of receive window does it advertise?',
        figure: h.lines.join('\n'),
        answer: {
          type: 'number',
          value: h.synWindow,
          unit: 'bytes',
          mistakes: [
            {
              value: synWin * 2 ** shift,
              message:
                'The window field of a SYN is never scaled (RFC 7323 §2.2): the shift only applies once both sides have agreed to it.',
            },
          ],
        },
      };
    },
    hints: ['Is scaling in effect yet when the SYN is sent?'],
  },
  'scale-code': {
    kind: 'code',
    title: 'Compute a scaled window',
    functionName: 'windowBytes',
    starter: `/**
 * The receive window in bytes (RFC 7323 §2): win is the 16-bit field, shift the sender's window scale
 * (0–14), isSyn whether the segment has the SYN flag.
 */
function windowBytes(win, shift, isSyn) {
  return win;
}
`,
    solution: `function windowBytes(win, shift, isSyn) {
  return isSyn ? win : win * 2 ** shift;
}
`,
    generate(rng) {
      const cases: CodeCase[] = [];
      for (let i = 0; i < 6; i++) {
        const shift = rng.int(1, 14);
        const win = i === 0 ? 65535 : rng.int(1, 65535);
        const h = handshake(rng, shift, rng.int(0, 14), win, win);
        cases.push({ args: [win, shift, true], expected: h.synWindow });
        cases.push({ args: [win, shift, false], expected: h.ackWindow });
      }
      return { prompt: 'Return the window in bytes the segment advertises. Scaling is on for the connection.', cases };
    },
    hints: [
      'Shifting left by n multiplies by 2ⁿ. Watch out: `<<` in JavaScript works on 32-bit signed numbers.',
      'A SYN’s window is never scaled.',
    ],
  },
});
