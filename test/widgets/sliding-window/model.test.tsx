import { describe, expect, it } from 'vitest';
import { simulateSlidingWindow } from '../../../src/protocol';
import { linearScale } from '../../../src/widgets/shared/plot/scale';
import {
  byteDomain,
  DEFAULT_FORM,
  formToParams,
  receiverRects,
  runSlidingWindow,
  senderRects,
  tickSummary,
  windowSeries,
} from '../../../src/widgets/sliding-window/model';

describe('sliding-window view', () => {
  it('turns the default form into the model’s parameters', () => {
    expect(formToParams(DEFAULT_FORM)).toEqual({
      params: {
        totalBytes: 20000,
        receiveBuffer: 8000,
        readRate: 1000,
        mss: 1000,
        ticks: 40,
        readPauses: [{ from: 4, to: 16 }],
        sillyWindowAvoidance: false,
        dropWindowUpdates: false,
      },
      errors: [],
    });
  });

  it('leaves the pause out when both ends are empty, and asks for the other end when one is', () => {
    expect(formToParams({ ...DEFAULT_FORM, pauseFrom: '', pauseTo: '' }).params.readPauses).toBeUndefined();
    expect(formToParams({ ...DEFAULT_FORM, pauseTo: '' }).errors).toEqual([
      {
        field: 'readPauses[0].to',
        value: undefined,
        message: 'Give both ticks of the pause, or leave both empty for no pause.',
      },
    ]);
  });

  it('passes bad values on to the model and returns its messages', () => {
    const r = runSlidingWindow({ ...DEFAULT_FORM, receiveBuffer: '0', pauseFrom: '9', pauseTo: '3' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.field)).toEqual(['receiveBuffer', 'readPauses[0]']);
      expect(r.errors[0]!.message).toBe('receiveBuffer must be at least 1, got 0.');
    }
  });

  it('places the sender’s parts end to end, covering the written bytes', () => {
    const r = simulateSlidingWindow({ readPauses: [{ from: 4, to: 16 }] });
    if (!r.ok) throw new Error('run');
    const x = linearScale([0, byteDomain(r.value)], [0, 1000]);
    for (const t of r.value.ticks) {
      const parts = senderRects(t.sender, r.value.totalBytes, x);
      const covered = parts.filter((p) => p.part !== 'unwritten').reduce((n, p) => n + (p.to - p.from), 0);
      expect(covered).toBe(t.sender.written);
      for (let i = 1; i < parts.length; i++) expect(parts[i]!.from).toBeGreaterThanOrEqual(parts[i - 1]!.to);
      const recv = receiverRects(t.receiver, x);
      expect(recv.find((p) => p.part === 'buffered')?.to ?? t.receiver.received).toBe(t.receiver.received);
    }
  });

  it('widens the axis when a window reaches past the end of the stream', () => {
    const r = simulateSlidingWindow({ readPauses: [{ from: 4, to: 16 }] });
    if (!r.ok) throw new Error('run');
    expect(byteDomain(r.value)).toBeGreaterThan(r.value.totalBytes);
  });

  it('marks zero-window ticks and probes per tick', () => {
    const r = simulateSlidingWindow({ readPauses: [{ from: 4, to: 16 }] });
    if (!r.ok) throw new Error('run');
    const s = windowSeries(r.value);
    expect(s.filter((x) => x.zero)).toHaveLength(r.value.zeroWindowTicks);
    expect(s.filter((x) => x.probe)).toHaveLength(r.value.probesSent);
    expect(tickSummary(r.value.ticks[8]!)).toMatch(/window 0 \(zero window\)/);
  });
});
