/**
 * Checks of the lessons "Sockets and layers" and "Opening a TCP connection" and "Closing and resetting TCP connections" beyond the generic ones in lessons.test.ts: the
 * generated tcpdump lines are read back by the parser without errors, and a few answers agree with arithmetic done
 * here independently of the models.
 */
import { describe, expect, it } from 'vitest';
import l2 from '../../src/exercises/lessons/sockets-and-layers';
import l3 from '../../src/exercises/lessons/tcp-handshakes';
import l4 from '../../src/exercises/lessons/tcp-closing';
import { resolveVariant } from '../../src/exercises/variant';
import { tcpdumpLine } from '../../src/exercises/tcp-lines';
import { parseTcpdump } from '../../src/protocol/tcp';
import type { ValueVariant } from '../../src/exercises/types';

const SEEDS = Array.from({ length: 60 }, (_, i) => (i * 2654435761 + 17) >>> 0);

function value(def: Parameters<typeof resolveVariant>[0], seed: number): ValueVariant {
  return resolveVariant(def, seed) as ValueVariant;
}

describe('generated tcpdump lines', () => {
  it('wrap seq a:b modulo 2^32 as tcpdump prints it', () => {
    const line = tcpdumpLine(
      { from: 'client', flags: ['PSH', 'ACK'], seq: 4294967290, ack: 1, length: 10 },
      { client: '10.0.0.2.40000', server: '10.0.0.1.80' },
    );
    expect(line).toBe('IP 10.0.0.2.40000 > 10.0.0.1.80: Flags [P.], seq 4294967290:4, ack 1, win 502, length 10');
    expect(
      tcpdumpLine({ from: 'server', flags: ['ACK'], seq: 5, ack: 9, length: 0 }, { client: 'a.1', server: 'b.2' }),
    ).not.toContain('seq');
  });

  it('every figure of a tcpdump exercise parses without errors', () => {
    for (const [lesson, ids] of [
      [l2, ['count-connections']],
      [l3, ['handshake-ack', 'relative-seq', 'next-seq']],
    ] as const) {
      for (const id of ids) {
        for (const seed of SEEDS) {
          const v = value((lesson as Record<string, Parameters<typeof resolveVariant>[0]>)[id]!, seed);
          const parsed = parseTcpdump(v.figure ?? '');
          expect(parsed.errors, `${id} seed ${seed}`).toEqual([]);
          expect(parsed.segments.length).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('answers agree with independent arithmetic', () => {
  it('handshake-ack: the server’s ISN + 1, modulo 2^32', () => {
    for (const seed of SEEDS) {
      const v = value(l3['handshake-ack'], seed);
      const synAck = parseTcpdump(v.figure ?? '').segments[1]!;
      expect(v.answer.value).toBe((synAck.seq! + 1) % 2 ** 32);
    }
  });

  it('next-seq: seq + data + SYN + FIN, modulo 2^32', () => {
    for (const seed of SEEDS) {
      const v = value(l3['next-seq'], seed);
      const s = parseTcpdump(v.figure ?? '').segments[0]!;
      const extra = (s.flags.includes('SYN') ? 1 : 0) + (s.flags.includes('FIN') ? 1 : 0);
      expect(v.answer.value).toBe((s.seq! + s.length + extra) % 2 ** 32);
    }
  });

  it('frame-bytes: 14 + 20 + 20 + options + payload', () => {
    for (const seed of SEEDS) {
      const v = value(l2['frame-bytes'], seed);
      const payload = Number(/: ([\d,]+) bytes?\./.exec(v.prompt)![1]!.replace(/,/g, ''));
      const options = v.prompt.includes('timestamp option') ? 12 : 0;
      expect(v.answer.value).toBe(14 + 20 + 20 + options + payload);
    }
  });

  it('reuseport-worker: the top 32 bits of hash × n (BigInt), never hash mod n when they differ', () => {
    for (const seed of SEEDS) {
      const v = value(l3['reuseport-worker'], seed);
      const n = Number(/On Linux, (\d+) worker/.exec(v.prompt)![1]);
      const hash = parseInt(/is 0x([0-9a-f]{8})/.exec(v.prompt)![1]!, 16);
      expect(v.answer.value).toBe(Number((BigInt(hash) * BigInt(n)) >> 32n));
    }
  });

  it('keepalive-dead: Node’s setKeepAlive adds 10 probes 1 s apart after its idle time', () => {
    let nodeSeen = 0;
    for (const seed of SEEDS) {
      const v = value(l4['keepalive-dead'], seed);
      const m = /setKeepAlive\(true, (\d+)\)/.exec(v.prompt);
      if (!m) continue;
      nodeSeen++;
      expect(v.answer.value).toBe(Number(m[1]) / 1000 + 10 * 1);
    }
    expect(nodeSeen).toBeGreaterThan(0);
  });
});
