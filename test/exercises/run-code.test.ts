import { describe, expect, it } from 'vitest';
import type { CodeRunResult } from '../../src/exercises/checkers/code';
import { runWithTimeLimit, type WorkerLike } from '../../src/widgets/exercise/run-code';

/** A stand-in worker and clock: the test decides when messages arrive and time passes. */
function setup() {
  const posted: unknown[] = [];
  let terminated = 0;
  const worker: WorkerLike = {
    postMessage: (m) => posted.push(m),
    terminate: () => void terminated++,
    onmessage: null,
    onerror: null,
  };
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const clock = {
    set: (fn: () => void, ms: number) => {
      timers.set(next, { fn, ms });
      return next++;
    },
    clear: (h: unknown) => void timers.delete(h as number),
  };
  const fire = (ms: number) => {
    for (const [id, t] of [...timers])
      if (t.ms === ms) {
        timers.delete(id);
        t.fn();
      }
  };
  const send = (data: unknown) => worker.onmessage?.({ data } as MessageEvent);
  return {
    worker,
    posted,
    clock,
    fire,
    send,
    terminated: () => terminated,
    pending: () => [...timers.values()].map((t) => t.ms),
  };
}

const request = { source: 'function f() {}', functionName: 'f', cases: [] };

describe('runWithTimeLimit', () => {
  it('resolves with the worker result and terminates the worker', async () => {
    const t = setup();
    const promise = runWithTimeLimit(t.worker, request, 2000, t.clock);
    expect(t.posted).toEqual([request]);
    t.send({ type: 'started' });
    const result: CodeRunResult = { status: 'passed', message: 'All 0 tests pass.', cases: [] };
    t.send({ type: 'result', result });
    await expect(promise).resolves.toEqual(result);
    expect(t.terminated()).toBe(1);
    expect(t.pending()).toEqual([]);
  });

  it('stops code that runs past the limit, counted from the start of the run', async () => {
    const t = setup();
    const promise = runWithTimeLimit(t.worker, request, 2000, t.clock);
    expect(t.pending()).toEqual([15_000]); // start-up allowance only, until the worker starts the code
    t.send({ type: 'started' });
    expect(t.pending()).toEqual([2000]);
    t.fire(2000);
    await expect(promise).resolves.toMatchObject({
      status: 'timeout',
      message: 'Your code took longer than 2 s and was stopped — an infinite loop?',
    });
    expect(t.terminated()).toBe(1);
    t.send({ type: 'result', result: { status: 'passed', message: '', cases: [] } }); // too late: ignored
    expect(t.terminated()).toBe(1);
  });

  it('reports a worker that fails to load', async () => {
    const t = setup();
    const promise = runWithTimeLimit(t.worker, request, 2000, t.clock);
    t.worker.onerror?.({ message: 'SyntaxError in worker', preventDefault() {} } as ErrorEvent);
    await expect(promise).resolves.toMatchObject({
      status: 'error',
      message: 'The code runner failed: SyntaxError in worker',
    });
  });
});
