import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandAt, linearScale, niceCeil, niceStep, ticks } from '../../../../src/widgets/shared/plot/scale';
import { arrowHead, layoutSequence, SEQ, wrapLabel } from '../../../../src/widgets/shared/plot/sequence-layout';

describe('linear scale', () => {
  it('maps the domain onto the range and back', () => {
    const s = linearScale([0, 10], [40, 240]);
    expect(s(0)).toBe(40);
    expect(s(5)).toBe(140);
    expect(s(10)).toBe(240);
    expect(s.invert(140)).toBe(5);
  });
  it('maps a zero-width domain to the start of the range instead of dividing by zero', () => {
    const s = linearScale([3, 3], [0, 100]);
    expect(s(3)).toBe(0);
    expect(s.invert(50)).toBe(3);
  });
  it('inverts what it maps (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (d0, span, v) => {
          const s = linearScale([d0, d0 + span], [0, 500]);
          expect(s.invert(s(v))).toBeCloseTo(v, 6);
        },
      ),
    );
  });
});

describe('ticks', () => {
  it('uses steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(0.3, 3)).toBe(0.1);
    expect(niceStep(0, 5)).toBe(1);
  });
  it('lists ticks inside [min, max] without floating-point noise', () => {
    expect(ticks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(ticks(1, 29, 6, { integer: true })).toEqual([5, 10, 15, 20, 25]);
    expect(ticks(5, 5, 4)).toEqual([5]);
    expect(ticks(5, 1, 4)).toEqual([]);
  });
  it('rounds a maximum up to a nice number', () => {
    expect(niceCeil(87)).toBe(100);
    expect(niceCeil(0.2)).toBe(1);
    expect(niceCeil(1234)).toBe(1500);
  });
  it('finds the band under a pixel', () => {
    expect(bandAt(0, 0, 100, 10)).toBe(0);
    expect(bandAt(99.9, 0, 100, 10)).toBe(9);
    expect(bandAt(100, 0, 100, 10)).toBeUndefined();
    expect(bandAt(-1, 0, 100, 10)).toBeUndefined();
    expect(bandAt(5, 0, 100, 0)).toBeUndefined();
  });
});

describe('sequence diagram layout', () => {
  const rows = [
    { from: 'left' as const, label: '[S] seq 0', leftState: 'SYN-SENT', rightState: 'SYN-RECEIVED' },
    { from: 'right' as const, label: '[S.] seq 0 ack 1', leftState: 'ESTABLISHED', rightState: 'SYN-RECEIVED' },
    { from: 'left' as const, label: '[.] ack 1', leftState: 'ESTABLISHED', rightState: 'ESTABLISHED', dropped: true },
  ];

  it('draws arrows from the sender lifeline to the receiver, going down, rows in order', () => {
    const l = layoutSequence(rows, { width: 400 });
    expect(l.leftX).toBe(SEQ.edge);
    expect(l.rightX).toBe(400 - SEQ.edge);
    const [a, b] = l.rows;
    expect(a!.arrow.x1).toBe(l.leftX);
    expect(a!.arrow.x2).toBe(l.rightX);
    expect(a!.arrow.y2).toBeGreaterThan(a!.arrow.y1);
    expect(b!.arrow.x1).toBe(l.rightX);
    expect(b!.arrow.x2).toBe(l.leftX);
    expect(b!.top).toBeGreaterThanOrEqual(a!.bottom);
    expect(l.height).toBeGreaterThan(l.rows[2]!.bottom);
  });

  it('stops a dropped arrow part-way, with a cross and no arrowhead', () => {
    const l = layoutSequence(rows, { width: 400 });
    const c = l.rows[2]!;
    expect(c.head).toBeUndefined();
    expect(c.lostAt).toBeDefined();
    expect(c.arrow.x2).toBeLessThan(l.rightX);
    expect(c.arrow.x2).toBeGreaterThan(l.leftX);
  });

  it('writes a state only where it changes', () => {
    const l = layoutSequence(rows, { width: 400 });
    expect(l.rows[0]!.states.left?.text).toBe('SYN-SENT');
    expect(l.rows[0]!.states.right?.text).toBe('SYN-RECEIVED');
    expect(l.rows[1]!.states.left?.text).toBe('ESTABLISHED');
    expect(l.rows[1]!.states.right).toBeUndefined();
    expect(l.rows[2]!.states.left).toBeUndefined();
    expect(l.rows[2]!.states.right?.text).toBe('ESTABLISHED');
  });

  it('keeps the same height at any width, so measuring the width never moves the page', () => {
    const long = [
      ...rows,
      { from: 'left' as const, label: '[P.] seq 123456789:123457189 ack 987654321 len 400 and more words' },
    ];
    const heights = [240, 330, 560, 1200].map((w) => layoutSequence(long, { width: w }).height);
    expect(new Set(heights).size).toBe(1);
  });

  it('draws timer bars (TIME-WAIT) from their row down to a footer line', () => {
    const l = layoutSequence(rows, { width: 400, footers: [{ lane: 'left', afterRow: 1, text: 'TIME-WAIT 60 s' }] });
    expect(l.bars).toHaveLength(1);
    const bar = l.bars[0]!;
    expect(bar.x).toBe(l.leftX);
    expect(bar.y1).toBe(l.rows[1]!.arrow.y2);
    expect(bar.y2).toBeGreaterThan(l.rows[2]!.bottom - 1);
    expect(bar.label.y).toBeLessThan(l.height);
  });

  it('ignores a footer for a row that does not exist', () => {
    expect(layoutSequence(rows, { width: 400, footers: [{ lane: 'right', afterRow: 9, text: 'x' }] }).bars).toEqual([]);
  });

  it('wraps long labels at spaces', () => {
    expect(wrapLabel('aaaa bbbb cccc', 4 * 12 * 0.6 + 1, 12)).toEqual(['aaaa', 'bbbb', 'cccc']);
    expect(wrapLabel('one', 10, 12)).toEqual(['one']);
    expect(wrapLabel('', 100, 12)).toEqual(['']);
  });

  it('points arrowheads along the arrow', () => {
    const [tip, a, b] = arrowHead(0, 0, 100, 0).split(' ');
    expect(tip).toBe('100,0');
    expect(Number(a!.split(',')[0])).toBeLessThan(100);
    expect(Number(b!.split(',')[0])).toBeLessThan(100);
  });
});

describe('label placement', () => {
  it('puts crowded labels on further rows and leaves out what does not fit', async () => {
    const { placeLabels, clampCentre } = await import('../../../../src/widgets/shared/plot/labels');
    expect(
      placeLabels(
        [
          { x: 50, width: 40 },
          { x: 60, width: 40 },
          { x: 200, width: 40 },
          { x: 55, width: 40 },
        ],
        2,
      ),
    ).toEqual([0, 1, 0, -1]);
    expect(
      placeLabels(
        [
          { x: 0, width: 40 },
          { x: 30, width: 20 },
        ],
        1,
        4,
        { min: 0, max: 100 },
      ),
    ).toEqual([0, -1]);
    expect(placeLabels([], 3)).toEqual([]);
    expect(clampCentre(5, 40, 0, 100)).toBe(20);
    expect(clampCentre(99, 40, 0, 100)).toBe(80);
    expect(clampCentre(50, 40, 0, 100)).toBe(50);
  });
});
