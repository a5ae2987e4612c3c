/**
 * Bytes on the wire for one application message: as an HTTP/1.1 request (request line, header fields,
 * blank line, body — RFC 9112 §2.1, §3, §5) or as a WebSocket frame (RFC 6455 §5.2: 2, 4 or 10 header
 * bytes, plus a 4-byte masking key from the client), then TCP, IP and Ethernet around each segment.
 *
 * Example (tcp-ip-through-tcpdump.zh.txt §11): "hello, world" (12 bytes) from the browser as a WebSocket
 * text frame is 2 + 4 + 12 = 18 bytes — "length 18" in the capture.
 */

import {
  mssForMtu,
  perPacketOverhead,
  TCP_TIMESTAMPS_OPTION_BYTES,
  type EthernetLevel,
  type OverheadLayer,
} from '../tcp/packet-overhead';
import { checkNumber, fail, ok, type ParamError, type SimResult } from '../tcp/types';
import { bytes, formatInt } from '../tcp/format';

export interface RequestHeader {
  name: string;
  value: string;
}

export interface HttpRequestSpec {
  method?: string;
  target?: string;
  /** Header fields in order; Host should be among them (RFC 9112 §3.2). */
  headers?: RequestHeader[];
  body?: string | Uint8Array;
  /** Add Content-Length for a non-empty body when the headers lack it (RFC 9110 §8.6). Default true. */
  addContentLength?: boolean;
}

export interface RequestLine {
  /** The line without its CRLF. */
  text: string;
  /** Bytes including the CRLF (the body has none). */
  bytes: number;
  kind: 'request-line' | 'header' | 'blank' | 'body';
  why: string;
}

export interface BuiltRequest {
  /** The exact request, CRLFs included. */
  text: string;
  bytes: Uint8Array;
  lines: RequestLine[];
  /** Request line + headers + blank line. */
  headBytes: number;
  bodyBytes: number;
  totalBytes: number;
}

/** A minimal request: Host and Content-Length only. */
export const MINIMAL_HEADERS: readonly RequestHeader[] = [{ name: 'Host', value: '127.0.0.1:8787' }];

/**
 * A browser-like fetch() POST, trimmed (illustrative; edit it in the widget). Chrome also sends sec-ch-ua*, Sec-Fetch-*
 * and offers zstd, about 200 bytes more.
 */
export const BROWSER_LIKE_HEADERS: readonly RequestHeader[] = [
  { name: 'Host', value: '127.0.0.1:8787' },
  { name: 'Connection', value: 'keep-alive' },
  {
    name: 'User-Agent',
    value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  },
  { name: 'Content-Type', value: 'text/plain;charset=UTF-8' },
  { name: 'Accept', value: '*/*' },
  { name: 'Origin', value: 'http://127.0.0.1:8787' },
  { name: 'Referer', value: 'http://127.0.0.1:8787/lessons/http-limits/' },
  { name: 'Accept-Encoding', value: 'gzip, deflate, br' },
  { name: 'Accept-Language', value: 'en-US,en;q=0.9' },
];

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/; // RFC 9110 §5.6.2
const enc = new TextEncoder();

