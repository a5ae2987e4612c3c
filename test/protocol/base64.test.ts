import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Base64Error, decodeBase64, encodeBase64, isCanonicalBase64 } from '../../src/protocol/base64';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('base64 (RFC 4648 §4)', { timeout: 60_000 }, () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 §10: %j ⇄ %j', (plain, encoded) => {
    expect(encodeBase64(text(plain))).toBe(encoded);
    expect(decodeBase64(encoded)).toEqual(text(plain));
  });

  it('matches Buffer in both directions (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = encodeBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(encoded)).toEqual(bytes);
        expect(isCanonicalBase64(encoded)).toBe(true);
      }),
    );
  });

  it('accepts non-zero pad bits (RFC 4648 §3.5) but reports them as not canonical', () => {
    expect(decodeBase64('Zh==')).toEqual(text('f'));
    expect(isCanonicalBase64('Zh==')).toBe(false);
  });

  it.each([
    ['Zm9v YmFy', 4, /U\+0020 space at position 4/],
    ['Zm9-', 3, /"-" at position 3.*base64url/],
    ['Zm=v', 2, /"=" at position 2 is padding/],
    ['Zg', 2, /2 characters leave 2 over.*padding missing/],
    ['Zg=', 2, /"=" at position 2/],
    ['Zm9vé', 4, /"é" at position 4/],
  ])('refuses %j at position %i', (input, position, pattern) => {
    try {
      decodeBase64(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Base64Error);
      expect((error as Base64Error).position).toBe(position);
      expect((error as Error).message).toMatch(pattern);
    }
  });

  it('decodeBase64 only ever throws Base64Error (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AZaz09+/=-_ \n\u00e9'.split('')), maxLength: 30 }), (input) => {
        try {
          decodeBase64(input);
        } catch (error) {
          expect(error).toBeInstanceOf(Base64Error);
        }
      }),
    );
  });
});
