/**
 * Replays every vector in ./vectors/*.md through `createDecoder` at every split point (as llhttp's
 * tests do): one chunk, every 2-chunk split, every 3-chunk split for short inputs, and byte by byte.
 * Each replay must print exactly the vector's `expect` block. For the 64 KiB vector the 2-chunk
 * splits are every point in the first and last 64 bytes and every 257th in between (each replay
 * copies and renders 64 KiB, about 1 ms; all 65 546 would add a minute and reach no new code path).
 */
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../../../src/protocol/websocket/decoder';
import { renderResult, replay, streamOptions, VECTORS } from './vector-format';

function splitPoints(n: number): number[] {
  if (n <= 4096) return Array.from({ length: Math.max(0, n - 1) }, (_, i) => i + 1);
  const points = new Set<number>();
  for (let i = 1; i < 64; i++) {
    points.add(i);
    points.add(n - i);
  }
  for (let i = 64; i < n - 64; i += 257) points.add(i);
  return [...points].sort((a, b) => a - b);
}

describe('vector files', () => {
  it('contain vectors, each with a title, a source and expectations', () => {
    expect(VECTORS.length).toBeGreaterThan(40);
    for (const v of VECTORS) {
      expect(v.title, v.file).not.toBe('');
      expect(v.source, `${v.file}: ${v.title}`).not.toBe('');
      expect(v.expect.length, `${v.file}: ${v.title}`).toBeGreaterThan(0);
    }
  });
});

describe.each(VECTORS.map((v) => [`${v.file}: ${v.title}`, v] as const))('%s', (_name, v) => {
  it('decodes in one piece, with decodeFrames and with createDecoder', () => {
    expect(replay(v.input, [], streamOptions(v))).toEqual(v.expect);
    const r = decodeFrames(v.input, v.options);
    const failed = v.expect.includes('stopped');
    expect(renderResult(r, failed)).toEqual(v.expect);
  });

  it('decodes identically at every split point', () => {
    const opts = streamOptions(v);
    for (const k of splitPoints(v.input.length)) {
      const got = replay(v.input, [k], opts);
      if (got.join('\n') !== v.expect.join('\n')) expect({ split: k, got }).toEqual({ split: k, got: v.expect });
    }
  });

  it('decodes identically byte by byte', () => {
    const cuts = Array.from({ length: Math.max(0, v.input.length - 1) }, (_, i) => i + 1);
    expect(replay(v.input, cuts, streamOptions(v))).toEqual(v.expect);
  });

  it.runIf(v.input.length <= 48)('decodes identically at every pair of split points', () => {
    const opts = streamOptions(v);
    for (let a = 1; a < v.input.length; a++) {
      for (let b = a; b < v.input.length; b++) {
        const got = replay(v.input, [a, b], opts);
        if (got.join('\n') !== v.expect.join('\n'))
          expect({ split: [a, b], got }).toEqual({ split: [a, b], got: v.expect });
      }
    }
  });

  it('decodes identically with zeroCopy, and without it leaves the input untouched', () => {
    const before = v.input.slice();
    replay(v.input, [], streamOptions(v));
    decodeFrames(v.input, v.options);
    expect(v.input).toEqual(before);
    // zeroCopy unmasks in place, so give it its own copy at each split.
    for (const k of [0, ...splitPoints(v.input.length).filter((_, i) => i % 7 === 0)]) {
      expect(replay(v.input.slice(), k === 0 ? [] : [k], streamOptions(v, true))).toEqual(v.expect);
    }
  });
});