/** Build the literal request text and count its bytes; bad names/values are reported, not thrown. */
export function buildHttpRequest(spec: HttpRequestSpec): SimResult<BuiltRequest> {
  const errors: ParamError[] = [];
  const method = spec.method ?? 'POST';
  const target = spec.target ?? '/';
  if (!TOKEN.test(method))
    errors.push({
      field: 'method',
      value: method,
      message: `method must be a token (RFC 9110 §9.1), got ${JSON.stringify(method)}.`,
    });
  // eslint-disable-next-line no-control-regex -- RFC 9112 §3.2: the request target has no CTLs or spaces
  const badTarget = /[\s\x00-\x1f\x7f]/.exec(target);
  if (target === '' || badTarget)
    errors.push({
      field: 'target',
      value: target,
      message:
        target === ''
          ? 'target must not be empty (RFC 9112 §3.2).'
          : `target contains a space or control character at position ${badTarget!.index} (RFC 9112 §3.2).`,
    });
  const headers = [...(spec.headers ?? MINIMAL_HEADERS)];
  headers.forEach((h, i) => {
    if (!TOKEN.test(h.name)) {
      const bad = [...h.name].findIndex((c) => !TOKEN.test(c));
      errors.push({
        field: `headers[${i}].name`,
        value: h.name,
        message:
          h.name === ''
            ? `headers[${i}].name is empty.`
            : `headers[${i}].name has ${JSON.stringify(h.name[bad])} at position ${bad}; a field name is a token (RFC 9110 §5.1).`,
      });
    }
    // eslint-disable-next-line no-control-regex -- RFC 9110 §5.5: CR, LF and NUL are invalid in a field value
    const badValue = /[\r\n\x00]/.exec(h.value);
    if (badValue)
      errors.push({
        field: `headers[${i}].value`,
        value: h.value,
        message: `headers[${i}].value contains ${badValue[0] === '\0' ? 'NUL' : badValue[0] === '\r' ? 'CR' : 'LF'} at position ${badValue.index}; field values cannot contain CR, LF or NUL (RFC 9110 §5.5).`,
      });
  });
  if (errors.length) return fail(errors);

  const body =
    spec.body === undefined ? new Uint8Array(0) : typeof spec.body === 'string' ? enc.encode(spec.body) : spec.body;
  if (
    (spec.addContentLength ?? true) &&
    body.length > 0 &&
    !headers.some((h) => h.name.toLowerCase() === 'content-length')
  ) {
    headers.push({ name: 'Content-Length', value: String(body.length) });
  }
  const lines: RequestLine[] = [];
  const requestLine = `${method} ${target} HTTP/1.1`;
  lines.push({
    text: requestLine,
    bytes: enc.encode(requestLine).length + 2,
    kind: 'request-line',
    why: 'Method, request target and version, ended by CRLF (RFC 9112 §3).',
  });
  for (const h of headers) {
    const text = `${h.name}: ${h.value}`;
    lines.push({ text, bytes: enc.encode(text).length + 2, kind: 'header', why: headerWhy(h.name) });
  }
  lines.push({
    text: '',
    bytes: 2,
    kind: 'blank',
    why: 'An empty line (CRLF) ends the header section (RFC 9112 §2.1).',
  });
  const headText = lines.map((l) => `${l.text}\r\n`).join('');
  const headBytes = enc.encode(headText);
  const all = new Uint8Array(headBytes.length + body.length);
  all.set(headBytes, 0);
  all.set(body, headBytes.length);
  if (body.length)
    lines.push({
      text: new TextDecoder().decode(body),
      bytes: body.length,
      kind: 'body',
      why: 'The message body: the payload itself.',
    });
  return ok({
    text: headText + new TextDecoder().decode(body),
    bytes: all,
    lines,
    headBytes: headBytes.length,
    bodyBytes: body.length,
    totalBytes: all.length,
  });
}

function headerWhy(name: string): string {
  switch (name.toLowerCase()) {
    case 'host':
      return 'Required in every HTTP/1.1 request (RFC 9112 §3.2).';
    case 'content-length':
      return 'Body length in bytes, so the receiver knows where the message ends (RFC 9110 §8.6).';
    case 'cookie':
      return 'Sent again with every request to the site: often the biggest header (RFC 6265 §5.4).';
    case 'user-agent':
      return 'Identifies the client software (RFC 9110 §10.1.5).';
    default:
      return 'A header field: name, colon, value, CRLF (RFC 9112 §5).';
  }
}

export interface WebSocketFrameSize {
  payload: number;
  /** 2, 4 or 10 bytes of header, + 4 for the client's masking key. */
  headerBytes: number;
  maskBytes: 0 | 4;
  lengthEncoding: 7 | 16 | 64;
  total: number;
  why: string;
}

