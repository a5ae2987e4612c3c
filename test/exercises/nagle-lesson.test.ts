/**
 * The lesson "Nagle and delayed ACK": answers agree with arithmetic done here, and with what was measured on the
 * machine the lesson was checked on (strace of setsockopt: Go, Node's http, Python's asyncio set TCP_NODELAY).
 */
import { describe, expect, it } from 'vitest';
import l5 from '../../src/exercises/lessons/nagle-and-delayed-ack';
import { resolveVariant } from '../../src/exercises/variant';
import type { ValueVariant } from '../../src/exercises/types';

const SEEDS = Array.from({ length: 60 }, (_, i) => (i * 2654435761 + 17) >>> 0);
const value = (def: Parameters<typeof resolveVariant>[0], seed: number) => resolveVariant(def, seed) as ValueVariant;

// Written out here, independently of the data module: who sets TCP_NODELAY by default.
const NAGLE_OFF = ['Chromium', 'Go’s `net` package', 'Python’s `asyncio` streams', 'Node.js `http.request()`'];
const NAGLE_ON = ['Node.js `net.connect()`', 'Python’s `socket` module'];

describe('nodelay-default', () => {
  it('one round trip without Nagle; with it, the body waits for the 40 ms delayed ACK: 2 RTT + 40 ms', () => {
    const seen = new Set<string>();
    for (const seed of SEEDS) {
      const v = value(l5['nodelay-default'], seed);
      const client = /written with (.+?) keeps/.exec(v.prompt)![1]!;
      const rtt = Number(/round trip is (\d+) ms/.exec(v.prompt)![1]);
      seen.add(client);
      if (NAGLE_OFF.includes(client)) expect(v.answer.value).toBeCloseTo(rtt, 1);
      else if (NAGLE_ON.includes(client)) expect(v.answer.value).toBeCloseTo(2 * rtt + 40, 1);
      else throw new Error(`unexpected client ${client}`);
    }
    expect(seen.size).toBeGreaterThan(3);
  });
});

describe('small-write-bytes', () => {
  it('asks for the frame length tcpdump -e prints: 14 + 20 + 20 + options + payload', () => {
    for (const seed of SEEDS) {
      const v = value(l5['small-write-bytes'], seed);
      expect(v.prompt).toContain('tcpdump -e');
      const payload = Number(/writes (\d+) byte/.exec(v.prompt)![1]);
      const options = v.prompt.includes('timestamps option') ? 12 : 0;
      expect(v.answer.value).toBe(14 + 20 + 20 + options + payload);
    }
  });
});
