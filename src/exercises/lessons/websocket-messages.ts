/**
 * Exercises for the lesson "WebSocket messages, control frames and closing"
 * (content/lessons/…-websocket-messages.mdx). Fragments, backpressure, closing and permessage-deflate: every
 * expected answer is computed here by the codec (encoder, decoder, close codes, deflate negotiation).
 * The fragment, close and deflate exercises came from the framing lesson when it was split in two; progress
 * stored under the old lesson moves with them (src/progress/store.ts, MOVED_EXERCISES).
 */
import { concatBytes } from '../../protocol/bytes';
import { toHex } from '../../protocol/hex';
import type { Rng } from '../../protocol/random';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { encodeClose, encodeFrame, MAX_CONTROL_PAYLOAD } from '../../protocol/websocket/encoder';
import { CloseCode, describeCloseCode } from '../../protocol/websocket/close-codes';
import { Opcode } from '../../protocol/websocket/types';
// deflate.ts without a backend: no DEFLATE library in the lesson's exercise bundle.
import { negotiateDeflate, zlibDeflateMemory } from '../../protocol/websocket/deflate';
import { parseExtensions } from '../../protocol/websocket/handshake';
import { describeOpcode } from '../checkers/hex-frame';
import { groupDigits, hexNumber, plural } from '../../explain/format';
import { defineExercises, type Mistake } from '../types';

const utf8 = new TextEncoder();

function randomKey(rng: Rng): Uint8Array {
  return Uint8Array.from({ length: 4 }, () => rng.int(0, 255));
}

/** What may arrive between the fragments of a message: control frames fit, data frames break the rule. */
const BETWEEN_FRAGMENTS = [
  { opcode: Opcode.Ping, label: 'a ping', payload: 'are you there?' },
  { opcode: Opcode.Pong, label: 'a pong', payload: 'still here' },
  { opcode: Opcode.Text, label: 'a complete text message (FIN 1)', payload: 'typing…' },
  { opcode: Opcode.Binary, label: 'a complete binary message (FIN 1)', payload: 'img' },
] as const;

/** Strings a page might send; some outside ASCII, so UTF-8 bytes and string length differ. */
const SENT_TEXTS = ['hello', 'café', 'naïve', '€5', '日本', 'ok 👍', 'Grüße', 'wire'] as const;

/** Characters for the close-reason exercise, 1 to 4 bytes each in UTF-8. */
const REASON_CHARACTERS = [
  ['a', 'ASCII letters'],
  ['é', 'accented letters (é)'],
  ['€', 'euro signs (€)'],
  ['日', 'Chinese characters (日)'],
  ['😀', 'emoji (😀)'],
] as const;

/** How a connection ended, seen by the page's close event (RFC 6455 §7.1.5, §7.4.1). */
const ENDINGS = [
  { kind: 'frame', code: 1001, reason: 'restart' },
  { kind: 'frame', code: 1000, reason: '' },
  { kind: 'empty' },
  { kind: 'none' },
  { kind: 'none' },
] as const;

