/**
 * Parses and decodes large pastes off the main thread (1 MiB of frames takes about a second of parseHex +
 * decodeFrames on a slow machine; the page must not freeze meanwhile). Keeps the last full parse so
 * "show more frames" only re-cuts it. Replies with the bounded view the widget renders, never the
 * full frame list.
 */
import type { Direction } from '../../protocol/websocket/types';
import { parseAndDecode, viewOf, type Analysis, type Parsed } from './model';

export interface DecodeRequest {
  id: number;
  text: string;
  from: Direction;
  frameLimit: number;
}
export interface DecodeResponse {
  id: number;
  analysis: Analysis;
}

// Typed by hand: the project's TS lib is DOM, not WebWorker, and the two conflict.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<DecodeRequest>) => void) | null;
  postMessage(message: DecodeResponse): void;
};

let cache: { text: string; from: Direction; parsed: Parsed } | undefined;

scope.onmessage = (e) => {
  const { id, text, from, frameLimit } = e.data;
  if (cache === undefined || cache.text !== text || cache.from !== from) {
    cache = { text, from, parsed: parseAndDecode(text, from) };
  }
  scope.postMessage({ id, analysis: viewOf(cache.parsed, frameLimit) });
};
