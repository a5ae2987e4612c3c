/**
 * Web Worker that runs a reader's code cell. The page terminates it when the time limit passes, which is
 * the only way to stop an infinite loop; a fresh worker per run also means no state leaks between runs.
 */
import { runCodeCases, type CodeRunResult } from '../../exercises/checkers/code';
import type { CodeRunRequest } from './run-code';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CodeRunRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const { source, functionName, cases } = event.data;
  // Tell the page the code starts now: its clock measures the reader's code, not the worker's start-up.
  scope.postMessage({ type: 'started' });
  let result: CodeRunResult;
  try {
    result = runCodeCases(source, functionName, cases);
  } catch (error) {
    result = { status: 'error', message: `The test runner failed: ${String(error)}`, cases: [] };
  }
  try {
    scope.postMessage({ type: 'result', result });
  } catch (error) {
    scope.postMessage({
      type: 'result',
      result: { status: 'error', message: `Could not report the result: ${String(error)}`, cases: [] },
    });
  }
};
