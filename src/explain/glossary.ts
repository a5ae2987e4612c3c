/**
 * The glossary: every term a lesson defines, in one registry. The /glossary/ page lists them, `<Term>` links a
 * lesson's first use of one to its entry and shows the definition in a card, and the cards' JSON is built from here.
 * Plain data, no DOM: definitions are written for this notebook, each checked against the RFC section it cites.
 */

/** One RFC, or one section ("3.7.1") or appendix ("B") of it, as `<Rfc>` links it (rfcHref, ./citations.ts). */
export interface GlossaryCitation {
  rfc: string;
  section?: string;
}

export interface GlossaryTerm {
  /** The anchor on /glossary/ (`#mss`) and the `id` a lesson passes to `<Term>`: lowercase letters, digits, `-`. */
  id: string;
  /** How the glossary heads the entry ("MSS (maximum segment size)"). */
  name: string;
  /** Other names a reader may meet (spellings, long forms, API names); shown on the page and indexed by search. */
  aliases: readonly string[];
  /** One to three sentences, plain text. */
  definition: string;
  /** Where a standard defines it; empty when no RFC does (then `see` may point to the defining document). */
  cite: readonly GlossaryCitation[];
  /** A non-RFC source (the WebSockets Standard, an IETF draft, a man page). */
  see?: { label: string; href: string };
  /** Slug of the lesson that teaches it (`sockets-and-layers`). */
  lesson: string;
}

const rfc = (n: string, ...sections: string[]): GlossaryCitation[] =>
  sections.length === 0 ? [{ rfc: n }] : sections.map((section) => ({ rfc: n, section }));