export default defineExercises({
  'fragment-interleave': {
    kind: 'value',
    title: 'What may come between fragments?',
    answerLabel: 'Frame number (0 if none)',
    generate(rng) {
      const from = rng.pick(['client', 'server'] as const);
      const between = rng.pick(BETWEEN_FRAGMENTS);
      const key = (): Uint8Array | undefined => (from === 'client' ? randomKey(rng) : undefined);
      const specs = [
        { opcode: Opcode.Text, fin: false, text: 'Hel', label: 'text, FIN 0, `Hel`' },
        { opcode: between.opcode, fin: true, text: between.payload, label: `${between.label}` },
        { opcode: Opcode.Continuation, fin: true, text: 'lo', label: 'continuation, FIN 1, `lo`' },
      ];
      const frames = specs.map((s) =>
        encodeFrame({ opcode: s.opcode, fin: s.fin, payload: utf8.encode(s.text), maskKey: key() }),
      );
      const bytes = concatBytes(frames);
      // The answer is whatever the decoder says: the frame holding the first violation's offset, or 0.
      const { violations } = decodeFrames(bytes, { from });
      let answer = 0;
      const first = violations[0];
      if (first !== undefined) {
        let end = 0;
        answer = frames.findIndex((f) => (end += f.length) > first.offset) + 1;
      }
      return {
        prompt: `A ${from} sends these frames, in this order:\n\n1. ${specs[0]!.label}\n2. ${specs[1]!.label}\n3. ${specs[2]!.label}\n\nWhich frame breaks a rule of RFC 6455? Answer 0 if none does.`,
        figure: toHex(bytes),
        answer: {
          type: 'number',
          value: answer,
          mistakes: [
            answer === 0
              ? {
                  value: 2,
                  message: `${between.label} is a control frame, and control frames may come between the fragments of a message (RFC 6455 §5.4).`,
                }
              : {
                  value: 0,
                  message: `frame 2 starts a new data message while \`Hel\` is unfinished. Fragments of two messages never interleave: only control frames may come in between (RFC 6455 §5.4). The decoder says: ${first?.id}.`,
                },
            {
              value: 3,
              message: 'a continuation frame is exactly what should follow a text frame with FIN 0 (RFC 6455 §5.4).',
            },
          ],
        },
      };
    },
    hints: [
      'A message started with FIN 0 continues until a continuation frame with FIN 1 (RFC 6455 §5.4).',
      'Control frames (ping, pong, close) may be injected between fragments; frames of another data message may not.',
    ],
  },

  'buffered-amount': {
    kind: 'value',
    title: 'What does bufferedAmount count?',
    answerLabel: 'bufferedAmount',
    generate(rng) {
      const count = rng.int(2, 3);
      const texts = Array.from({ length: count }, () => rng.pick(SENT_TEXTS));
      const bytes = texts.reduce((n, t) => n + utf8.encode(t).length, 0);
      const units = texts.reduce((n, t) => n + t.length, 0);
      // What would be on the wire with frame headers (masked client frames): bufferedAmount leaves these out.
      const onWire = texts.reduce(
        (n, t) => n + encodeFrame({ opcode: Opcode.Text, payload: utf8.encode(t), maskKey: new Uint8Array(4) }).length,
        0,
      );
      const candidates: Mistake<number>[] = [
        {
          value: units,
          message: `that is the strings' \`length\`, in UTF-16 code units. bufferedAmount counts the bytes of the UTF-8 text queued (WHATWG WebSockets standard).`,
        },
        {
          value: onWire,
          message:
            'that includes the frame headers and masking keys. bufferedAmount counts only application data, not framing overhead (WHATWG WebSockets standard).',
        },
        { value: 0, message: 'nothing has been transmitted yet, so everything sent is still queued.' },
      ];
      const mistakes = candidates.filter(
        (m, i) => m.value !== bytes && candidates.findIndex((c) => c.value === m.value) === i,
      );
      return {
        prompt: `A page's WebSocket is open, with nothing queued. In one task the script calls ${texts.map((t) => `\`ws.send('${t}')\``).join(', ')}, then reads \`ws.bufferedAmount\` before anything has reached the network. What does it read?`,
        answer: { type: 'number', value: bytes, unit: 'bytes', mistakes },
      };
    },
    hints: [
      'bufferedAmount is the number of bytes of application data (UTF-8 text and binary data) queued by send() but not yet transmitted (WHATWG WebSockets standard).',
      "Frame headers and masking keys are not counted. Count UTF-8 bytes: `new TextEncoder().encode('é').length` is 2.",
    ],
  },

  'close-reason-chars': {
    kind: 'value',
    title: 'The longest close reason',
    answerLabel: 'Characters at most',
    generate(rng) {
      const [char, description] = rng.pick(REASON_CHARACTERS);
      // Counted with the encoder: encodeClose refuses a Close payload over the control-frame limit.
      let max = 0;
      for (;;) {
        try {
          encodeClose(1000, char.repeat(max + 1));
          max++;
        } catch {
          break;
        }
      }
      const bytesEach = utf8.encode(char).length;
      const budget = MAX_CONTROL_PAYLOAD - 2;
      const candidates: Mistake<number>[] = [
        {
          value: Math.floor(MAX_CONTROL_PAYLOAD / bytesEach),
          message: "the 2-byte status code shares the 125 bytes of a control frame's payload (RFC 6455 §5.5, §5.5.1).",
        },
        {
          value: budget,
          message: `${budget} is the limit in bytes; each of these characters takes ${plural(bytesEach, 'byte')} in UTF-8.`,
        },
        {
          value: Math.floor(budget / 2),
          message: 'that counts 2 bytes a character, as JavaScript strings do; the reason is sent in UTF-8.',
        },
      ];
      const mistakes = candidates.filter(
        (m, i) => m.value !== max && candidates.findIndex((c) => c.value === m.value) === i,
      );
      return {
        prompt: `A page calls \`ws.close(1000, reason)\` with a reason made only of ${description}. Above some length the call throws a \`SyntaxError\` instead of closing. How many characters can the reason have at most?`,
        answer: { type: 'number', value: max, unit: 'characters', mistakes },
      };
    },
    hints: [
      "A control frame's payload is at most 125 bytes, and a Close payload starts with the 2-byte code (RFC 6455 §5.5, §5.5.1).",
      "The WebSockets standard throws a SyntaxError when the reason's UTF-8 bytes exceed 123. Divide by the bytes per character and round down.",
    ],
  },

  'close-event-code': {
    kind: 'value',
    title: 'Which code does the close event report?',
    answerLabel: 'event.code',
    generate(rng) {
      const ending = rng.pick(ENDINGS);
      let story: string;
      let code: number;
      if (ending.kind === 'frame') {
        const bytes = encodeFrame({ opcode: Opcode.Close, payload: encodeClose(ending.code, ending.reason) });
        // The code is what the decoder reads in the server's Close frame (RFC 6455 §7.1.5).
        code = decodeFrames(bytes, { from: 'server' }).frames[0]!.closeCode!;
        story = `The server sends a Close frame, \`${toHex(bytes)}\`, the page's browser answers with its own Close, and the server closes the TCP connection.`;
      } else if (ending.kind === 'empty') {
        const bytes = encodeFrame({ opcode: Opcode.Close });
        code = decodeFrames(bytes, { from: 'server' }).frames[0]!.closeCode ?? CloseCode.NoStatusReceived;
        story = `The server sends a Close frame with an empty payload, \`${toHex(bytes)}\`, then closes the TCP connection.`;
      } else {
        code = CloseCode.AbnormalClosure;
        story =
          "The page calls `ws.close()`. The server's process hangs and never answers with a Close; after a time-out the browser drops the TCP connection.";
      }
      const info = describeCloseCode(code);
      return {
        prompt: `${story} What is \`event.code\` in the page's \`close\` event?`,
        answer: {
          type: 'number',
          value: code,
          mistakes: [
            ...(code !== 1000
              ? [
                  {
                    value: 1000,
                    message: `1000 is reported only when a Close frame carrying 1000 arrived. Here: ${info.code} ${info.name}.`,
                  },
                ]
              : []),
            ...(code !== 1002 ? [{ value: 1002, message: 'nothing broke a protocol rule here.' }] : []),
          ],
        },
      };
    },
    hints: [
      'The close event reports the code from the Close frame that was received; 1005 if that frame had no code; 1006 if the connection closed without any Close frame (RFC 6455 §7.1.5, §7.4.1).',
      '1005 and 1006 never travel in a frame: only an API reports them.',
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
      'Only four parameters exist: server_no_context_takeover and client_no_context_takeover (no value), server_max_window_bits (a value from 8 to 15 is required in an offer, RFC 7692 §7.1.2.1) and client_max_window_bits (a value from 8 to 15, or none, RFC 7692 §7.1.2.2).',
      'An offer with an unknown parameter, a repeated one or an invalid value must be declined (RFC 7692 §7); declining an offer does not refuse the connection, the server moves on to the next offer.',
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
        prompt: `A server accepted \`server_max_window_bits=${windowBits}\` and keeps context takeover, so its zlib deflate stream lives as long as the connection. zlib's zconf.h gives the memory one deflate stream needs as (1 << (windowBits + 2)) + (1 << (memLevel + 9)) bytes, plus a few kilobytes: the first term is the window and its match chains, the second the hash table and the output buffer (the lesson's memory table computes it with zlib's default memLevel, 8). With memLevel ${memLevel}, how many bytes does the formula give per connection?`,
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

const FRAGMENTED_WORDS = [
  'HelloWorld',
  'fragmented',
  'websocket',
  'continuation',
  'byte stream',
  'wire notebook',
] as const;
