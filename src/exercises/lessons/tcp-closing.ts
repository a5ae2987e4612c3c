/**
 * Exercises for the lesson "Closing and resetting TCP connections" (content/lessons/04-tcp-closing.mdx).
 * Every expected answer is computed by the project's TCP models: states after a segment, retransmissions after a
 * loss and TIME-WAIT by the connection model (`simulateConnection`, RFC 9293 §3.10 with RFC 6298 timers); a SYN
 * arriving in TIME-WAIT by `synInTimeWait` (RFC 6191, RFC 9293 §3.6.1); keep-alive by `keepaliveGiveUpSeconds`.
 */
import { keepaliveGiveUpSeconds, LIBUV_KEEPALIVE_PROBES, LINUX_KEEPALIVE } from '../../protocol/tcp/keepalive';
import { synInTimeWait } from '../../protocol/tcp/time-wait';
import {
  CLOSING_SCENARIOS,
  seqAdd,
  tcpdumpFlagString,
  type ConnectionRun,
  type TcpState,
  type WireSegment,
} from '../../protocol/tcp';
import { ladderLine, randomIsn } from '../tcp-lines';
import { simulatedRun } from '../connection-runs';
import { defineExercises, type Mistake } from '../types';

/** Spellings of a state a reader may type: RFC 9293's FIN-WAIT-1, the sockets API's FIN_WAIT1, Linux's SYN_RECV… */
function stateSpellings(state: TcpState): string[] {
  const underscored = state.replace(/-/g, '_');
  const spellings = new Set([
    underscored,
    state.replace(/-/g, ' '),
    underscored.replace(/_(\d)$/, '$1'),
    state.replace(/-(\d)$/, '$1'),
  ]);
  if (state === 'SYN-RECEIVED') ['SYN_RECV', 'SYN-RCVD', 'SYN_RCVD'].forEach((s) => spellings.add(s));
  if (state === 'ESTABLISHED') spellings.add('ESTAB');
  spellings.delete(state);
  return [...spellings];
}

/** The state `side` was in just before segment `seg` arrived at its receiver. */
function stateBefore(r: ConnectionRun, seg: WireSegment, side: 'client' | 'server'): TcpState | undefined {
  const arrive = seg.arriveAt ?? seg.t;
  const changes = r.stateChanges.filter((c) => c.side === side && c.t < arrive);
  return changes.length ? changes[changes.length - 1]!.to : undefined;
}

