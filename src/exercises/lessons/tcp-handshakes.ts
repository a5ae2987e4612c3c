/**
 * Exercises for the lesson "TCP handshakes" (content/lessons/03-tcp-handshakes.mdx).
 * Every expected answer is computed by the project's TCP models: acknowledgment numbers, states after a segment,
 * retransmissions after a loss and TIME-WAIT by the connection model (`simulateConnection`, RFC 9293 §3.10 with
 * RFC 6298 timers); relative and next sequence numbers by the tcpdump reader (`explainTcpdump`) from the generated
 * lines; flag names by the tcpdump line parser (`parseTcpdump`).
 */
import { keepaliveGiveUpSeconds, LIBUV_KEEPALIVE_PROBES, LINUX_KEEPALIVE } from '../../protocol/tcp/keepalive';
import { reuseportIndex } from '../../protocol/tcp/reuseport';
import { synInTimeWait } from '../../protocol/tcp/time-wait';
import {
  parseTcpdump,
  seqAdd,
  simulateConnection,
  tcpdumpFlagString,
  type ConnectionParams,
  type ConnectionRun,
  type FlagName,
  type TcpState,
  type WireSegment,
} from '../../protocol/tcp';
import { explainTcpdump } from '../../protocol/capture/segments';
import type { Rng } from '../../protocol/random';
import {
  clock,
  ladderLine,
  lineForWireSegment,
  randomEnds,
  randomIsn,
  synOptions,
  tcpdumpLine,
  tsOptions,
  type Ends,
} from '../tcp-lines';
import { defineExercises, type CodeCase, type Mistake } from '../types';

function run(params: ConnectionParams): ConnectionRun {
  const r = simulateConnection(params);
  if (!r.ok) throw new Error(`simulateConnection: ${r.errors.map((e) => e.message).join(' ')}`);
  return r.value;
}

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

/** A handshake and two client writes as `tcpdump -S` prints them (absolute numbers). */
function handshakeAndWrites(rng: Rng, ends: Ends, clientIsn: number, serverIsn: number, writes: number[]): string[] {
  const lines: string[] = [];
  let t = rng.int(1000, 900_000);
  const step = () => (t += rng.int(20, 900));
  const ts = rng.int(100_000, 4_000_000_000);
  lines.push(
    tcpdumpLine(
      { from: 'client', flags: ['SYN'], seq: clientIsn, length: 0, options: synOptions(ts, 0) },
      ends,
      clock(t),
    ),
  );
  lines.push(
    tcpdumpLine(
      {
        from: 'server',
        flags: ['SYN', 'ACK'],
        seq: serverIsn,
        ack: seqAdd(clientIsn, 1),
        length: 0,
        options: synOptions(ts + 7, ts),
      },
      ends,
      clock(step()),
    ),
  );
  lines.push(
    tcpdumpLine(
      {
        from: 'client',
        flags: ['ACK'],
        seq: seqAdd(clientIsn, 1),
        ack: seqAdd(serverIsn, 1),
        length: 0,
        options: tsOptions(ts + 1, ts + 7),
      },
      ends,
      clock(step()),
    ),
  );
  let seq = seqAdd(clientIsn, 1);
  for (const n of writes) {
    lines.push(
      tcpdumpLine(
        {
          from: 'client',
          flags: ['PSH', 'ACK'],
          seq,
          ack: seqAdd(serverIsn, 1),
          length: n,
          options: tsOptions(ts + 2, ts + 7),
        },
        ends,
        clock(step()),
      ),
    );
    seq = seqAdd(seq, n);
  }
  return lines;
}

const CLOSE_SCENARIOS = ['three-way-open', 'four-way-close', 'simultaneous-close', 'simultaneous-open'] as const;

/** Realistic flag strings of tcpdump (letters in print-tcp.c's order) and a few rare ones. */
const FLAG_STRINGS = ['S', 'S.', '.', 'P.', 'F.', 'FP.', 'R', 'R.', 'SEW', 'S.E', '.W', 'P.U', 'FRP.', 'none'];

