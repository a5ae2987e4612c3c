/**
 * Exercises for the lesson "Opening a TCP connection" (content/lessons/03-tcp-handshakes.mdx).
 * Every expected answer is computed by the project's TCP models: acknowledgment numbers by the connection model
 * (`simulateConnection`, RFC 9293 §3.10); the SO_REUSEPORT listener by `reuseportIndex`; relative and next sequence numbers by the tcpdump reader (`explainTcpdump`) from the generated
 * lines; flag names by the tcpdump line parser (`parseTcpdump`).
 */
import { reuseportIndex } from '../../protocol/tcp/reuseport';
import { parseTcpdump, seqAdd, type FlagName } from '../../protocol/tcp';
import { explainTcpdump } from '../../protocol/capture/segments';
import type { Rng } from '../../protocol/random';
import {
  clock,
  lineForWireSegment,
  randomEnds,
  randomIsn,
  synOptions,
  tcpdumpLine,
  tsOptions,
  type Ends,
} from '../tcp-lines';
import { simulatedRun } from '../connection-runs';
import { defineExercises, type CodeCase, type Mistake } from '../types';

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
      const r = simulatedRun({ scenario: 'three-way-open', clientIsn, serverIsn });
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
      const r = simulatedRun({ scenario: 'three-way-open', clientIsn: randomIsn(rng), serverIsn });
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
