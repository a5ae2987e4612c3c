import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BitsError,
  bitsResult,
  decodeAll,
  encodeNumber,
  evalExact,
  evalJs,
  intRange,
  NUMBER_TYPE_ORDER,
  NUMBER_TYPES,
  parseIntLiteral,
  parseIntLiteralDetailed,
  toBits,
  toSigned,
  toUnsigned,
  wrap,
  type BitWidth,
  type IntType,
  type NumberType,
} from '../../src/protocol/bits';
import { toHex } from '../../src/protocol/hex';

const u8: IntType = { width: 8, signed: false };
const i8: IntType = { width: 8, signed: true };
const i32: IntType = { width: 32, signed: true };
const u32: IntType = { width: 32, signed: false };
const u64: IntType = { width: 64, signed: false };
const i64: IntType = { width: 64, signed: true };

function bitsError(fn: () => unknown): BitsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BitsError) return error;
    throw error;
  }
  throw new Error('expected a BitsError');
}

describe('parseIntLiteral', { timeout: 60_000 }, () => {
  it.each([
    ['200', u8, 200n],
    ['0xc8', u8, 200n],
    ['0XC8', u8, 200n],
    ['0b1100_1000', u8, 200n],
    ['0o310', u8, 200n],
    ['  255 ', u8, 255n],
    ['-128', i8, -128n],
    ['+127', i8, 127n],
    ['\u2212128', i8, -128n], // the typographic minus sign from copied text
    ['-0x80', i8, -128n],
    ['1_000_000', i32, 1_000_000n],
    ['18446744073709551615', u64, 18446744073709551615n],
    ['-9223372036854775808', i64, -9223372036854775808n],
  ])('%j as %o → %s', (text, type, value) => {
    expect(parseIntLiteral(text, type)).toBe(value);
  });

  it('reads an unsigned hex/binary literal as the bit pattern of a signed type', () => {
    expect(parseIntLiteralDetailed('0x80', i8)).toEqual({ value: -128n, radix: 16, bitPattern: true });
    expect(parseIntLiteralDetailed('0b1111_1111', i8)).toEqual({ value: -1n, radix: 2, bitPattern: true });
    expect(parseIntLiteralDetailed('0xffffffff', i32).value).toBe(-1n);
    expect(parseIntLiteralDetailed('0x7f', i8)).toEqual({ value: 127n, radix: 16, bitPattern: false });
  });

  it('refuses a decimal value out of range, saying the range and the bits it needs', () => {
    expect(bitsError(() => parseIntLiteral('256', u8)).message).toMatch(
      /256 is too large for u8 \(unsigned 8-bit, 0…255\): it needs 9 bits/,
    );
    expect(bitsError(() => parseIntLiteral('128', i8)).message).toMatch(
      /128 is too large for i8 \(signed 8-bit, -128…127\): it needs 9 bits/,
    );
    expect(bitsError(() => parseIntLiteral('-129', i8)).message).toMatch(/-129 is too small for i8.*9 bits/);
  });

  it('explains a negative number for an unsigned type with its two’s-complement pattern', () => {
    expect(bitsError(() => parseIntLiteral('-1', u8)).message).toMatch(
      /-1 is negative, but u8 .* has no negative values\. Its 8-bit two's-complement pattern is 0xff = 255\./,
    );
  });

  it('refuses a hex literal wider than the type', () => {
    expect(bitsError(() => parseIntLiteral('0x1ff', i8)).message).toMatch(
      /0x1ff has 9 significant bits, more than the 8 of i8/,
    );
  });

  it.each([
    ['12a', 2, /"a" at position 2 is not a decimal digit \(0-9\) \(for hex, start with 0x\)/],
    ['0b102', 4, /"2" at position 4 is not a binary digit \(0 or 1\)/],
    ['0xfg', 3, /"g" at position 3 is not a hex digit/],
    ['1.5', 1, /"\." at position 1 is not a decimal digit.*integers only/],
    ['1 000', 1, /U\+0020 \(space\) at position 1/],
    ['1__0', 1, /"_" at position 1 must sit between two digits/],
    ['_1', 0, /"_" at position 0/],
    ['', 0, /Type a number/],
    ['0x', 2, /"0x" must be followed by hex digits/],
    ['-', 1, /A sign must be followed by digits/],
  ])('%j: clear error at position %i', (text, position, pattern) => {
    const error = bitsError(() => parseIntLiteral(text, u8));
    expect(error.position).toBe(position);
    expect(error.message).toMatch(pattern);
  });

  it('refuses widths other than 8/16/32/64', () => {
    expect(() => parseIntLiteral('1', { width: 12 as BitWidth, signed: false })).toThrow(
      /Width must be 8, 16, 32 or 64/,
    );
  });

  it('round-trips every value printed in decimal, hex and binary (property)', () => {
    const typeArb = fc.record({ width: fc.constantFrom<BitWidth>(8, 16, 32, 64), signed: fc.boolean() });
    fc.assert(
      fc.property(
        typeArb.chain((type) => {
          const { min, max } = intRange(type);
          return fc.tuple(fc.constant(type), fc.bigInt({ min, max }));
        }),
        ([type, value]) => {
          expect(parseIntLiteral(value.toString(), type)).toBe(value);
          const sign = value < 0n ? '-' : '';
          const magnitude = value < 0n ? -value : value;
          expect(parseIntLiteral(`${sign}0x${magnitude.toString(16)}`, type)).toBe(value);
          expect(parseIntLiteral(`${sign}0b${magnitude.toString(2)}`, type)).toBe(value);
          // The unsigned bit pattern written in hex reads back as the same value.
          expect(parseIntLiteral(`0x${toUnsigned(value, type.width).toString(16)}`, type)).toBe(value);
        },
      ),
    );
  });
});

