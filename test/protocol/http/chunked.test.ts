import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeChunked } from '../../../src/protocol/http';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('encodeChunked (RFC 9112 §7.1)', () => {
  it('writes the worked example of the lesson byte for byte', () => {
    const c = encodeChunked('hello, world', [5, 7]);
    expect(c.ok && text(c.value.bytes)).toBe('5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n');
    expect(c.ok && c.value.totalBytes).toBe(27);
  });

  it('writes sizes in hex', () => {
    const c = encodeChunked(new Uint8Array(26), [26]);
    expect(c.ok && text(c.value.bytes).startsWith('1a\r\n')).toBe(true);
  });

  it('is read back by a simple chunked reader, for any sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const body = Uint8Array.from({ length: sizes.reduce((n, s) => n + s, 0) }, (_, i) => i & 0xff);
        const c = encodeChunked(body, sizes);
        if (!c.ok) return false;
        // An independent reader: size line, data, CRLF, until size 0, then the final CRLF.
        const b = c.value.bytes;
        const out: number[] = [];
        let at = 0;
        for (;;) {
          const eol = b.indexOf(13, at);
          const n = parseInt(text(b.subarray(at, eol)), 16);
          at = eol + 2;
          if (n === 0) break;
          out.push(...b.subarray(at, at + n));
          expect([b[at + n], b[at + n + 1]]).toEqual([13, 10]);
          at += n + 2;
        }
        expect([b[at], b[at + 1]]).toEqual([13, 10]);
        expect(at + 2).toBe(b.length);
        expect(Uint8Array.from(out)).toEqual(body);
        return true;
      }),
    );
  });

  it('reports sizes that are not whole, positive, or do not add up', () => {
    const zero = encodeChunked('abc', [0, 3]);
    expect(!zero.ok && zero.errors[0]!.message).toMatch(/sizes\[0\].*last chunk/);
    const sum = encodeChunked('abc', [1, 1]);
    expect(!sum.ok && sum.errors[0]!.message).toMatch(/add up to 2 bytes, but the body has 3/);
  });
});
