/**
 * Parses and decodes large pastes off the main thread (1 MiB of frames takes about a second of parseHex +
 * decodeFrames on a slow machine; the page must not freeze meanwhile). Keeps the last full parse so
 * "show more frames" only re-cuts it. Replies with the bounded view the widget renders, never the
 * full frame list.
 */
import type { DeflateParams } from '../../protocol/websocket/deflate';
import { peelSinglePacket } from '../../protocol/capture/single-packet';
import { pakoBackend } from '../../protocol/websocket/pako-backend';
import type { Direction } from '../../protocol/websocket/types';
import { parseAndDecode, viewOf, type Analysis, type Parsed } from './model';

export interface DecodeRequest {
  id: number;
  text: string;
  from: Direction;
  frameLimit: number;
  /** permessage-deflate parameters when the option is on. */
  deflate?: DeflateParams;
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

let cache: { text: string; from: Direction; deflate: string; parsed: Parsed } | undefined;

scope.onmessage = (e) => {
  const { id, text, from, frameLimit, deflate } = e.data;
  const key = JSON.stringify(deflate ?? null);
  if (cache === undefined || cache.text !== text || cache.from !== from || cache.deflate !== key) {
    const setting = deflate === undefined ? undefined : { params: deflate, backend: pakoBackend };
    cache = { text, from, deflate: key, parsed: parseAndDecode(text, from, setting, peelSinglePacket) };
  }
  scope.postMessage({ id, analysis: viewOf(cache.parsed, frameLimit) });
};
