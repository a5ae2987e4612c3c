/**
 * The lessons "Receive windows" and "Congestion control": CUBIC's and the bandwidth-delay product's answers agree with arithmetic
 * done here from RFC 9438's formulas, independently of the models.
 */
import { describe, expect, it } from 'vitest';
import rw, { SLIDING_WINDOW_LESSON } from '../../src/exercises/lessons/receive-windows';
import cc, { CONGESTION_LESSON } from '../../src/exercises/lessons/congestion-control';
import { DEFAULT_CC_FORM, formToParams as ccParams } from '../../src/widgets/congestion/model';
import { DEFAULT_FORM, formToParams } from '../../src/widgets/sliding-window/model';
import { resolveVariant } from '../../src/exercises/variant';
import type { ValueVariant } from '../../src/exercises/types';

const SEEDS = Array.from({ length: 40 }, (_, i) => (i * 2654435761 + 17) >>> 0);
const value = (def: Parameters<typeof resolveVariant>[0], seed: number) => resolveVariant(def, seed) as ValueVariant;
const num = (text: string, re: RegExp) => Number(re.exec(text)![1]!.replace(/,/g, ''));

describe('receive-windows and congestion-control answers', () => {
  it('plot-cwnd: asks about the run the congestion simulator starts with', () => {
    expect(ccParams(DEFAULT_CC_FORM)).toEqual(CONGESTION_LESSON);
    // Round 7: 44 segments (64,240 bytes) in flight; ssthresh = 32,120; cwnd = 32,120 + 3 × 1,460.
    expect(value(cc['plot-cwnd'], 0).answer.value).toBe(32_120 + 3 * 1460);
  });
  it('next-ack: asks about the very run the sliding-window simulator starts with', () => {
    expect(formToParams(DEFAULT_FORM)).toEqual({ params: SLIDING_WINDOW_LESSON, errors: [] });
    // Tick 0 sends 0–7999; tick 1's ACK says 8000, window 1000 (one read); tick 2 sends 8000–8999; tick 3 ACKs 9000.
    expect(value(rw['next-ack'], 0).answer.value).toBe(9000);
  });

  it('cubic-ssthresh: 0.7 × FlightSize (RFC 9438 §4.6)', () => {
    for (const seed of SEEDS) {
      const v = value(cc['cubic-ssthresh'], seed);
      expect(v.answer.value).toBeCloseTo(0.7 * num(v.prompt, /has ([\d,]+) bytes in flight/), 6);
    }
  });
  it('cubic-k: ∛(W_max × 0.3 / 0.4) seconds (RFC 9438 §4.2)', () => {
    for (const seed of SEEDS) {
      const v = value(cc['cubic-k'], seed);
      const wMax = num(v.prompt, /window was ([\d,]+) segments/);
      expect(v.answer.value).toBeCloseTo(Math.cbrt((wMax * 0.3) / 0.4), 2);
    }
  });
  it('bdp-buffer: Mbit/s × 10^6 × RTT / 1000 / 8 bytes', () => {
    for (const seed of SEEDS) {
      const v = value(rw['bdp-buffer'], seed);
      const rate = num(v.prompt, /carries (\d+) Mbit\/s/);
      const rtt = num(v.prompt, /round-trip time is (\d+) ms/);
      expect(v.answer.value).toBe((rate * 1e6 * rtt) / 1000 / 8);
    }
  });

  it('ecn-codepoint: the two lowest bits of the TOS byte (RFC 3168 §5)', () => {
    const names = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'];
    for (const seed of SEEDS) {
      const v = value(cc['ecn-codepoint'], seed);
      const tos = parseInt(/tos 0x([0-9a-f]+)/.exec(v.prompt)![1]!, 16);
      expect(v.answer.value).toBe(names[tos % 4]);
    }
  });
  it('bbr-bdp: largest rate × smallest RTT, in bytes', () => {
    for (const seed of SEEDS) {
      const v = value(cc['bbr-bdp'], seed);
      const rates = [...v.figure!.matchAll(/rate (\d+) Mbit\/s/g)].map((m) => Number(m[1]));
      const rtts = [...v.figure!.matchAll(/RTT (\d+) ms/g)].map((m) => Number(m[1]));
      expect(v.answer.value).toBeCloseTo((Math.max(...rates) * 1e6 * Math.min(...rtts)) / 1000 / 8, 6);
      expect(rates.length).toBeGreaterThan(1);
    }
  });
  it('plot-cwnd: its label names the round its prompt asks about', () => {
    const v = value(cc['plot-cwnd'], 0);
    const asked = /cwnd at the start of round (\d+)/.exec(v.prompt)![1];
    expect(cc['plot-cwnd'].answerLabel).toBe(`cwnd at the start of round ${asked}`);
  });
});
