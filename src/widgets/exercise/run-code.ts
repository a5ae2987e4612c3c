/**
 * Page side of a code-cell run: start a worker, send the code and cases, and enforce the time limit by
 * terminating the worker. Loaded on the first "Run", never at hydration.
 */
import type { CodeRunResult } from '../../exercises/checkers/code';
import type { CodeCase } from '../../exercises/types';

export interface CodeRunRequest {
  source: string;
  functionName: string;
  cases: readonly CodeCase[];
}

/** The part of `Worker` this module uses, so tests can pass a fake one. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export const DEFAULT_TIME_LIMIT_MS = 2000;
/** How long a worker may take to start before the run is given up (slow phones, cold caches). */
const START_LIMIT_MS = 15_000;

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * Runs `request` in `worker` and resolves with its result, or with a 'timeout' result once the reader's code
 * has run for `timeLimitMs` (measured from the worker's "started" message). The worker is always terminated.
 */
export function runWithTimeLimit(
  worker: WorkerLike,
  request: CodeRunRequest,
  timeLimitMs = DEFAULT_TIME_LIMIT_MS,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): Promise<CodeRunResult> {
  return new Promise((resolve) => {
    let timer = timers.set(
      () =>
        finish({
          status: 'error',
          message: 'The code runner did not start. Reload the page and try again.',
          cases: [],
        }),
      START_LIMIT_MS,
    );
    let done = false;
    function finish(result: CodeRunResult) {
      if (done) return;
      done = true;
      timers.clear(timer);
      worker.terminate();
      resolve(result);
    }
    worker.onmessage = (event: MessageEvent) => {
      const data = event.data as { type: 'started' } | { type: 'result'; result: CodeRunResult };
      if (data.type === 'started') {
        timers.clear(timer);
        timer = timers.set(
          () =>
            finish({
              status: 'timeout',
              message: `Your code took longer than ${seconds(timeLimitMs)} and was stopped — an infinite loop?`,
              cases: [],
            }),
          timeLimitMs,
        );
      } else {
        finish(data.result);
      }
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      finish({ status: 'error', message: `The code runner failed: ${event.message || 'unknown error'}`, cases: [] });
    };
    worker.postMessage(request);
  });
}

/** Runs the reader's code in a fresh module worker with a time limit. */
export function runInWorker(request: CodeRunRequest, timeLimitMs = DEFAULT_TIME_LIMIT_MS): Promise<CodeRunResult> {
  const worker = new Worker(new URL('./code-worker.ts', import.meta.url), { type: 'module', name: 'code-cell' });
  return runWithTimeLimit(worker, request, timeLimitMs);
}
