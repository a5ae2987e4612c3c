import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closestWord, suggestQuery, typoDistance } from '../../src/site/did-you-mean';

// Most frequent first, as scripts/vocabulary.ts writes it.
const WORDS = ['bytes', 'handshake', 'window', 'congestion', 'nagle', 'socket', 'framing', 'hands', 'delayed'];

describe('typoDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(typoDistance('nagel', 'nagle')).toBe(1);
    expect(typoDistance('handshke', 'handshake')).toBe(1);
    expect(typoDistance('kitten', 'sitting')).toBe(3);
    expect(typoDistance('', 'abc')).toBe(3);
  });

  it('stops above the limit', () => {
    expect(typoDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
  });

  it('is symmetric and zero only for equal words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = typoDistance(a, b);
        expect(d).toBe(typoDistance(b, a));
        expect(d === 0).toBe(a === b);
      }),
    );
  });
});

describe('suggestQuery', () => {
  it('corrects each unknown word', () => {
    expect(suggestQuery('handshke', WORDS)).toBe('handshake');
    expect(suggestQuery('congestoin windw', WORDS)).toBe('congestion window');
    expect(suggestQuery('delayd ACK', WORDS)).toBe('delayed ACK');
  });

  it('leaves known words, prefixes, short words and far-off words alone', () => {
    expect(suggestQuery('handshake', WORDS)).toBeUndefined();
    expect(suggestQuery('congest', WORDS)).toBeUndefined();
    expect(suggestQuery('tcp', WORDS)).toBeUndefined();
    expect(suggestQuery('zzzzzz', WORDS)).toBeUndefined();
    expect(suggestQuery('1460', WORDS)).toBeUndefined();
  });

  it('prefers the more frequent of two equally close words', () => {
    expect(closestWord('bands', ['hands', 'bytes', 'bends'])).toBe('hands');
  });
});
