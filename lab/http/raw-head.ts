/**
 * The request head exactly as the socket received it. Node's HTTP parser normally reads the socket
 * in C++ and hands JavaScript only the parsed result (header names and values, whitespace and line
 * endings normalised away). Adding a 'data' listener makes Node feed the parser from JavaScript
 * instead, and a listener prepended before the parser's own sees every chunk first. The tap keeps a
 * bounded window of recent bytes; `takeRawHead` cuts the head of a given request out of it.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

interface Tap {
  window: Buffer;
  listener: (chunk: Buffer) => void;
}

const taps = new WeakMap<Socket, Tap>();
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');

/**
 * Starts recording `socket`. `limit` bounds the memory per socket: it must exceed the largest head
 * plus one read (64 KiB), since a head is cut out while the read that completed it is processed.
 */
export function tapRawBytes(socket: Socket, limit: number): void {
  const tap: Tap = {
    window: Buffer.alloc(0),
    listener: (chunk) => {
      const joined = tap.window.length === 0 ? chunk : Buffer.concat([tap.window, chunk]);
      tap.window = joined.length > limit ? joined.subarray(joined.length - limit) : joined;
    },
  };
  taps.set(socket, tap);
  socket.prependListener('data', tap.listener);
}

/** Stops recording (after an upgrade the socket carries WebSocket frames, not HTTP). */
export function untapRawBytes(socket: Socket): void {
  const tap = taps.get(socket);
  if (tap === undefined) return;
  socket.removeListener('data', tap.listener);
  taps.delete(socket);
}

export interface RawHead {
  /** The head, request line through the empty line, one character per byte (Latin-1). */
  text: string;
  /** False when rebuilt from the parsed header lines because the raw bytes were not found. */
  exact: boolean;
}

/** Rebuilds a head from what the parser kept: names as sent, but spacing and line endings normalised. */
export function reconstructHead(req: IncomingMessage): string {
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The raw head of `req`, and forgets it and everything before it so the next request on the same
 * connection (keep-alive, pipelining) finds its own.
 */
export function takeRawHead(req: IncomingMessage): RawHead {
  const tap = taps.get(req.socket);
  if (tap !== undefined) {
    const requestLine = Buffer.from(`${req.method ?? ''} ${req.url ?? ''} HTTP/`, 'latin1');
    const start = tap.window.indexOf(requestLine);
    const end = start < 0 ? -1 : tap.window.indexOf(HEAD_END, start);
    if (end >= 0) {
      const head = tap.window.subarray(start, end + HEAD_END.length);
      tap.window = tap.window.subarray(end + HEAD_END.length);
      return { text: head.toString('latin1'), exact: true };
    }
  }
  return { text: reconstructHead(req), exact: false };
}
