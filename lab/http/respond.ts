/** Small helpers for the lab's HTTP answers. */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Headers that let an allowed cross-origin page read the answer (Fetch CORS protocol). */
export function corsHeaders(origin: string | null): Record<string, string> {
  return origin === null ? {} : { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  426: 'Upgrade Required',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * A complete HTTP/1.1 answer written straight to a socket that has no ServerResponse (upgrade
 * requests, parser errors), then the connection is closed: the client's bytes cannot be trusted to
 * be followed by a well-formed next request.
 */
export function writeRawResponse(
  socket: Socket,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(text, 'utf8');
  const all: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    Connection: 'close',
    ...headers,
  };
  const head = [
    `HTTP/1.1 ${status} ${REASONS[status] ?? ''}`,
    ...Object.entries(all).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
  endSocket(socket, Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]));
}

/**
 * Writes `bytes` and closes our side. The socket may be paused (an upgrade in progress) and Node's
 * HTTP sockets allow half-open connections, so read and discard until the peer's FIN, and drop the
 * socket if that does not come soon: a refused client must not leave a socket behind.
 */
export function endSocket(socket: Socket, bytes: Uint8Array | string): void {
  socket.on('data', () => {});
  socket.once('end', () => socket.destroy());
  socket.resume();
  socket.end(bytes);
  socket.setTimeout(2000, () => socket.destroy());
}
