/**
 * Exercises for the lesson "Bits, bytes and byte order". Expected answers come from src/protocol/bits.ts
 * (exact fixed-width operators, two's complement, DataView byte order).
 */
import {
  decodeAll,
  encodeNumber,
  evalExact,
  evalJs,
  toBits,
  toSigned,
  type BitOp,
  type IntType,
  type NumberType,
} from '../../protocol/bits';
import { toHex } from '../../protocol/hex';
import { groupDigits, hexNumber } from '../../explain/format';
import type { Rng } from '../../protocol/random';
import { defineExercises, type CodeCase, type Mistake } from '../types';

const U8: IntType = { width: 8, signed: false };

/** IEC 80000-13 binary prefixes: kibi = 2^10, mebi = 2^20 (SI kilo and mega are 10^3 and 10^6). */
const BINARY_PREFIXES = [
  { unit: 'KiB', bytes: 2 ** 10, si: 'kB', siBytes: 10 ** 3, limit: 'request heads' },
  { unit: 'MiB', bytes: 2 ** 20, si: 'MB', siBytes: 10 ** 6, limit: 'WebSocket messages' },
] as const;

/** A JavaScript bitwise expression for the "js-bitwise" exercise, with what exact arithmetic would give. */
interface JsCase {
  source: string;
  op: BitOp;
  a: number;
  b?: number;
  /** The mathematically exact result (no 32-bit conversion), when it differs from JavaScript's. */
  exact?: bigint;
  /** What a reader who forgets the 32-bit rules is likely to answer, and why it is wrong. */
  mistake?: Mistake<number>;
}

const JS_CASES: readonly ((rng: Rng) => JsCase)[] = [
  (rng) => {
    const x = rng.int(0x80, 0xff);
    return { source: `${hexNumber(x, 2)} << 24`, op: '<<', a: x, b: 24, exact: BigInt(x) << 24n };
  },
  (rng) => {
    const k = rng.int(0, 8);
    return { source: `1 << ${32 + k}`, op: '<<', a: 1, b: 32 + k, exact: 1n << BigInt(32 + k) };
  },
  (rng) => {
    const n = rng.int(1, 200);
    return {
      source: `~${n}`,
      op: '~',
      a: n,
      mistake: {
        value: Number(evalExact('~', n, undefined, U8).value),
        message:
          'that is ~ on an unsigned byte (255 − n). JavaScript flips all 32 bits of a signed integer, which gives −n − 1.',
      },
    };
  },
  (rng) => {
    const n = rng.int(1, 1000);
    return {
      source: `-${n} >>> 0`,
      op: '>>>',
      a: -n,
      b: 0,
      mistake: {
        value: -n,
        message:
          'even a shift by 0 converts: >>> reads its left side as an unsigned 32-bit integer (ToUint32), so a negative number comes back as 2^32 − n.',
      },
    };
  },
];

/** A byte as "0xa5  1010 0101", aligned for a column of operands. */
function byteRow(label: string, n: number): string {
  return `${label} ${hexNumber(n, 2)}  ${toBits(n, 8, { group: 4 })}`;
}

