import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TcpStream, type StreamEvent } from '../../../src/protocol/capture/reassembly';
import { concatBytes } from '../../../src/protocol/bytes';

const seed = Date.now() ^ (Math.random() * 0x7fffffff);

function collect(events: StreamEvent[], into: Uint8Array[], gaps: number[]): void {
  for (const e of events) {
    if (e.kind === 'data') into.push(e.bytes);
    else gaps.push(e.length);
  }
}

describe('TcpStream', () => {
  it('any segmentation, reordering or duplication reassembles to the same bytes', () => {
    console.log(`reassembly property seed ${seed}`);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 600 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.boolean(),
        (data, isn, sizes, swaps, dups, withSyn) => {
          const segs: Array<{ seq: number; payload: Uint8Array }> = [];
          let at = 0;
          let k = 0;
          while (at < data.length) {
            const n = Math.min(sizes[k++ % sizes.length]!, data.length - at);
            segs.push({ seq: (isn + 1 + at) >>> 0, payload: data.subarray(at, at + n) });
            at += n;
          }
          // Duplicates, possibly re-cut so they overlap the originals.
          for (const d of dups) {
            const s = segs[d % segs.length]!;
            const cut = d % (s.payload.length + 1);
            segs.push({ seq: (s.seq + cut) >>> 0, payload: s.payload.subarray(cut) });
          }
          // The first segment stays first when there is no SYN: it fixes where the stream starts.
          const from = withSyn ? 0 : 1;
          for (let i = 0; i + 1 < swaps.length; i += 2) {
            if (segs.length - from < 2) break;
            const a = from + (swaps[i]! % (segs.length - from));
            const b = from + (swaps[i + 1]! % (segs.length - from));
            [segs[a], segs[b]] = [segs[b]!, segs[a]!];
          }
          const stream = new TcpStream();
          const got: Uint8Array[] = [];
          const gaps: number[] = [];
          if (withSyn)
            collect(
              stream.push({ seq: isn, syn: true, fin: false, rst: false, payload: new Uint8Array(0), packet: 0 }),
              got,
              gaps,
            );
          segs.forEach((s, i) =>
            collect(stream.push({ ...s, syn: false, fin: false, rst: false, packet: i + 1 }), got, gaps),
          );
          collect(stream.flush(), got, gaps);
          expect(gaps).toEqual([]);
          expect(concatBytes(got)).toEqual(data);
          expect(stream.stats.bytes).toBe(data.length);
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('wraps around 2^32', () => {
    const s = new TcpStream();
    const ev = [
      ...s.push({ seq: 0xfffffffe, syn: true, fin: false, rst: false, payload: new Uint8Array(0), packet: 1 }),
      ...s.push({ seq: 2, syn: false, fin: false, rst: false, payload: Uint8Array.of(4, 5), packet: 3 }),
      ...s.push({ seq: 0xffffffff, syn: false, fin: false, rst: false, payload: Uint8Array.of(1, 2, 3), packet: 2 }),
    ];
    expect(ev.map((e) => (e.kind === 'data' ? [...e.bytes] : e.length))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(s.stats.outOfOrder).toBe(1);
  });

  it('reports a gap with its size and goes on after it', () => {
    const s = new TcpStream();
    s.push({ seq: 100, syn: true, fin: false, rst: false, payload: new Uint8Array(0), packet: 1 });
    const a = s.push({ seq: 101, syn: false, fin: false, rst: false, payload: new Uint8Array(10), packet: 2 });
    const b = s.push({ seq: 121, syn: false, fin: false, rst: false, payload: Uint8Array.of(9), packet: 3 });
    expect(a).toHaveLength(1);
    expect(b).toEqual([]);
    // The receiver acknowledges past the hole; the sender's next segment does not fill it: a gap.
    s.acknowledge(122);
    const c = s.push({ seq: 122, syn: false, fin: false, rst: false, payload: Uint8Array.of(8), packet: 5 });
    expect(c).toEqual([
      { kind: 'gap', offset: 10, length: 10, packet: 5, reason: 'lost' },
      { kind: 'data', offset: 20, bytes: Uint8Array.of(9), packet: 3 },
      { kind: 'data', offset: 21, bytes: Uint8Array.of(8), packet: 5 },
    ]);
    expect(s.stats).toMatchObject({ gaps: 1, gapBytes: 10, syn: 1 });
  });

  it('turns bytes cut by the snap length into a gap at once', () => {
    const s = new TcpStream();
    const ev = s.push({
      seq: 1,
      syn: false,
      fin: false,
      rst: false,
      payload: Uint8Array.of(1, 2),
      missing: 5,
      packet: 1,
    });
    const next = s.push({ seq: 8, syn: false, fin: false, rst: false, payload: Uint8Array.of(3), packet: 2 });
    expect(ev.map((e) => e.kind)).toEqual(['data', 'gap']);
    expect(next).toEqual([{ kind: 'data', offset: 7, bytes: Uint8Array.of(3), packet: 2 }]);
  });

  it('an ACK seen before the data it covers is not a gap when the data follows', () => {
    const s = new TcpStream();
    s.push({ seq: 1, syn: false, fin: false, rst: false, payload: Uint8Array.of(1), packet: 1 });
    s.push({ seq: 3, syn: false, fin: false, rst: false, payload: Uint8Array.of(3), packet: 2 });
    s.acknowledge(4);
    const ev = s.push({ seq: 2, syn: false, fin: false, rst: false, payload: Uint8Array.of(2), packet: 3 });
    expect(ev.map((e) => e.kind)).toEqual(['data', 'data']);
    expect(s.stats.gaps).toBe(0);
  });

  it('counts a retransmission and does not deliver it twice', () => {
    const s = new TcpStream();
    s.push({ seq: 1, syn: false, fin: false, rst: false, payload: Uint8Array.of(1, 2, 3), packet: 1 });
    expect(s.push({ seq: 1, syn: false, fin: false, rst: false, payload: Uint8Array.of(1, 2, 3), packet: 2 })).toEqual(
      [],
    );
    expect(s.stats.retransmissions).toBe(1);
  });
});
