/**
 * Exercises for the lesson "WebSocket framing" (content/lessons/…-websocket-framing.mdx).
 * Every expected answer is computed here by the codec (encoder, decoder, mask, violation table).
 */
import { concatBytes } from '../../protocol/bytes';
import { toHex } from '../../protocol/hex';
import type { Rng } from '../../protocol/random';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { encodeClose, encodeFrame } from '../../protocol/websocket/encoder';
import { applyMask } from '../../protocol/websocket/mask';
import { Opcode } from '../../protocol/websocket/types';
import { violationRule } from '../../protocol/websocket/violations';
// deflate.ts without a backend: no DEFLATE library in the lesson's exercise bundle.
import { negotiateDeflate, zlibDeflateMemory } from '../../protocol/websocket/deflate';
import { parseExtensions } from '../../protocol/websocket/handshake';
import { describeOpcode } from '../checkers/hex-frame';
import { groupDigits, hexNumber, plural } from '../../explain/format';
import { maxUnsigned } from '../../explain/format';
import { utf8Budget } from '../../explain/utf8-budget';
import { defineExercises, type CodeCase, type Mistake } from '../types';

const WORDS = [
  'Hello',
  'ping',
  'wire',
  'frame',
  'bytes',
  'socket',
  'hi!',
  'mask',
  'data',
  'close',
  'echo',
  'ok',
] as const;
const utf8 = new TextEncoder();

function randomKey(rng: Rng): Uint8Array {
  return Uint8Array.from({ length: 4 }, () => rng.int(0, 255));
}

function randomBytes(rng: Rng, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => rng.int(0, 255));
}

/** The only frame in `bytes`, as the decoder reads it (definitions never restate what the decoder says). */
function decodeOne(bytes: Uint8Array, from: 'client' | 'server') {
  const frame = decodeFrames(bytes, { from }).frames[0];
  if (frame === undefined) throw new Error(`exercise generator built bytes the decoder cannot read: ${toHex(bytes)}`);
  return frame;
}

