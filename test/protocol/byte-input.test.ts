import { describe, expect, it } from 'vitest';
import { readBytes } from '../../src/protocol/byte-input';

/** RFC 6455 §5.7: a single-frame masked text message, "Hello", key 37 fa 21 3d. */
const HELLO = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

describe('readBytes', () => {
  it.each([
    ['hex', '81 85 37 fa 21 3d 7f 9f 4d 51 58'],
    ['hex', '\\x81\\x85\\x37\\xfa\\x21\\x3d\\x7f\\x9f\\x4d\\x51\\x58'],
    ['array', 'new Uint8Array([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])'],
    ['array', 'Buffer.from([129, 133, 55, 250, 33, 61, 127, 159, 77, 81, 88]);'],
    ['array', 'unsigned char frame[] = { 0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58 };'],
    ['array', '[0b10000001, 0x85, 55, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58,]'],
    ['array', 'bytes([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])'],
    ['python-bytes', "b'\\x81\\x857\\xfa!=\\x7f\\x9fMQX'"],
    ['python-bytes', 'bytearray(b"\\x81\\x857\\xfa!=\\x7f\\x9fMQX")'],
    ['base64', 'gYU3+iE9f59NUVg='],
  ] as const)('reads %s: %s', (format, text) => {
    expect(readBytes(text)).toEqual({ ok: true, bytes: Uint8Array.from(HELLO), format });
  });

  it('keeps hex for text that could also be base64 (hex digits only)', () => {
    expect(readBytes('deadbeef')).toEqual({
      ok: true,
      bytes: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]),
      format: 'hex',
    });
  });

  it('reads Python escapes', () => {
    expect(readBytes("b'\\n\\t\\\\\\'\\0\\177A'")).toMatchObject({
      ok: true,
      bytes: Uint8Array.from([10, 9, 92, 39, 0, 127, 65]),
    });
  });

  it.each([
    ['[0x81, 0x185]', 'array', 7, /does not fit in a byte/],
    ['[0x81, zz]', 'array', 7, /"zz" at position 7 is not a number/],
    ['new Uint8Array([0x81, 0x85', 'array', 15, /never closed/],
    ['[0x81] + 1', 'array', 7, /follows the array/],
    ["b'\\x8'", 'python-bytes', 2, /two hex digits/],
    ["b'caf\u00e9'", 'python-bytes', 5, /only ASCII/],
    ["b'abc", 'python-bytes', 5, /never closed/],
    ['81 85 zz', 'hex', 6, /"z"/],
  ] as const)('names the problem in %s', (text, format, position, message) => {
    const result = readBytes(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ format, position });
    expect(result.error.message).toMatch(message);
  });
});

describe('readBytes errors', () => {
  it('say the line and column too, counted as HexError counts them', () => {
    const result = readBytes('[0x81,\n  0x185]');
    expect(result.ok ? undefined : result.error).toMatchObject({ position: 9, line: 2, column: 3 });
  });
});

describe('readBytes on any text', () => {
  it('returns a result and never throws', async () => {
    const fc = await import('fast-check');
    const pieces = fc.constantFrom(
      '0x81',
      ', ',
      '[',
      ']',
      '{',
      '}',
      "b'",
      '\\x',
      'ff',
      '=',
      ' ',
      'é',
      'new Uint8Array(',
      ')',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((p) => p.join('')),
        ),
        (text) => {
          const result = readBytes(text);
          return result.ok ? result.bytes instanceof Uint8Array : typeof result.error.position === 'number';
        },
      ),
      { numRuns: 2000 },
    );
  });
});
