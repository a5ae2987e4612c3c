/**
 * Numbers the lesson "HTTP limits" states, read from the sourced limits table (HTTP_LIMITS) and computed by the
 * HTTP models (compareHttpVsWebSocket, RFC 9112 / RFC 6455 §5.2), so prose, tables and exercises agree.
 */
import {
  BROWSER_CONNECTIONS_PER_ORIGIN,
  BROWSER_LIKE_HEADERS,
  compareHttpVsWebSocket,
  encodeChunked,
  fieldSectionSize,
  h2RequestFields,
  H2_RECOMMENDED_MIN_STREAMS,
  HTTP_LIMITS,
  type ChunkedBody,
  type LimitEntry,
  type MessageComparison,
} from '../../../protocol/http';

export function limit(id: string): LimitEntry {
  const e = HTTP_LIMITS.find((l) => l.id === id);
  if (!e) throw new Error(`HTTP_LIMITS has no entry ${id}`);
  return e;
}

const g = (n: number | undefined) => (n === undefined ? '?' : n.toLocaleString('en-US'));
const v = (id: string) => g(limit(id).value);

export const HELLO = 'hello, world';
export function helloComparison(): MessageComparison {
  const c = compareHttpVsWebSocket(HELLO);
  if (!c.ok) throw new Error(c.errors.map((e) => e.message).join(' '));
  return c.value;
}
const hello = helloComparison();

/** The same POST as HTTP/2 sends it (RFC 9113 §8.3.1), sized as SETTINGS_MAX_HEADER_LIST_SIZE counts (§6.5.2). */
export function helloH2Fields() {
  const headers = [...BROWSER_LIKE_HEADERS, { name: 'Content-Length', value: String(hello.payloadBytes) }];
  return fieldSectionSize(h2RequestFields('POST', '/chat', headers, 'http'));
}
const h2 = helloH2Fields();

/** "hello, world" in chunks of 5 and 7 (RFC 9112 §7.1), the worked example of the lesson. */
export const CHUNK_SIZES = [5, 7] as const;
export function helloChunked(): ChunkedBody {
  const c = encodeChunked(HELLO, CHUNK_SIZES);
  if (!c.ok) throw new Error(c.errors.map((e) => e.message).join(' '));
  return c.value;
}
const chunked = helloChunked();
const row = (label: string) => hello.rows.find((r) => r.label.startsWith(label))!;

export const HTTP_FACTS = {
  requestLineMin: v('rfc9112-request-line'),
  cookieSize: v('rfc6265-cookie-size'),
  cookiesPerDomain: v('rfc6265-cookies-per-domain'),
  cookiesTotal: v('rfc6265-cookies-total'),
  chromiumPerDomain: v('chromium-cookies-per-domain'),
  firefoxPerDomain: v('firefox-cookies-per-domain'),
  chromiumCookieSize: v('chromium-cookie-size'),
  nginxLine: v('nginx-request-line'),
  apacheField: v('apache-field-size'),
  nodeHeaders: v('node-max-header-size'),
  helloBytes: g(hello.payloadBytes),
  httpHead: g(row('Protocol framing').http),
  wsHeader: g(row('Protocol framing').websocket),
  httpTcp: g(row('TCP payload').http),
  wsTcp: g(row('TCP payload').websocket),
  httpTotal: g(row('Total on the wire').http),
  wsTotal: g(row('Total on the wire').websocket),
  h2Fields: g(h2.fields.length),
  h2Size: g(h2.size),
  h2Overhead: g(h2.fields.length * 32),
  nodeH2List: v('node-h2-max-header-list-size'),
  chromiumH2List: v('chromium-h2-max-header-list-size'),
  chunkedTotal: g(chunked.totalBytes),
  chunkedData: g(chunked.dataBytes),
  connectionsPerOrigin: g(BROWSER_CONNECTIONS_PER_ORIGIN),
  h2MinStreams: g(H2_RECOMMENDED_MIN_STREAMS),
} as const;
export type HttpFactName = keyof typeof HTTP_FACTS;
