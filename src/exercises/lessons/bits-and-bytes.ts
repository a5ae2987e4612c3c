/**
 * Exercises for the lesson "Bits, bytes and byte order". Expected answers come from src/protocol/bits.ts
 * (exact fixed-width operators, two's complement, DataView byte order).
 */
import { decodeAll, encodeNumber, evalExact, toBits, toSigned, type IntType } from '../../protocol/bits';
import { toHex } from '../../protocol/hex';
import { groupDigits, hexNumber } from '../format';
import { defineExercises, type CodeCase, type Mistake } from '../types';

const U8: IntType = { width: 8, signed: false };

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
            { value: byte, message: 'that is the byte read as Uint8 (getUint8). getInt8 reads the top bit as the sign (two\'s complement).' },
            { value: -(byte & 0x7f), message: 'that reads the top bit as a plain minus sign (sign-magnitude). In two\'s complement the top bit is worth −128.' },
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
          mistakes: [{ value: little, message: 'that is little-endian order (least significant byte first). Network byte order is big-endian: most significant byte first.' }],
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
          'WebSocket\'s 16-bit extended length and TCP\'s ports are big-endian u16s. Write `readU16(bytes, offset)` without DataView: combine the two bytes with shifts.',
        cases,
      };
    },
    hints: [
      'The first byte is the high one: it is worth 256 times its value.',
      '`bytes[offset] << 8` moves the high byte into place; add or OR the low byte.',
    ],
  },
});
