import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMask } from '../../../src/protocol/websocket/mask';

/** fast-check runs thousands of cases; on a busy machine that can exceed the 5 s default. */
const PROPERTY_TESTS = { timeout: 60_000 };

/** The definition from RFC 6455 §5.3, one byte at a time: j = i MOD 4, octet ^= key[j]. */
function referenceMask(bytes: Uint8Array, key: Uint8Array, offset: number): void {
  for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ key[(offset + i) % 4]!;
}

const key4 = fc.uint8Array({ minLength: 4, maxLength: 4 });

describe('applyMask', PROPERTY_TESTS, () => {
  it('masks "Hello" with 37 fa 21 3d as in RFC 6455 §5.7', () => {
    const b = new TextEncoder().encode('Hello');
    applyMask(b, Uint8Array.of(0x37, 0xfa, 0x21, 0x3d));
    expect(Array.from(b)).toEqual([0x7f, 0x9f, 0x4d, 0x51, 0x58]);
  });

  it('returns the same array, changed in place', () => {
    const b = Uint8Array.of(1, 2, 3);
    expect(applyMask(b, Uint8Array.of(1, 1, 1, 1))).toBe(b);
    expect(Array.from(b)).toEqual([0, 3, 2]);
  });

  it('restores the original when applied twice', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300, size: 'max' }), key4, fc.nat({ max: 1000 }), (data, key, offset) => {
        const b = data.slice();
        applyMask(applyMask(b, key, offset), key, offset);
        expect(b).toEqual(data);
      }),
    );
  });

  it('gives the same bytes in pieces (each with its payload offset) as in one call', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400, size: 'max' }),
        key4,
        fc.array(fc.nat(), { maxLength: 8 }),
        (data, key, rawCuts) => {
          const whole = data.slice();
          applyMask(whole, key, 0);
          const pieces = data.slice();
          const cuts = [...new Set(rawCuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
          let from = 0;
          for (const to of [...cuts, data.length]) {
            applyMask(pieces.subarray(from, to), key, from);
            from = to;
          }
          expect(pieces).toEqual(whole);
        },
      ),
    );
  });

  it('matches the byte-loop definition at every alignment, length and key rotation', () => {
    // Lengths around the word-loop threshold and the 8x-unrolled 64-bit loop, every byteOffset mod 8, every
    // offset mod 4; bytes outside the view must stay untouched.
    const key = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
    const lengths = [...Array.from({ length: 140 }, (_, i) => i), 255, 256, 257, 1023, 1024, 1025, 4099];
    for (const length of lengths) {
      for (let align = 0; align < 8; align++) {
        for (let offset = 0; offset < 8; offset++) {
          const backing = new Uint8Array(length + 16);
          for (let i = 0; i < backing.length; i++) backing[i] = (i * 131 + 7) & 0xff;
          const expected = backing.slice();
          referenceMask(expected.subarray(align, align + length), key, offset);
          applyMask(backing.subarray(align, align + length), key, offset);
          if (!backing.every((b, i) => b === expected[i])) {
            expect({ length, align, offset, bytes: Array.from(backing) }).toEqual({
              length,
              align,
              offset,
              bytes: Array.from(expected),
            });
          }
        }
      }
    }
  });

  it('matches the byte-loop definition for random data, keys, alignments and offsets', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000, size: 'max' }),
        key4,
        fc.nat({ max: 7 }),
        fc.nat(),
        (data, key, align, offset) => {
          const backing = new Uint8Array(data.length + 8);
          backing.set(data, align);
          const expected = backing.slice();
          referenceMask(expected.subarray(align, align + data.length), key, offset);
          applyMask(backing.subarray(align, align + data.length), key, offset);
          expect(backing).toEqual(expected);
        },
      ),
    );
  });

  it('works on a view over a Node Buffer from the shared pool (odd byteOffset)', () => {
    const buf = Buffer.from('ab' + 'x'.repeat(200)).subarray(1);
    const expected = Uint8Array.from(buf);
    referenceMask(expected, Uint8Array.of(9, 8, 7, 6), 3);
    applyMask(buf, Uint8Array.of(9, 8, 7, 6), 3);
    expect(Uint8Array.from(buf)).toEqual(expected);
  });

  it('offsets beyond 2^32 still pick the right key byte', () => {
    const b = new Uint8Array(100);
    applyMask(b, Uint8Array.of(1, 2, 3, 4), 2 ** 32 + 1);
    expect(Array.from(b.subarray(0, 4))).toEqual([2, 3, 4, 1]);
  });

  it('refuses a key that is not 4 bytes or a bad offset, naming the problem', () => {
    expect(() => applyMask(new Uint8Array(4), Uint8Array.of(1, 2, 3))).toThrow(/exactly 4 bytes.*got 3/);
    expect(() => applyMask(new Uint8Array(4), Uint8Array.of(1, 2, 3, 4), -1)).toThrow(RangeError);
    expect(() => applyMask(new Uint8Array(4), Uint8Array.of(1, 2, 3, 4), 1.5)).toThrow(/non-negative integer/);
  });
});
