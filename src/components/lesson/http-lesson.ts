/**
 * Numbers the lesson "HTTP limits" states, read from the sourced limits table (HTTP_LIMITS) and computed by the
 * HTTP models (compareHttpVsWebSocket, RFC 9112 / RFC 6455 §5.2), so prose, tables and exercises agree.
 */
import { compareHttpVsWebSocket, HTTP_LIMITS, type LimitEntry, type MessageComparison } from '../../protocol/http';

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
} as const;
export type HttpFactName = keyof typeof HTTP_FACTS;