/** Size of one unfragmented WebSocket frame (RFC 6455 §5.2): client frames are masked (§5.3), server frames are not. */
export function websocketFrameSize(payloadBytes: number, from: 'client' | 'server'): WebSocketFrameSize {
  if (!Number.isSafeInteger(payloadBytes) || payloadBytes < 0)
    throw new RangeError(`payloadBytes must be a whole number ≥ 0, got ${payloadBytes}`);
  const lengthEncoding = payloadBytes <= 125 ? 7 : payloadBytes <= 65535 ? 16 : 64;
  const base = lengthEncoding === 7 ? 2 : lengthEncoding === 16 ? 4 : 10;
  const maskBytes = from === 'client' ? 4 : 0;
  const headerBytes = base + maskBytes;
  const lengthWhy =
    lengthEncoding === 7
      ? `${payloadBytes} ≤ 125 fits the 7-bit length: 2 header bytes`
      : lengthEncoding === 16
        ? `${formatInt(payloadBytes)} needs the 16-bit extended length: 2 + 2 header bytes`
        : `${formatInt(payloadBytes)} needs the 64-bit extended length: 2 + 8 header bytes`;
  return {
    payload: payloadBytes,
    headerBytes,
    maskBytes,
    lengthEncoding,
    total: headerBytes + payloadBytes,
    why: `${lengthWhy}${maskBytes ? ' + 4-byte masking key (client frames are always masked, RFC 6455 §5.3)' : ' (server frames are not masked)'}: ${headerBytes} + ${payloadBytes} = ${headerBytes + payloadBytes} bytes (RFC 6455 §5.2).`,
  };
}

export interface WireOptions {
  /** Link MTU (default 1500). */
  mtu?: number;
  /** Payload bytes per segment; default MTU − IP − TCP headers (1460, or 1448 with timestamps). */
  mss?: number;
  ipv6?: boolean;
  /** TCP timestamps in every segment (Linux default): 12 option bytes. Default true. */
  timestamps?: boolean;
  /** Default 'header' (what tcpdump shows). */
  ethernet?: EthernetLevel;
}

export interface WireCost {
  appBytes: number;
  mss: number;
  segments: number;
  /** Header bytes per full segment, by layer. */
  layersPerSegment: OverheadLayer[];
  headerBytes: number;
  total: number;
  efficiency: number;
  why: string;
}

/**
 * What is wrong with the options of bytesOnTheWire, one message per bad option, each naming it (`field`
 * is the option's name: mtu or mss). Empty when they are usable. A widget shows these next to its fields;
 * bytesOnTheWire throws them.
 */
export function wireOptionProblems(opts: WireOptions = {}): ParamError[] {
  const errors: ParamError[] = [];
  const mtu = opts.mtu ?? 1500;
  const ts = opts.timestamps ?? true;
  const ipHeader = opts.ipv6 ? 40 : 20;
  const tcpHeader = 20 + (ts ? TCP_TIMESTAMPS_OPTION_BYTES : 0);
  const headers = `${ipHeader} IP + ${tcpHeader} TCP${ts ? ' with timestamps' : ''}`;
  let room: number | undefined;
  if (checkNumber(errors, 'mtu', mtu, { integer: true })) {
    room = mssForMtu(mtu, { ipv6: opts.ipv6 ?? false, timestamps: ts });
    if (room < 1) {
      errors.push({
        field: 'mtu',
        value: mtu,
        message: `MTU ${mtu} leaves no room for payload after the headers (${headers} = ${ipHeader + tcpHeader} bytes); it must be at least ${ipHeader + tcpHeader + 1}.`,
      });
      room = undefined;
    }
  }
  if (
    opts.mss !== undefined &&
    checkNumber(errors, 'mss', opts.mss, { integer: true, min: 1 }) &&
    room !== undefined &&
    opts.mss > room
  ) {
    // RFC 9293 §3.7.1: a segment is never larger than the IP layer can send (the MTU less the headers).
    errors.push({
      field: 'mss',
      value: opts.mss,
      message: `mss ${opts.mss} does not fit in MTU ${mtu}: after the headers (${headers}) there is room for ${room} bytes of payload (RFC 9293 §3.7.1).`,
    });
  }
  return errors;
}

