/** Handshake requests the request and response tests share. */

/** RFC 6455 §1.2: the sample client handshake. */
export const RFC_REQUEST_LINES = [
  'GET /chat HTTP/1.1',
  'Host: server.example.com',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Origin: http://example.com',
  'Sec-WebSocket-Protocol: chat, superchat',
  'Sec-WebSocket-Version: 13',
];
export const RFC_REQUEST = RFC_REQUEST_LINES.join('\r\n') + '\r\n\r\n';

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
