import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIT_WIDTHS, intRange, parseIntLiteral, type IntType, type Radix } from '../../../src/protocol';
import { mergeHashParams, readHashParams } from '../../../src/widgets/shared/hash-params';
import {
  byteGroups,
  computePlayground,
  DEFAULT_PLAYGROUND,
  describeValue,
  formatLiteral,
  parseOperand,
  parseShiftCount,
  playgroundFromHash,
  playgroundHashValues,
  toggleBit,
} from '../../../src/widgets/bits/model';
import { computeXorDemo, repeatedKeyHex } from '../../../src/widgets/bits/xor-model';

const u8: IntType = { width: 8, signed: false };
const i8: IntType = { width: 8, signed: true };

describe('operands', () => {
  it('parses decimal, hex and binary for the type, and reads a hex pattern of a signed type', () => {
    expect(parseOperand('0x37', u8)).toMatchObject({ ok: true, value: 0x37n, radix: 16 });
    expect(parseOperand('0b1000_0001', u8)).toMatchObject({ ok: true, value: 129n, radix: 2 });
    expect(parseOperand('0xff', i8)).toMatchObject({ ok: true, value: -1n, bitPattern: true });
  });

  it('keeps the core’s message for a literal that is bad for the width', () => {
    expect(parseOperand('256', u8)).toMatchObject({ ok: false, message: expect.stringContaining('too large for u8') });
    expect(parseOperand('0x1ff', u8)).toMatchObject({
      ok: false,
      message: expect.stringContaining('9 significant bits'),
    });
    expect(parseOperand('12g', u8)).toMatchObject({ ok: false, position: 2 });
    expect(parseOperand('', u8)).toMatchObject({ ok: false, message: expect.stringMatching(/^Type a number/) });
  });

  it('reads shift counts from 0 to 255', () => {
    expect(parseShiftCount('33')).toMatchObject({ ok: true, value: 33n });
    expect(parseShiftCount('-1')).toEqual({
      ok: false,
      message: 'A shift count is a whole number from 0 to 255 here.',
    });
    expect(parseShiftCount('300')).toEqual({
      ok: false,
      message: 'A shift count is a whole number from 0 to 255 here.',
    });
  });
});

describe('bits', () => {
  it('lays out bytes most significant first, bit numbers descending', () => {
    const groups = byteGroups(0x0181n, 16);
    expect(groups.map((g) => [g.high, g.low])).toEqual([
      [15, 8],
      [7, 0],
    ]);
    expect(groups[0]!.bits.map((b) => (b.on ? 1 : 0)).join('')).toBe('00000001');
    expect(groups[1]!.bits.map((b) => b.index)).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(groups[1]!.bits.map((b) => (b.on ? 1 : 0)).join('')).toBe('10000001');
  });

  it('flips one bit; the top bit of a signed type is its sign', () => {
    expect(toggleBit(0n, 7, u8)).toBe(128n);
    expect(toggleBit(0n, 7, i8)).toBe(-128n);
    expect(toggleBit(-1n, 0, i8)).toBe(-2n);
    expect(toggleBit(1n << 63n, 63, { width: 64, signed: false })).toBe(0n);
  });

  it('writes a value back in any radix so that it parses to the same value (property)', () => {
    const arb = fc
      .tuple(fc.constantFrom(...BIT_WIDTHS), fc.boolean(), fc.constantFrom<Radix>(2, 8, 10, 16))
      .chain(([width, signed, radix]) => {
        const { min, max } = intRange({ width, signed });
        return fc.tuple(fc.constant({ width, signed } as IntType), fc.constant(radix), fc.bigInt({ min, max }));
      });
    fc.assert(
      fc.property(arb, ([type, radix, value]) => {
        expect(parseIntLiteral(formatLiteral(value, radix, type), type)).toBe(value);
      }),
    );
  });

  it('formats hex and binary as the full pattern', () => {
    expect(formatLiteral(-1n, 16, i8)).toBe('0xff');
    expect(formatLiteral(5n, 2, u8)).toBe('0b0000_0101');
    expect(formatLiteral(5n, 16, { width: 32, signed: false })).toBe('0x00000005');
    expect(describeValue(-1n, i8)).toBe('-1 = 0xff = 0b1111_1111 (the same bits read as unsigned: 255)');
  });
});

