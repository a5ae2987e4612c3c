/**
 * Reads a capture off the main thread: the file is read in 1 MiB slices (never whole), each slice goes
 * through the streaming analyser, and progress is posted after each one. The page cancels by
 * terminating the worker.
 */
import { createCaptureAnalysis, type CaptureAnalysis } from '../../protocol/capture/analyser';
import { captureInflaters } from '../../protocol/capture/deflate';
import { pakoBackend } from '../../protocol/websocket/pako-backend';
import { LINKED_FRAME_BYTES, TCPDUMP_LINES } from './model';

export type CaptureRequest = { kind: 'file'; file: Blob } | { kind: 'text'; text: string };
export type CaptureResponse =
  { kind: 'progress'; read: number; total: number } | { kind: 'done'; analysis: CaptureAnalysis };

// Typed by hand: the project's TS lib is DOM, not WebWorker, and the two conflict.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<CaptureRequest>) => void) | null;
  postMessage(message: CaptureResponse): void;
};

export const SLICE = 1 << 20;

scope.onmessage = async (e) => {
  const blob = e.data.kind === 'file' ? e.data.file : new Blob([e.data.text]);
  const analysis = createCaptureAnalysis({
    frameBytes: LINKED_FRAME_BYTES,
    tcpdumpLines: TCPDUMP_LINES,
    inflate: captureInflaters(pakoBackend),
  });
  for (let at = 0; at < blob.size; at += SLICE) {
    const bytes = new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer());
    analysis.push(bytes);
    scope.postMessage({ kind: 'progress', read: Math.min(blob.size, at + SLICE), total: blob.size });
  }
  scope.postMessage({ kind: 'done', analysis: analysis.end() });
};
