/**
 * Exercises for the lesson "Sockets and layers" (content/lessons/02-sockets-and-layers.mdx).
 * Every expected answer is computed by the project's code: frame sizes by `perPacketOverhead`, MSS by `mssForMtu`,
 * the number of connections in a capture by the tcpdump reader (`parseTcpdump` + `analyzeConversation`), which
 * groups segments by their address/port pairs. The framing code cell is checked against messages the generator
 * itself wrote into a byte stream and then cut at random places.
 */
import { analyzeConversation } from '../../protocol/capture/segments';
import { mssForMtu, parseTcpdump, perPacketOverhead, TCP_TIMESTAMPS_OPTION_BYTES } from '../../protocol/tcp';
import type { Rng } from '../../protocol/random';
import { groupDigits, plural } from '../../explain/format';
import { tcpdumpLine, type Ends } from '../tcp-lines';
import { defineExercises, type CodeCase, type Mistake } from '../types';

const utf8 = new TextEncoder();

const PAYLOAD_EXAMPLES: ReadonlyArray<{ what: string; bytes: (rng: Rng) => number }> = [
  { what: 'a chat message', bytes: (rng) => rng.int(12, 180) },
  { what: 'an HTTP/1.1 request head', bytes: (rng) => rng.int(300, 700) },
  { what: 'a small JSON reply', bytes: (rng) => rng.int(40, 400) },
  { what: 'a server’s WebSocket ping frame with no payload', bytes: () => 2 },
  { what: 'a full-size segment', bytes: () => mssForMtu(1500, { timestamps: true }) },
];

/** Messages for the framing cell: short UTF-8 strings, some with multi-byte characters, one empty. */
const WORDS = [
  'hello',
  'bye',
  '',
  'ping',
  '{"type":"move","x":3}',
  'café',
  '昵称',
  'a'.repeat(300),
  'ok',
  '😀 emoji',
  'line\nbreak',
];

function frameMessages(messages: readonly string[]): Uint8Array {
  const parts = messages.map((m) => utf8.encode(m));
  const out = new Uint8Array(parts.reduce((n, p) => n + 2 + p.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const p of parts) {
    view.setUint16(at, p.length); // big-endian, network byte order
    out.set(p, at + 2);
    at += 2 + p.length;
  }
  return out;
}

/** Cuts a stream at `cuts` random places (possibly inside a length prefix): what reads may deliver. */
function cutStream(rng: Rng, stream: Uint8Array, cuts: number): Uint8Array[] {
  const points = new Set<number>();
  while (points.size < Math.min(cuts, Math.max(0, stream.length - 1))) points.add(rng.int(1, stream.length - 1));
  const sorted = [...points].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...sorted, stream.length]) {
    chunks.push(stream.slice(from, p));
    from = p;
  }
  return chunks;
}

