import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maySendSmall } from '../../../src/protocol/tcp/minshall';

describe('Nagle and Minshall', () => {
  it('the tail of a bulk write behind full segments: Nagle holds it, Minshall sends it', () => {
    expect(maySendSmall('nagle', 300, 1460, [1460, 1460])).toBe(false);
    expect(maySendSmall('minshall', 300, 1460, [1460, 1460])).toBe(true);
  });
  it('a second small write while the first is unacknowledged: both hold it', () => {
    expect(maySendSmall('nagle', 10, 1460, [10])).toBe(false);
    expect(maySendSmall('minshall', 10, 1460, [10])).toBe(false);
  });
  it('full segments and an idle connection always send', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('nagle' as const, 'minshall' as const),
        fc.integer({ min: 1, max: 9000 }),
        (rule, mss) => {
          expect(maySendSmall(rule, mss, mss, [1, 2, 3])).toBe(true);
          expect(maySendSmall(rule, 1, mss, [])).toBe(true);
        },
      ),
    );
  });
  it('Minshall never holds what Nagle sends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 6 }),
        (size, flight) => {
          if (maySendSmall('nagle', size, 1460, flight))
            expect(maySendSmall('minshall', size, 1460, flight)).toBe(true);
        },
      ),
    );
  });
});
