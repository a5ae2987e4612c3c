/**
 * The lab console's state as a reducer over socket events, plus the pure decisions around it: where
 * the lab is, what to tell a reader whose lab is not running, whether a close code and reason are ones
 * the browser's WebSocket API will send. Frames are decoded by the project codec from the bytes the lab
 * reported: the browser's as the lab received them (masked), the lab's as it wrote them.
 */
import {
  parseInspectReport,
  type InspectCommandError,
  type InspectFrame,
  type InspectHandshake,
  type InspectMessage,
  type InspectServerFrame,
  type InspectViolation,
} from '../../lab-protocol/messages';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { describeCloseCode } from '../../protocol/websocket/close-codes';
import { HexError, parseHex } from '../../protocol/hex';
import { MAX_CLOSE_REASON_BYTES } from '../../protocol/websocket/encoder';
import { Opcode, type DecodeResult } from '../../protocol/websocket/types';
import { utf8Length } from '../../protocol/utf8';
import { labOrigins, type PageLocation } from '../../lab-protocol/discovery';

export const INSPECT_PATH = '/lab/ws/inspect';
/** Entries kept; older ones are dropped (the count is shown). */
export const HISTORY_LIMIT = 50;

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'closing' | 'closed' | 'unreachable';

/** Continuation rules need the frames before: decoding one reported frame alone cannot judge them. */
const CONTEXT_VIOLATIONS = new Set(['UNEXPECTED_CONTINUATION', 'EXPECTED_CONTINUATION']);

/** A compressed message from the browser as the lab inflated it (from its `message` report). */
export interface InflatedMessage {
  opcode: number;
  compressedLength: number;
  length: number;
  /** Its first bytes (at most 1024 are kept). */
  payload: Uint8Array;
}

/** A frame the lab sent, decoded from the bytes it reported writing. */
export interface ServerFrame {
  report: InspectServerFrame;
  bytes: Uint8Array;
  decoded: DecodeResult;
}

export type Entry =
  /**
   * A frame the browser sent, as the lab received it (still masked). `answersPing` is set for a Pong:
   * whether it carries the same data as the lab's last Ping (RFC 6455 §5.5.3).
   */
  | {
      kind: 'client-frame';
      id: number;
      report: InspectFrame;
      bytes: Uint8Array;
      decoded: DecodeResult;
      answersPing?: boolean;
      /** Set on the last frame of a compressed message (RSV1, RFC 7692): the message as the lab inflated it. */
      inflated?: InflatedMessage;
    }
  /** A message the lab sent back (an echo); `frame` is the lab's report of its bytes, absent if none came. */
  | {
      kind: 'server-message';
      id: number;
      opcode: 1 | 2;
      length: number;
      payload: Uint8Array;
      frame?: ServerFrame;
    }
  /** A control frame the lab sent (ping, pong, close): the page's API never shows these, only the report. */
  | ({ kind: 'server-frame'; id: number } & ServerFrame)
  | { kind: 'violation'; id: number; report: InspectViolation }
  | { kind: 'command-error'; id: number; report: InspectCommandError }
  /** What the page asked its browser to send; `close` when it was the page's own Close. */
  | { kind: 'sent'; id: number; text: string; close?: true }
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
  /** The lab's report of the echo frame that comes next: it sends the report just before the frame. */
  pendingEcho?: ServerFrame;
  /** The application data of the lab's last Ping, to match the browser's Pong against. */
  lastPing?: Uint8Array;
}

export const INITIAL_CONSOLE: ConsoleState = { status: 'idle', url: null, entries: [], nextId: 1, dropped: 0 };

export type ConsoleEvent =
  | { type: 'connecting'; url: string }
  | { type: 'open'; url: string }
  | { type: 'message'; data: string | ArrayBuffer | Uint8Array }
  | { type: 'sent'; text: string; close?: true }
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
  return {
    ...state,
    entries: over > 0 ? entries.slice(over) : entries,
    nextId: state.nextId + 1,
    dropped: state.dropped + over,
  };
}

/**
 * Decodes one reported frame with the codec, in its direction: the browser's must be masked, the lab's
 * must not be (RFC 6455 §5.1). A report cut at HEX_LIMIT decodes to no frame (`needed` says how many
 * bytes the report left out).
 */
