/**
 * The lab console's state as a reducer over socket events, plus the pure decisions around it: where
 * the lab is, what to tell a reader whose lab is not running, whether a close code and reason are ones
 * the browser's WebSocket API will send. Frames are decoded by the project codec: the client's as the
 * lab reported their raw (masked) bytes, the lab's echoes re-encoded by the same encoder the lab uses.
 */
import { HEX_LIMIT, parseInspectReport, type InspectFrame, type InspectHandshake, type InspectViolation } from '../../lab-client/messages';
import {
  decodeFrames,
  describeCloseCode,
  encodeFrame,
  HexError,
  Opcode,
  parseHex,
  type DecodeResult,
} from '../../protocol';
import { hostKind, LAB_DEFAULT_ORIGIN } from '../../site/lab';

export const INSPECT_PATH = '/lab/ws/inspect';
/** Entries kept; older ones are dropped (the count is shown). */
export const HISTORY_LIMIT = 50;
/** Echoes larger than this are listed by size only, not re-encoded into frame bytes. */
export const ECHO_FRAME_LIMIT = HEX_LIMIT;

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'closing' | 'closed' | 'unreachable';

/** Continuation rules need the frames before: decoding one reported frame alone cannot judge them. */
const CONTEXT_VIOLATIONS = new Set(['UNEXPECTED_CONTINUATION', 'EXPECTED_CONTINUATION']);

export type Entry =
  /** A frame the browser sent, as the lab received it (still masked). */
  | { kind: 'client-frame'; id: number; report: InspectFrame; bytes: Uint8Array; decoded: DecodeResult }
  /** A message the lab sent back (an echo). `frame` is absent for very large messages. */
  | {
      kind: 'server-message';
      id: number;
      opcode: 1 | 2;
      length: number;
      payload: Uint8Array;
      frame?: { bytes: Uint8Array; decoded: DecodeResult };
    }
  | { kind: 'violation'; id: number; report: InspectViolation }
  /** What the page asked its browser to send. */
  | { kind: 'sent'; id: number; text: string }
  | { kind: 'info'; id: number; text: string }
  | { kind: 'closed'; id: number; code: number; reason: string; wasClean: boolean }
  | { kind: 'error'; id: number; text: string };

export interface ConsoleState {
  status: ConnectionStatus;
  /** The address of the current or last connection. */
  url: string | null;
  handshake?: InspectHandshake;
  /** Oldest first, at most HISTORY_LIMIT. */
  entries: Entry[];
  nextId: number;
  /** Entries dropped from the start of the history. */
  dropped: number;
  /** Why the last connection attempt failed, when it did. */
  unreachable?: { urls: string[] };
}

export const INITIAL_CONSOLE: ConsoleState = { status: 'idle', url: null, entries: [], nextId: 1, dropped: 0 };

export type ConsoleEvent =
  | { type: 'connecting'; url: string }
  | { type: 'open'; url: string }
  | { type: 'message'; data: string | ArrayBuffer | Uint8Array }
  | { type: 'sent'; text: string }
  | { type: 'closing' }
  | { type: 'close'; code: number; reason: string; wasClean: boolean }
  | { type: 'unreachable'; urls: string[] }
  | { type: 'error'; text: string }
  | { type: 'clear' };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type NewEntry = DistributiveOmit<Entry, 'id'>;

function append(state: ConsoleState, entry: NewEntry, limit: number): ConsoleState {
  const entries = [...state.entries, { ...entry, id: state.nextId } as Entry];
  const over = Math.max(0, entries.length - limit);
  return { ...state, entries: over > 0 ? entries.slice(over) : entries, nextId: state.nextId + 1, dropped: state.dropped + over };
}

/** Decodes one reported client frame with the codec (direction client: it must be masked, RFC 6455 §5.1). */
export function decodeReportedFrame(report: InspectFrame): { bytes: Uint8Array; decoded: DecodeResult } {
  let bytes: Uint8Array;
  try {
    bytes = parseHex(report.hex);
  } catch (error) {
    if (error instanceof HexError) bytes = new Uint8Array(0);
    else throw error;
  }
  const decoded = decodeFrames(bytes, { from: 'client' });
  return { bytes, decoded: { ...decoded, violations: decoded.violations.filter((v) => !CONTEXT_VIOLATIONS.has(v.id)) } };
}

/**
 * The lab's echo as a frame: the lab writes echoes with `encodeFrame({ opcode, payload })` (one final,
 * unmasked frame, RFC 6455 §5.1), so encoding the message the same way gives its bytes. The browser API
 * itself hands pages messages, never frame bytes.
 */
export function echoFrame(opcode: 1 | 2, payload: Uint8Array): { bytes: Uint8Array; decoded: DecodeResult } {
  const bytes = encodeFrame({ opcode, payload });
  return { bytes, decoded: decodeFrames(bytes, { from: 'server' }) };
}

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export function consoleReducer(state: ConsoleState, event: ConsoleEvent, limit = HISTORY_LIMIT): ConsoleState {
  switch (event.type) {
    case 'connecting': {
      const { unreachable: _, handshake: __, ...rest } = state;
      return { ...rest, status: 'connecting', url: event.url };
    }
    case 'open':
      return append({ ...state, status: 'open', url: event.url }, { kind: 'info', text: `Connected to ${event.url}.` }, limit);
    case 'message': {
      if (typeof event.data === 'string') {
        const report = parseInspectReport(event.data);
        if (report?.type === 'handshake') return { ...state, handshake: report };
        if (report?.type === 'frame') return append(state, { kind: 'client-frame', report, ...decodeReportedFrame(report) }, limit);
        if (report?.type === 'violation') return append(state, { kind: 'violation', report }, limit);
        return append(state, serverMessage(Opcode.Text, new TextEncoder().encode(event.data)), limit);
      }
      return append(state, serverMessage(Opcode.Binary, toBytes(event.data)), limit);
    }
    case 'sent':
      return append(state, { kind: 'sent', text: event.text }, limit);
    case 'closing':
      return { ...state, status: 'closing' };
    case 'close':
      return append(
        { ...state, status: 'closed' },
        { kind: 'closed', code: event.code, reason: event.reason, wasClean: event.wasClean },
        limit,
      );
    case 'unreachable':
      return { ...state, status: 'unreachable', unreachable: { urls: event.urls } };
    case 'error':
      return append(state, { kind: 'error', text: event.text }, limit);
    case 'clear':
      return { ...state, entries: [], dropped: 0 };
  }
}