export default defineExercises({
  'handshake-ack': {
    kind: 'value',
    title: 'The third segment’s acknowledgment',
    answerLabel: 'ack (absolute)',
    generate(rng) {
      const ends = randomEnds(rng);
      const clientIsn = randomIsn(rng);
      const serverIsn = randomIsn(rng);
      const r = run({ scenario: 'three-way-open', clientIsn, serverIsn });
      const [syn, synAck, ack] = r.segments;
      if (!syn || !synAck || ack?.ack === undefined) throw new Error('three-way-open produced no handshake');
      const mistakes: Mistake<number>[] = [
        {
          value: serverIsn,
          message:
            'that is the server’s ISN itself. Its SYN takes one sequence number, so the client acknowledges ISN + 1: the next number it expects.',
        },
        {
          value: seqAdd(clientIsn, 1),
          message:
            'that is what the server acknowledged (the client’s ISN + 1). The client acknowledges the server’s sequence numbers.',
        },
      ];
      if (serverIsn === 4294967295) {
        mistakes.push({
          value: 4294967296,
          message: 'sequence numbers are 32 bits and wrap: 4,294,967,295 + 1 is 0 (RFC 9293 §3.4).',
        });
      }
      return {
        prompt:
          'tcpdump printed the first two segments of a handshake. What acknowledgment number does the client’s ACK, the third segment, carry? Give it as an absolute number.',
        figure: [lineForWireSegment(syn, ends), lineForWireSegment(synAck, ends)].join('\n'),
        answer: { type: 'number', value: ack.ack, mistakes },
      };
    },
    hints: [
      'An acknowledgment number is the next sequence number the sender expects to receive.',
      'A SYN takes one sequence number (RFC 9293 §3.4). Which ISN does the client acknowledge?',
    ],
  },

  'relative-seq': {
    kind: 'value',
    title: 'Relative sequence numbers',
    answerLabel: 'Relative seq',
    generate(rng) {
      const ends = randomEnds(rng);
      const clientIsn = randomIsn(rng);
      const serverIsn = randomIsn(rng);
      const writes = [rng.int(20, 1448), rng.int(20, 1448)];
      const lines = handshakeAndWrites(rng, ends, clientIsn, serverIsn, writes);
      const explained = explainTcpdump(lines.join('\n'), { numbering: 'absolute' });
      const last = explained.analysis.segments[explained.analysis.segments.length - 1];
      const relative = last?.seq?.relative;
      if (relative === undefined) throw new Error('the tcpdump reader found no relative seq');
      const mistakes: Mistake<number>[] = [
        {
          value: relative - 1,
          message: 'relative numbers count from the ISN itself, which the SYN took: the first data byte is relative 1.',
        },
        {
          value: last?.seq?.absolute ?? -1,
          message: 'that is the absolute number. Subtract the client’s ISN (modulo 2^32).',
        },
      ];
      return {
        prompt: `These lines come from \`tcpdump -S\`, which prints absolute sequence numbers. Without \`-S\`, tcpdump prints them relative to each side's ISN. What would it print as the first number of \`seq a:b\` on the last line?`,
        figure: lines.join('\n'),
        answer: { type: 'number', value: relative, mistakes },
      };
    },
    hints: [
      'Relative seq = absolute seq − the client’s ISN (from the SYN), modulo 2^32.',
      'The SYN is relative 0; the first byte of data is relative 1; every data byte after it adds one.',
    ],
  },

  'next-seq': {
    kind: 'value',
    title: 'The next sequence number',
    answerLabel: 'Next seq (absolute)',
    generate(rng) {
      const ends = randomEnds(rng);
      const seq = randomIsn(rng);
      const ack = rng.int(0, 4294967295);
      const shape = rng.pick<{ flags: FlagName[]; data: boolean; what: string }>([
        { flags: ['SYN'], data: false, what: 'a client’s SYN' },
        { flags: ['SYN', 'ACK'], data: false, what: 'a server’s SYN-ACK' },
        { flags: ['FIN', 'ACK'], data: false, what: 'a FIN' },
        { flags: ['FIN', 'PSH', 'ACK'], data: true, what: 'a last piece of data with FIN set' },
        { flags: ['PSH', 'ACK'], data: true, what: 'a data segment' },
      ]);
      const length = shape.data ? rng.int(1, 1448) : 0;
      const from = shape.flags.includes('SYN')
        ? shape.flags.includes('ACK')
          ? 'server'
          : 'client'
        : rng.pick(['client', 'server'] as const);
      const line = tcpdumpLine(
        {
          from,
          flags: shape.flags,
          seq,
          ...(shape.flags.includes('ACK') ? { ack } : {}),
          length,
          ...(shape.flags.includes('SYN')
            ? {
                options: synOptions(
                  rng.int(1, 4_000_000_000),
                  shape.flags.includes('ACK') ? rng.int(1, 4_000_000_000) : 0,
                ),
              }
            : shape.flags.includes('RST')
              ? {}
              : { options: tsOptions(rng.int(1, 4_000_000_000), rng.int(1, 4_000_000_000)) }),
        },
        ends,
        clock(rng.int(0, 3_600_000_000)),
      );
      const analysed = explainTcpdump(line, { numbering: 'absolute' }).analysis.segments[0];
      const next = analysed?.seqEnd?.absolute;
      if (next === undefined) throw new Error('the tcpdump reader found no seq end');
      const mistakes: Mistake<number>[] = [
        {
          value: seq,
          message:
            'SYN and FIN each take one sequence number (RFC 9293 §3.4), and data takes one per byte: the next segment starts after them.',
        },
      ];
      if (length > 0 && shape.flags.includes('FIN')) {
        mistakes.push({
          value: seqAdd(seq, length),
          message: 'the FIN takes one sequence number too, after the last data byte.',
        });
        mistakes.push({
          value: seqAdd(seq, 1),
          message: 'the data bytes come first, then the FIN: add the length too.',
        });
      }
      return {
        prompt: `tcpdump printed ${shape.what} (with \`-S\`: absolute numbers). If this side sends anything more that takes sequence numbers, which sequence number does it start at? Count modulo 2^32.`,
        figure: line,
        answer: { type: 'number', value: next, mistakes },
      };
    },
    hints: [
      'Sequence numbers taken by a segment: one per data byte, plus one for SYN, plus one for FIN (RFC 9293 §3.4).',
      'A pure ACK takes none. Past 4,294,967,295 the count wraps to 0.',
    ],
  },

  'state-after': {
    kind: 'value',
    title: 'Which state now?',
    answerLabel: 'State',
    generate(rng) {
      const scenario = rng.pick(CLOSE_SCENARIOS);
      const r = run({ scenario, clientIsn: rng.int(0, 4294967295), serverIsn: rng.int(0, 4294967295) });
      const candidates = r.segments.filter((s) => !s.dropped);
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
      const normal = run(params);
      const lost = rng.int(0, normal.segments.length - 1);
      const withLoss = run({ ...params, drop: [lost] });
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

  'reuseport-worker': {
    kind: 'value',
    title: 'Which worker gets the connection?',
    answerLabel: 'Worker number',
    generate(rng) {
      const n = rng.int(2, 8);
      let hash = rng.int(0, 0xffff_ffff);
      // Keep the variants where hash mod n and the kernel's scaling disagree, so that mistake is caught.
      for (let i = 0; i < 20 && hash % n === reuseportIndex(hash, n); i++) hash = rng.int(0, 0xffff_ffff);
      const value = reuseportIndex(hash, n);
      const hex = `0x${hash.toString(16).padStart(8, '0')}`;
      return {
        prompt: `On Linux, ${n} worker processes each open a socket with SO_REUSEPORT, bind it to port 8080 and listen, worker 0 first, then 1, and so on up to worker ${n - 1}. No BPF program is attached. A SYN arrives whose 32-bit hash of addresses and ports is ${hex} (${hash.toLocaleString('en-US')}).\n\nWhich worker’s socket gets the connection?`,
        answer: {
          type: 'number',
          value,
          mistakes:
            hash % n !== value
              ? [
                  {
                    value: hash % n,
                    message:
                      'That is hash mod n. Linux scales the hash instead: ⌊hash × n / 2³²⌋ (reciprocal_scale in reuseport_select_sock_by_hash()).',
                  },
                ]
              : [],
        },
      };
    },
    hints: [
      'The group keeps its sockets in bind order, numbered from 0.',
      'Multiply the hash by the number of sockets and keep the top 32 bits of the 64-bit product: ⌊hash × n / 2³²⌋.',
    ],
  },
  'syn-cookie-ack': {
    kind: 'value',
    title: 'Checking a SYN cookie',
    answerLabel: 'The cookie (absolute)',
    generate(rng) {
      const serverIsn = rng.bool(0.15) ? 4294967295 : randomIsn(rng);
      const r = run({ scenario: 'three-way-open', clientIsn: randomIsn(rng), serverIsn });
      const [, synAck, ack] = r.segments;
      if (!synAck || ack?.ack === undefined) throw new Error('three-way-open produced no handshake');
      const mistakes: Mistake<number>[] = [
        {
          value: ack.ack,
          message:
            'that is the acknowledgment number itself. It acknowledges the SYN-ACK’s sequence number + 1, because the SYN takes one number.',
        },
        {
          value: seqAdd(ack.ack, 1),
          message: 'go the other way: the ACK carries the cookie + 1, so the cookie is the ack − 1.',
        },
      ];
      if (ack.ack === 0) {
        mistakes.push({
          value: -1,
          message: 'sequence numbers are 32 bits and wrap: 0 − 1 is 4,294,967,295 (RFC 9293 §3.4).',
        });
      }
      return {
        prompt: `A Linux server's SYN queue is full, so it answers SYNs with SYN cookies and keeps no state (RFC 4987 §3.6). Then the final ACK of a handshake arrives, acknowledging ${ack.ack}.\n\nWhich number does the server check as the cookie it sent in its SYN-ACK? Give it as an absolute number.`,
        answer: { type: 'number', value: synAck.seq, mistakes },
      };
    },
    hints: [
      'The cookie was the SYN-ACK’s sequence number, the server’s ISN.',
      'The SYN takes one sequence number, so the client acknowledges ISN + 1 (RFC 9293 §3.4), modulo 2^32.',
    ],
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
  'time-wait': {
    kind: 'value',
    title: 'How long is TIME-WAIT?',
    answerLabel: 'TIME-WAIT',
    generate(rng) {
      const mslSeconds = rng.pick([15, 30, 60, 120]);
      const r = run({ scenario: 'four-way-close', mslMs: mslSeconds * 1000, clientIsn: 1, serverIsn: 1 });
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

  'flag-names': {
    kind: 'code',
    title: 'Read tcpdump’s flag letters',
    functionName: 'flagNames',
    starter: `// text: what tcpdump prints inside Flags [...], e.g. "S." or "P." or "none".
// Return the flag names in the order the letters appear, e.g. ["SYN", "ACK"].
function flagNames(text) {
  return [];
}
`,
    solution: `const LETTERS = { F: 'FIN', S: 'SYN', R: 'RST', P: 'PSH', '.': 'ACK', U: 'URG', E: 'ECE', W: 'CWR' };

function flagNames(text) {
  if (text === 'none') return [];
  return [...text].map((letter) => LETTERS[letter]);
}
`,
    generate(rng) {
      const picks = ['S.', ...rng.shuffle(FLAG_STRINGS.filter((f) => f !== 'S.')).slice(0, 6)];
      if (!picks.includes('none')) picks.push('none');
      const cases: CodeCase[] = picks.map((text) => {
        const parsed = parseTcpdump(
          `IP 10.0.0.2.40000 > 10.0.0.1.80: Flags [${text}], seq 1, ack 1, win 502, length 0`,
        );
        const segment = parsed.segments[0];
        if (!segment) throw new Error(`the tcpdump parser could not read Flags [${text}]: ${parsed.errors[0]?.reason}`);
        return { args: [text], expected: [...segment.flags] };
      });
      return {
        prompt:
          'tcpdump writes the TCP control bits as letters inside `Flags [...]`: `S` SYN, `.` ACK, `P` PSH, `F` FIN, `R` RST, `U` URG, `E` ECE, `W` CWR, and `none` when no flag is set. Write `flagNames(text)`, which turns the letters into flag names, in the order the letters appear.',
        cases,
      };
    },
    hints: [
      'A lookup object from letter to name does most of the work.',
      '`[...text]` splits a string into its characters; handle "none" first.',
    ],
  },
});
