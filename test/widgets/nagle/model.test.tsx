import { describe, expect, it } from 'vitest';
import { simulateNagle } from '../../../src/protocol';
import {
  combinationParams,
  delayedAckWaits,
  formToParams,
  nagleCombinations,
  presetForm,
  runNagle,
  timelineGeometry,
  TL,
} from '../../../src/widgets/nagle/model';

describe('nagle view', () => {
  it('the write-write-read preset is two writes at 0 ms and an answer', () => {
    expect(formToParams(presetForm('write-write-read'))).toEqual({
      writes: [
        { t: 0, bytes: 200 },
        { t: 0, bytes: 100 },
      ],
      nagle: true,
      delayedAck: true,
      rttMs: 20,
      mss: 1460,
      delayedAckMs: 40,
      response: { bytes: 100 },
    });
  });

  it('summarises the four combinations: the stall only with both on', () => {
    const c = nagleCombinations({ rttMs: 20, delayedAckMs: 40 });
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const at = (nagle: boolean, delayedAck: boolean) =>
      c.rows.find((r) => r.nagle === nagle && r.delayedAck === delayedAck)!;
    expect(c.rows).toHaveLength(4);
    expect(at(true, true).totalMs).toBe(80);
    expect(at(true, true).extraMs).toBe(60);
    expect(at(true, false).totalMs).toBe(40);
    expect(at(false, true).totalMs).toBe(20);
    expect(at(false, false).totalMs).toBe(20);
    expect(at(true, true).why).toMatch(/Each waits for the other/);
    const slowest = Math.max(...c.rows.map((r) => r.totalMs));
    expect(c.rows.filter((r) => r.totalMs === slowest).map((r) => [r.nagle, r.delayedAck])).toEqual([[true, true]]);
  });

  it('returns the model’s message for a delayed-ACK timer above 500 ms', () => {
    const c = nagleCombinations({ delayedAckMs: 600 });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.errors[0]!.message).toMatch(/RFC 1122 §4\.2\.3\.2/);
  });

  it('uses the form’s sizes for the summary only when it is a write-write-read', () => {
    expect(combinationParams(presetForm('write-write-read'))).toEqual({
      rttMs: 20,
      delayedAckMs: 40,
      mss: 1460,
      firstBytes: 200,
      secondBytes: 100,
      responseBytes: 100,
    });
    expect(combinationParams(presetForm('typing'))).toEqual({ rttMs: 40, delayedAckMs: 40, mss: 1460 });
  });

  it('finds the delayed-ACK waits: from the model’s event to the ACK', () => {
    const r = simulateNagle({
      writes: [
        { t: 0, bytes: 200 },
        { t: 0, bytes: 100 },
      ],
      nagle: true,
      delayedAck: true,
      response: { bytes: 100 },
    });
    if (!r.ok) throw new Error('run');
    expect(delayedAckWaits(r.value)).toEqual([
      { side: 'server', from: 10, to: 50 },
      { side: 'client', from: 80, to: 120 },
    ]);
  });

  it('finds the delayed-ACK waits by the events’ kind, whatever their text says', () => {
    const r = simulateNagle({
      writes: [
        { t: 0, bytes: 200 },
        { t: 0, bytes: 100 },
      ],
      nagle: true,
      delayedAck: true,
      response: { bytes: 100 },
    });
    if (!r.ok) throw new Error('run');
    const reworded = { ...r.value, events: r.value.events.map((e) => ({ ...e, text: `(${e.kind}) reworded` })) };
    expect(delayedAckWaits(reworded)).toEqual(delayedAckWaits(r.value));
    const withoutKinds = { ...r.value, events: r.value.events.filter((e) => e.kind !== 'delayed-ack') };
    expect(delayedAckWaits(withoutKinds)).toEqual([]);
  });

  it('lays out segments between the lanes and a Nagle bar for the held write', () => {
    const r = runNagle(presetForm('write-write-read'));
    if (!r.ok) throw new Error('run');
    const g = timelineGeometry(r.run, 600);
    expect(g.end).toBeGreaterThanOrEqual(130);
    for (const s of g.segments) {
      expect([TL.clientY, TL.serverY]).toContain(s.y1);
      expect(s.x2).toBeGreaterThanOrEqual(s.x1);
    }
    const held = g.bars.filter((b) => b.kind === 'nagle');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ from: 0, to: 60, text: 'w2 held by Nagle for 60 ms' });
    expect(g.writes).toEqual([expect.objectContaining({ text: 'w1+w2' })]);
  });

  it('leaves out labels that cannot fit instead of overlapping them', () => {
    const r = runNagle({ ...presetForm('typing'), nagle: false });
    if (!r.ok) throw new Error('run');
    const g = timelineGeometry(r.run, 260);
    const placed = g.segments.filter((s) => s.label).map((s) => s.label!);
    for (const a of placed)
      for (const b of placed) {
        if (a === b || a.y !== b.y) continue;
        expect(Math.abs(a.x - b.x)).toBeGreaterThan(10);
      }
  });

  it('passes empty fields on as NaN so the model names them', () => {
    const r = runNagle({ ...presetForm('write-write-read'), writes: [{ key: 1, t: '', bytes: '5' }] });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatchObject({
        field: 'writes[0].t',
        message: 'writes[0].t must be a finite number, got NaN.',
      });
  });
});
