/**
 * The loopback experiments, through their Server-Sent Events streams. Timings are not asserted
 * tightly (speed belongs in benchmarks): the tests check structure, bounds and the facts that hold
 * on any machine, e.g. a TCP_NODELAY round finishes well before any delayed-ACK timer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackpressureResult,
  BoundariesResult,
  ExperimentStart,
  NagleResult,
  RefusedResult,
} from '../../src/lab-protocol/messages';
import { boundaryMessage } from '../../lab/experiments/boundaries';
import type { RunningLab } from '../../lab/server';
import { readEventStream, startTestLab } from './helpers';

let lab: RunningLab;
beforeAll(async () => {
  lab = await startTestLab({ maxExperiments: 2 });
});
afterAll(() => lab.close());

const run = (path: string) => readEventStream(`http://127.0.0.1:${lab.port}${path}`);

function expectShape(events: Array<{ type: string }>): void {
  expect(events[0]?.type).toBe('start');
  expect(events.at(-1)?.type).toBe('result');
  expect(events.slice(1, -1).every((e) => e.type === 'progress')).toBe(true);
}

describe('/lab/tcp/nagle', () => {
  it('measures N write-write-read rounds with Nagle on and with TCP_NODELAY', async () => {
    const events = await run('/lab/tcp/nagle?rounds=8&size=10');
    expectShape(events);
    expect(events.filter((e) => e.type === 'progress')).toHaveLength(16);
    const result = events.at(-1)?.data as NagleResult;
    expect(result.runs.map((r) => [r.setting, r.noDelay, r.latenciesMs.length])).toEqual([
      ['nagle', false, 8],
      ['nodelay', true, 8],
    ]);
    for (const r of result.runs) {
      expect(r.summary.n).toBe(8);
      expect(r.summary.min).toBeLessThanOrEqual(r.summary.p50);
      expect(r.summary.p50).toBeLessThanOrEqual(r.summary.max);
      expect(r.latenciesMs.every((ms) => ms > 0 && ms < 1000)).toBe(true);
    }
    // With TCP_NODELAY no round waits for an ACK: the median is far below Linux's 40 ms delayed-ACK
    // minimum (and any stack's; RFC 1122 §4.2.3.2 caps the delay at 500 ms).
    expect(result.runs[1]?.summary.p50).toBeLessThan(20);
  }, 20_000);

  it('clamps parameters and says which', async () => {
    const events = await run('/lab/tcp/nagle?rounds=0&size=abc');
    const start = events[0]?.data as ExperimentStart<'nagle'>;
    expect(start.params).toEqual({ rounds: 1, size: 10 });
    expect(start.adjusted.sort()).toEqual(['rounds', 'size']);
    const big = (await run('/lab/tcp/boundaries?writes=1e9&size=-5&gapMs=0.4'))[0]
      ?.data as ExperimentStart<'boundaries'>;
    expect(big.params).toEqual({ writes: 2000, size: 1, gapMs: 0, noDelay: true });
    expect(big.adjusted.sort()).toEqual(['gapMs', 'size', 'writes']);
  }, 30_000);
});

describe('/lab/tcp/boundaries', () => {
  it('accounts for every byte and lists how the reads were chunked', async () => {
    const events = await run('/lab/tcp/boundaries?writes=200&size=12&noDelay=1');
    expectShape(events);
    const result = events.at(-1)?.data as BoundariesResult;
    expect(result.totalBytes).toBe(2400);
    expect(result.reads.reduce((sum, r) => sum + r.bytes, 0)).toBe(2400);
    expect(result.readCount).toBe(result.reads.length);
    expect(result.readsEndingOnBoundary).toBeLessThanOrEqual(result.readCount);
    // Reads are contiguous: each starts where the previous ended.
    result.reads.forEach((r, i) =>
      expect(r.offset).toBe(i === 0 ? 0 : (result.reads[i - 1]?.offset ?? 0) + (result.reads[i - 1]?.bytes ?? 0)),
    );
    expect(result.firstReadText.startsWith('<0>---------<1>')).toBe(true);
  });

  it('builds messages that show where a read split them', () => {
    expect(boundaryMessage(7, 6).toString()).toBe('<7>---');
    expect(boundaryMessage(12345, 4).toString()).toBe('<123');
  });
});

describe('/lab/tcp/backpressure', () => {
  it('fills the pipe until write() returns false, then drains once the reader resumes', async () => {
    const events = await run('/lab/tcp/backpressure?chunk=65536&pauseMs=50&maxBytes=67108864&highWaterMark=16384');
    expectShape(events);
    const phases = events.filter((e) => e.type === 'progress').map((e) => (e.data as { phase: string }).phase);
    expect(phases).toContain('stalled');
    expect(phases.at(-1)).toBe('finished');
    const result = events.at(-1)?.data as BackpressureResult;
    expect(result.capReached).toBe(false);
    expect(result.acceptedBeforeFirstFalse).toBeGreaterThan(0);
    expect(result.acceptedWhenStalled).toBeGreaterThanOrEqual(result.acceptedBeforeFirstFalse);
    // Node queues at least a high-water mark before saying no; the kernel holds the rest.
    expect(result.queuedWhenStalled).toBeGreaterThanOrEqual(16384);
    expect(result.kernelHeldWhenStalled).toBe(result.acceptedWhenStalled - result.queuedWhenStalled);
    expect(result.drainAfterResumeMs).not.toBeNull();
    expect(result.readBeforeDrain).toBeGreaterThan(0);
    expect(result.totalRead).toBe(result.totalWritten);
  }, 30_000);
});

describe('/lab/tcp/refused', () => {
  it('reports ECONNREFUSED for a loopback port nobody listens on', async () => {
    const events = await run('/lab/tcp/refused?attempts=3');
    expectShape(events);
    const result = events.at(-1)?.data as RefusedResult;
    expect(result.attempts).toHaveLength(3);
    for (const a of result.attempts) {
      expect(a.code).toBe('ECONNREFUSED');
      expect(a.syscall).toBe('connect');
      expect(a.port).toBeGreaterThan(0);
      expect(a.ms).toBeGreaterThanOrEqual(0);
      expect(a.ms).toBeLessThan(1000); // an RST comes back at once; no SYN retransmission
    }
    expect(result.summary.n).toBe(3);
  });
});

describe('limits', () => {
  it('runs at most maxExperiments at once; more get 503', async () => {
    const base = `http://127.0.0.1:${lab.port}/lab/tcp/nagle?rounds=20`;
    const controllers = [new AbortController(), new AbortController()];
    const running = await Promise.all(controllers.map((c) => fetch(base, { signal: c.signal })));
    expect(running.map((r) => r.status)).toEqual([200, 200]);
    const third = await fetch(base);
    expect(third.status).toBe(503);
    // Leaving the page (closing the stream) stops an experiment and frees its slot.
    for (const c of controllers) c.abort();
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${lab.port}/lab/tcp/refused?attempts=1`)).status, {
        timeout: 5000,
      })
      .toBe(200);
  }, 20_000);

  it('unknown experiments are 404', async () => {
    expect((await fetch(`http://127.0.0.1:${lab.port}/lab/tcp/portscan?host=10.0.0.1`)).status).toBe(404);
  });
});