export default defineExercises({
  'masked-text-frame': {
    kind: 'hex-frame',
    title: 'Build a masked client text frame',
    generate(rng) {
      const word = rng.pick(WORDS);
      return {
        prompt: `Your browser sends the text message \`${word}\` to a server in a single frame. Write the frame's bytes in hex. Choose any masking key you like.`,
        expected: { from: 'client', fin: true, opcode: Opcode.Text, payload: word },
      };
    },
    hints: (v) => {
      const word = typeof v.expected.payload === 'string' ? v.expected.payload : '';
      const bytes = utf8.encode(word);
      return [
        `Byte 0 is FIN (1: the whole message is in this frame), three RSV bits (0) and the 4-bit opcode: text is ${hexNumber(Opcode.Text)}, so ${hexNumber(0x80 | Opcode.Text, 2)}.`,
        `Byte 1 is the MASK bit (1: a client always masks, RFC 6455 §5.1) and the 7-bit length: \`${word}\` is ${plural(bytes.length, 'byte')} in UTF-8, so ${hexNumber(0x80 | bytes.length, 2)}.`,
        `Then the 4 key bytes, then payload byte i XOR key[i mod 4]. The plain bytes are ${toHex(bytes)}; with key 00 00 00 00 they stay the same (allowed, if pointless: RFC 6455 §5.3 asks for an unpredictable key).`,
      ];
    },
  },

  'payload-length': {
    kind: 'value',
    title: 'Read the payload length',
    answerLabel: 'Payload length',
    generate(rng) {
      const size = rng.pick(['7', '16', '64'] as const);
      const length = size === '7' ? rng.int(1, 125) : size === '16' ? rng.int(126, 65_535) : rng.int(65_536, 300_000);
      const masked = rng.bool();
      const frame = encodeFrame({
        opcode: Opcode.Binary,
        payload: new Uint8Array(length),
        ...(masked ? { maskKey: randomKey(rng) } : {}),
      });
      const decoded = decodeOne(frame, masked ? 'client' : 'server');
      const header = frame.subarray(0, decoded.headerLength);
      // The predictable mistakes: the 7-bit field's marker value, and the extended length read little-endian.
      const len7 = header[1]! & 0x7f;
      const ext = header.subarray(2, 2 + (decoded.lengthEncoding === 16 ? 2 : decoded.lengthEncoding === 64 ? 8 : 0));
      const littleEndian = ext.length > 0 ? Array.from(ext).reduceRight((acc, b) => acc * 256 + b, 0) : undefined;
      const mistakes = [
        ...(len7 >= 126
          ? [
              {
                value: len7,
                message: `${len7} in the 7-bit field is not the length: it says the real length follows in the next ${len7 === 126 ? 2 : 8} bytes (RFC 6455 §5.2).`,
              },
            ]
          : []),
        ...(littleEndian !== undefined && littleEndian !== decoded.payloadLength
          ? [
              {
                value: littleEndian,
                message:
                  'that is the extended length read little-endian. Multi-byte lengths are in network byte order, most significant byte first (RFC 6455 §5.2).',
              },
            ]
          : []),
        ...(header[1]! !== len7
          ? [
              {
                value: header[1]!,
                message: 'that is the whole second byte, MASK bit included. The length is its low 7 bits.',
              },
            ]
          : []),
      ];
      return {
        prompt: `These are the first ${decoded.headerLength} bytes of a ${masked ? 'client' : 'server'} frame (its header). How many payload bytes follow them?`,
        figure: toHex(header),
        answer: { type: 'number', value: decoded.payloadLength, unit: 'bytes', mistakes },
      };
    },
    hints: [
      'The length starts in the low 7 bits of byte 1 (after the MASK bit).',
      '0–125 is the length itself; 126 means "the next 2 bytes hold it", 127 "the next 8 bytes hold it" (RFC 6455 §5.2).',
      'Extended lengths are big-endian: the first byte is the most significant, so 01 00 is 256.',
    ],
  },

  opcode: {
    kind: 'value',
    title: 'Which opcode?',
    answerLabel: 'Opcode (e.g. 0x1)',
    generate(rng) {
      const opcode = rng.pick([Opcode.Text, Opcode.Binary, Opcode.Close, Opcode.Ping, Opcode.Pong]);
      const payload =
        opcode === Opcode.Close
          ? encodeClose(1000)
          : opcode === Opcode.Binary
            ? randomBytes(rng, rng.int(1, 6))
            : utf8.encode(rng.pick(WORDS));
      const bytes = encodeFrame({ opcode, payload, maskKey: randomKey(rng) });
      const frame = decodeOne(bytes, 'client');
      return {
        prompt: 'A client sent this frame. What is its opcode? Give it in hex (0x…) or decimal.',
        figure: toHex(bytes),
        answer: {
          type: 'number',
          value: frame.opcode,
          display: 'hex',
          mistakes: [
            {
              value: bytes[0]!,
              message: 'that is the whole first byte, FIN bit included. The opcode is its low 4 bits.',
            },
          ],
        },
      };
    },
    hints: (v) => {
      const first = v.figure?.slice(0, 2) ?? '';
      return [
        'The opcode is in the first byte.',
        `The first byte is ${first}: its high hex digit holds FIN and the three RSV bits, its low hex digit is the opcode.`,
        `Opcodes: 0x1 text, 0x2 binary, 0x8 close, 0x9 ping, 0xA pong (RFC 6455 §5.2).`,
      ];
    },
  },

  'unmask-function': {
    kind: 'code',
    title: 'Write unmask(payload, key)',
    functionName: 'unmask',
    starter: `// payload and key are Uint8Arrays; key has 4 bytes.
// Return a new Uint8Array with the unmasked payload.
function unmask(payload, key) {
  const out = new Uint8Array(payload.length);
  // ...
  return out;
}
`,
    solution: `function unmask(payload, key) {
  const out = new Uint8Array(payload.length);
  for (let i = 0; i < payload.length; i++) {
    out[i] = payload[i] ^ key[i % 4];
  }
  return out;
}
`,
    generate(rng) {
      // The RFC 6455 §5.7 example first, then random payloads of lengths around the key's 4-byte period.
      const rfcKey = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
      const inputs: [Uint8Array, Uint8Array][] = [
        [applyMask(utf8.encode('Hello'), rfcKey), rfcKey],
        [new Uint8Array(0), randomKey(rng)],
        ...[1, 3, 4, 7, rng.int(9, 40)].map((n): [Uint8Array, Uint8Array] => [randomBytes(rng, n), randomKey(rng)]),
      ];
      const cases: CodeCase[] = inputs.map(([payload, key]) => ({
        args: [payload, key],
        expected: applyMask(payload.slice(), key),
      }));
      return {
        prompt:
          'A client masks each payload byte i with byte i mod 4 of the masking key (RFC 6455 §5.3). Write `unmask(payload, key)`, which gives back the original bytes. The first test is the masked `Hello` of RFC 6455 §5.7.',
        cases,
      };
    },
    hints: [
      'XOR undoes itself: (b ^ k) ^ k === b, so unmasking is the same operation as masking.',
      'Byte i uses key[i % 4].',
      'out[i] = payload[i] ^ key[i % 4] inside a loop over every index.',
    ],
  },

  'unmasked-client-close-code': {
    kind: 'value',
    title: 'An unmasked client frame',
    answerLabel: 'Close code',
    generate(rng) {
      const word = rng.pick(WORDS);
      const bytes = encodeFrame({ opcode: Opcode.Text, payload: word }); // no key: the broken frame
      const found = decodeFrames(bytes, { from: 'client' }).violations.find((v) => v.id === 'UNMASKED_CLIENT_FRAME');
      const code = found?.code ?? violationRule('UNMASKED_CLIENT_FRAME').code;
      return {
        prompt: `A server receives these bytes from a client, a text frame carrying \`${word}\`. Which status code does a conforming server put in the Close frame it answers with?`,
        figure: toHex(bytes),
        answer: {
          type: 'number',
          value: code,
          mistakes: [
            {
              value: 1007,
              message:
                '1007 is for data that does not fit its type, such as invalid UTF-8 in a text message. This payload is fine; the framing rule is broken.',
            },
            {
              value: 1008,
              message:
                '1008 is a generic policy violation, used when no more specific code fits. A broken framing rule has its own code.',
            },
            {
              value: 1003,
              message: '1003 means "I cannot accept this type of data" (e.g. binary on a text-only endpoint).',
            },
            { value: 1000, message: '1000 is a normal closure; this connection is closing because a rule was broken.' },
          ],
        },
      };
    },
    hints: [
      'Look at byte 1: what does its most significant bit say?',
      'RFC 6455 §5.1: a server must close the connection when it receives an unmasked frame from a client.',
      'The close codes are in RFC 6455 §7.4.1; which one names a broken protocol rule?',
    ],
  },

  'server-close-frame': {
    kind: 'hex-frame',
    title: "Build a server's Close frame",
    generate(rng) {
      const [code, reason] = rng.pick([
        [1000, 'bye'],
        [1001, 'restart'],
        [1000, 'done'],
        [1008, 'no'],
      ] as const);
      return {
        prompt: `The server ends the connection with status code ${code} and the reason \`${reason}\`. Write its Close frame in hex.`,
        expected: { from: 'server', fin: true, opcode: Opcode.Close, closeCode: code, closeReason: reason },
      };
    },
    hints: (v) => {
      const code = v.expected.closeCode ?? 1000;
      const reason = v.expected.closeReason ?? '';
      return [
        `Close is opcode ${describeOpcode(Opcode.Close)}; control frames always have FIN = 1. A server does not mask (RFC 6455 §5.1).`,
        `The payload is the 2-byte code, big-endian (${code} = ${toHex(encodeClose(code))}), then the UTF-8 reason (RFC 6455 §5.5.1).`,
        `So the payload is ${plural(2 + utf8.encode(reason).length, 'byte')} long.`,
      ];
    },
  },

  // Added with the framing lesson: a length-prefixed sub-protocol inside binary messages, and fragmentation.

  'nickname-max-chars': {
    kind: 'value',
    title: 'How long can a nickname be?',
    answerLabel: 'Characters at most',
    generate(rng) {
      const [sample, description] = rng.pick(NICKNAME_CHARACTERS);
      const prefixBits = rng.pick([8, 8, 8, 16] as const);
      const budget = maxUnsigned(prefixBits);
      // Counted by encoding the repeated character with TextEncoder (utf8Budget), not just by dividing.
      const row = utf8Budget([sample], budget)[0]!;
      const prefix = prefixBits === 8 ? 'its first byte' : 'its first two bytes (big-endian)';
      const candidates: Mistake<number>[] = [
        {
          value: Math.floor((budget + 1) / row.bytesPerChar),
          message: `${prefixBits} bits have ${groupDigits(budget + 1)} values, but they count from 0: the largest length is ${groupDigits(budget)} bytes.`,
        },
        {
          value: budget,
          message: `that is the largest length in bytes. Each of these characters takes ${plural(row.bytesPerChar, 'byte')} in UTF-8.`,
        },
        {
          value: Math.floor(budget / 4),
          message: `that would be 4 bytes per character. ${row.codePoint} takes ${row.bytesPerChar} in UTF-8 (RFC 3629 §3).`,
        },
        {
          value: Math.floor(budget / 2),
          message: `that would be 2 bytes per character, as in UTF-16 (JavaScript's string length). The nickname is sent in UTF-8, where ${row.codePoint} takes ${row.bytesPerChar}.`,
        },
      ];
      // A mistake equal to the answer (or to an earlier mistake) is never shown.
      const mistakes = candidates.filter(
        (m, i) => m.value !== row.maxChars && candidates.findIndex((c) => c.value === m.value) === i,
      );
      return {
        prompt: `A chat app sends files as binary WebSocket messages. Each message starts with a header of its own: ${prefix} hold the length of the sender's nickname in bytes (an unsigned number), then come the nickname's UTF-8 bytes, then the file. A nickname made only of ${description} like \`${sample}\` (${row.codePoint}): how many characters can it have at most?`,
        answer: { type: 'number', value: row.maxChars, unit: 'characters', mistakes },
      };
    },
    hints: (v) => [
      `An unsigned ${v.prompt.includes('two bytes') ? '16-bit number holds 0 to 65,535' : 'byte holds 0 to 255'}: that is the most bytes the nickname can take.`,
      "UTF-8 takes 1 byte for U+0000–U+007F, 2 for U+0080–U+07FF, 3 for U+0800–U+FFFF and 4 above (RFC 3629 §3). In a browser console: `new TextEncoder().encode('昵').length`.",
      'Divide the byte budget by the bytes per character and round down.',
    ],
  },

  'first-fragment': {
    kind: 'hex-frame',
    title: 'The first fragment',
    generate(rng) {
      const word = rng.pick(FRAGMENTED_WORDS);
      const cut = rng.int(2, word.length - 2);
      const from = rng.pick(['client', 'server'] as const);
      return {
        prompt: `The ${from} sends the text message \`${word}\` in two frames: first \`${word.slice(0, cut)}\`, then \`${word.slice(cut)}\`. Write the first frame in hex.${from === 'client' ? ' Choose any masking key.' : ''}`,
        expected: { from, fin: false, opcode: Opcode.Text, payload: word.slice(0, cut) },
      };
    },
    hints: (v) => [
      'FIN says whether this frame ends the message. More follows here, so FIN is 0 (RFC 6455 §5.4).',
      `The first fragment carries the message's opcode (text, ${hexNumber(Opcode.Text)}); the frames after it carry ${hexNumber(Opcode.Continuation)}, continuation. So byte 0 is ${hexNumber(Opcode.Text, 2)}.`,
      v.expected.from === 'client'
        ? 'Byte 1 is the MASK bit (1, from a client) plus the length of this fragment only; then the 4-byte key and the masked bytes.'
        : 'Byte 1 is the MASK bit (0, from a server) plus the length of this fragment only; then the payload bytes.',
    ],
  },

  // Added with the permessage-deflate section (RFC 7692).

  'deflate-offer': {
    kind: 'value',
    title: 'Which offer does the server accept?',
    answerLabel: 'Offer number',
    generate(rng) {
      const bad = rng.pick(BAD_DEFLATE_OFFERS);
      const good = rng.pick(GOOD_DEFLATE_OFFERS);
      // One or two declined offers first, then a good one; sometimes a second good one after it.
      const offers = rng.bool() ? [bad, good] : [bad, rng.pick(BAD_DEFLATE_OFFERS.filter((b) => b !== bad)), good];
      if (rng.bool()) offers.push(rng.pick(GOOD_DEFLATE_OFFERS));
      const header = offers.join(', ');
      // The answer is the core's negotiation, not a typed number.
      const negotiated = negotiateDeflate(parseExtensions(header).extensions);
      const accepted = negotiated.accepted!.index + 1;
      const mistakes: Mistake<number>[] = negotiated.declined.map((d) => ({
        value: d.index + 1,
        message: `offer ${d.index + 1} must be declined: ${d.reason}.`,
      }));
      if (offers.length > accepted)
        mistakes.push({
          value: offers.length,
          message: 'the server takes the first offer it can accept, in the client’s order of preference.',
        });
      return {
        prompt:
          'A client offers these permessage-deflate configurations, in order of preference, in one Sec-WebSocket-Extensions header. The server has no wishes of its own and accepts the first one it may. Which one is it (1 for the first)?',
        figure: `Sec-WebSocket-Extensions: ${header}`,
        answer: { type: 'number', value: accepted, mistakes },
      };
    },
    hints: [
      'The header is a list separated by commas; each element is `permessage-deflate` followed by `; parameters`.',
      'Only four parameters exist: server_no_context_takeover and client_no_context_takeover (no value), server_max_window_bits (a value from 8 to 15 is required) and client_max_window_bits (a value from 8 to 15, or none) (RFC 7692 §7.1).',
      'An offer with an unknown parameter, a repeated one or a value out of range is declined, and the server moves on to the next offer.',
    ],
  },

  'deflate-rsv1': {
    kind: 'value',
    title: 'Which frame breaks the RSV1 rule?',
    answerLabel: 'Frame number',
    generate(rng) {
      const negotiated = rng.bool();
      // Where RSV1 is wrongly set when the extension was negotiated: on the ping, or on the continuation.
      const wrong = rng.pick(['ping', 'continuation'] as const);
      const key = () => randomKey(rng);
      const frames = [
        encodeFrame({
          opcode: Opcode.Text,
          fin: false,
          rsv1: true,
          payload: RFC7692_HELLO.subarray(0, 3),
          maskKey: key(),
        }),
        encodeFrame({
          opcode: Opcode.Ping,
          rsv1: negotiated && wrong === 'ping',
          payload: utf8.encode('ping'),
          maskKey: key(),
        }),
        encodeFrame({
          opcode: Opcode.Continuation,
          rsv1: negotiated && wrong === 'continuation',
          payload: RFC7692_HELLO.subarray(3),
          maskKey: key(),
        }),
      ];
      // The answer is the decoder's: the frame holding its first violation.
      const bytes = concatBytes(frames);
      const first = decodeFrames(bytes, { from: 'client', allowRsv1: negotiated }).violations[0];
      if (first === undefined) throw new Error('exercise generator built frames without a violation');
      let start = 0;
      const index = frames.findIndex((f) => {
        const inside = first.offset >= start && first.offset < start + f.length;
        start += f.length;
        return inside;
      });
      const mistakes: Mistake<number>[] = negotiated
        ? [
            {
              value: 1,
              message:
                'RSV1 on the first frame of a data message is how permessage-deflate marks it compressed (RFC 7692 §6).',
            },
          ]
        : [
            {
              value: wrong === 'ping' ? 3 : 2,
              message: 'look at the first frame: without the extension no frame may set RSV1 (RFC 6455 §5.2).',
            },
          ];
      return {
        prompt: `A client sends these three frames one after the other: a text message in two fragments with a ping between them. ${negotiated ? 'permessage-deflate was negotiated in the handshake.' : 'No extension was negotiated in the handshake.'} Which frame (1, 2 or 3) makes the server fail the connection with 1002?`,
        figure: frames.map((f, i) => `frame ${i + 1}: ${toHex(f)}`).join('\n'),
        answer: { type: 'number', value: index + 1, mistakes },
      };
    },
    hints: [
      'RSV1 is the second-highest bit of byte 0: a first byte of 0x41 or 0xC1 has it set, 0x01 or 0x81 does not.',
      'Without an extension, RSV1 must be 0 on every frame (RFC 6455 §5.2).',
      'With permessage-deflate, RSV1 may be set only on the first frame of a data message; never on continuation frames or control frames (RFC 7692 §6).',
    ],
  },

  'deflate-memory': {
    kind: 'value',
    title: 'Memory of one deflate stream',
    answerLabel: 'Bytes',
    generate(rng) {
      const windowBits = rng.int(9, 15);
      const memLevel = rng.pick([8, 8, 9, 7] as const);
      const value = zlibDeflateMemory(windowBits, memLevel);
      return {
        prompt: `A server accepted \`server_max_window_bits=${windowBits}\` and keeps context takeover, so its zlib deflate stream lives as long as the connection. zlib documents the memory one deflate stream needs as (1 << (windowBits + 2)) + (1 << (memLevel + 9)) bytes, plus a few kilobytes. With memLevel ${memLevel}, how many bytes is that per connection?`,
        answer: {
          type: 'number',
          value,
          unit: 'bytes',
          mistakes: [
            {
              value: 2 ** windowBits,
              message: `that is the window alone (2^${windowBits} bytes). zlib keeps more: the window twice over plus its match chains, and a hash table.`,
            },
            {
              value: 2 ** (windowBits + 2),
              message: `that is only the first term. Add the hash table: 1 << (memLevel + 9) = ${groupDigits(2 ** (memLevel + 9))} bytes.`,
            },
          ],
        },
      };
    },
    hints: [
      '1 << n is 2 to the power n.',
      'Compute both terms: 2^(windowBits + 2) and 2^(memLevel + 9), then add them.',
    ],
  },
});