export const GLOSSARY: readonly GlossaryTerm[] = [
  // Bits, bytes and byte order
  {
    id: 'byte-order',
    name: 'Byte order',
    aliases: ['endianness', 'big-endian', 'little-endian', 'network byte order'],
    definition:
      'The order in which the bytes of a multi-byte number are stored or sent. Big-endian puts the most significant byte first; little-endian puts it last. Internet protocol headers are big-endian, so it is also called network byte order, while most CPUs today are little-endian.',
    cite: rfc('791', 'B'),
    lesson: 'bits-and-bytes',
  },
  {
    id: 'twos-complement',
    name: "Two's complement",
    aliases: ['signed integer'],
    definition:
      "The usual way to store signed integers: the top bit counts as minus its place value, so in n bits the values run from −2ⁿ⁻¹ to 2ⁿ⁻¹ − 1. The same byte 0xFF reads as 255 unsigned and as −1 in two's complement.",
    cite: [],
    lesson: 'bits-and-bytes',
  },
  {
    id: 'xor',
    name: 'XOR (exclusive or)',
    aliases: ['exclusive or', '^'],
    definition:
      'A bitwise operation that gives 1 where the two input bits differ and 0 where they are the same. XOR with the same value twice gives back the original, which is why one operation both masks and unmasks a WebSocket payload.',
    cite: [],
    lesson: 'bits-and-bytes',
  },

  // Sockets and layers
  {
    id: 'socket',
    name: 'Socket',
    aliases: ['file descriptor'],
    definition:
      'To a program, the handle the operating system gives it for one end of a connection, read and written like a file while the kernel runs the protocol. RFC 9293 uses the word differently: an IP address together with a port, so that a connection is a pair of sockets.',
    cite: rfc('9293', '3.9.1', '4'),
    lesson: 'sockets-and-layers',
  },
  {
    id: 'port',
    name: 'Port',
    aliases: ['port number', 'ephemeral port'],
    definition:
      'A 16-bit number in the TCP (or UDP) header that picks a service or a connection on one machine. Servers listen on well-known ports such as 443; a client usually lets its kernel pick a free ephemeral port.',
    cite: rfc('9293', '3.1'),
    lesson: 'sockets-and-layers',
  },
  {
    id: 'five-tuple',
    name: 'Five-tuple',
    aliases: ['5-tuple', "connection's name", 'four-tuple'],
    definition:
      'The five values that name a connection: the protocol, the source address and port, and the destination address and port. Two connections between the same machines differ at least in one port.',
    cite: rfc('9293', '3.4.1'),
    lesson: 'sockets-and-layers',
  },
  {
    id: 'segment',
    name: 'Segment',
    aliases: ['TCP segment'],
    definition:
      'The unit TCP sends: one TCP header, with its options, and zero or more bytes of the stream. Each segment travels as the payload of one IP packet.',
    cite: rfc('9293', '3.1', '4'),
    lesson: 'sockets-and-layers',
  },
  {
    id: 'mtu',
    name: 'MTU (maximum transmission unit)',
    aliases: ['maximum transmission unit', 'path MTU'],
    definition:
      'The largest IP packet, headers included, that a link can carry in one piece: 1,500 bytes on Ethernet. The smallest MTU along a route is the path MTU, which path MTU discovery finds.',
    cite: [...rfc('894'), ...rfc('1191')],
    lesson: 'sockets-and-layers',
  },
  {
    id: 'mss',
    name: 'MSS (maximum segment size)',
    aliases: ['maximum segment size', 'SMSS'],
    definition:
      'The most data bytes a host will accept in one TCP segment, announced in the MSS option of its SYN. It excludes the TCP and IP headers and their options: the announced value is the MTU minus the fixed headers (1,500 − 20 − 20 = 1,460 for IPv4), and a sender that adds options carries that much less data. Without the option, IPv4 assumes 536.',
    cite: [...rfc('9293', '3.7.1'), ...rfc('6691')],
    lesson: 'sockets-and-layers',
  },
  {
    id: 'ttl',
    name: 'TTL (time to live)',
    aliases: ['time to live', 'hop limit'],
    definition:
      'A one-byte field of the IPv4 header that every router forwarding the packet decreases by one. A router that would forward a packet whose TTL has run out discards it and sends an ICMP time exceeded message back, which is what traceroute relies on. IPv6 calls it the hop limit.',
    cite: [...rfc('791', '3.1'), ...rfc('1812', '5.3.1')],
    lesson: 'sockets-and-layers',
  },
  {
    id: 'arp',
    name: 'ARP (Address Resolution Protocol)',
    aliases: ['Address Resolution Protocol'],
    definition:
      'How an IPv4 host finds the hardware (MAC) address of a neighbour on its link: it broadcasts "who has this IP address?" and the owner replies. Answers are cached; IPv6 uses Neighbor Discovery instead.',
    cite: rfc('826'),
    lesson: 'sockets-and-layers',
  },

  // Opening and closing TCP connections
  {
    id: 'sequence-number',
    name: 'Sequence number',
    aliases: ['seq', 'acknowledgment number'],
    definition:
      "A 32-bit number on every TCP segment: the position in the sender's byte stream of the segment's first byte. The acknowledgment number says the next byte the receiver expects; SYN and FIN each take up one number too.",
    cite: rfc('9293', '3.4'),
    lesson: 'tcp-handshakes',
  },
  {
    id: 'isn',
    name: 'ISN (initial sequence number)',
    aliases: ['initial sequence number'],
    definition:
      'The sequence number a side picks for its SYN, so its first data byte is ISN + 1. RFC 9293 has it drawn from a clock plus a keyed hash of the connection’s addresses and ports, so segments of an old connection and off-path attackers are unlikely to hit a valid number.',
    cite: rfc('9293', '3.4.1'),
    lesson: 'tcp-handshakes',
  },
  {
    id: 'syn',
    name: 'SYN',
    aliases: ['synchronize', 'SYN-ACK'],
    definition:
      'The TCP flag that opens a connection and carries the sender’s ISN. The client sends a SYN, the server answers with SYN and ACK both set (the SYN-ACK), and the client’s ACK completes the three-way handshake.',
    cite: rfc('9293', '3.1', '3.5'),
    lesson: 'tcp-handshakes',
  },
  {
    id: 'ack',
    name: 'ACK',
    aliases: ['acknowledgment', 'acknowledgement'],
    definition:
      'The TCP flag that says the acknowledgment number is valid: every byte before it has arrived. After the SYN, every segment of a connection has it set.',
    cite: rfc('9293', '3.1'),
    lesson: 'tcp-handshakes',
  },
  {
    id: 'fin',
    name: 'FIN',
    aliases: ['finish', 'half-close'],
    definition:
      'The TCP flag that says the sender has no more data to send. It closes one direction only; the other side may go on sending until it sends its own FIN.',
    cite: rfc('9293', '3.1', '3.6'),
    lesson: 'tcp-closing',
  },
  {
    id: 'rst',
    name: 'RST',
    aliases: ['reset', 'connection refused', 'connection reset'],
    definition:
      'The TCP flag that aborts a connection at once, without the FIN exchange. A host sends it for a segment that belongs to no connection, such as a SYN to a port where nothing listens ("connection refused").',
    cite: rfc('9293', '3.5.2', '3.5.3'),
    lesson: 'tcp-handshakes',
  },
  {
    id: 'time-wait',
    name: 'TIME-WAIT',
    aliases: ['TIME_WAIT'],
    definition:
      'The state the side that closes first stays in after the last ACK, for 2 × MSL by the standard. It lets that ACK be resent if the peer’s FIN comes again, and keeps stray segments of the old connection out of a new one with the same five-tuple.',
    cite: rfc('9293', '3.3.2', '3.6.1'),
    lesson: 'tcp-closing',
  },
  {
    id: 'msl',
    name: 'MSL (maximum segment lifetime)',
    aliases: ['maximum segment lifetime'],
    definition:
      'The longest time a segment is assumed to survive in the network. RFC 9293 takes it to be 2 minutes; real stacks pick shorter TIME-WAIT times of their own (Linux: 60 seconds).',
    cite: rfc('9293', '3.4.2'),
    lesson: 'tcp-closing',
  },
  {
    id: 'syn-cookie',
    name: 'SYN cookie',
    aliases: ['SYN cookies', 'SYN flood'],
    definition:
      'A defence against SYN floods: instead of keeping state for a half-open connection, the server encodes it (ports, MSS, a time counter, a secret) into the ISN of its SYN-ACK. A genuine client’s ACK, acknowledging that ISN + 1, lets the server rebuild the connection.',
    cite: rfc('4987', '3.6'),
    lesson: 'tcp-handshakes',
  },

  // Receive windows and congestion control
  {
    id: 'rwnd',
    name: 'rwnd (receive window)',
    aliases: ['receive window', 'advertised window', 'window field'],
    definition:
      'How many bytes, counted from the acknowledgment number, the receiver is prepared to accept: the 16-bit Window field of each segment it sends, scaled by the window scale. It protects the receiver’s buffer, not the network.',
    cite: [...rfc('9293', '3.1'), ...rfc('5681', '2')],
    lesson: 'receive-windows',
  },
  {
    id: 'window-scale',
    name: 'Window scale',
    aliases: ['window scaling', 'wscale'],
    definition:
      'A TCP option, sent only in the SYN and SYN-ACK, that gives a shift count (at most 14) for the other side to apply to every later Window field. It lifts the 16-bit window’s 65,535-byte limit to about 1 GiB; both sides must send it for either to use it.',
    cite: rfc('7323', '2'),
    lesson: 'receive-windows',
  },
  {
    id: 'bdp',
    name: 'BDP (bandwidth-delay product)',
    aliases: ['bandwidth-delay product', 'long fat pipe'],
    definition:
      'A path’s rate times its round-trip time: the data that must be in flight to keep the path full. A window smaller than the BDP caps the rate at one window per round trip.',
    cite: rfc('7323', '1.1'),
    lesson: 'receive-windows',
  },
  {
    id: 'cwnd',
    name: 'cwnd (congestion window)',
    aliases: ['congestion window'],
    definition:
      'The sender’s own limit on unacknowledged data, kept to avoid overloading the network. The sender may have at most min(cwnd, rwnd) bytes in flight; congestion control grows cwnd while ACKs arrive and cuts it on loss.',
    cite: rfc('5681', '2', '3'),
    lesson: 'congestion-control',
  },
  {
    id: 'ssthresh',
    name: 'ssthresh (slow start threshold)',
    aliases: ['slow start threshold'],
    definition:
      'The cwnd at which a sender switches from slow start to congestion avoidance. It starts very high, and on a loss becomes half the data in flight (at least two segments) under Reno; CUBIC cuts less.',
    cite: rfc('5681', '3.1'),
    lesson: 'congestion-control',
  },
  {
    id: 'slow-start',
    name: 'Slow start',
    aliases: ['congestion avoidance'],
    definition:
      'The phase in which cwnd grows by up to one segment for each ACK of new data, so it roughly doubles every round trip. It lasts while cwnd is below ssthresh; above it, congestion avoidance adds about one segment per round trip.',
    cite: rfc('5681', '3.1'),
    lesson: 'congestion-control',
  },
  {
    id: 'fast-retransmit',
    name: 'Fast retransmit',
    aliases: ['fast recovery', 'duplicate ACK', 'dupack'],
    definition:
      'Resending a segment as soon as three duplicate ACKs show it missing, without waiting for the retransmission timeout. Fast recovery follows: Reno halves its window instead of dropping back to one segment.',
    cite: rfc('5681', '3.2'),
    lesson: 'congestion-control',
  },
  {
    id: 'rto',
    name: 'RTO (retransmission timeout)',
    aliases: ['retransmission timeout', 'retransmission timer'],
    definition:
      'How long a sender waits for an acknowledgment before resending. It is computed from measured round trips, starts at 1 second before there is a measurement, and doubles each time it expires.',
    cite: rfc('6298', '2', '5'),
    lesson: 'congestion-control',
  },
  {
    id: 'sack',
    name: 'SACK (selective acknowledgment)',
    aliases: ['selective acknowledgment', 'SACK permitted'],
    definition:
      'A TCP option in which the receiver lists blocks of data it holds beyond a gap, so the sender resends only what is missing. Both sides agree to it with the SACK-permitted option in their SYNs.',
    cite: rfc('2018'),
    lesson: 'congestion-control',
  },
  {
    id: 'cubic',
    name: 'CUBIC',
    aliases: [],
    definition:
      'The congestion control Linux, Windows and macOS use by default. After a loss it cuts its window to 0.7 of what was in flight (Reno: half), then grows it as a cubic function of the time since the loss: fast at first, flat near the window where the loss happened, faster again past it.',
    cite: rfc('9438'),
    lesson: 'congestion-control',
  },
  {
    id: 'bbr',
    name: 'BBR',
    aliases: ['Bottleneck Bandwidth and Round-trip propagation time'],
    definition:
      'A model-based congestion control from Google: instead of reacting to loss, it estimates the path’s bottleneck bandwidth and minimum round-trip time, and paces its sending to keep about one bandwidth-delay product in flight. It is an IETF draft, not an RFC.',
    cite: [],
    see: { label: 'draft-ietf-ccwg-bbr', href: 'https://datatracker.ietf.org/doc/draft-ietf-ccwg-bbr/' },
    lesson: 'congestion-control',
  },

  // Nagle and delayed ACK
  {
    id: 'nagle',
    name: "Nagle's algorithm",
    aliases: ['Nagle'],
    definition:
      'A sender rule against many tiny packets: while earlier data is still unacknowledged, hold back a segment smaller than the MSS and send it when the ACK arrives or a full segment has gathered.',
    cite: [...rfc('896'), ...rfc('9293', '3.7.4')],
    lesson: 'nagle-and-delayed-ack',
  },
  {
    id: 'delayed-ack',
    name: 'Delayed ACK',
    aliases: ['delayed acknowledgment', 'quick ACK'],
    definition:
      'A receiver waits a little (less than 0.5 seconds; 40 ms is common on Linux) before acknowledging, hoping to combine the ACK with a reply or another ACK. It should still acknowledge at least every second full-size segment.',
    cite: [...rfc('1122', '4.2.3.2'), ...rfc('9293', '3.8.6.3')],
    lesson: 'nagle-and-delayed-ack',
  },
  {
    id: 'tcp-nodelay',
    name: 'TCP_NODELAY',
    aliases: ['setNoDelay', 'NODELAY'],
    definition:
      "The socket option that turns off Nagle's algorithm for one connection, so small writes go out at once. TCP must let an application do this.",
    cite: [...rfc('1122', '4.2.3.4'), ...rfc('9293', '3.7.4')],
    see: { label: 'tcp(7)', href: 'https://man7.org/linux/man-pages/man7/tcp.7.html' },
    lesson: 'nagle-and-delayed-ack',
  },

  // HTTP limits
  {
    id: 'header-field',
    name: 'Header field',
    aliases: ['header', 'field line', 'header section'],
    definition:
      'One "Name: value" line of an HTTP message’s head, ending in CR LF. The fields together form the header section, which an empty line ends; HTTP sets no maximum for either.',
    cite: [...rfc('9110', '5'), ...rfc('9112', '5')],
    lesson: 'http-limits',
  },
  {
    id: 'content-length',
    name: 'Content-Length',
    aliases: [],
    definition:
      'The header field that gives the body’s size in bytes, so the receiver knows where the message ends and the next one starts. A message must not carry it together with chunked coding.',
    cite: [...rfc('9110', '8.6'), ...rfc('9112', '6.2')],
    lesson: 'http-limits',
  },
  {
    id: 'chunked',
    name: 'Chunked transfer coding',
    aliases: ['chunked', 'Transfer-Encoding: chunked', 'chunked coding'],
    definition:
      'HTTP/1.1’s way to send a body whose size is not known in advance: each chunk is its size in hexadecimal, CR LF, the data and CR LF, and a chunk of size 0 ends the body. HTTP/2 and HTTP/3 do not use it.',
    cite: rfc('9112', '7.1'),
    lesson: 'http-limits',
  },
  {
    id: 'field-section-size',
    name: 'Field section size',
    aliases: ['SETTINGS_MAX_HEADER_LIST_SIZE', 'SETTINGS_MAX_FIELD_SECTION_SIZE'],
    definition:
      'How HTTP/2 and HTTP/3 measure a head against a limit: each field’s name and value in bytes, uncompressed, plus 32 per field. A receiver may announce its advisory limit in SETTINGS.',
    cite: [...rfc('9113', '6.5.2'), ...rfc('9114', '4.2.2')],
    lesson: 'http-limits',
  },
  {
    id: 'hpack',
    name: 'HPACK',
    aliases: ['QPACK', 'header compression'],
    definition:
      'HTTP/2’s header compression: a static table of common fields, a dynamic table of fields already sent, and Huffman coding, so a repeated field costs a few bytes. HTTP/3 uses a variant, QPACK.',
    cite: [...rfc('7541'), ...rfc('9204')],
    lesson: 'http-limits',
  },

  // The WebSocket handshake
  {
    id: 'upgrade',
    name: 'Upgrade',
    aliases: ['101 Switching Protocols', 'Connection: Upgrade'],
    definition:
      'The HTTP/1.1 header field with which a client asks to switch the connection to another protocol, such as websocket. A server that agrees answers 101 Switching Protocols, and from then on the connection speaks the new protocol.',
    cite: [...rfc('9110', '7.8'), ...rfc('6455', '4.1')],
    lesson: 'websocket-handshake',
  },
  {
    id: 'sec-websocket-key',
    name: 'Sec-WebSocket-Key',
    aliases: [],
    definition:
      'The header field of a WebSocket opening request that carries 16 random bytes, base64-encoded, new for each handshake. It proves nothing about the client; it lets the client check that the server really understood a WebSocket request.',
    cite: rfc('6455', '4.1'),
    lesson: 'websocket-handshake',
  },
  {
    id: 'sec-websocket-accept',
    name: 'Sec-WebSocket-Accept',
    aliases: [],
    definition:
      'The server’s answer to Sec-WebSocket-Key: the base64 of the SHA-1 hash of the key followed by the fixed GUID 258EAFA5-E914-47DA-95CA-C5AB0DC85B11. A client fails the connection if it does not match.',
    cite: rfc('6455', '1.3', '4.2.2'),
    lesson: 'websocket-handshake',
  },

  // WebSocket framing
  {
    id: 'frame',
    name: 'Frame',
    aliases: ['WebSocket frame'],
    definition:
      'The unit a WebSocket connection sends: a header of 2 to 14 bytes (FIN, RSV bits, opcode, mask bit, payload length, masking key) followed by the payload. One message is one frame or several.',
    cite: rfc('6455', '5.2'),
    lesson: 'websocket-framing',
  },
  {
    id: 'opcode',
    name: 'Opcode',
    aliases: ['operation code'],
    definition:
      'The 4-bit field of a frame that says what its payload is: 0x1 text, 0x2 binary, 0x0 continuation of a fragmented message, and the control frames 0x8 close, 0x9 ping and 0xA pong. Other values are reserved and fail the connection.',
    cite: rfc('6455', '5.2'),
    lesson: 'websocket-framing',
  },
  {
    id: 'fin-bit',
    name: 'FIN bit',
    aliases: ['FIN (WebSocket)'],
    definition:
      'The first bit of a WebSocket frame: 1 when the frame is the last (or only) fragment of its message. Not to be confused with TCP’s FIN flag.',
    cite: rfc('6455', '5.2'),
    lesson: 'websocket-framing',
  },
  {
    id: 'rsv1',
    name: 'RSV1',
    aliases: ['RSV2', 'RSV3', 'reserved bits'],
    definition:
      'The first of the three reserved bits after FIN. They must be 0 unless a negotiated extension gives them a meaning; permessage-deflate sets RSV1 on the first frame of a compressed message.',
    cite: [...rfc('6455', '5.2'), ...rfc('7692', '6')],
    lesson: 'websocket-framing',
  },
  {
    id: 'masking-key',
    name: 'Masking key',
    aliases: ['mask', 'masking'],
    definition:
      'Four random bytes a client puts in the header of every frame it sends; each payload byte is XORed with key byte (i mod 4). A server must not mask. Masking keeps a script from choosing the bytes on the wire, which protects proxies from cache poisoning.',
    cite: rfc('6455', '5.3', '10.3'),
    lesson: 'websocket-framing',
  },
  {
    id: 'payload-length',
    name: 'Payload length',
    aliases: ['extended payload length'],
    definition:
      'The frame field that gives the payload’s size: 7 bits for 0 to 125, or 126 followed by a 16-bit length, or 127 followed by a 64-bit length whose top bit is 0. The shortest form that fits must be used.',
    cite: rfc('6455', '5.2'),
    lesson: 'websocket-framing',
  },
  {
    id: 'control-frame',
    name: 'Control frame',
    aliases: ['ping', 'pong', 'close frame'],
    definition:
      'A frame whose opcode has its top bit set: close (0x8), ping (0x9) or pong (0xA), with 0xB to 0xF reserved. It carries at most 125 bytes of payload, is never fragmented, and may arrive between the fragments of a message.',
    cite: rfc('6455', '5.5'),
    lesson: 'websocket-framing',
  },

  // WebSocket messages and closing
  {
    id: 'fragmentation',
    name: 'Fragmentation',
    aliases: ['fragment', 'continuation frame'],
    definition:
      'Sending one WebSocket message as several frames: the first carries the opcode, the rest have opcode 0x0 (continuation), and the last has FIN set. Fragments of two data messages never interleave.',
    cite: rfc('6455', '5.4'),
    lesson: 'websocket-messages',
  },
  {
    id: 'head-of-line-blocking',
    name: 'Head-of-line blocking',
    aliases: ['HOL blocking'],
    definition:
      'When the item at the front of an ordered queue holds up everything behind it. On a WebSocket a long message delays every message queued after it; in TCP one lost segment delays later bytes that have already arrived.',
    cite: [],
    lesson: 'websocket-messages',
  },
  {
    id: 'backpressure',
    name: 'Backpressure',
    aliases: ['bufferedAmount'],
    definition:
      'Slowing a producer down to the pace the consumer or network can take. A browser WebSocket’s send() never waits, so a page steers by bufferedAmount: the bytes queued by send() and not yet handed to the network.',
    cite: [],
    see: { label: 'the WebSockets Standard', href: 'https://websockets.spec.whatwg.org/#dom-websocket-bufferedamount' },
    lesson: 'websocket-messages',
  },
  {
    id: 'close-code',
    name: 'Close code',
    aliases: ['status code', '1000', '1002'],
    definition:
      'The 2-byte, big-endian number at the start of a close frame’s payload that says why the connection ends: 1000 normal closure, 1002 protocol error, 1009 message too big and others. 1005 and 1006 are never sent; they report a close without a code and a connection that dropped.',
    cite: rfc('6455', '5.5.1', '7.4.1'),
    lesson: 'websocket-messages',
  },
  {
    id: 'permessage-deflate',
    name: 'permessage-deflate',
    aliases: ['compression', 'DEFLATE'],
    definition:
      'The WebSocket extension that compresses each message’s payload with DEFLATE, marks the message with RSV1 and drops the final 4 bytes 00 00 FF FF that a flushed DEFLATE block ends with. Client and server agree on it and its parameters in Sec-WebSocket-Extensions.',
    cite: rfc('7692', '7'),
    lesson: 'websocket-messages',
  },
  {
    id: 'context-takeover',
    name: 'Context takeover',
    aliases: ['LZ77 window', 'max_window_bits', 'no_context_takeover'],
    definition:
      'In permessage-deflate, keeping the LZ77 window (the last 2ᴺ bytes seen, N from 8 to 15) from one message to the next, so a message can refer back to earlier ones. It compresses repetitive traffic well but holds memory for the whole connection; *_no_context_takeover and *_max_window_bits limit it.',
    cite: rfc('7692', '7.1.1', '7.1.2'),
    lesson: 'websocket-messages',
  },
];