export default defineExercises({
  'frame-bytes': {
    kind: 'value',
    title: 'Bytes on the wire for one write',
    answerLabel: 'Frame size',
    generate(rng) {
      const example = rng.pick(PAYLOAD_EXAMPLES);
      const payload = example.bytes(rng);
      const timestamps = rng.bool(0.7);
      const tcpOptionsBytes = timestamps ? TCP_TIMESTAMPS_OPTION_BYTES : 0;
      const frame = perPacketOverhead(payload, { ethernet: 'header', tcpOptionsBytes });
      const ipOnly = perPacketOverhead(payload, { tcpOptionsBytes });
      const noOptions = perPacketOverhead(payload, { ethernet: 'header' });
      const withFcs = perPacketOverhead(payload, { ethernet: 'frame', tcpOptionsBytes });
      const mistakes: Mistake<number>[] = [
        {
          value: ipOnly.total,
          message: 'that is the IP packet. tcpdump on Ethernet also counts the 14-byte Ethernet header in front of it.',
        },
        { value: payload, message: 'that is only the payload. Every layer adds its header in front of it.' },
        {
          value: withFcs.total,
          message:
            'that includes the 4-byte frame check sequence and any padding, which tcpdump does not show. Count the Ethernet header only.',
        },
      ];
      if (timestamps) {
        mistakes.push({
          value: noOptions.total,
          message: `the TCP header here carries the timestamp option: 20 fixed bytes + ${TCP_TIMESTAMPS_OPTION_BYTES} (RFC 7323 §3).`,
        });
      } else {
        mistakes.push({
          value: perPacketOverhead(payload, { ethernet: 'header', tcpOptionsBytes: TCP_TIMESTAMPS_OPTION_BYTES }).total,
          message: 'this connection did not negotiate timestamps, so its TCP header has no options: 20 bytes.',
        });
      }
      return {
        prompt: `An application writes ${example.what}: ${plural(payload, 'byte')}. TCP sends it in one segment over IPv4 on Ethernet${
          timestamps ? ', with the timestamp option in every segment, as Linux does' : ', with no TCP options'
        }. How many bytes long is the frame on the wire, counted as tcpdump counts it (from the first byte of the Ethernet header)?`,
        answer: { type: 'number', value: frame.total, unit: 'bytes', mistakes },
      };
    },
    hints: [
      'Ethernet header 14 bytes, IPv4 header 20 bytes, TCP header 20 bytes plus options, then the payload.',
      `The timestamp option takes ${TCP_TIMESTAMPS_OPTION_BYTES} bytes with its two NOP padding bytes (RFC 7323 §3).`,
      'This is the frame on the wire. tcpdump on the sending or receiving host can show larger ones: with segmentation offload (TSO/GSO) segments are split after tcpdump sees them, and with GRO joined before.',
    ],
  },

  'mss-for-mtu': {
    kind: 'value',
    title: 'Payload per segment for an MTU',
    answerLabel: 'Payload bytes per full segment',
    generate(rng) {
      const link = rng.pick([
        { mtu: 1500, name: 'Ethernet' },
        { mtu: 1492, name: 'DSL with PPPoE (8 bytes of PPPoE header inside the Ethernet payload)' },
        { mtu: 9000, name: 'a data-centre network with jumbo frames' },
        { mtu: 1280, name: 'a tunnel that only promises the IPv6 minimum MTU' },
      ]);
      const ipv6 = link.mtu === 1280 ? true : rng.bool(0.4);
      const timestamps = rng.bool(0.6);
      const mss = mssForMtu(link.mtu, { ipv6, timestamps });
      const mistakes: Mistake<number>[] = [
        { value: link.mtu - 20, message: 'the MTU counts the IP header and the TCP header: take both off.' },
        {
          value: mssForMtu(link.mtu, { ipv6: !ipv6, timestamps }),
          message: ipv6
            ? 'that uses the 20-byte IPv4 header; IPv6 headers are 40 bytes (RFC 8200 §3).'
            : 'that uses the 40-byte IPv6 header; this is IPv4, 20 bytes.',
        },
      ];
      if (timestamps) {
        mistakes.push({
          value: mssForMtu(link.mtu, { ipv6 }),
          message: `that is the MSS the SYN announces. Every segment also carries ${TCP_TIMESTAMPS_OPTION_BYTES} bytes of timestamp option, which come out of the same packet (RFC 9293 §3.7.1).`,
        });
      }
      return {
        prompt: `A link has an MTU of ${groupDigits(link.mtu)} bytes: ${link.name}. A TCP connection over ${ipv6 ? 'IPv6' : 'IPv4'} (no IP options) ${
          timestamps ? 'uses the timestamp option in every segment' : 'uses no TCP options after the handshake'
        }. How many bytes of payload fit in one full-size segment?`,
        answer: { type: 'number', value: mss, unit: 'bytes', mistakes },
      };
    },
    hints: [
      'The MTU is the largest IP packet the link carries: IP header + TCP header + payload.',
      'IPv4 header 20 bytes, IPv6 40; TCP 20 plus options; the timestamp option takes 12.',
    ],
  },

  'segments-for-write': {
    kind: 'value',
    title: 'One write, several segments',
    answerLabel: 'Segments',
    generate(rng) {
      const timestamps = rng.bool(0.7);
      const mss = mssForMtu(1500, { timestamps });
      const size = rng.pick([rng.int(2, 9) * mss, rng.int(mss + 1, 20 * mss), rng.int(100, mss)]);
      const segments = Math.ceil(size / mss);
      const mistakes: Mistake<number>[] = [
        {
          value: 1,
          message: 'TCP never sends more than one MSS of payload in a segment; a large write is cut into several.',
        },
        { value: Math.floor(size / mss), message: 'the last, shorter piece needs a segment too.' },
      ];
      if (timestamps) {
        mistakes.push({
          value: Math.ceil(size / mssForMtu(1500)),
          message: `with timestamps each segment carries ${groupDigits(mss)} bytes, not ${groupDigits(mssForMtu(1500))}.`,
        });
      }
      return {
        prompt: `On Ethernet (MTU 1,500, IPv4${timestamps ? ', timestamp option in every segment' : ', no TCP options'}), an application makes one write() of ${groupDigits(
          size,
        )} bytes and the window lets it all go at once. What is the smallest number of segments that can carry it?`,
        answer: { type: 'number', value: segments, mistakes },
      };
    },
    hints: [
      'Work out the payload per segment first: 1,500 − 20 (IPv4) − 20 (TCP) − options.',
      'Divide and round up.',
      'This counts segments on the wire. tcpdump on the sending host may show fewer, larger ones: with segmentation offload (TSO/GSO) they are cut up after tcpdump sees them.',
    ],
  },

  'count-connections': {
    kind: 'value',
    title: 'How many connections?',
    answerLabel: 'Connections',
    generate(rng) {
      const clientAddress = `10.0.0.${rng.int(2, 99)}`;
      const serverAddress = '10.0.0.1';
      // Connections from one client to one server host: some share a client port with another's server port, so
      // only the whole address/port pair tells them apart.
      const count = rng.int(2, 4);
      const basePort = rng.int(40000, 60000);
      const conns: Ends[] = [];
      while (conns.length < count) {
        const clientPort =
          rng.bool(0.5) && conns.length > 0 ? Number(conns[0]!.client.split('.').pop()) : basePort + rng.int(0, 9);
        const serverPort = rng.pick([80, 443, 8787]);
        const ends = { client: `${clientAddress}.${clientPort}`, server: `${serverAddress}.${serverPort}` };
        if (!conns.some((c) => c.client === ends.client && c.server === ends.server)) conns.push(ends);
      }
      const lines: string[] = [];
      for (const ends of conns) {
        const n = rng.int(1, 3);
        const len = rng.int(5, 300);
        lines.push(tcpdumpLine({ from: 'client', flags: ['PSH', 'ACK'], seq: 1, ack: 1, length: len }, ends));
        if (n > 1) lines.push(tcpdumpLine({ from: 'server', flags: ['ACK'], seq: 1, ack: 1 + len, length: 0 }, ends));
        if (n > 2)
          lines.push(
            tcpdumpLine({ from: 'server', flags: ['PSH', 'ACK'], seq: 1, ack: 1 + len, length: rng.int(5, 900) }, ends),
          );
      }
      const shuffled = rng.shuffle(lines);
      const text = shuffled.join('\n');
      const connections = analyzeConversation(parseTcpdump(text).segments).connections.length;
      const clientPorts = new Set(conns.map((c) => c.client)).size;
      const mistakes: Mistake<number>[] = [
        {
          value: shuffled.length,
          message:
            'that counts lines. Lines in both directions between the same two address/port pairs belong to one connection.',
        },
      ];
      if (clientPorts !== connections && clientPorts !== shuffled.length) {
        mistakes.push({
          value: clientPorts,
          message:
            'the client port alone is not enough: one client port can talk to two different server ports, and each pair is its own connection.',
        });
      }
      return {
        prompt:
          'tcpdump printed these lines (timestamps left out), all from one client machine to one server machine. How many different TCP connections do they belong to?',
        figure: text,
        answer: { type: 'number', value: connections, mistakes },
      };
    },
    hints: [
      'A TCP connection is named by its protocol and both ends: source address, source port, destination address, destination port.',
      'A reply (server → client) belongs to the same connection as the request with the two ends swapped.',
    ],
  },

  'length-prefix-reader': {
    kind: 'code',
    title: 'Put the message boundaries back',
    functionName: 'readMessages',
    starter: `// chunks: the Uint8Arrays that successive read() calls returned, in order.
// Each message on the stream is a 2-byte big-endian length, then that many bytes of UTF-8 text.
// Return the messages as an array of strings.
function readMessages(chunks) {
  const messages = [];
  // ...
  return messages;
}
`,
    solution: `function readMessages(chunks) {
  // Join the reads into one stream: a read may end anywhere, even inside a length prefix.
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const stream = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    stream.set(c, at);
    at += c.length;
  }
  const decoder = new TextDecoder();
  const messages = [];
  let pos = 0;
  while (pos + 2 <= stream.length) {
    const length = (stream[pos] << 8) | stream[pos + 1];
    if (pos + 2 + length > stream.length) break; // incomplete: wait for more bytes
    messages.push(decoder.decode(stream.subarray(pos + 2, pos + 2 + length)));
    pos += 2 + length;
  }
  return messages;
}
`,
    generate(rng) {
      const cases: CodeCase[] = [];
      // One message in one read; then several messages, read in pieces cut at random places.
      const first = ['hello'];
      cases.push({ args: [[frameMessages(first)]], expected: first });
      const two = ['hello', 'bye'];
      const joined = frameMessages(two);
      cases.push({ args: [[joined]], expected: two }); // two writes arrived in one read
      cases.push({ args: [[joined.slice(0, 1), joined.slice(1)]], expected: two }); // a read ended inside the first length
      for (let i = 0; i < 3; i++) {
        const messages = rng.shuffle(WORDS).slice(0, rng.int(2, 6));
        const stream = frameMessages(messages);
        cases.push({ args: [cutStream(rng, stream, rng.int(1, 8))], expected: messages });
      }
      return {
        prompt:
          'A protocol on TCP frames each message with a 2-byte big-endian length prefix, then the message as UTF-8. The reads on the receiving socket return the stream in arbitrary pieces: several messages in one read, or a read that ends in the middle of a message or even of a length prefix. Write `readMessages(chunks)`, which gets every read in order and returns the messages.',
        cases,
      };
    },
    hints: [
      'Do not assume a read starts at a message: join all chunks into one byte array first.',
      'The length is (byte0 << 8) | byte1: network byte order, most significant byte first.',
      'Loop: read 2 bytes of length, then that many bytes of message, decode them with new TextDecoder().decode(…), move on.',
    ],
  },
});