function serverMessage(opcode: 1 | 2, payload: Uint8Array): NewEntry {
  const entry: Extract<NewEntry, { kind: 'server-message' }> = {
    kind: 'server-message',
    opcode,
    length: payload.length,
    payload: payload.subarray(0, 1024),
  };
  if (payload.length <= ECHO_FRAME_LIMIT) entry.frame = echoFrame(opcode, payload);
  return entry;
}

// ---------------------------------------------------------------------------------------------------
// Where the lab is

function wsOrigin(httpOrigin: string): string {
  return httpOrigin.replace(/^http(s?):/, 'ws$1:');
}

export interface PageInfo {
  protocol: string;
  hostname: string;
  origin: string;
}

/**
 * Addresses to try, in order. An explicit URL wins; then the origin the header's lab badge found (the
 * <html data-lab-origin> attribute); a page on this machine or the local network tries its own origin
 * first (the lab serves the site) and then the default lab address; any other page the default only.
 */
export function labSocketCandidates(page: PageInfo, labOrigin?: string | null, explicitUrl?: string | null): string[] {
  if (explicitUrl) return [explicitUrl];
  const fallback = `${wsOrigin(LAB_DEFAULT_ORIGIN)}${INSPECT_PATH}`;
  if (labOrigin) return [`${wsOrigin(labOrigin)}${INSPECT_PATH}`];
  const web = page.protocol === 'http:' || page.protocol === 'https:';
  if (web && hostKind(page.hostname) !== 'public') {
    const own = `${wsOrigin(page.origin)}${INSPECT_PATH}`;
    return own === fallback ? [own] : [own, fallback];
  }
  return [fallback];
}

export interface UnreachableHelp {
  summary: string;
  /** Shell commands that start the lab. */
  start: string;
  /** Set when the lab may be running but refusing this page's origin (RFC 6455 §10.2). */
  allowOrigin?: string;
}

/** What to tell the reader when no address answered. */
export function unreachableHelp(urls: readonly string[], pageOrigin: string): UnreachableHelp {
  const help: UnreachableHelp = {
    summary: `No lab answered at ${urls.join(' or ')}.`,
    start: 'npm install && npm start',
  };
  // The lab accepts its own loopback origins; a page from anywhere else must be allowed by name.
  const servedByLab = urls.some((u) => {
    try {
      return new URL(u.replace(/^ws/, 'http')).origin === pageOrigin;
    } catch {
      return false;
    }
  });
  if (!servedByLab && /^https?:/.test(pageOrigin)) help.allowOrigin = `npm start -- --allow-origin ${pageOrigin}`;
  return help;
}

// ---------------------------------------------------------------------------------------------------
// Close code and reason, as the WebSocket API takes them

export type CloseRequest = { ok: true; code?: number; reason?: string; note?: string } | { ok: false; message: string };

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/**
 * The WebSocket API sends only 1000 or 3000–4999 (it throws InvalidAccessError otherwise, even for codes
 * valid on the wire such as 1001), and a reason of at most 123 UTF-8 bytes: a control frame's payload
 * is at most 125 bytes, 2 of them the code (RFC 6455 §5.5, §5.5.1).
 */
export function checkCloseRequest(codeText: string, reason: string): CloseRequest {
  const trimmed = codeText.trim();
  let code: number | undefined;
  if (trimmed !== '') {
    if (!/^\d+$/.test(trimmed)) return { ok: false, message: `"${trimmed}" is not a status code: a close code is a whole number such as 1000.` };
    code = Number(trimmed);
    if (code !== 1000 && (code < 3000 || code > 4999)) {
      const info = describeCloseCode(code);
      const wire = info.onWire
        ? `${code} (${info.name}) is valid on the wire, but a page may only send 1000 or 3000–4999: the browser keeps the others for itself.`
        : `${code} (${info.name}) may not be sent at all (${info.source}); a page may send 1000 or 3000–4999.`;
      return { ok: false, message: wire };
    }
  }
  const bytes = utf8Length(reason);
  if (bytes > 123) {
    return { ok: false, message: `The reason is ${bytes} bytes of UTF-8; at most 123 fit, since a control frame carries at most 125 bytes and the code takes 2 (RFC 6455 §5.5).` };
  }
  if (code === undefined && reason !== '') {
    return { ok: true, code: 1000, reason, note: 'A reason needs a code; 1000 (Normal Closure) is used.' };
  }
  const out: CloseRequest = { ok: true };
  if (code !== undefined) out.code = code;
  if (reason !== '') out.reason = reason;
  return out;
}

/** "Text, 5 bytes" for a heading. */
export function sizeText(n: number): string {
  return `${n.toLocaleString('en')} byte${n === 1 ? '' : 's'}`;
}
