import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUtf8Error, isValidUtf8, Utf8Validator, type Utf8ErrorKind } from '../../src/protocol/utf8';

/** fast-check runs thousands of cases; on a busy machine that can exceed the 5 s default. */
const PROPERTY_TESTS = { timeout: 60_000 };

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Independent oracle: the WHATWG UTF-8 decoder (Node's TextDecoder, fatal) in streaming mode does not
 * throw on an unfinished last character but throws at the first impossible byte.
 */
function whatwgFirstError(b: Uint8Array): number | 'truncated' | undefined {
  for (let i = 0; i < b.length; i++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return 'truncated';
  }
  return undefined;
}

/** Byte strings near UTF-8: lead bytes, continuation bytes, boundaries, a little ASCII. */
const utf8ish = fc.array(
  fc.oneof(
    fc.integer({ min: 0x00, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0xbf }),
    fc.constantFrom(0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff),
    fc.constantFrom(0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf),
  ),
  { maxLength: 24 },
);

describe('isValidUtf8', PROPERTY_TESTS, () => {
  it('accepts the boundary code points of every sequence length (RFC 3629 §4)', () => {
    for (const cp of [0x0, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff]) {
      const b = enc(String.fromCodePoint(cp));
      expect(isValidUtf8(b), cp.toString(16)).toBe(true);
    }
    expect(isValidUtf8(enc('Grüße, 世界 🌍'))).toBe(true);
    expect(isValidUtf8(new Uint8Array(0))).toBe(true);
  });

  it('agrees with Node’s native isUtf8 and the WHATWG decoder on arbitrary and near-UTF-8 bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 32 }),
          utf8ish.map((a) => Uint8Array.from(a)),
        ),
        (b) => {
          expect(isValidUtf8(b)).toBe(isUtf8(b));
          expect(isValidUtf8(b)).toBe(whatwgFirstError(b) === undefined);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('findUtf8Error', PROPERTY_TESTS, () => {
  const cases: [string, Uint8Array, Utf8ErrorKind, number][] = [
    ['stray continuation byte', bytes(0x41, 0x80), 'unexpected-continuation', 1],
    ['0xC0 (overlong lead)', bytes(0xc0, 0x80), 'overlong-lead', 0],
    ['0xC1 (overlong lead)', bytes(0xc1, 0xbf), 'overlong-lead', 0],
    ['0xF5 (above U+10FFFF)', bytes(0xf5, 0x80, 0x80, 0x80), 'invalid-byte', 0],
    ['0xFF', bytes(0x61, 0xff), 'invalid-byte', 1],
    ['missing continuation', bytes(0xe2, 0x28, 0xa1), 'expected-continuation', 1],
    ['missing 3rd byte', bytes(0xe2, 0x82, 0x41), 'expected-continuation', 2],
    ['overlong 3-byte E0 80..9F', bytes(0xe0, 0x80, 0x80), 'overlong', 1],
    ['overlong 4-byte F0 80..8F', bytes(0xf0, 0x8f, 0xbf, 0xbf), 'overlong', 1],
    ['surrogate ED A0', bytes(0xed, 0xa0, 0x80), 'surrogate', 1],
    ['surrogate ED BF', bytes(0xed, 0xbf, 0xbf), 'surrogate', 1],
    ['above U+10FFFF: F4 90', bytes(0xf4, 0x90, 0x80, 0x80), 'too-large', 1],
    ['truncated 3-byte', bytes(0x61, 0xe2, 0x82), 'truncated', 1],
    ['truncated 4-byte', bytes(0xf0, 0x9f, 0x8c), 'truncated', 0],
  ];
  it.each(cases)('%s', (_name, b, kind, index) => {
    const err = findUtf8Error(b);
    expect(err).toMatchObject({ kind, index });
    expect(err!.message).toMatch(/0x[0-9A-F]{2}/);
  });

  it('fails at the first byte no valid text could contain (same byte as the WHATWG decoder)', () => {
    fc.assert(
      fc.property(utf8ish, (a) => {
        const b = Uint8Array.from(a);
        const err = findUtf8Error(b);
        const oracle = whatwgFirstError(b);
        if (oracle === undefined) expect(err).toBeUndefined();
        else if (oracle === 'truncated') expect(err?.kind).toBe('truncated');
        else expect(err?.index).toBe(oracle);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('Utf8Validator (streaming)', PROPERTY_TESTS, () => {
  it('fails on the byte that proves the error, even when its lead came in an earlier piece', () => {
    const v = new Utf8Validator();
    expect(v.write(bytes(0x48, 0xed))).toBe(-1);
    expect(v.pending).toBe(1);
    expect(v.complete).toBe(false);
    expect(v.write(bytes(0xa0, 0x80))).toBe(0);
    expect(v.error?.kind).toBe('surrogate');
    // Stays failed; the first error is kept.
    expect(v.write(bytes(0xff))).toBe(-1);
    expect(v.error?.kind).toBe('surrogate');
  });

  it('reports a character left unfinished at the end', () => {
    const v = new Utf8Validator();
    v.write(bytes(0xf0, 0x9f));
    v.write(bytes(0x8c));
    expect(v.end()).toMatchObject({ kind: 'truncated', lead: 0xf0, seen: 3, missing: 1 });
  });

  it('honours start and end, and can be reset', () => {
    const v = new Utf8Validator();
    expect(v.write(bytes(0xff, 0x41, 0x42, 0xff), 1, 3)).toBe(-1);
    expect(v.end()).toBeUndefined();
    v.write(bytes(0xc0));
    expect(v.error).toBeDefined();
    v.reset();
    expect(v.error).toBeUndefined();
    expect(v.write(enc('ok'))).toBe(-1);
    expect(v.complete).toBe(true);
  });

  it('gives the same verdict and failing position for any split of the input into pieces', () => {
    fc.assert(
      fc.property(utf8ish, fc.array(fc.nat(), { maxLength: 6 }), (a, rawCuts) => {
        const b = Uint8Array.from(a);
        const cuts = [...new Set(rawCuts.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
        const v = new Utf8Validator();
        let from = 0;
        let failedAt = -1;
        for (const to of [...cuts, b.length]) {
          const r = v.write(b.subarray(from, to));
          if (r >= 0 && failedAt < 0) failedAt = from + r;
          from = to;
        }
        const whole = findUtf8Error(b);
        if (whole === undefined) expect(failedAt === -1 && v.end() === undefined).toBe(true);
        else if (whole.kind === 'truncated') expect(v.end()?.kind).toBe('truncated');
        else expect(failedAt).toBe(whole.index);
      }),
      { numRuns: 3000 },
    );
  });
});
