import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  simulateSlidingWindow,
  type SlidingWindowParams,
  type SlidingWindowRun,
} from '../../../src/protocol/tcp/sliding-window';

function run(p: SlidingWindowParams): SlidingWindowRun {
  const r = simulateSlidingWindow(p);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const kinds = (r: SlidingWindowRun, tick: number) => r.ticks[tick]!.events.map((e) => e.kind);

describe('sliding window: the window limits what is in flight', () => {
  const r = run({ totalBytes: 10_000, receiveBuffer: 4000, readRate: 1000, mss: 1000, latencyTicks: 1, ticks: 30 });

  it('sends a full window at once, then one segment per ACKed segment', () => {
    expect(r.ticks[0]!.sender).toEqual({
      written: 10_000,
      acked: 0,
      sent: 4000,
      window: 4000,
      windowEnd: 4000,
      ackedBytes: 0,
      inFlight: 4000,
      usable: 0,
      notUsable: 6000,
      probeOutstanding: 0,
    });
    // The buffer received 4000 and the app read 1000 of it: the ACK advertises 1000 free bytes.
    expect(r.ticks[1]!.receiver).toEqual({
      capacity: 4000,
      received: 4000,
      read: 1000,
      buffered: 3000,
      free: 1000,
      advertised: 1000,
    });
    expect(r.ticks[2]!.sender).toMatchObject({ acked: 4000, window: 1000, sent: 5000, inFlight: 1000 });
  });

  it("delivers everything; the receiving app's read rate sets the pace", () => {
    expect(r.completedAtTick).toBeDefined();
    expect(r.ticks.at(-1)!.receiver.read).toBe(10_000);
    expect(r.zeroWindowTicks).toBe(0);
  });
});

describe('zero window and the persist timer (RFC 9293 §3.8.6.1)', () => {
  const base: SlidingWindowParams = {
    totalBytes: 12_000,
    receiveBuffer: 4000,
    readRate: 500,
    mss: 1000,
    latencyTicks: 1,
    ticks: 40,
    persistTicks: 4,
    readPauses: [{ from: 0, to: 10 }],
  };

  it('a reader that stops reading closes the window; the sender stops and probes with 1 byte, backing off', () => {
    const r = run(base);
    expect(r.ticks[1]!.receiver.advertised).toBe(0);
    expect(kinds(r, 1)).toContain('zero-window');
    expect(r.ticks[2]!.sender).toMatchObject({ window: 0, acked: 4000, sent: 4000, notUsable: 8000 });
    expect(kinds(r, 2)).toContain('persist-timer');
    const probes = r.sentSegments.filter((s) => s.probe);
    expect(probes.map((p) => [p.sentTick, p.len, p.seq])).toEqual([[6, 1, 4000]]);
    expect(r.ticks[7]!.events.find((e) => e.kind === 'arrive')!.text).toMatch(/does not fit a zero window/);
    // Reading resumes at tick 10: a window update reopens the window and sending resumes.
    expect(kinds(r, 10)).toContain('window-update');
    expect(r.ticks[11]!.sender.window).toBeGreaterThan(0);
    expect(r.ticks[11]!.sender.sent).toBeGreaterThan(4000);
  });

  it('when the window update is lost, only the probe discovers the open window', () => {
    const r = run({ ...base, dropWindowUpdates: true });
    expect(kinds(r, 10)).toContain('window-update-lost');
    const probes = r.sentSegments.filter((s) => s.probe).map((p) => p.sentTick);
    expect(probes).toEqual([6, 14]); // 4 ticks, then 8: exponential back-off
    const firstDataAfterPause = r.sentSegments.find((s) => !s.probe && s.seq >= 4000)!;
    expect(firstDataAfterPause.sentTick).toBe(16); // the probe's ACK (tick 15) arrives at tick 16
    expect(r.ticks[15]!.events.find((e) => e.kind === 'arrive')!.text).toMatch(/fits \(the window has opened\)/);
    expect(r.probesSent).toBe(2);
  });
});

describe('silly window syndrome (RFC 1122 §4.2.3.3–4)', () => {
  const slow: SlidingWindowParams = {
    totalBytes: 8000,
    receiveBuffer: 2000,
    readRate: 100,
    mss: 1000,
    latencyTicks: 1,
    ticks: 120,
  };

  it('without avoidance a slow reader makes the sender dribble tiny segments', () => {
    const r = run(slow);
    const tiny = r.sentSegments.filter((s) => !s.probe && s.len < 1000);
    expect(tiny.length).toBeGreaterThan(5);
  });

  it('with avoidance every segment is full-sized (or half the largest window), at the cost of waiting', () => {
    const r = run({ ...slow, sillyWindowAvoidance: true });
    const data = r.sentSegments.filter((s) => !s.probe);
    expect(data.map((s) => s.len).filter((n) => n !== 1000)).toEqual([]);
    expect(r.ticks.some((t) => t.events.some((e) => e.kind === 'sws-wait'))).toBe(true);
    expect(r.ticks.at(-1)!.receiver.read).toBe(8000);
  });
});

describe('properties', () => {
  const params = fc.record({
    totalBytes: fc.integer({ min: 0, max: 30_000 }),
    receiveBuffer: fc.integer({ min: 1, max: 10_000 }),
    readRate: fc.integer({ min: 0, max: 3000 }),
    mss: fc.integer({ min: 1, max: 2000 }),
    latencyTicks: fc.integer({ min: 1, max: 4 }),
    ticks: fc.integer({ min: 1, max: 80 }),
    persistTicks: fc.integer({ min: 1, max: 8 }),
    sillyWindowAvoidance: fc.boolean(),
    dropWindowUpdates: fc.boolean(),
    pauseFrom: fc.integer({ min: 0, max: 40 }),
    pauseLen: fc.integer({ min: 1, max: 30 }),
  });

  it('never has more in flight than the window; bytes are conserved', () => {
    fc.assert(
      fc.property(params, ({ pauseFrom, pauseLen, ...p }) => {
        const r = run({ ...p, readPauses: [{ from: pauseFrom, to: pauseFrom + pauseLen }] });
        let prevRead = 0;
        for (const t of r.ticks) {
          const s = t.sender;
          const rc = t.receiver;
          if (s.inFlight > s.window) return false;
          if (!(s.acked <= rc.received && rc.received <= s.sent + s.probeOutstanding && s.sent <= s.written))
            return false;
          if (rc.buffered > rc.capacity || rc.advertised > rc.free || rc.read < prevRead) return false;
          if (s.ackedBytes + s.inFlight + s.usable + s.notUsable !== s.written) return false;
          prevRead = rc.read;
        }
        return true;
      }),
    );
  });
});

describe('bad parameters', () => {
  it('names every bad field', () => {
    const r = simulateSlidingWindow({
      receiveBuffer: 0,
      mss: 1.5,
      latencyTicks: 0,
      readPauses: [{ from: 5, to: 5 }],
      writes: [{ tick: 100, bytes: 1 }],
      ticks: 10,
    });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.field)).toEqual([
      'writes[0].tick',
      'receiveBuffer',
      'mss',
      'latencyTicks',
      'readPauses[0]',
    ]);
    expect(r.errors[4]!.message).toBe('readPauses[0]: "to" (5) must be greater than "from" (5).');
  });
});