/** Segments and header bytes to carry `appBytes` of TCP payload. Throws RangeError naming a bad parameter. */
export function bytesOnTheWire(appBytes: number, opts: WireOptions = {}): WireCost {
  if (!Number.isSafeInteger(appBytes) || appBytes < 0)
    throw new RangeError(`appBytes must be a whole number ≥ 0, got ${appBytes}`);
  const problems = wireOptionProblems(opts);
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join(' '));
  const mtu = opts.mtu ?? 1500;
  const ts = opts.timestamps ?? true;
  const tcpOptionsBytes = ts ? TCP_TIMESTAMPS_OPTION_BYTES : 0;
  const ipHeader = opts.ipv6 ? 40 : 20;
  const mss = opts.mss ?? mssForMtu(mtu, { ipv6: opts.ipv6 ?? false, timestamps: ts });
  const ethernet = opts.ethernet ?? 'header';
  const segments = Math.max(1, Math.ceil(appBytes / mss));
  let headerBytes = 0;
  let total = 0;
  let layers: OverheadLayer[] = [];
  for (let i = 0; i < segments; i++) {
    const payload = Math.min(mss, appBytes - i * mss);
    const o = perPacketOverhead(Math.max(0, payload), { ipv6: opts.ipv6 ?? false, tcpOptionsBytes, ethernet });
    if (i === 0) layers = o.layers;
    headerBytes += o.overhead;
    total += o.total;
  }
  const efficiency = total === 0 ? 0 : appBytes / total;
  return {
    appBytes,
    mss,
    segments,
    layersPerSegment: layers,
    headerBytes,
    total,
    efficiency,
    why: `${bytes(appBytes)} in ${segments} segment${segments === 1 ? '' : 's'} of at most ${formatInt(mss)} (${opts.mss === undefined ? `MTU ${formatInt(mtu)} − ${ipHeader} IP − 20 TCP${ts ? ' − 12 timestamps' : ''}` : 'the MSS given'}); ${formatInt(headerBytes)} header bytes; ${formatInt(total)} bytes in all, ${(efficiency * 100).toFixed(1)}% payload.`,
  };
}

export interface MessageComparison {
  payloadBytes: number;
  http: { request: BuiltRequest; wire: WireCost };
  websocket: { frame: WebSocketFrameSize; wire: WireCost };
  rows: Array<{ label: string; http: number; websocket: number }>;
  why: string;
}

/**
 * One message from the browser to the server on an open connection: an HTTP/1.1 POST versus a
 * WebSocket text frame. (HTTP also needs a response for every request; polling repeats both.)
 */
export function compareHttpVsWebSocket(
  payload: string | Uint8Array,
  opts: { headers?: RequestHeader[]; target?: string; wire?: WireOptions } = {},
): SimResult<MessageComparison> {
  const body = typeof payload === 'string' ? enc.encode(payload) : payload;
  const spec: HttpRequestSpec = {
    method: 'POST',
    target: opts.target ?? '/chat',
    body,
    headers: opts.headers ?? [...BROWSER_LIKE_HEADERS],
  };
  const built = buildHttpRequest(spec);
  if (!built.ok) return built;
  const wireProblems = wireOptionProblems(opts.wire);
  if (wireProblems.length) return fail(wireProblems.map((p) => ({ ...p, field: `wire.${p.field}` })));
  const request = built.value;
  const frame = websocketFrameSize(body.length, 'client');
  const httpWire = bytesOnTheWire(request.totalBytes, opts.wire);
  const wsWire = bytesOnTheWire(frame.total, opts.wire);
  return ok({
    payloadBytes: body.length,
    http: { request, wire: httpWire },
    websocket: { frame, wire: wsWire },
    rows: [
      { label: 'Payload', http: body.length, websocket: body.length },
      {
        label: 'Protocol framing (HTTP head / WebSocket header)',
        http: request.headBytes,
        websocket: frame.headerBytes,
      },
      { label: 'TCP payload', http: request.totalBytes, websocket: frame.total },
      { label: 'TCP/IP/Ethernet headers', http: httpWire.headerBytes, websocket: wsWire.headerBytes },
      { label: 'Total on the wire', http: httpWire.total, websocket: wsWire.total },
    ],
    why: `${bytes(body.length)} of payload: as an HTTP request ${formatInt(request.totalBytes)} bytes of TCP payload (${formatInt(request.headBytes)} of them request line and headers), as a WebSocket frame ${formatInt(frame.total)} bytes; with TCP/IP/Ethernet headers ${formatInt(httpWire.total)} vs ${formatInt(wsWire.total)} bytes.`,
  });
}
