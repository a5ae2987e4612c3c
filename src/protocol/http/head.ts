/**
 * An HTTP/1.1 message head as it arrives on a connection (RFC 9112 §2.1): the start line, header
 * fields up to the empty line. Used where heads are read out of a byte stream (captures) and for
 * handshake responses; `request-head.ts` is the strict reader of a request, with a problem for
 * every rule, that the WebSocket handshake validator uses.
 */

import { latin1 } from './fields';

export interface HttpHead {
  kind: 'request' | 'response';
  /** The first line as sent, without its line end. */
  startLine: string;
  method?: string;
  target?: string;
  status?: number;
  reason?: string;
  /** e.g. "HTTP/1.1". */
  version: string;
  /** Fields in order, names as sent, values trimmed (RFC 9112 §5). */
  headers: Array<[string, string]>;
  /** Bytes up to and including the empty line. */
  length: number;
}

const REQUEST_LINE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) (HTTP\/\d\.\d)$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/;
const METHODS = ['GET ', 'POST ', 'PUT ', 'HEAD ', 'DELETE ', 'OPTIONS ', 'PATCH ', 'CONNECT ', 'TRACE '];

/** Whether bytes look like the start of an HTTP/1.x request or response (enough to decide with 8 bytes). */
export function sniffHttp(b: Uint8Array): 'request' | 'response' | undefined {
  const s = String.fromCharCode(...b.subarray(0, 8));
  if (s.startsWith('HTTP/1.')) return 'response';
  if (METHODS.some((m) => m.startsWith(s) || s.startsWith(m))) return 'request';
  return undefined;
}

/** Index just past the empty line ending a head (CRLF CRLF, or bare LF LF, RFC 9112 §2.2), or -1. */
export function findHeadEnd(b: Uint8Array, from = 0): number {
  for (let i = Math.max(0, from); i < b.length; i++) {
    if (b[i] !== 0x0a) continue;
    if (b[i + 1] === 0x0a) return i + 2;
    if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** Parses a complete head (bytes up to and including the empty line), read as ISO-8859-1 (RFC 9110 §5.5). */
export function parseHttpHead(b: Uint8Array): HttpHead | { error: string } {
  const text = latin1(b);
  const lines = text.split(/\r?\n/);
  const start = lines[0] ?? '';
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    if (line === '') break;
    if ((line.startsWith(' ') || line.startsWith('\t')) && headers.length > 0) {
      const last = headers[headers.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`; // obs-fold (RFC 9112 §5.2)
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return { error: `Header line without a name and colon: ${JSON.stringify(line.slice(0, 80))}` };
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  let m = REQUEST_LINE.exec(start);
  if (m)
    return {
      kind: 'request',
      startLine: start,
      method: m[1]!,
      target: m[2]!,
      version: m[3]!,
      headers,
      length: b.length,
    };
  m = STATUS_LINE.exec(start);
  if (m)
    return {
      kind: 'response',
      startLine: start,
      version: m[1]!,
      status: Number(m[2]),
      reason: m[3] ?? '',
      headers,
      length: b.length,
    };
  return { error: `Not an HTTP start line: ${JSON.stringify(start.slice(0, 80))}` };
}

/** A field's value, repeated fields joined with ", " (RFC 9110 §5.3). */
export function headValue(head: Pick<HttpHead, 'headers'>, name: string): string | undefined {
  const n = name.toLowerCase();
  const values = head.headers.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}
