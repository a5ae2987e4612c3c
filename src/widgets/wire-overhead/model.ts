/**
 * View logic of the wire-overhead calculator: the form → an HTTP/1.1 request built by the core
 * (buildHttpRequest), a WebSocket frame size (websocketFrameSize) and the bytes around each on the wire
 * (bytesOnTheWire). Errors from the core (bad header names, an MTU with no room left, a bad MSS) are
 * shown at the field they name. The bar chart's geometry is here too.
 */
import {
  BROWSER_LIKE_HEADERS,
  buildHttpRequest,
  bytesOnTheWire,
  MINIMAL_HEADERS,
  websocketFrameSize,
  wireOptionProblems,
  type BuiltRequest,
  type WebSocketFrameSize,
  type WireCost,
  type WireOptions,
} from '../../protocol/http/overhead';
import { type EthernetLevel } from '../../protocol/tcp/packet-overhead';
import { formatInt } from '../../protocol/tcp/format';
import { numberFromText } from '../shared/form-fields';

export interface HeaderRow {
  key: number;
  name: string;
  value: string;
}

export interface WireForm {
  mode: 'text' | 'size';
  text: string;
  size: string;
  target: string;
  headers: HeaderRow[];
  from: 'client' | 'server';
  ipv6: boolean;
  timestamps: boolean;
  ethernet: EthernetLevel;
  mtu: string;
  /** Empty: MTU − IP − TCP headers. */
  mss: string;
}

export const HEADER_PRESETS = {
  browser: { title: 'Browser-like fetch() POST (trimmed)', headers: BROWSER_LIKE_HEADERS },
  minimal: { title: 'Minimal: Host only', headers: MINIMAL_HEADERS },
} as const;
export type HeaderPreset = keyof typeof HEADER_PRESETS;

export function headerRows(preset: HeaderPreset): HeaderRow[] {
  return HEADER_PRESETS[preset].headers.map((h, i) => ({ key: i + 1, name: h.name, value: h.value }));
}

export const DEFAULT_WIRE_FORM: WireForm = {
  mode: 'text',
  text: 'hello, world',
  size: '1000',
  target: '/chat',
  headers: headerRows('browser'),
  from: 'client',
  ipv6: false,
  timestamps: true,
  ethernet: 'header',
  mtu: '1500',
  mss: '',
};

/** The calculator stops here: the request is built in memory, byte by byte. */
export const MAX_PAYLOAD_BYTES = 10_000_000;

export const ETHERNET_CHOICES: ReadonlyArray<{ id: EthernetLevel; label: string }> = [
  { id: 'none', label: 'none (IP packets only)' },
  { id: 'header', label: '14-byte header (what tcpdump shows)' },
  { id: 'frame', label: 'whole frame (+ FCS, padding to 64 bytes)' },
  { id: 'wire', label: 'on the wire (+ preamble and inter-frame gap)' },
];

export interface Side {
  /** Bytes the application protocol puts into TCP (request, or frame). */
  tcpPayload: number;
  /** Protocol framing: HTTP request line + headers + blank line, or the WebSocket header. */
  framing: number;
  wire: WireCost;
}

export interface WireResult {
  payloadBytes: number;
  request?: BuiltRequest;
  frame?: WebSocketFrameSize;
  http?: Side;
  ws?: Side;
  /** Field → message (fields: payload, target, headers[i].name, headers[i].value, mtu, mss). */
  errors: Record<string, string>;
}

export function payloadOf(form: WireForm): { bytes?: Uint8Array | string; error?: string } {
  if (form.mode === 'text') return { bytes: form.text };
  const n = numberFromText(form.size);
  if (n === undefined || !Number.isInteger(n) || n < 0)
    return {
      error: `The size must be a whole number of bytes, 0 or more; got ${form.size.trim() === '' ? 'nothing' : JSON.stringify(form.size)}.`,
    };
  if (n > MAX_PAYLOAD_BYTES) return { error: `This calculator goes up to ${formatInt(MAX_PAYLOAD_BYTES)} bytes.` };
  return { bytes: new Uint8Array(n) };
}

export function wireOptions(form: WireForm): WireOptions {
  const o: WireOptions = { ipv6: form.ipv6, timestamps: form.timestamps, ethernet: form.ethernet };
  const mtu = numberFromText(form.mtu);
  if (mtu !== undefined) o.mtu = mtu;
  const mss = numberFromText(form.mss);
  if (mss !== undefined) o.mss = mss;
  return o;
}

export function computeWire(form: WireForm): WireResult {
  const errors: Record<string, string> = {};
  const payload = payloadOf(form);
  if (payload.error !== undefined || payload.bytes === undefined) {
    errors.payload = payload.error ?? 'No payload.';
    return { payloadBytes: 0, errors };
  }
  const built = buildHttpRequest({
    method: 'POST',
    target: form.target,
    headers: form.headers.map((h) => ({ name: h.name, value: h.value })),
    body: payload.bytes,
  });
  const payloadBytes =
    typeof payload.bytes === 'string' ? new TextEncoder().encode(payload.bytes).length : payload.bytes.length;
  const result: WireResult = { payloadBytes, errors };
  if (!built.ok) for (const e of built.errors) errors[e.field] = e.message;
  else result.request = built.value;
  result.frame = websocketFrameSize(payloadBytes, form.from);

  const opts = wireOptions(form);
  // Asked before bytesOnTheWire, which would throw the same messages: each names its field (mtu, mss).
  const problems = wireOptionProblems(opts);
  for (const p of problems) errors[p.field] ??= p.message;
  if (problems.length) return result;
  if (result.request) {
    result.http = {
      tcpPayload: result.request.totalBytes,
      framing: result.request.headBytes,
      wire: bytesOnTheWire(result.request.totalBytes, opts),
    };
  }
  result.ws = {
    tcpPayload: result.frame.total,
    framing: result.frame.headerBytes,
    wire: bytesOnTheWire(result.frame.total, opts),
  };
  return result;
}

/** Efficiency as a percentage with one decimal, e.g. "3.4%". */
export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** How a request line is shown: its text (the body shortened, or described when it is generated bytes). */
export function lineText(line: BuiltRequest['lines'][number], mode: WireForm['mode']): { text: string; note?: string } {
  if (line.kind !== 'body') return { text: line.text };
  if (mode === 'size') return { text: '', note: `${formatInt(line.bytes)} bytes of payload` };
  const chars = [...line.text];
  if (chars.length > 120)
    return { text: chars.slice(0, 120).join(''), note: `… ${formatInt(line.bytes)} bytes in all` };
  return { text: line.text };
}

export interface BarPart {
  part: 'payload' | 'framing' | 'lower';
  bytes: number;
  x: number;
  width: number;
}

/** Stacked bars on one scale: payload, protocol framing, then TCP/IP/Ethernet headers. */
export function barParts(side: Side, payloadBytes: number, maxTotal: number, x0: number, x1: number): BarPart[] {
  const k = maxTotal > 0 ? (x1 - x0) / maxTotal : 0;
  const parts: Array<[BarPart['part'], number]> = [
    ['payload', payloadBytes],
    ['framing', side.framing],
    ['lower', side.wire.headerBytes],
  ];
  let at = x0;
  return parts.map(([part, bytes]) => {
    const width = bytes * k;
    const out = { part, bytes, x: at, width };
    at += width;
    return out;
  });
}
