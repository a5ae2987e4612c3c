import { useEffect, useMemo, useRef, useState } from 'react';
import type { DeflateBackend, DeflateParams } from '../../protocol/websocket/deflate';
import type { Direction } from '../../protocol/websocket/types';
import type { DecodeRequest, DecodeResponse } from './decode.worker';
import { parseAndDecode, viewOf, type Analysis, type Peeler } from './model';

/**
 * Inputs at least this long (≈ 20–30 KB of bytes) are decoded in a Web Worker; shorter ones
 * synchronously (tens of milliseconds at most), which keeps the first render and the tests simple.
 */
export const WORKER_THRESHOLD_CHARS = 64 * 1024;
const WORKER_DEBOUNCE_MS = 150;

/**
 * The analysis of `text`: synchronous for short input, from a worker for long input. While the worker
 * is busy the previous analysis is returned with `pending: true`, so the output keeps its place.
 * Falls back to the synchronous path where workers are unavailable (tests, very old browsers).
 */
export function useAnalysis(
  text: string,
  from: Direction,
  frameLimit: number,
  deflate?: DeflateParams,
  /** Needed on the main thread when `deflate` is set; until it is loaded the analysis waits (pending). */
  backend?: DeflateBackend,
  /** Peels a pasted packet; loaded by the widget when the input first looks like one. */
  peel?: Peeler,
): { analysis: Analysis; pending: boolean } {
  const useWorker = text.length >= WORKER_THRESHOLD_CHARS && typeof Worker !== 'undefined';

  // Synchronous path: the full parse is memoised apart from the cut, so "show more" does not re-decode.
  const waitingForBackend = !useWorker && deflate !== undefined && backend === undefined;
  const parsed = useMemo(
    () =>
      useWorker || waitingForBackend
        ? undefined
        : parseAndDecode(
            text,
            from,
            deflate === undefined || backend === undefined ? undefined : { params: deflate, backend },
            peel,
          ),
    [useWorker, waitingForBackend, text, from, deflate, backend, peel],
  );
  const syncView = useMemo(() => (parsed === undefined ? undefined : viewOf(parsed, frameLimit)), [parsed, frameLimit]);

  const worker = useRef<Worker | null>(null);
  const lastId = useRef(0);
  const requests = useRef(new Map<number, Omit<DecodeRequest, 'id'>>());
  const [workerView, setWorkerView] = useState<{ request: Omit<DecodeRequest, 'id'>; analysis: Analysis } | null>(null);

  useEffect(() => {
    if (!useWorker) return;
    if (worker.current === null) {
      worker.current = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
      worker.current.onmessage = (e: MessageEvent<DecodeResponse>) => {
        // Only the answer to the latest request counts; older ones were overtaken by typing.
        const request = requests.current.get(e.data.id);
        requests.current.delete(e.data.id);
        if (e.data.id !== lastId.current || request === undefined) return;
        setWorkerView({ request, analysis: e.data.analysis });
      };
    }
    const w = worker.current;
    // Wait for a pause: each request decodes the whole input, and keystrokes must not queue up seconds of work.
    const timer = setTimeout(() => {
      const id = ++lastId.current;
      requests.current.set(id, { text, from, frameLimit, deflate });
      const request: DecodeRequest = { id, text, from, frameLimit };
      if (deflate !== undefined) request.deflate = deflate;
      w.postMessage(request);
    }, WORKER_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [useWorker, text, from, frameLimit, deflate]);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  // The last result stays on screen while a new one is computed, so the output never collapses.
  const lastShown = useRef<Analysis>({ kind: 'empty' });
  const workerCurrent =
    workerView !== null &&
    workerView.request.text === text &&
    workerView.request.from === from &&
    workerView.request.frameLimit === frameLimit &&
    workerView.request.deflate === deflate
      ? workerView.analysis
      : undefined;
  const analysis = syncView ?? workerCurrent ?? lastShown.current;
  lastShown.current = analysis;
  return { analysis, pending: waitingForBackend || (useWorker && workerCurrent === undefined) };
}
