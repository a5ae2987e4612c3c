/**
 * Exercises for the lesson "Nagle and delayed ACK" (content/lessons/05-nagle-and-delayed-ack.mdx).
 * Every expected answer is computed by the project's TCP models: bytes per segment by `perPacketOverhead`
 * (RFC 9293 §3.1, RFC 791, RFC 7323 §3), whether Nagle holds a write by `simulateNagle` (RFC 896; RFC 1122
 * §4.2.3.4, with RFC 1122 §4.2.3.2 delayed ACK), the length of a write-write-read round by `writeWriteRead`.
 */
import { maySendSmall } from '../../protocol/tcp/minshall';
import {
  perPacketOverhead,
  simulateNagle,
  writeWriteRead,
  type NagleParams,
  type NagleRun,
  type WriteWriteReadParams,
} from '../../protocol/tcp';
import { NODELAY_DEFAULTS } from '../../protocol/tcp/nodelay-defaults';
import { defineExercises, type CodeCase } from '../types';

function nagle(p: NagleParams): NagleRun {
  const r = simulateNagle(p);
  if (!r.ok) throw new Error(`simulateNagle: ${r.errors.map((e) => e.message).join(' ')}`);
  return r.value;
}

function roundMs(p: WriteWriteReadParams): number {
  const r = writeWriteRead(p);
  if (!r.ok) throw new Error(`writeWriteRead: ${r.errors.map((e) => e.message).join(' ')}`);
  return Math.round(r.value.totalMs * 10) / 10;
}

/** Whether a write of `size` bytes made 1 ms after `unacked` bytes were sent leaves at once (its first byte). */
function leavesAtOnce(size: number, mss: number, unacked: number): boolean {
  const writes =
    unacked > 0
      ? [
          { t: 0, bytes: unacked },
          { t: 1, bytes: size },
        ]
      : [{ t: 1, bytes: size }];
  const run = nagle({ writes, rttMs: 20, mss, nagle: true, delayedAck: true, delayedAckMs: 40 });
  const w = run.writes[run.writes.length - 1]!;
  return w.firstSentAt === w.t;
}

const onOff = (b: boolean) => (b ? 'on' : 'off');