describe('two’s complement', () => {
  it('toBits writes the pattern, most significant bit first', () => {
    expect(toBits(-1n, 8)).toBe('11111111');
    expect(toBits(255, 8)).toBe('11111111');
    expect(toBits(5, 8, { group: 4 })).toBe('0000 0101');
    expect(toBits(-128n, 8)).toBe('10000000');
    expect(toBits(1n << 63n, 64)).toBe('1' + '0'.repeat(63));
    expect(() => toBits(256n, 8)).toThrow(/256 does not fit in 8 bits/);
  });

  it('toSigned / toUnsigned reinterpret the same bits', () => {
    expect(toSigned(255n, 8)).toBe(-1n);
    expect(toSigned(0x80n, 8)).toBe(-128n);
    expect(toSigned(0x7f, 8)).toBe(127n);
    expect(toSigned(0x80000000n, 32)).toBe(-2147483648n);
    expect(toUnsigned(-1n, 8)).toBe(255n);
    expect(toUnsigned(-1n, 64)).toBe(18446744073709551615n);
    expect(() => toSigned(256n, 8)).toThrow(BitsError);
    expect(() => toUnsigned(-129n, 8)).toThrow(BitsError);
    expect(() => toSigned(0.5, 8)).toThrow(/whole number/);
  });

  it('wrap keeps the low bits as a register would', () => {
    expect(wrap(300n, u8)).toBe(44n);
    expect(wrap(128, i8)).toBe(-128n);
  });

  it('toSigned ∘ toUnsigned is the identity on signed values (property)', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom<BitWidth>(8, 16, 32, 64)
          .chain((w) =>
            fc.tuple(fc.constant(w), fc.bigInt({ min: -(1n << BigInt(w - 1)), max: (1n << BigInt(w - 1)) - 1n })),
          ),
        ([w, v]) => {
          expect(toSigned(toUnsigned(v, w), w)).toBe(v);
          expect(toBits(v, w)).toBe(toBits(toUnsigned(v, w), w));
        },
      ),
    );
  });
});