export default defineExercises({
  'state-after': {
    kind: 'value',
    title: 'Which state now?',
    answerLabel: 'State',
    generate(rng) {
      const scenario = rng.pick(CLOSING_SCENARIOS);
      const r = simulatedRun({ scenario, clientIsn: rng.int(0, 4294967295), serverIsn: rng.int(0, 4294967295) });
      // A closing run, asked about from its first FIN on: the opening is the previous lesson's.
      const firstFin = r.segments.findIndex((s) => s.flags.includes('FIN'));
      if (firstFin < 0) throw new Error(`state-after: no FIN in ${scenario}`);
      const candidates = r.segments.slice(firstFin).filter((s) => !s.dropped);
      const seg = rng.pick(candidates);
      const side = rng.bool(0.7) ? seg.to : seg.from;
      const state = seg.stateAfter[side];
      const before = stateBefore(r, seg, side);
      const mistakes: Mistake<string>[] = [];
      if (before && before !== state) {
        mistakes.push({
          value: before,
          message: `that is the ${side}'s state just before segment #${seg.id} arrived. What does it change?`,
        });
      }
      const other = seg.stateAfter[side === 'client' ? 'server' : 'client'];
      if (other !== state && other !== before)
        mistakes.push({
          value: other,
          message: `that is the ${side === 'client' ? 'server' : 'client'}'s state at that moment.`,
        });
      const shown = r.segments.filter((s) => s.id <= seg.id).map(ladderLine);
      return {
        prompt: `A connection, segment by segment (numbers relative to each side's ISN; every segment arrives after half a round trip). What state is the ${side} in just after segment #${seg.id} arrives at the ${seg.to}? Use the names of RFC 9293 §3.3.2, e.g. SYN-SENT.`,
        figure: shown.join('\n'),
        answer: { type: 'text', value: state, accept: stateSpellings(state), mistakes },
      };
    },
    hints: [
      'Follow one side at a time: what did it send, what has it received, and which of its SYN or FIN has been acknowledged?',
      'Closing first: FIN-WAIT-1 until the FIN is acknowledged, then FIN-WAIT-2 until the peer’s FIN, then TIME-WAIT. Closing second: CLOSE-WAIT, then LAST-ACK after sending its FIN.',
    ],
  },

  'lost-segment': {
    kind: 'value',
    title: 'A segment is lost: what is sent again?',
    answerLabel: 'Flags of the first retransmission, or “none”',
    generate(rng) {
      const scenario = rng.pick(['three-way-open', 'four-way-close'] as const);
      const params = { scenario, clientIsn: rng.int(0, 4294967295), serverIsn: rng.int(0, 4294967295) };
      const normal = simulatedRun(params);
      const lost = rng.int(0, normal.segments.length - 1);
      const withLoss = simulatedRun({ ...params, drop: [lost] });
      const resent = withLoss.segments.find((s) => s.retransmission);
      const answer = resent ? tcpdumpFlagString(resent.flags) : 'none';
      const lostSeg = normal.segments[lost]!;
      const mistakes: Mistake<string>[] = [];
      if (answer !== 'none') {
        mistakes.push({
          value: 'none',
          message: `something is waiting for an acknowledgment that never comes: its retransmission timer fires (1 s at first, RFC 6298 §2.1).`,
        });
      } else {
        mistakes.push({
          value: tcpdumpFlagString(lostSeg.flags),
          message:
            'a pure ACK is never retransmitted by itself, and here a later segment carries the same acknowledgment anyway (acknowledgments are cumulative).',
        });
      }
      if (resent) {
        const later = withLoss.segments.filter(
          (s) => s.retransmission && s.id !== resent.id && tcpdumpFlagString(s.flags) !== answer,
        );
        for (const s of later)
          mistakes.push({
            value: tcpdumpFlagString(s.flags),
            message: `that one is resent too, but later: the ${resent.from}'s timer fires first.`,
          });
      }
      return {
        prompt: `This is the ${scenario === 'three-way-open' ? 'handshake' : 'handshake and four-segment close'} of a connection when nothing goes wrong (numbers relative to each side's ISN). Now suppose segment #${lost} is lost. Which segment is sent again first? Answer with its tcpdump flags (for example \`S.\`), or \`none\` if nothing needs to be sent again.`,
        figure: normal.segments.map(ladderLine).join('\n'),
        answer: {
          type: 'text',
          value: answer,
          accept: answer === 'none' ? ['nothing', 'no'] : [`[${answer}]`],
          mistakes,
        },
      };
    },
    hints: [
      'Only what takes sequence numbers is retransmitted: a SYN, a FIN, data. The sender keeps it until it is acknowledged.',
      'A lost pure ACK is repaired by the peer resending whatever it was waiting to have acknowledged — or by a later segment that carries the same ack.',
    ],
  },

  'time-wait': {
    kind: 'value',
    title: 'How long is TIME-WAIT?',
    answerLabel: 'TIME-WAIT',
    generate(rng) {
      const mslSeconds = rng.pick([15, 30, 60, 120]);
      const r = simulatedRun({ scenario: 'four-way-close', mslMs: mslSeconds * 1000, clientIsn: 1, serverIsn: 1 });
      const seconds = r.timeWaitMs / 1000;
      const mistakes: Mistake<number>[] = [
        {
          value: mslSeconds,
          message:
            'TIME-WAIT lasts twice the MSL: one MSL for the last ACK to travel, one for a resent FIN to come back (RFC 9293 §3.6.1).',
        },
      ];
      if (seconds !== 60 && mslSeconds !== 60)
        mistakes.push({
          value: 60,
          message: 'Linux waits a fixed 60 s whatever the MSL; this stack follows the RFC: 2 × MSL.',
        });
      return {
        prompt: `A TCP stack follows RFC 9293 to the letter and takes the maximum segment lifetime (MSL) to be ${mslSeconds} seconds. After the four-segment close, how many seconds does the side that closed first stay in TIME-WAIT?`,
        answer: { type: 'number', value: seconds, unit: 'seconds', mistakes },
      };
    },
    hints: ['RFC 9293 §3.6.1: an actively closed connection lingers in TIME-WAIT for 2 × MSL.'],
  },

  'time-wait-syn': {
    kind: 'value',
    title: 'A SYN during TIME-WAIT',
    answerLabel: 'New connection? (yes/no)',
    generate(rng) {
      const lastSeq = randomIsn(rng);
      const lastTs = rng.bool(0.75) ? rng.int(1_000_000, 4_000_000_000) : undefined;
      const synHasTs = lastTs !== undefined ? rng.bool(0.8) : rng.bool(0.5);
      const synSeq = rng.bool(0.5) ? seqAdd(lastSeq, rng.int(1, 1_000_000)) : seqAdd(lastSeq, -rng.int(0, 1_000_000));
      const synTs =
        !synHasTs || lastTs === undefined
          ? synHasTs
            ? rng.int(1, 4_000_000_000)
            : undefined
          : rng.pick([lastTs + rng.int(1, 50_000), lastTs - rng.int(1, 50_000), lastTs]);
      const input = {
        lastSeq,
        synSeq,
        ...(lastTs !== undefined ? { lastTsVal: lastTs } : {}),
        ...(synTs !== undefined ? { synTsVal: synTs } : {}),
      };
      const v = synInTimeWait(input);
      const bySeqOnly = synInTimeWait({ lastSeq, synSeq }).accept;
      const mistakes: Mistake<string>[] =
        bySeqOnly === v.accept
          ? []
          : [
              {
                value: bySeqOnly ? 'yes' : 'no',
                message: `that is what the sequence numbers alone would say, but here ${v.why}: with timestamps on both, the timestamp decides (RFC 6191 §2).`,
              },
            ];
      const old =
        lastTs !== undefined
          ? `the last segment from the client had sequence numbers up to ${lastSeq} and carried TSval ${lastTs}`
          : `the last segment from the client had sequence numbers up to ${lastSeq} and no timestamps`;
      const syn =
        synTs !== undefined
          ? `sequence number ${synSeq} and TSval ${synTs}`
          : `sequence number ${synSeq} and no timestamps`;
      return {
        prompt: `A server closed a connection first and holds it in TIME-WAIT; ${old}. A new SYN from the same client address and port arrives, with ${syn}.\n\nDoes the server accept it and start a new connection (RFC 6191 §2)?`,
        answer: {
          type: 'text',
          value: v.accept ? 'yes' : 'no',
          accept: v.accept ? ['y', 'true', 'accept', 'accepted'] : ['n', 'false', 'drop', 'dropped'],
          mistakes,
        },
      };
    },
    hints: [
      'A SYN is safe when it cannot be an old segment of the closed connection.',
      'With timestamps on both, a newer TSval is enough; an equal one needs a higher sequence number too. Without them, only a higher sequence number counts (RFC 6191 §2).',
    ],
  },
  'keepalive-dead': {
    kind: 'value',
    title: 'When keep-alive gives up',
    answerLabel: 'Time until the connection is dropped',
    generate(rng) {
      const node = rng.bool(0.3);
      const k = node
        ? { idle: rng.pick([10, 30, 60, 120]), ...LIBUV_KEEPALIVE_PROBES }
        : rng.bool(0.3)
          ? LINUX_KEEPALIVE
          : {
              idle: rng.pick([60, 300, 600, 1800, 7200]),
              interval: rng.pick([5, 10, 15, 30, 75]),
              probes: rng.int(3, 9),
            };
      const value = keepaliveGiveUpSeconds(k);
      const setup = node
        ? `A Node.js program on Linux calls \`socket.setKeepAlive(true, ${k.idle * 1000})\` on a connection; the sysctls keep their defaults (7200, 75, 9)`
        : `A Linux socket has SO_KEEPALIVE on with tcp_keepalive_time = ${k.idle}, tcp_keepalive_intvl = ${k.interval} and tcp_keepalive_probes = ${k.probes}`;
      const kernelDefaults = keepaliveGiveUpSeconds({ ...LINUX_KEEPALIVE, idle: k.idle });
      return {
        prompt: `${setup}. The peer's machine loses power right after the last data was acknowledged; nothing else is sent.\n\nAfter how many seconds does the kernel drop the connection (the application's next read fails with ETIMEDOUT)?`,
        answer: {
          type: 'number',
          value,
          unit: 's',
          mistakes: [
            {
              value: k.idle,
              message: 'That is when the first probe leaves; the kernel then waits for the probes to go unanswered.',
            },
            {
              value: k.idle + (k.probes - 1) * k.interval,
              message: 'Count the wait after the last probe too: each probe gets one interval to be answered.',
            },
            ...(node
              ? [
                  {
                    value: kernelDefaults,
                    message:
                      'libuv sets the probe interval and count too: TCP_KEEPINTVL 1 s and TCP_KEEPCNT 10, not the kernel’s 75 s and 9.',
                  },
                ]
              : []),
          ],
        },
      };
    },
    hints: [
      'Idle time first, then one interval per probe: idle + probes × interval (RFC 9293 §3.8.4; tcp(7)).',
      'Node’s setKeepAlive takes the idle time in milliseconds; libuv adds TCP_KEEPINTVL 1 and TCP_KEEPCNT 10.',
    ],
  },
});
