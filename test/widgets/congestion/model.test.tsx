import { describe, expect, it } from 'vitest';
import { simulateReno } from '../../../src/protocol';
import {
  ccFormFromHash,
  ccGeometry,
  ccHashString,
  ccHashValues,
  DEFAULT_CC_FORM,
  formToParams,
  nextFreeRound,
  runReno,
  toggleLossAt,
  yMaxSegments,
} from '../../../src/widgets/congestion/model';

const run = () => {
  const r = runReno(DEFAULT_CC_FORM);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.run;
};

describe('congestion view', () => {
  it('turns the form into the model’s parameters (empty ssthresh = the model’s "arbitrarily high")', () => {
    expect(formToParams(DEFAULT_CC_FORM)).toEqual({
      initialWindowSegments: 'rfc5681',
      mss: 1460,
      rwnd: 65535,
      rttMs: 100,
      rounds: 30,
      losses: [
        { round: 7, kind: 'triple-dup-ack' },
        { round: 18, kind: 'timeout' },
      ],
    });
    expect(formToParams({ ...DEFAULT_CC_FORM, iw: '10' }).initialWindowSegments).toBe(10);
  });

  it('the default setup shows every phase', () => {
    const phases = new Set(run().rounds.map((r) => r.phase));
    expect([...phases].sort()).toEqual(['congestion-avoidance', 'fast-recovery', 'slow-start', 'timeout']);
  });

  it('reports a bad loss row by its index, from the model', () => {
    const r = runReno({
      ...DEFAULT_CC_FORM,
      losses: [
        ...DEFAULT_CC_FORM.losses,
        { key: 9, round: '', kind: 'timeout' },
        { key: 10, round: '40', kind: 'timeout' },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.field)).toEqual(['losses[2].round', 'losses[3].round']);
      expect(r.errors[1]!.message).toBe('losses[3].round must be at most 29, got 40.');
    }
  });

  it('places and removes a loss where the plot is clicked', () => {
    const added = toggleLossAt(DEFAULT_CC_FORM.losses, 3, 'timeout');
    expect(added.map((l) => [l.round, l.kind])).toEqual([
      ['3', 'timeout'],
      ['7', 'triple-dup-ack'],
      ['18', 'timeout'],
    ]);
    expect(new Set(added.map((l) => l.key)).size).toBe(3);
    expect(toggleLossAt(added, 7, 'timeout').map((l) => l.round)).toEqual(['3', '18']);
  });

  it('finds a free round for a new loss', () => {
    expect(nextFreeRound(DEFAULT_CC_FORM.losses, 7, 30)).toBe(8);
    expect(nextFreeRound([{ key: 1, round: '2', kind: 'timeout' }], 2, 3)).toBe(0);
  });

  it('keeps only what differs from the defaults in the link, and reads it back', () => {
    expect(ccHashString(DEFAULT_CC_FORM)).toBe('');
    const form = {
      ...DEFAULT_CC_FORM,
      mss: '536',
      iw: '10' as const,
      losses: [{ key: 1, round: '4', kind: 'timeout' as const }],
    };
    const values = ccHashValues(form);
    expect(values).toMatchObject({ 'cc-mss': '536', 'cc-iw': '10', 'cc-loss': '4t', 'cc-rwnd': undefined });
    const params = Object.fromEntries(new URLSearchParams(ccHashString(form).slice(1)));
    const back = ccFormFromHash(params, DEFAULT_CC_FORM);
    expect(back).toMatchObject({ mss: '536', iw: '10', rwnd: '65535', losses: [{ round: '4', kind: 'timeout' }] });
    expect(ccFormFromHash({ 'cc-loss': 'none' }, DEFAULT_CC_FORM).losses).toEqual([]);
    expect(ccHashValues({ ...DEFAULT_CC_FORM, losses: [] })['cc-loss']).toBe('none');
    expect(ccFormFromHash({ 'cc-iw': 'rfc9999', 'cc-loss': '3x,5d' }, DEFAULT_CC_FORM)).toMatchObject({
      iw: 'rfc5681',
      losses: [{ round: '5', kind: 'triple-dup-ack' }],
    });
  });

  it('scales the plot to hold cwnd and rwnd, one band per round', () => {
    const r = run();
    const g = ccGeometry(r, 600);
    expect(g.bandWidth * r.rounds.length).toBeCloseTo(g.x1 - g.x0, 6);
    const maxCwnd = Math.max(...r.rounds.map((x) => x.cwndSegments));
    expect(g.yMax).toBeGreaterThanOrEqual(maxCwnd);
    expect(g.rwndY).toBeDefined();
    for (const p of g.points) {
      expect(p.y).toBeGreaterThanOrEqual(g.y1);
      expect(p.y).toBeLessThanOrEqual(g.y0);
    }
    expect(g.cwndPath.startsWith('M')).toBe(true);
  });

  it('leaves a far-away rwnd above the plot instead of squashing cwnd', () => {
    const r = simulateReno({ rwnd: 10_000_000, initialSsthresh: 20_000, rounds: 10 });
    if (!r.ok) throw new Error('run');
    expect(yMaxSegments(r.value)).toBeLessThan(100);
    expect(ccGeometry(r.value, 600).rwndY).toBeUndefined();
  });
});