export default defineExercises({
  'small-write-bytes': {
    kind: 'value',
    title: 'What a small write costs',
    answerLabel: 'Frame length',
    generate(rng) {
      const payload = rng.int(1, 40);
      const timestamps = rng.bool();
      const o = perPacketOverhead(payload, { tcpOptionsBytes: timestamps ? 12 : 0, ethernet: true });
      const bare = perPacketOverhead(payload, { tcpOptionsBytes: timestamps ? 12 : 0 });
      return {
        prompt: `A program writes ${payload} byte${payload === 1 ? '' : 's'} and TCP sends them at once in a segment of their own, over IPv4 without IP options and Ethernet. The TCP header carries ${timestamps ? 'the timestamps option (12 bytes with its two NOPs)' : 'no options'}.\n\nWhat frame length does \`tcpdump -e\` print for it (the Ethernet header included)?`,
        answer: {
          type: 'number',
          value: o.total,
          unit: 'bytes',
          mistakes: [
            {
              value: bare.total,
              message:
                'That is the IP packet (what `tcpdump -v` prints as the IP length). The frame adds the 14-byte Ethernet header.',
            },
          ],
        },
      };
    },
    hints: [
      'Add the TCP header (20 bytes plus options), the IPv4 header (20) and the Ethernet header (14) to the payload.',
    ],
  },
  'cork-savings': {
    kind: 'value',
    title: 'Bytes saved by one write instead of many',
    answerLabel: 'Bytes saved',
    generate(rng) {
      const writes = rng.int(2, 8);
      const size = rng.int(1, 60);
      const opts = { tcpOptionsBytes: 12, ethernet: true } as const;
      const apart = writes * perPacketOverhead(size, opts).total;
      const together = perPacketOverhead(writes * size, opts).total;
      return {
        prompt: `A program sends ${writes} pieces of ${size} bytes. With TCP_NODELAY and one write() per piece, each piece leaves in its own segment. Gathered into one write() (or corked), they leave in one segment.\n\nSegments carry timestamps (12 option bytes), IPv4 and an Ethernet header. Summing the frame lengths that \`tcpdump -e\` prints, how many bytes does the single segment save?`,
        answer: { type: 'number', value: apart - together, unit: 'bytes' },
      };
    },
    hints: [
      'The payload is the same both ways; only the headers differ.',
      'Each extra segment costs 32 + 20 + 14 header bytes.',
    ],
  },
  'nagle-holds': {
    kind: 'value',
    title: 'Does Nagle hold this write?',
    answerLabel: 'Sent at once? (yes/no)',
    generate(rng) {
      const mss = rng.pick([536, 1220, 1460]);
      const unacked = rng.bool(0.7) ? rng.int(1, mss) : 0;
      const size = rng.bool(0.7) ? rng.int(1, mss - 1) : rng.int(mss, 3 * mss);
      const yes = leavesAtOnce(size, mss, unacked);
      return {
        prompt: `Nagle's algorithm (RFC 1122's rule, as above) is on, the MSS is ${mss} bytes and the windows are large. ${unacked > 0 ? `${unacked} bytes were sent 1 ms ago and are not acknowledged yet` : 'Everything sent so far has been acknowledged'}. The application now writes ${size} bytes.\n\nDoes the first segment of this write leave at once?`,
        answer: {
          type: 'text',
          value: yes ? 'yes' : 'no',
          accept: yes ? ['y', 'true', 'sent', 'at once'] : ['n', 'false', 'held', 'waits'],
        },
      };
    },
    hints: [
      'Nagle holds only a segment smaller than the MSS, and only while earlier data is unacknowledged (RFC 1122 §4.2.3.4).',
      'A write of at least one MSS fills a full segment, which may always go.',
    ],
  },
  'minshall-tail': {
    kind: 'value',
    title: 'Nagle or Minshall?',
    answerLabel: 'Sent at once on Linux? (yes/no)',
    generate(rng) {
      const mss = 1460;
      const tail = rng.bool(0.5);
      const flight = tail ? Array.from({ length: rng.int(1, 4) }, () => mss) : [rng.int(1, mss - 1)];
      const size = rng.int(1, mss - 1);
      const yes = maySendSmall('minshall', size, mss, flight);
      const nagleYes = maySendSmall('nagle', size, mss, flight);
      return {
        prompt: `Linux, Nagle on (no TCP_NODELAY), MSS ${mss} bytes, large windows. In flight and not yet acknowledged: ${flight.map((b) => `one ${b}-byte segment`).join(', ')}. The sender now has a ${size}-byte segment ready.\n\nDoes it leave at once?`,
        answer: {
          type: 'text',
          value: yes ? 'yes' : 'no',
          accept: yes ? ['y', 'true', 'sent', 'at once'] : ['n', 'false', 'held', 'waits'],
          mistakes:
            yes === nagleYes
              ? []
              : [
                  {
                    value: nagleYes ? 'yes' : 'no',
                    message:
                      "That is RFC 1122's rule. Linux uses Minshall's variant: it holds a small segment only while an earlier small segment is unacknowledged.",
                  },
                ],
        },
      };
    },
    hints: [
      "Minshall's variant holds a segment smaller than the MSS only while an earlier segment smaller than the MSS is unacknowledged.",
    ],
  },
  'round-time': {
    kind: 'value',
    title: 'How long does the round take?',
    answerLabel: 'Round time',
    generate(rng) {
      const rttMs = 2 * rng.int(1, 50);
      const delayedAckMs = rng.pick([40, 200]);
      const n = rng.bool(0.6);
      const d = rng.bool(0.7);
      const value = roundMs({ nagle: n, delayedAck: d, rttMs, delayedAckMs });
      const wrong = roundMs({ nagle: !n, delayedAck: d, rttMs, delayedAckMs });
      return {
        prompt: `A client writes a 200-byte header, then a 100-byte body, then waits for a 100-byte answer. The round trip is ${rttMs} ms, nothing is lost, and the server answers as soon as it has the whole request.\n\nNagle on the client: ${onOff(n)}. Delayed ACK on both ends: ${onOff(d)}${d ? ` (${delayedAckMs} ms timer)` : ''}.\n\nHow many milliseconds from the first write until the client has the whole answer?`,
        answer: {
          type: 'number',
          value,
          unit: 'ms',
          tolerance: 0.5,
          mistakes: wrong !== value ? [{ value: wrong, message: `That is the time with Nagle ${onOff(!n)}.` }] : [],
        },
      };
    },
    hints: [
      'Without Nagle both writes leave at once: the answer comes one round trip later.',
      'With Nagle the body waits for the ACK of the header. With delayed ACK the server sends that ACK only when its timer fires, since it has nothing to send yet.',
    ],
  },
  'quick-ack-round': {
    kind: 'value',
    title: 'The first round on a fresh connection',
    answerLabel: 'Round time',
    generate(rng) {
      const rttMs = 2 * rng.int(1, 50);
      const round = rng.pick([1, 1, 2, 3, 5]);
      // Linux's quick-ACK mode acknowledges at once on a new connection, as if delayed ACK were off; once request
      // and reply alternate it delays ACKs again (tcp_input.c, tcp_event_data_recv()).
      const quick = roundMs({ nagle: true, delayedAck: false, rttMs });
      const delayed = roundMs({ nagle: true, delayedAck: true, rttMs, delayedAckMs: 40 });
      const value = round === 1 ? quick : delayed;
      return {
        prompt: `On Linux, a client opens a new connection with Nagle on and then runs write-write-read rounds: a 200-byte header, a 100-byte body, then it waits for a 100-byte answer. The round trip is ${rttMs} ms and the server's delayed-ACK timer 40 ms.\n\nHow many milliseconds does round ${round} take, from the first write until the whole answer is in?`,
        answer: {
          type: 'number',
          value,
          unit: 'ms',
          tolerance: 0.5,
          mistakes: [
            {
              value: round === 1 ? delayed : quick,
              message:
                round === 1
                  ? 'On a new connection Linux acknowledges at once (quick-ACK), so the header’s ACK does not wait for the timer.'
                  : 'From the second round on, request and reply alternate and Linux delays its ACKs again.',
            },
          ],
        },
      };
    },
    hints: [
      'Linux starts a connection in quick-ACK mode: no delayed ACKs until it sees request and reply alternate.',
      'With Nagle on, the body waits for the header’s ACK: one round trip if the ACK comes at once, the timer if it is delayed.',
    ],
  },
  'nodelay-default': {
    kind: 'value',
    title: 'Who turned Nagle off?',
    answerLabel: 'Round time',
    generate(rng) {
      const client = rng.pick(NODELAY_DEFAULTS);
      const rttMs = 2 * rng.int(5, 50);
      const nagle = !client.noDelay;
      const value = roundMs({ nagle, delayedAck: true, rttMs, delayedAckMs: 40 });
      const other = roundMs({ nagle: !nagle, delayedAck: true, rttMs, delayedAckMs: 40 });
      return {
        prompt: `A client written with ${client.client} keeps a connection to a Linux server open and, from its second request on, sends each request in two writes: a 200-byte header, then a 100-byte body. The server answers 100 bytes once it has the whole request. The program never touches TCP_NODELAY itself, so the library's default applies.\n\nThe round trip is ${rttMs} ms and the server delays ACKs by 40 ms. How many milliseconds does one such request take, from the first write until the whole answer is in?`,
        answer: {
          type: 'number',
          value,
          unit: 'ms',
          tolerance: 0.5,
          mistakes:
            other !== value
              ? [
                  {
                    value: other,
                    message: nagle
                      ? 'That would be right with TCP_NODELAY. This software leaves Nagle on, so the body waits for the delayed ACK of the header.'
                      : 'That is the time with Nagle on. This software sets TCP_NODELAY on its sockets by default.',
                  },
                ]
              : [],
        },
      };
    },
    hints: [
      'First decide whether the software sets TCP_NODELAY by default (the table above).',
      'Without Nagle both writes leave at once and the answer comes one round trip later; with it, the body waits for the header’s ACK, which the server delays.',
    ],
  },
  'may-send-code': {
    kind: 'code',
    title: 'Write Nagle’s rule',
    functionName: 'maySendNow',
    starter: `/**
 * Nagle's rule (RFC 1122 §4.2.3.4): may a write of \`size\` bytes start a segment now?
 * mss: maximum segment size; unacked: bytes sent earlier and not yet acknowledged.
 */
function maySendNow(size, mss, unacked) {
  return true;
}
`,
    solution: `function maySendNow(size, mss, unacked) {
  return size >= mss || unacked === 0;
}
`,
    generate(rng) {
      const cases: CodeCase[] = [];
      for (let i = 0; i < 8; i++) {
        const mss = rng.pick([536, 1460]);
        // The first two cases are a held small write and a full segment with data in flight, so a constant fails.
        const unacked = i < 2 ? rng.int(1, mss) : rng.bool() ? 0 : rng.int(1, mss);
        const size =
          i === 0
            ? rng.int(1, mss - 1)
            : i === 1
              ? rng.int(mss, 2 * mss)
              : rng.bool()
                ? rng.int(1, mss - 1)
                : rng.int(mss, 2 * mss);
        cases.push({ args: [size, mss, unacked], expected: leavesAtOnce(size, mss, unacked) });
      }
      return {
        prompt:
          'Return `true` when a new write may leave at once under Nagle’s algorithm, `false` when it has to wait. The windows are large.',
        cases,
      };
    },
    hints: ['Two things let a segment go: it is full-sized, or nothing is in flight.'],
  },
});