/** RFC 7692 §7.2.3.1: "Hello" compressed (one block, fixed Huffman codes, tail removed). */
const RFC7692_HELLO = Uint8Array.of(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);

/** Offers a server must decline (RFC 7692 §7.1), for 'deflate-offer'. */
const BAD_DEFLATE_OFFERS = [
  'permessage-deflate; server_max_window_bits=16',
  'permessage-deflate; server_max_window_bits',
  'permessage-deflate; client_max_window_bits=7',
  'permessage-deflate; server_no_context_takeover; server_no_context_takeover',
  'permessage-deflate; client_no_context_takeover=1',
  'permessage-deflate; max_window_bits=10',
] as const;
/** Offers a server may accept, for 'deflate-offer'. */
const GOOD_DEFLATE_OFFERS = [
  'permessage-deflate; client_max_window_bits',
  'permessage-deflate; server_max_window_bits=10',
  'permessage-deflate; client_no_context_takeover',
  'permessage-deflate',
  'permessage-deflate; server_no_context_takeover; client_max_window_bits=12',
] as const;

/** Nickname characters for 'nickname-max-chars': one character each and what to call it. */
const NICKNAME_CHARACTERS: readonly (readonly [string, string])[] = [
  ['昵', 'Chinese characters'],
  ['称', 'Chinese characters'],
  ['名', 'Chinese characters'],
  ['한', 'Hangul syllables'],
  ['é', 'accented Latin letters'],
  ['Ж', 'Cyrillic letters'],
  ['a', 'ASCII letters'],
  ['😀', 'emoji'],
];

const FRAGMENTED_WORDS = [
  'HelloWorld',
  'fragmented',
  'websocket',
  'continuation',
  'byte stream',
  'wire notebook',
] as const;
