/**
 * The lesson "Windows and congestion": CUBIC's and the bandwidth-delay product's answers agree with arithmetic
 * done here from RFC 9438's formulas, independently of the models.
 */
import { describe, expect, it } from 'vitest';
import l4 from '../../src/exercises/lessons/windows-and-congestion';
import { resolveVariant } from '../../src/exercises/variant';
import type { ValueVariant } from '../../src/exercises/types';

const SEEDS = Array.from({ length: 40 }, (_, i) => (i * 2654435761 + 17) >>> 0);
const value = (def: Parameters<typeof resolveVariant>[0], seed: number) => resolveVariant(def, seed) as ValueVariant;
const num = (text: string, re: RegExp) => Number(re.exec(text)![1]!.replace(/,/g, ''));

describe('windows-and-congestion answers', () => {
  it('cubic-ssthresh: 0.7 × FlightSize (RFC 9438 §4.6)', () => {
    for (const seed of SEEDS) {
      const v = value(l4['cubic-ssthresh'], seed);
      expect(v.answer.value).toBeCloseTo(0.7 * num(v.prompt, /has ([\d,]+) bytes in flight/), 6);
    }
  });
  it('cubic-k: ∛(W_max × 0.3 / 0.4) seconds (RFC 9438 §4.2)', () => {
    for (const seed of SEEDS) {
      const v = value(l4['cubic-k'], seed);
      const wMax = num(v.prompt, /window was ([\d,]+) segments/);
      expect(v.answer.value).toBeCloseTo(Math.cbrt((wMax * 0.3) / 0.4), 2);
    }
  });
  it('bdp-buffer: Mbit/s × 10^6 × RTT / 1000 / 8 bytes', () => {
    for (const seed of SEEDS) {
      const v = value(l4['bdp-buffer'], seed);
      const rate = num(v.prompt, /carries (\d+) Mbit\/s/);
      const rtt = num(v.prompt, /round-trip time is (\d+) ms/);
      expect(v.answer.value).toBe((rate * 1e6 * rtt) / 1000 / 8);
    }
  });
});
