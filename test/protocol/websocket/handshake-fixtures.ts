/** Handshake requests the request and response tests share. */

import { RFC_CLIENT_HANDSHAKE } from '../../../content/captures/rfc6455-examples';

/** RFC 6455 §1.2: the sample client handshake, and its lines without their CRLF. */
export const RFC_REQUEST = RFC_CLIENT_HANDSHAKE;
export const RFC_REQUEST_LINES = RFC_CLIENT_HANDSHAKE.split('\r\n').slice(0, -2);

/** RFC 6455 §1.2: the sample server handshake, answering the request above. */
export const RFC_RESPONSE =
  'HTTP/1.1 101 Switching Protocols\r\n' +
  'Upgrade: websocket\r\n' +
  'Connection: Upgrade\r\n' +
  'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n' +
  'Sec-WebSocket-Protocol: chat\r\n' +
  '\r\n';

/** The RFC request with some lines changed: `edit` gets and returns the lines (request line first). */
export function request(edit: (lines: string[]) => string[] = (l) => l, ending = '\r\n'): string {
  return edit([...RFC_REQUEST_LINES]).join(ending) + ending + ending;
}
export const replace = (name: string, line: string | null) => (lines: string[]) =>
  lines.flatMap((l) => (l.toLowerCase().startsWith(name.toLowerCase() + ':') ? (line === null ? [] : [line]) : [l]));
export const add =
  (...extra: string[]) =>
  (lines: string[]) => [...lines, ...extra];