export default defineExercises({
  'xor-bytes': {
    kind: 'value',
    title: 'XOR two bytes',
    answerLabel: 'a ^ b',
    generate(rng) {
      const a = rng.int(0, 255);
      const b = rng.int(1, 255);
      const op = (o: '^' | '|' | '&') => Number(evalExact(o, a, b, U8).value);
      const value = op('^');
      const mistakes: Mistake<number>[] = [
        { value: op('|'), message: 'that is a | b (OR). XOR gives 1 only where the two bits differ, so 1 ^ 1 is 0.' },
        { value: op('&'), message: 'that is a & b (AND). XOR gives 1 where exactly one of the two bits is 1.' },
      ].filter((m) => m.value !== value);
      return {
        prompt: `What is \`${hexNumber(a, 2)} ^ ${hexNumber(b, 2)}\`? Answer in hex (0x…), binary (0b…) or decimal.`,
        figure: `${byteRow(' ', a)}\n${byteRow('^', b)}`,
        answer: { type: 'number', value, mistakes },
      };
    },
    hints: [
      'Work bit by bit, in each column: 1 where the two bits differ, 0 where they are the same.',
      'Each hex digit is four bits, so you can also XOR digit by digit: 0xa ^ 0x3 = 1010 ^ 0011 = 1001 = 0x9.',
    ],
  },

  'int8-reading': {
    kind: 'value',
    title: 'A byte read as Int8',
    answerLabel: 'Value',
    generate(rng) {
      const byte = rng.int(0x80, 0xff);
      const value = Number(toSigned(byte, 8));
      return {
        prompt: `\`new DataView(Uint8Array.of(${hexNumber(byte, 2)}).buffer).getInt8(0)\`: which number does it return?`,
        figure: byteRow(' ', byte).trim(),
        answer: {
          type: 'number',
          value,
          mistakes: [
            {
              value: byte,
              message:
                "that is the byte read as Uint8 (getUint8). getInt8 reads the top bit as the sign (two's complement).",
            },
            {
              value: -(byte & 0x7f),
              message:
                "that reads the top bit as a plain minus sign (sign-magnitude). In two's complement the top bit is worth −128.",
            },
          ],
        },
      };
    },
    hints: (v) => [
      'In an Int8 the top bit is worth −128 instead of +128; the other seven bits keep their usual values.',
      `Equivalently: a byte of 128 or more stands for (byte − 256). ${v.figure ?? ''}`.trim(),
    ],
  },

  'u16-network-order': {
    kind: 'value',
    title: 'A u16 in network byte order',
    answerLabel: 'The two bytes, in hex',
    generate(rng) {
      const n = rng.int(0x0100, 0xffff);
      const big = encodeNumber(n, 'u16', false).bytes;
      const little = encodeNumber(n, 'u16', true).bytes;
      return {
        prompt: `A protocol sends the 16-bit unsigned number ${groupDigits(n)} in network byte order. Which two bytes go on the wire, in order? Write them in hex, e.g. \`12 34\`.`,
        answer: {
          type: 'bytes',
          value: big,
          mistakes: [
            {
              value: little,
              message:
                'that is little-endian order (least significant byte first). Network byte order is big-endian: most significant byte first.',
            },
          ],
        },
      };
    },
    hints: (v) => {
      const n = v.answer.type === 'bytes' ? v.answer.value : new Uint8Array(2);
      return [
        'Convert the number to hex: four hex digits make two bytes.',
        `Big-endian puts the most significant byte first, as you write the number: \`view.setUint16(0, n, false)\` (false = big-endian) writes ${toHex(n.subarray(0, 1))} first.`,
      ];
    },
  },

  'read-u16': {
    kind: 'code',
    title: 'Write readU16(bytes, offset)',
    functionName: 'readU16',
    starter: `// bytes is a Uint8Array. Return the unsigned 16-bit big-endian number
// stored at bytes[offset] and bytes[offset + 1].
function readU16(bytes, offset) {
  return 0;
}
`,
    solution: `function readU16(bytes, offset) {
  return (bytes[offset] << 8) | bytes[offset + 1];
}
`,
    generate(rng) {
      const inputs: [Uint8Array, number][] = [
        [Uint8Array.of(0x01, 0x00), 0],
        [Uint8Array.of(0x00, 0xff), 0],
        [Uint8Array.of(0xff, 0xff), 0],
        ...Array.from({ length: 4 }, (): [Uint8Array, number] => {
          const bytes = Uint8Array.from({ length: rng.int(2, 8) }, () => rng.int(0, 255));
          return [bytes, rng.int(0, bytes.length - 2)];
        }),
      ];
      const cases: CodeCase[] = inputs.map(([bytes, offset]) => {
        const read = decodeAll(bytes, offset).find((d) => d.type === 'u16' && !d.littleEndian);
        return { args: [bytes, offset], expected: Number(read?.value) };
      });
      return {
        prompt:
          "WebSocket's 16-bit extended length and TCP's ports are big-endian u16s. Write `readU16(bytes, offset)` without DataView: combine the two bytes with shifts.",
        cases,
      };
    },
    hints: [
      'The first byte is the high one: it is worth 256 times its value.',
      '`bytes[offset] << 8` moves the high byte into place; add or OR the low byte.',
    ],
  },
  'kib-bytes': {
    kind: 'value',
    title: 'KiB and kB',
    answerLabel: 'Bytes',
    generate(rng) {
      const prefix = rng.pick(BINARY_PREFIXES);
      const n = rng.pick([2, 4, 8, 16, 32, 64]);
      const value = n * prefix.bytes;
      const mistakes: Mistake<number>[] = [
        {
          value: n * prefix.siBytes,
          message: `that is ${n} ${prefix.si}: the SI prefix counts in powers of 1000. The binary prefix in ${prefix.unit} counts in powers of 1024 (IEC 80000-13).`,
        },
        ...(prefix.unit === 'MiB'
          ? [{ value: n * 1000 * 1024, message: 'that mixes the two: a MiB is 1024 KiB, and each KiB is 1024 bytes.' }]
          : []),
      ];
      return {
        prompt: `A server accepts ${prefix.limit} of up to ${n} ${prefix.unit}. How many bytes is that?`,
        answer: { type: 'number', value, unit: 'bytes', mistakes },
      };
    },
    hints: [
      'The "i" in KiB and MiB means a binary prefix: kibi = 2^10 = 1024, mebi = 2^20 = 1024 × 1024.',
      'Multiply the number by 1024 for KiB, by 1024 twice for MiB.',
    ],
  },

  'js-bitwise': {
    kind: 'value',
    title: 'What JavaScript really computes',
    answerLabel: 'Result',
    generate(rng) {
      const c = rng.pick(JS_CASES)(rng);
      const js = evalJs(c.op, c.a, c.b);
      const mistakes: Mistake<number>[] = [];
      if (c.exact !== undefined && c.exact !== BigInt(js.value)) {
        mistakes.push({
          value: Number(c.exact),
          message: `that is the exact result, but JavaScript's bitwise operators work on 32-bit integers. ${js.notes.join(' ')}`,
        });
      }
      if (c.mistake && c.mistake.value !== js.value) mistakes.push(c.mistake);
      const left = c.op === '>>>' ? c.a >>> 0 : c.a | 0;
      return {
        prompt: `Type \`${c.source}\` into a browser console or Node. Which number does JavaScript print?`,
        figure: `left operand as 32 bits: ${toBits(BigInt.asUintN(32, BigInt(left)), 32, { group: 8 })}`,
        answer: { type: 'number', value: js.value, mistakes },
      };
    },
    hints: [
      'Bitwise operators convert their operands to 32-bit integers first (ToInt32; ToUint32 for the left side of >>>), and the result is a signed 32-bit integer — except for >>>, whose result is unsigned.',
      'Bit 31 set in a signed result means negative: the pattern is read as its value − 2^32. A shift count is taken modulo 32 (count & 31), and ~x is −x − 1.',
    ],
  },

  'u32-little-endian': {
    kind: 'value',
    title: 'Four bytes, little-endian',
    answerLabel: 'Value',
    generate(rng) {
      const bytes = Uint8Array.from({ length: 4 }, () => rng.int(0, 255));
      bytes[0] = rng.int(1, 255); // a non-zero low byte, so both orders never read the same by accident
      const read = (type: NumberType, littleEndian: boolean): number =>
        Number(decodeAll(bytes).find((d) => d.type === type && d.littleEndian === littleEndian)?.value);
      const value = read('u32', true);
      const mistakes: Mistake<number>[] = [
        {
          value: read('u32', false),
          message:
            'that is the big-endian reading. With `true` as the second argument, the first byte is the least significant one.',
        },
        {
          value: read('i32', true),
          message: 'that is getInt32, the signed reading. getUint32 never returns a negative number.',
        },
      ].filter((m) => m.value !== value);
      return {
        prompt: `\`new DataView(Uint8Array.of(${Array.from(bytes, (b) => hexNumber(b, 2)).join(', ')}).buffer).getUint32(0, true)\`: which number does it return? Answer in decimal or hex (0x…).`,
        figure: toHex(bytes),
        answer: { type: 'number', value, mistakes },
      };
    },
    hints: (v) => {
      const hexPairs = (v.figure ?? '').split(' ');
      return [
        'The second argument `true` asks for little-endian: the byte at the lowest address is the least significant.',
        `So write the bytes in reverse order to get the number in hex: 0x${hexPairs.slice().reverse().join('')}.`,
      ];
    },
  },

  'read-u64': {
    kind: 'code',
    title: 'Write readU64(bytes, offset) with BigInt',
    functionName: 'readU64',
    starter: `// bytes is a Uint8Array. Return the unsigned 64-bit big-endian number
// stored at bytes[offset] … bytes[offset + 7], as a BigInt (e.g. 256n).
function readU64(bytes, offset) {
  return 0n;
}
`,
    solution: `function readU64(bytes, offset) {
  let n = 0n;
  for (let i = 0; i < 8; i++) {
    n = (n << 8n) | BigInt(bytes[offset + i]);
  }
  return n;
}
`,
    generate(rng) {
      const inputs: [Uint8Array, number][] = [
        // RFC 6455 §5.7: the 64-bit length of "64KiB binary message in a single unmasked frame".
        [Uint8Array.of(0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00), 0],
        [Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 0],
        [Uint8Array.of(0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01), 0],
        [Uint8Array.of(0x82, 0x7f, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00), 2],
        ...Array.from({ length: 3 }, (): [Uint8Array, number] => {
          const bytes = Uint8Array.from({ length: rng.int(8, 14) }, () => rng.int(0, 255));
          return [bytes, rng.int(0, bytes.length - 8)];
        }),
      ];
      const cases: CodeCase[] = inputs.map(([bytes, offset]) => {
        const read = decodeAll(bytes, offset).find((d) => d.type === 'u64' && !d.littleEndian);
        if (typeof read?.value !== 'bigint') throw new Error('decodeAll gave no u64');
        return { args: [bytes, offset], expected: read.value };
      });
      return {
        prompt:
          "A WebSocket length of 127 means the real length follows in 8 bytes, big-endian (RFC 6455 §5.2). A Number is exact only up to 2^53 − 1, so return a BigInt. Use BigInt arithmetic (`8n`, `BigInt(byte)`), or DataView's `getBigUint64`.",
        cases,
      };
    },
    hints: [
      'Start from `0n`. For each of the 8 bytes, in order: shift what you have left by `8n` and OR in `BigInt(byte)`.',
      'BigInt and Number do not mix: `n << 8` throws a TypeError when n is a BigInt; write `n << 8n`.',
      'Or: `new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset)` — DataView reads big-endian unless you pass `true`.',
    ],
  },
});