export function decodeReportedFrame(
  report: InspectFrame | InspectServerFrame,
  allowRsv1 = false,
): {
  bytes: Uint8Array;
  decoded: DecodeResult;
} {
  let bytes: Uint8Array;
  try {
    bytes = parseHex(report.hex);
  } catch (error) {
    if (error instanceof HexError) bytes = new Uint8Array(0);
    else throw error;
  }
  // With permessage-deflate negotiated, RSV1 marks a compressed message's first frame (RFC 7692 §6.1).
  const decoded = decodeFrames(bytes, { from: report.type === 'frame' ? 'client' : 'server', allowRsv1 });
  return {
    bytes,
    decoded: { ...decoded, violations: decoded.violations.filter((v) => !CONTEXT_VIOLATIONS.has(v.id)) },
  };
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function clientFrame(state: ConsoleState, report: InspectFrame): NewEntry {
  const entry: Extract<NewEntry, { kind: 'client-frame' }> = {
    kind: 'client-frame',
    report,
    ...decodeReportedFrame(report, deflateNegotiated(state)),
  };
  const frame = entry.decoded.frames[0];
  if (frame?.opcode === Opcode.Pong && state.lastPing !== undefined)
    entry.answersPing = sameBytes(frame.payload, state.lastPing);
  return entry;
}

/** The lab's echo frames wait for the message they carry; its control frames are entries of their own. */
function serverFrame(state: ConsoleState, report: InspectServerFrame, limit: number): ConsoleState {
  const frame: ServerFrame = { report, ...decodeReportedFrame(report, deflateNegotiated(state)) };
  if (report.cause === 'echo') return { ...state, pendingEcho: frame };
  const sent = frame.decoded.frames[0];
  const next = sent?.opcode === Opcode.Ping ? { ...state, lastPing: sent.payload } : state;
  return append(next, { kind: 'server-frame', ...frame }, limit);
}

/** The lab accepted permessage-deflate in this connection's handshake (its report names the extension). */
const deflateNegotiated = (state: ConsoleState): boolean =>
  state.handshake?.extension?.startsWith('permessage-deflate') === true;

/** Attaches the inflated message to the entry of its last frame (the report right before it). */
function inflatedMessage(state: ConsoleState, report: InspectMessage): ConsoleState {
  const at = state.entries.findLastIndex((e) => e.kind === 'client-frame' && e.report.seq === report.seq);
  if (at < 0) return state;
  let payload: Uint8Array;
  try {
    payload = parseHex(report.hex.slice(0, 2048));
  } catch {
    payload = new Uint8Array(0);
  }
  const inflated: InflatedMessage = {
    opcode: report.opcode,
    compressedLength: report.compressedLength,
    length: report.length,
    payload,
  };
  const entries = state.entries.slice();
  entries[at] = { ...(entries[at] as Extract<Entry, { kind: 'client-frame' }>), inflated };
  return { ...state, entries };
}

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

export function consoleReducer(state: ConsoleState, event: ConsoleEvent, limit = HISTORY_LIMIT): ConsoleState {
  switch (event.type) {
    case 'connecting': {
      const { unreachable: _, handshake: __, pendingEcho: ___, lastPing: ____, ...rest } = state;
      return { ...rest, status: 'connecting', url: event.url };
    }
    case 'open':
      return append(
        { ...state, status: 'open', url: event.url },
        { kind: 'info', text: `Connected to ${event.url}.` },
        limit,
      );
    case 'message': {
      if (typeof event.data === 'string') {
        const report = parseInspectReport(event.data);
        if (report?.type === 'handshake') return { ...state, handshake: report };
        if (report?.type === 'frame') return append(state, clientFrame(state, report), limit);
        if (report?.type === 'server-frame') return serverFrame(state, report, limit);
        if (report?.type === 'message') return inflatedMessage(state, report);
        if (report?.type === 'violation') return append(state, { kind: 'violation', report }, limit);
        if (report?.type === 'command-error') return append(state, { kind: 'command-error', report }, limit);
        return echoed(state, Opcode.Text, new TextEncoder().encode(event.data), limit);
      }
      return echoed(state, Opcode.Binary, toBytes(event.data), limit);
    }
    case 'sent':
      return append(
        state,
        event.close === true ? { kind: 'sent', text: event.text, close: true } : { kind: 'sent', text: event.text },
        limit,
      );
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

/** A message from the lab, with the report of its frame that came just before it. */
function echoed(state: ConsoleState, opcode: 1 | 2, payload: Uint8Array, limit: number): ConsoleState {
  const { pendingEcho, ...rest } = state;
  const entry: Extract<NewEntry, { kind: 'server-message' }> = {
    kind: 'server-message',
    opcode,
    length: payload.length,
    // A copy, so the history does not keep a large message alive through a view.
    payload: payload.slice(0, 1024),
  };
  if (pendingEcho !== undefined) entry.frame = pendingEcho;
  return append(rest, entry, limit);
}

// ---------------------------------------------------------------------------------------------------
// Where the lab is

function wsOrigin(httpOrigin: string): string {
  return httpOrigin.replace(/^http(s?):/, 'ws$1:');
}

/**
 * Addresses to try, in order: an explicit URL wins; otherwise /lab/ws/inspect on each origin `labOrigins` gives
 * (src/lab-protocol/discovery.ts: the badge's origin, or the page's own then the default address).
 */
export function labSocketCandidates(
  page: PageLocation,
  labOrigin?: string | null,
  explicitUrl?: string | null,
): string[] {
  if (explicitUrl) return [explicitUrl];
  return labOrigins(page, labOrigin).map((origin) => `${wsOrigin(origin)}${INSPECT_PATH}`);
}

// ---------------------------------------------------------------------------------------------------
// Close code and reason, as the WebSocket API takes them

export type CloseRequest = { ok: true; code?: number; reason?: string; note?: string } | { ok: false; message: string };

/**
 * The WebSocket API sends only 1000 or 3000–4999 (it throws InvalidAccessError otherwise, even for codes
 * valid on the wire such as 1001), and a reason of at most 123 UTF-8 bytes: a control frame's payload
 * is at most 125 bytes, 2 of them the code (RFC 6455 §5.5, §5.5.1).
 */
export function checkCloseRequest(codeText: string, reason: string): CloseRequest {
  const trimmed = codeText.trim();
  let code: number | undefined;
  if (trimmed !== '') {
    if (!/^\d+$/.test(trimmed))
      return { ok: false, message: `"${trimmed}" is not a status code: a close code is a whole number such as 1000.` };
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
  if (bytes > MAX_CLOSE_REASON_BYTES) {
    return {
      ok: false,
      message: `The reason is ${bytes} bytes of UTF-8; at most ${MAX_CLOSE_REASON_BYTES} fit, since a control frame carries at most 125 bytes and the code takes 2 (RFC 6455 §5.5).`,
    };
  }
  if (code === undefined && reason !== '') {
    return { ok: true, code: 1000, reason, note: 'A reason needs a code; 1000 (Normal Closure) is used.' };
  }
  const out: CloseRequest = { ok: true };
  if (code !== undefined) out.code = code;
  if (reason !== '') out.reason = reason;
  return out;
}

/** What each of the lab's frames is for, after "Lab → browser". */
export const SERVER_FRAME_CAUSES: Record<InspectServerFrame['cause'], string> = {
  echo: 'the echo of your message',
  pong: 'the answer to a Ping (RFC 6455 §5.5.3)',
  ping: 'the Ping you asked for; your browser answers it by itself (RFC 6455 §5.5.2)',
  keepalive: 'the lab’s keepalive Ping after a quiet spell (RFC 6455 §5.5.2)',
  close: 'the lab’s Close (RFC 6455 §5.5.1)',
};

/** The marker under a frame whose report stops at HEX_LIMIT bytes. */
export function truncationNote(length: number, reported: number): string {
  const more = length - reported;
  return `This frame is ${sizeText(length)} long; the lab reported its first ${sizeText(reported)}: ${more.toLocaleString('en')} more byte${more === 1 ? '' : 's'} not shown.`;
}

/** "Text, 5 bytes" for a heading. */
export function sizeText(n: number): string {
  return `${n.toLocaleString('en')} byte${n === 1 ? '' : 's'}`;
}
