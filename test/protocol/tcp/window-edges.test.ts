import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { windowEdges } from '../../../src/protocol/tcp/window-edges';

describe('the send window’s edges (RFC 9293 §3.3.1)', () => {
  it('2 segments acknowledged, 3 in flight, 3 usable, 2 waiting (MSS 1,460)', () => {
    expect(windowEdges({ una: 2921, nxt: 7301, wnd: 8760, writtenEnd: 14_601 })).toEqual({
      ok: true,
      value: { acknowledged: 2920, inFlight: 4380, usable: 4380, waiting: 2920, rightEdge: 11_681 },
    });
  });
  it('a zero window leaves nothing usable', () => {
    const r = windowEdges({ una: 101, nxt: 101, wnd: 0, writtenEnd: 501 });
    expect(r.ok && r.value).toMatchObject({ usable: 0, waiting: 400 });
  });
  it('names the broken order instead of computing nonsense', () => {
    const r = windowEdges({ una: 50, nxt: 10, wnd: 10, writtenEnd: 100 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/SND.UNA ≤ SND.NXT/);
  });
  it('the four parts always add up to what was written', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), fc.nat(1e6), fc.nat(1e6), (a, b, w, c) => {
        const una = 1 + a;
        const nxt = una + b;
        const r = windowEdges({ una, nxt, wnd: w, writtenEnd: nxt + c });
        expect(r.ok).toBe(true);
        if (r.ok) {
          const v = r.value;
          expect(v.acknowledged + v.inFlight + v.usable + v.waiting).toBe(nxt + c - 1);
        }
      }),
    );
  });
});