describe('evalExact (fixed-width semantics)', () => {
  it('& | ^ ~ act on the bit patterns', () => {
    expect(evalExact('&', 200n, 0x0fn, u8).value).toBe(8n);
    expect(evalExact('|', 0x80n, 1n, u8).value).toBe(0x81n);
    expect(evalExact('^', 0x81n, 0x37n, u8).value).toBe(0xb6n);
    expect(evalExact('~', 5n, undefined, u8).value).toBe(250n);
    const notI8 = evalExact('~', 5n, undefined, i8);
    expect(notI8.value).toBe(-6n);
    expect(notI8.bits).toBe('11111010');
    expect(notI8.notes.join(' ')).toMatch(/−x − 1/);
  });

  it('<< drops bits shifted out of the top and says so', () => {
    const r = evalExact('<<', 0b1100_0000n, 1n, u8);
    expect(r.value).toBe(0x80n);
    expect(r.expression).toBe('192 << 1');
    expect(r.notes.join(' ')).toMatch(/384 does not fit in u8: bits shifted past the top are lost/);
    const signFlip = evalExact('<<', 64n, 1n, i8);
    expect(signFlip.value).toBe(-128n);
    expect(signFlip.notes.join(' ')).toMatch(/sign bit/);
    expect(evalExact('<<', -1n, 1n, i8)).toMatchObject({ value: -2n, notes: [] });
    expect(evalExact('<<', 1n, 63n, u64).value).toBe(1n << 63n);
  });

  it('>> is arithmetic for signed types, logical for unsigned; >>> is always logical', () => {
    expect(evalExact('>>', -128n, 1n, i8).value).toBe(-64n);
    expect(evalExact('>>', 0x80n, 1n, u8).value).toBe(0x40n);
    const logical = evalExact('>>>', -128n, 1n, i8);
    expect(logical.value).toBe(64n);
    expect(logical.notes.join(' ')).toMatch(/fills with zeros/);
  });

  it('shifting by the width or more moves every bit out', () => {
    expect(evalExact('<<', 1n, 8n, u8).value).toBe(0n);
    expect(evalExact('>>', -5n, 100n, i8).value).toBe(-1n);
    expect(evalExact('>>>', -5n, 8n, i8).value).toBe(0n);
    expect(evalExact('<<', 1n, 8n, u8).notes.join(' ')).toMatch(/moves every bit out/);
  });

  it('refuses operands outside the type and negative shift counts', () => {
    expect(() => evalExact('&', 256n, 1n, u8)).toThrow(/does not fit in u8/);
    expect(() => evalExact('<<', 1n, -1n, u8)).toThrow(/cannot be negative/);
    expect(() => evalExact('&', 1n, undefined, u8)).toThrow(/needs a right operand/);
  });

  it('XOR with the same key twice restores the value — the basis of masking (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 255n }), fc.bigInt({ min: 0n, max: 255n }), (value, key) => {
        const masked = evalExact('^', value, key, u8).value;
        expect(evalExact('^', masked, key, u8).value).toBe(value);
      }),
    );
  });
});

