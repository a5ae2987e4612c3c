/**
 * Exercises for the lesson "WebSocket framing" (content/lessons/…-websocket-framing.mdx).
 * Every expected answer is computed here by the codec (encoder, decoder, mask, violation table).
 */
import { toHex } from '../../protocol/hex';
import type { Rng } from '../../protocol/random';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { encodeClose, encodeFrame } from '../../protocol/websocket/encoder';
import { applyMask } from '../../protocol/websocket/mask';
import { Opcode } from '../../protocol/websocket/types';
import { violationRule } from '../../protocol/websocket/violations';
import { groupDigits, hexNumber, maxUnsigned, plural } from '../../explain/format';
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
});

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