describe('computePlayground', () => {
  it('XORs the default operands exactly and as JavaScript does', () => {
    const r = computePlayground(DEFAULT_PLAYGROUND);
    if (!r.ok) throw new Error(r.message);
    expect(r.exact.value).toBe(0x37n ^ 0xfan);
    expect(r.js.result.value).toBe(0x37 ^ 0xfa);
    expect(r.js.same).toBe(true);
  });

  it('shows where JavaScript’s 32-bit semantics surprise, with the idiom that fixes it', () => {
    const not = computePlayground({ a: '5', b: '', op: '~', width: 8, signed: false });
    if (!not.ok) throw new Error(not.message);
    expect(not.exact.value).toBe(250n);
    expect(not.js.result.value).toBe(-6);
    expect(not.js.same).toBe(false);
    expect(not.js.fix).toEqual({ expression: '(…) & 0xff', value: 250 });

    const or = computePlayground({ a: '0xffffffff', b: '0', op: '|', width: 32, signed: false });
    if (!or.ok) throw new Error(or.message);
    expect(or.js.result.value).toBe(-1);
    expect(or.js.fix).toEqual({ expression: '(…) >>> 0', value: 4294967295 });

    const i8shift = computePlayground({ a: '64', b: '1', op: '<<', width: 8, signed: true });
    if (!i8shift.ok) throw new Error(i8shift.message);
    expect(i8shift.exact.value).toBe(-128n);
    expect(i8shift.js.fix).toEqual({ expression: '(…) << 24 >> 24', value: -128 });
  });

  it('reports the shift-count masking of JavaScript, where no idiom restores the exact value', () => {
    const r = computePlayground({ a: '1', b: '33', op: '<<', width: 32, signed: false });
    if (!r.ok) throw new Error(r.message);
    expect(r.exact.value).toBe(0n);
    expect(r.js.result.value).toBe(2);
    expect(r.js.result.notes.join(' ')).toContain('masked to 5 bits');
    expect(r.js.fix).toBeUndefined();
  });

  it('uses BigInt for 64 bits and says Numbers lose precision', () => {
    const r = computePlayground({ a: '0xffffffffffffffff', b: '4', op: '>>>', width: 64, signed: false });
    if (!r.ok) throw new Error(r.message);
    expect(r.exact.value).toBe(0x0fffffffffffffffn);
    expect(r.js.bigint).toBe('a >> b');
    expect(r.js.notes[0]).toContain('2^53');
    const s = computePlayground({ a: '-8', b: '1', op: '>>>', width: 64, signed: true });
    if (!s.ok) throw new Error(s.message);
    expect(s.js.bigint).toBe('BigInt.asIntN(64, BigInt.asUintN(64, a) >> b)');
  });

  it('names the field that is wrong', () => {
    expect(computePlayground({ ...DEFAULT_PLAYGROUND, a: '0x100' })).toMatchObject({ ok: false, field: 'a' });
    expect(computePlayground({ ...DEFAULT_PLAYGROUND, b: 'zz' })).toMatchObject({ ok: false, field: 'b' });
    // ~ has no right operand, so a bad B does not matter.
    expect(computePlayground({ ...DEFAULT_PLAYGROUND, op: '~', b: 'zz' }).ok).toBe(true);
  });
});

describe('URL fragment', () => {
  it('writes only what differs from the defaults and reads it back', () => {
    const state = { ...DEFAULT_PLAYGROUND, op: '>>>' as const, width: 32 as const };
    const hash = mergeHashParams('', playgroundHashValues(state));
    expect(hash).toBe('#op=%3E%3E%3E&w=32');
    expect(playgroundFromHash(readHashParams(hash, ['a', 'b', 'op', 'w', 'signed']))).toEqual({ op: '>>>', width: 32 });
  });

  it('leaves other widgets’ keys alone and ignores malformed values', () => {
    expect(mergeHashParams('#v=300&a=1', { a: undefined, w: '16' })).toBe('#v=300&w=16');
    expect(mergeHashParams('#a=1', { a: undefined })).toBe('');
    expect(playgroundFromHash({ op: '+', w: '12', signed: 'yes' })).toEqual({});
  });
});

describe('XOR twice', () => {
  it('masks the RFC 6455 §5.7 "Hello" with key 37 fa 21 3d and restores it', () => {
    const demo = computeXorDemo('Hello', '37 fa 21 3d');
    if (!demo.ok) throw new Error(demo.message);
    // RFC 6455 §5.7: 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58 — the masked payload is the last 5.
    expect(Array.from(demo.masked)).toEqual([0x7f, 0x9f, 0x4d, 0x51, 0x58]);
    expect(demo.restored).toBe('Hello');
    expect(demo.same).toBe(true);
    expect(demo.rows[4]).toMatchObject({ index: 4, char: 'o', keyIndex: 0, keyByte: 0x37, masked: 0x58 });
    expect(demo.firstBits).toEqual({ byte: '0100 1000', key: '0011 0111', masked: '0111 1111', unmasked: '0100 1000' });
    expect(repeatedKeyHex(demo.key, 5)).toBe('37 fa 21 3d 37');
  });

  it('restores any text with any key (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), fc.uint8Array({ minLength: 4, maxLength: 4 }), (text, key) => {
        const demo = computeXorDemo(text, Array.from(key, (b) => b.toString(16).padStart(2, '0')).join(' '));
        if (!demo.ok) throw new Error(demo.message);
        expect(demo.same).toBe(true);
        expect(Array.from(demo.unmasked)).toEqual(Array.from(new TextEncoder().encode(text)));
      }),
    );
  });

  it('explains a bad key: not hex, or not 4 bytes', () => {
    expect(computeXorDemo('Hi', '37 fa 2x 3d')).toMatchObject({ ok: false, field: 'key', hexError: { position: 7 } });
    expect(computeXorDemo('Hi', '37 fa 21')).toMatchObject({
      ok: false,
      field: 'key',
      message: expect.stringContaining('1 missing'),
    });
    expect(computeXorDemo('Hi', '')).toMatchObject({
      ok: false,
      field: 'key',
      message: expect.stringContaining('this one has 0'),
    });
  });
});