describe('evalJs (JavaScript’s 32-bit semantics)', { timeout: 60_000 }, () => {
  it('1 << 31 is negative', () => {
    const r = evalJs('<<', 1, 31);
    expect(r.value).toBe(-2147483648);
    expect(r.bits).toBe('1' + '0'.repeat(31));
    expect(r.notes.join(' ')).toMatch(/signed 32-bit integer: 1 × 2\^31 = 2147483648 does not fit/);
  });

  it('~5 is -6', () => {
    expect(evalJs('~', 5)).toMatchObject({ value: -6, expression: '~5' });
  });

  it('>> keeps the sign, >>> does not', () => {
    expect(evalJs('>>', -16, 2).value).toBe(-4);
    const r = evalJs('>>>', -16, 2);
    expect(r.value).toBe(1073741820);
    expect(r.notes.join(' ')).toMatch(/unsigned 32-bit result: -16 reads as 4294967280/);
    expect(evalJs('>>>', -1, 0).value).toBe(4294967295);
  });

  it('masks shift counts to 5 bits', () => {
    const r = evalJs('<<', 1, 32);
    expect(r.value).toBe(1);
    expect(r.notes.join(' ')).toMatch(/masked to 5 bits: ToUint32\(32\) & 31 = 0/);
    expect(evalJs('<<', 1, 33).value).toBe(2);
  });

  it('converts operands with ToInt32 first', () => {
    const r = evalJs('|', 2 ** 32 + 5, 0);
    expect(r.value).toBe(5);
    expect(r.notes.join(' ')).toMatch(/ToInt32\(4294967301\) = 5/);
    expect(evalJs('|', 0x80000000, 0).value).toBe(-2147483648);
    expect(evalJs('&', 3.7, 7).notes.join(' ')).toMatch(/ToInt32\(3\.7\) = 3/);
  });

  it('agrees with evalExact at 32 bits (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 31 }),
        (a, b, count) => {
          for (const op of ['&', '|', '^'] as const) {
            expect(evalJs(op, a, b).value).toBe(Number(evalExact(op, BigInt(a), BigInt(b), i32).value));
          }
          expect(evalJs('~', a).value).toBe(Number(evalExact('~', BigInt(a), undefined, i32).value));
          expect(evalJs('<<', a, count).value).toBe(Number(evalExact('<<', BigInt(a), BigInt(count), i32).value));
          expect(evalJs('>>', a, count).value).toBe(Number(evalExact('>>', BigInt(a), BigInt(count), i32).value));
          expect(evalJs('>>>', a, count).value).toBe(
            Number(evalExact('>>>', toUnsigned(BigInt(a), 32), BigInt(count), u32).value),
          );
        },
      ),
    );
  });
});