const byId = new Map(GLOSSARY.map((t) => [t.id, t]));

/** The term with this id, or undefined. */
export function glossaryTerm(id: string): GlossaryTerm | undefined {
  return byId.get(id);
}

/** The term with this id; throws naming the id, so a typo in a lesson fails the build. */
export function requireGlossaryTerm(id: string): GlossaryTerm {
  const term = byId.get(id);
  if (!term) throw new Error(`Unknown glossary term "${id}": add it to src/explain/glossary.ts or fix the id`);
  return term;
}

/** The letter a term is filed under on the glossary page: its first letter or digit, upper case. */
export function termLetter(term: Pick<GlossaryTerm, 'name'>): string {
  const first = term.name.match(/[\p{L}\p{N}]/u)?.[0] ?? '#';
  return /\p{N}/u.test(first) ? '#' : first.toUpperCase();
}

/** The terms alphabetically by name (case and punctuation ignored), grouped by their letter. */
export function glossaryByLetter(
  terms: readonly GlossaryTerm[] = GLOSSARY,
): { letter: string; terms: GlossaryTerm[] }[] {
  const sorted = [...terms].sort((a, b) =>
    a.name.localeCompare(b.name, 'en', { sensitivity: 'base', ignorePunctuation: true }),
  );
  const groups: { letter: string; terms: GlossaryTerm[] }[] = [];
  for (const term of sorted) {
    const letter = termLetter(term);
    const last = groups[groups.length - 1];
    if (last?.letter === letter) last.terms.push(term);
    else groups.push({ letter, terms: [term] });
  }
  return groups;
}

/** What a card needs, and nothing more: the build writes this for every term as /glossary.json. */
export interface GlossaryCard {
  name: string;
  definition: string;
}

export function glossaryCards(terms: readonly GlossaryTerm[] = GLOSSARY): Record<string, GlossaryCard> {
  return Object.fromEntries(terms.map((t) => [t.id, { name: t.name, definition: t.definition }]));
}
