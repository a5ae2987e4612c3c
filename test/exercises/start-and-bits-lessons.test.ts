/**
 * Checks specific to the exercises of "Start here" and "Bits, bytes and byte order", beyond the generic ones in
 * lessons.test.ts: every generated question agrees with what the JavaScript engine itself says, and the other
 * correct ways of solving a code exercise pass too.
 */
import { describe, expect, it } from 'vitest';
import { runCodeCases } from '../../src/exercises/checkers/code';
import { checkValue } from '../../src/exercises/checkers/value';
import bits from '../../src/exercises/lessons/bits-and-bytes';
import start from '../../src/exercises/lessons/start-here';
import type { CodeVariant, ValueVariant } from '../../src/exercises/types';
import { resolveVariant } from '../../src/exercises/variant';
import { parseHex } from '../../src/protocol/hex';

const SEEDS = Array.from({ length: 200 }, (_, i) => (i * 2654435761) >>> 0);

function values(def: Parameters<typeof resolveVariant>[0]): ValueVariant[] {
  return SEEDS.map((seed) => resolveVariant(def, seed) as ValueVariant);
}

describe('bits-and-bytes exercises', () => {
  it('js-bitwise: the answer is what the engine prints for the expression in the prompt', () => {
    const kinds = new Set<string>();
    for (const v of values(bits['js-bitwise'])) {
      const source = /`([^`]+)`/.exec(v.prompt)![1]!;
      kinds.add(source.includes('<< 24') ? 'byte << 24' : source.replace(/\d+/g, 'n'));
      expect(v.answer.value, source).toBe(Function(`return (${source});`)());
    }
    expect(kinds.size).toBe(4);
  });

  it('js-bitwise: the exact (non-32-bit) answer gets its explanation', () => {
    const v = values(bits['js-bitwise']).find((x) => x.prompt.includes('<< 24'))!;
    const source = /`([^`]+)`/.exec(v.prompt)![1]!;
    const [x] = source.split(' << ');
    const result = checkValue(v.answer, String(Number(x) * 2 ** 24));
    expect(result.verdict).toBe('wrong');
    expect(result.message).toContain('32-bit');
  });

  it('u32-little-endian: the answer is the bytes reversed, read as hex', () => {
    for (const v of values(bits['u32-little-endian'])) {
      const reversed = Array.from(parseHex(v.figure!)).reverse();
      const n = reversed.reduce((acc, b) => acc * 256 + b, 0);
      expect(v.answer.value).toBe(n);
    }
  });

  it('kib-bytes: KiB is 1024 bytes and the kB reading is explained', () => {
    for (const v of values(bits['kib-bytes']).slice(0, 30)) {
      const [, n, unit] = /(\d+) (KiB|MiB)/.exec(v.prompt)!;
      expect(v.answer.value).toBe(Number(n) * (unit === 'KiB' ? 1024 : 1024 * 1024));
      expect(checkValue(v.answer, String(Number(n) * (unit === 'KiB' ? 1000 : 1_000_000))).message).toContain(
        'IEC 80000-13',
      );
    }
  });

  it('read-u64: a DataView solution passes as well as the BigInt loop, and a Number one fails', () => {
    const v = resolveVariant(bits['read-u64'], 11) as CodeVariant;
    const viaDataView =
      'function readU64(b, o) { return new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(o); }';
    expect(runCodeCases(viaDataView, 'readU64', v.cases).status).toBe('passed');
    const viaNumber =
      'function readU64(b, o) { let n = 0; for (let i = 0; i < 8; i++) n = n * 256 + b[o + i]; return n; }';
    expect(runCodeCases(viaNumber, 'readU64', v.cases).status).toBe('failed');
  });
});

describe('start-here exercises', () => {
  it('hello-text is the text of RFC 6455 §5.7', () => {
    const v = resolveVariant(start['hello-text'], 0) as ValueVariant;
    expect(v.answer.value).toBe('Hello');
    expect(checkValue(v.answer, 'hello').verdict).toBe('correct');
  });

  it('payload-length is the low 7 bits of byte 1, in bytes', () => {
    let multiByte = 0;
    for (const v of values(start['payload-length'])) {
      const bytes = parseHex(v.figure!);
      expect(v.answer.value).toBe(bytes[1]! & 0x7f);
      expect(bytes.length).toBe(2 + 4 + (bytes[1]! & 0x7f));
      if (v.answer.mistakes?.some((m) => m.message.includes('characters'))) multiByte++;
    }
    expect(multiByte).toBeGreaterThan(0);
  });
});