describe('encodeNumber / decodeAll (DataView byte order)', { timeout: 60_000 }, () => {
  it('258 as u16: 01 02 big-endian (network order), 02 01 little-endian', () => {
    const be = encodeNumber(258, 'u16', false);
    expect(toHex(be.bytes)).toBe('01 02');
    expect(be.call).toBe('view.setUint16(0, 258, false)');
    const le = encodeNumber(258, 'u16', true);
    expect(toHex(le.bytes)).toBe('02 01');
    expect(le.call).toBe('view.setUint16(0, 258, true)');
  });

  it('writes the call text of each accessor', () => {
    expect(encodeNumber(200, 'u8').call).toBe('view.setUint8(0, 200)');
    expect(encodeNumber(-1, 'i8').call).toBe('view.setInt8(0, -1)');
    expect(encodeNumber(258n, 'u64').call).toBe('view.setBigUint64(0, 258n, false)');
    expect(toHex(encodeNumber(258n, 'u64').bytes)).toBe('00 00 00 00 00 00 01 02');
    expect(toHex(encodeNumber(-2, 'i64', true).bytes)).toBe('fe ff ff ff ff ff ff ff');
    expect(encodeNumber(1.5, 'f64').call).toBe('view.setFloat64(0, 1.5, false)');
    expect(toHex(encodeNumber(1, 'f32').bytes)).toBe('3f 80 00 00');
  });

  it('accepts text the way a widget receives it', () => {
    expect(encodeNumber('0x0102', 'u16').stored).toBe(258);
    const pattern = encodeNumber('0xff', 'i8');
    expect(pattern.stored).toBe(-1);
    expect(pattern.notes.join(' ')).toMatch(/8-bit pattern of -1/);
    expect(encodeNumber(' 1e3 ', 'f64').stored).toBe(1000);
    expect(() => encodeNumber('1,5', 'f64')).toThrow(/not a decimal number/);
  });

  it('refuses values DataView would silently wrap, saying what it would store', () => {
    expect(() => encodeNumber(300, 'u8')).toThrow(/300 does not fit in u8.*DataView\.setUint8 would silently store 44/);
    expect(() => encodeNumber(2 ** 53 + 2, 'u64')).toThrow(/pass a BigInt/);
    expect(() => encodeNumber(1.5, 'u16')).toThrow(/whole number/);
  });

  it('notes when f32 rounds', () => {
    const r = encodeNumber(0.1, 'f32');
    expect(r.stored).toBe(Math.fround(0.1));
    expect(r.notes.join(' ')).toMatch(/f32 cannot hold 0\.1 exactly; the nearest f32 is 0\.10000000149011612/);
    expect(encodeNumber(1e39, 'f32').notes.join(' ')).toMatch(/becomes Infinity/);
  });

  it('decodeAll reads every type in both byte orders, and says how many bytes are missing', () => {
    const all = decodeAll(Uint8Array.from([0x01, 0x02]));
    const find = (type: NumberType, littleEndian: boolean) =>
      all.find((d) => d.type === type && d.littleEndian === littleEndian);
    expect(find('u8', false)).toMatchObject({ value: 1, call: 'view.getUint8(0)' });
    expect(all.filter((d) => d.type === 'u8')).toHaveLength(1);
    expect(find('u16', false)).toMatchObject({ value: 258, call: 'view.getUint16(0, false)' });
    expect(find('u16', true)).toMatchObject({ value: 513, call: 'view.getUint16(0, true)' });
    expect(find('u32', false)).toMatchObject({ missing: 2 });
    expect(find('u32', false)?.value).toBeUndefined();
    expect(find('f64', true)).toMatchObject({ missing: 6 });
    expect(all).toHaveLength(2 + 8 * 2);
  });

  it('decodeAll from an offset inside a larger buffer', () => {
    const buffer = Uint8Array.from([0xaa, 0xff, 0xfe, 0xbb]);
    const view = buffer.subarray(1, 3);
    expect(decodeAll(view).find((d) => d.type === 'i16' && !d.littleEndian)?.value).toBe(-2);
    expect(decodeAll(buffer, 1).find((d) => d.type === 'i16' && !d.littleEndian)).toMatchObject({
      value: -2,
      call: 'view.getInt16(1, false)',
    });
  });

  it('what encodeNumber writes, decodeAll reads back (property)', () => {
    const arb = fc.constantFrom(...NUMBER_TYPE_ORDER).chain((type) => {
      const t = NUMBER_TYPES[type];
      const value: fc.Arbitrary<number | bigint> =
        t.kind === 'float'
          ? fc.double()
          : t.bigint
            ? fc.bigInt(intRange({ width: 64, signed: t.kind === 'signed' }))
            : fc.integer({
                min: Number(intRange({ width: (t.size * 8) as BitWidth, signed: t.kind === 'signed' }).min),
                max: Number(intRange({ width: (t.size * 8) as BitWidth, signed: t.kind === 'signed' }).max),
              });
      return fc.tuple(fc.constant(type), value, fc.boolean());
    });
    fc.assert(
      fc.property(arb, ([type, value, littleEndian]) => {
        const encoded = encodeNumber(value, type, littleEndian);
        expect(encoded.bytes).toHaveLength(NUMBER_TYPES[type].size);
        const decoded = decodeAll(encoded.bytes).find(
          (d) => d.type === type && (d.size === 1 || d.littleEndian === littleEndian),
        );
        expect(decoded?.value).toEqual(encoded.stored);
      }),
    );
  });
});

describe('bitsResult', () => {
  it('gives the value, or the rule broken and where, for what a reader typed', () => {
    const u8: IntType = { width: 8, signed: false };
    expect(bitsResult(() => parseIntLiteral('0x81', u8))).toEqual({ ok: true, value: 0x81n });
    const bad = bitsResult(() => parseIntLiteral('0x8g', u8));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.message).toMatch(/\S/);
      expect(bad.position).toBe(3);
    }
    expect(bitsResult(() => parseIntLiteral('256', u8))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/255/),
    });
  });

  it('lets a bug through: only BitsError is bad input', () => {
    expect(() =>
      bitsResult(() => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
  });
});
