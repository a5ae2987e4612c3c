/**
 * What the lab server (lab/) sends to pages, and the commands pages send it, as data types both sides
 * import. No Node and no DOM imports here: the lab compiles it with tsx, the site bundles it into widgets.
 *
 * Three channels:
 *
 * 1. `/lab/ws/inspect` (WebSocket). The lab echoes every message like `/lab/ws/echo` and, in between,
 *    sends JSON text messages of type {@link InspectReport} describing the bytes on the wire:
 *    first one `handshake` (the raw HTTP upgrade request exactly as it arrived), then one `frame` per
 *    WebSocket frame the browser sent (its bytes still masked, as hex), a `violation` if the bytes
 *    broke a rule, and one `server-frame` per frame the lab sends (echo, pong, ping, close) with the
 *    exact bytes it wrote, just before that frame. A frame's report is sent before the echo of the
 *    message it completes. Reports carry `lab: 'inspect'`, which tells them apart from echoes
 *    ({@link parseInspectReport}); open the socket with `?echo=0` to get reports only.
 *    The page may send commands as text messages ({@link InspectCommand}, {@link formatInspectCommand}):
 *    they are carried out instead of echoed. Lab version 2 (`LabStatus.version`) added `server-frame`,
 *    `command-error` and the `ping` command; version 1 had none of them. Version 3 accepts
 *    permessage-deflate (RFC 7692) when offered: the handshake report names the extension, each
 *    compressed message from the client gets a `message` report with its inflated bytes, and a
 *    compressed `server-frame` carries the message before compression (`inflated`).
 *
 * 2. `/lab/tcp/<experiment>?<params>` (Server-Sent Events, `text/event-stream`). Each experiment runs
 *    on loopback sockets the lab opens itself and streams events named `start`, `progress` (zero or
 *    more), then exactly one of `result` or `error`, and the stream ends. An `EventSource` reconnects
 *    when a stream ends, which would run the experiment again: close it on `result` or `error`.
 *    Every `data:` line is one JSON value of the shapes below ({@link ExperimentEvent}).
 *
 * 3. `/lab/status` (JSON, {@link LabStatus}) for the lab badge; `/lab/http/head` ({@link HeadEcho})
 *    and `/lab/http/limit/<size>` ({@link LimitReport}) for the HTTP lessons.
 */

import { MAX_CONTROL_PAYLOAD } from '../protocol/websocket/encoder';

// ---------------------------------------------------------------------------------------------------
// /lab/ws/inspect

/** The raw upgrade request as the lab's socket received it, and the response the lab sent. */
export interface InspectHandshake {
  lab: 'inspect';
  type: 'handshake';
  /** Milliseconds since the lab received the upgrade request (this report's clock origin: 0). */
  t: 0;
  /** Wall-clock time of the upgrade request, ms since the Unix epoch. */
  receivedAt: number;
  /**
   * The request head, request line to the empty line, bytes mapped 1:1 to characters (Latin-1) so
   * nothing is lost. `exact` says whether these are the bytes from the socket (true) or, if the raw
   * tap missed them, a reconstruction from the parsed header lines (false).
   */
  requestHead: string;
  exact: boolean;
  /** The 101 response head the lab answered with. */
  responseHead: string;
  /** The client's address and port as the lab's socket sees them. */
  remote: { address: string; port: number };
  /** The Sec-WebSocket-Extensions value the lab answered with (version 3), absent when none was accepted. */
  extension?: string;
}

/** One WebSocket frame exactly as the client sent it (RFC 6455 §5.2), masked bytes and all. */
export interface InspectFrame {
  lab: 'inspect';
  type: 'frame';
  /** 0, 1, 2… in arrival order. */
  seq: number;
  /** Byte offset of the frame's first byte in the stream after the handshake. */
  offset: number;
  /** Total length of the frame (header + payload) in bytes. */
  length: number;
  /** The frame's bytes as lowercase hex without separators; at most `HEX_LIMIT` bytes of it. */
  hex: string;
  /** True when `hex` stops at `HEX_LIMIT` bytes because the frame is longer. */
  truncated: boolean;
  /** Milliseconds since the upgrade request when the frame's first byte arrived. */
  firstByteT: number;
  /** Milliseconds since the upgrade request when the frame's last byte arrived. */
  t: number;
  /** How many socket reads carried some of this frame (TCP is a byte stream: often 1, not always). */
  reads: number;
}

/**
 * A compressed message (permessage-deflate, RSV1 on its first frame, RFC 7692 §6) from the client, as
 * the lab inflated it; sent after the `frame` reports of its frames and before the echo (version 3).
 */
export interface InspectMessage {
  lab: 'inspect';
  type: 'message';
  /** `seq` of the message's last frame. */
  seq: number;
  /** 0x1 text or 0x2 binary. */
  opcode: number;
  /** Compressed payload bytes on the wire, over all its frames. */
  compressedLength: number;
  /** Inflated length of the message. */
  length: number;
  /** The inflated message as lowercase hex; at most `HEX_LIMIT` bytes of it. */
  hex: string;
  truncated: boolean;
  t: number;
}

/** The client's bytes broke a rule; the lab sends Close with `code` and closes (RFC 6455 §7.1.7). */
export interface InspectViolation {
  lab: 'inspect';
  type: 'violation';
  t: number;
  id: string;
  code: number;
  rule: string;
  message: string;
  /** Offset in the stream after the handshake. */
  offset: number;
}

/** Why the lab sent a frame: an echo of a message, a Pong answering a Ping (RFC 6455 §5.5.3), a Ping the
 * page asked for (`ping` command), its own idle keepalive Ping (§5.5.2), or its Close (§5.5.1). */
export type ServerFrameCause = 'echo' | 'pong' | 'ping' | 'keepalive' | 'close';

/**
 * One frame the lab sent (RFC 6455 §5.2; a server never masks, §5.1): the exact bytes it handed to its
 * socket, header and payload. The report goes out just before the frame, in the same write, so the
 * next frame after it on the wire is the one it describes (after a Close nothing more may be sent,
 * §5.5.1, so a report cannot follow its frame). Reports are not themselves reported.
 */
export interface InspectServerFrame {
  lab: 'inspect';
  type: 'server-frame';
  /** 0, 1, 2… in sending order, counting only reported frames. */
  seq: number;
  cause: ServerFrameCause;
  /** Total length of the frame (header + payload) in bytes. */
  length: number;
  /** The frame's bytes as lowercase hex without separators; at most `HEX_LIMIT` bytes of it. */
  hex: string;
  /** True when `hex` stops at `HEX_LIMIT` bytes because the frame is longer. */
  truncated: boolean;
  /** Milliseconds since the upgrade request when the lab wrote the frame. */
  t: number;
  /** A compressed frame (RSV1, RFC 7692 §6): the message before compression (version 3). */
  inflated?: { length: number; hex: string; truncated: boolean };
}

/** A command from the page that the lab refused; nothing was sent for it. */
export interface InspectCommandError {
  lab: 'inspect';
  type: 'command-error';
  t: number;
  /** The command's name as sent, or '' when there was none. */
  command: string;
  message: string;
}

export type InspectReport =
  InspectHandshake | InspectFrame | InspectMessage | InspectViolation | InspectServerFrame | InspectCommandError;

/** The most frame bytes one `frame` or `server-frame` report carries as hex (64 KiB → 128 KiB of JSON). */
export const HEX_LIMIT = 65536;

/**
 * Asks the lab to send a Ping whose application data is `data`, UTF-8 encoded, at most 125 bytes (RFC
 * 6455 §5.5). The browser answers with a Pong carrying the same data by itself (§5.5.2–5.5.3), and the
 * lab reports that Pong like any frame the browser sends. The browser's WebSocket API cannot send a
 * Ping, so this is the page's way to see one.
 */
export interface InspectPingCommand {
  lab: 'inspect';
  command: 'ping';
  data: string;
}

export type InspectCommand = InspectPingCommand;

/** Commands start with these characters (reports with `{"lab":"inspect","type"`). */
export const COMMAND_PREFIX = '{"lab":"inspect","command":';

/** The text message that carries a command, `lab` first so the lab recognizes it by its prefix. */
export function formatInspectCommand(command: InspectCommand): string {
  return JSON.stringify({ lab: command.lab, command: command.command, data: command.data });
}

export type PingDataCheck = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Whether `data` fits a Ping (§5.5: at most 125 bytes of payload), and its UTF-8 bytes when it does. */
export function checkPingData(data: string): PingDataCheck {
  const bytes = new TextEncoder().encode(data);
  if (bytes.length > MAX_CONTROL_PAYLOAD) {
    return {
      ok: false,
      message: `The ping data is ${bytes.length} bytes of UTF-8; a Ping carries at most ${MAX_CONTROL_PAYLOAD}, like every control frame (RFC 6455 §5.5).`,
    };
  }
  return { ok: true, bytes };
}

/** A text message read as a command: undefined when it is not one (it is echoed), else the command or why not. */
export function parseInspectCommand(
  text: string,
): { ok: true; command: InspectCommand } | { ok: false; command: string; message: string } | undefined {
  if (!text.startsWith(COMMAND_PREFIX)) return undefined;
  let value: { command?: unknown; data?: unknown };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    return { ok: false, command: '', message: 'The command is not valid JSON.' };
  }
  const name = typeof value.command === 'string' ? value.command : '';
  if (name !== 'ping') return { ok: false, command: name, message: `Unknown command "${name}"; the lab knows "ping".` };
  if (typeof value.data !== 'string')
    return { ok: false, command: name, message: 'A ping command needs "data", a string.' };
  return { ok: true, command: { lab: 'inspect', command: 'ping', data: value.data } };
}

/** The report in a text message from `/lab/ws/inspect`, or `undefined` when the message is an echo. */
export function parseInspectReport(text: string): InspectReport | undefined {
  if (!text.startsWith('{"lab":"inspect"')) return undefined;
  try {
    const value = JSON.parse(text) as { lab?: unknown };
    return value.lab === 'inspect' ? (value as InspectReport) : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// /lab/tcp/<experiment> (Server-Sent Events)

export type ExperimentName = 'nagle' | 'boundaries' | 'backpressure' | 'refused';

/** Distribution of a list of durations, in milliseconds. Percentiles use the nearest-rank method. */
export interface LatencySummary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * Nagle (RFC 896) meets delayed ACK (RFC 1122 §4.2.3.2, RFC 9293 §3.8.6.3): each round the client
 * writes two small pieces, then waits for the server's one-byte reply. With Nagle on, the second piece
 * waits for the ACK of the first, which the server delays because it has nothing to send yet
 * (about 40 ms on Linux); with TCP_NODELAY both go at once.
 * Query: `rounds` (1–100, default 20), `size` bytes per piece (1–1400, default 10).
 */
export interface NagleParams {
  rounds: number;
  size: number;
}
export type NagleSetting = 'nagle' | 'nodelay';
export interface NagleProgress {
  setting: NagleSetting;
  round: number;
  rounds: number;
  ms: number;
}
export interface NagleRun {
  setting: NagleSetting;
  /** The value passed to socket.setNoDelay(). */
  noDelay: boolean;
  /** Write-write-read latency of each round, in order. */
  latenciesMs: number[];
  summary: LatencySummary;
}
export interface NagleResult {
  params: NagleParams;
  /** 'nagle' first, then 'nodelay', each on a fresh connection. */
  runs: NagleRun[];
}

/**
 * TCP carries a byte stream, not messages (RFC 9293 §2.2): the client makes `writes` write() calls of
 * `size` bytes each; the server records how its reads were chunked ("sticky packets").
 * Query: `writes` (1–2000, default 100), `size` (1–4096, default 16), `gapMs` pause between writes
 * (0–20, default 0), `noDelay` (0 or 1, default 1).
 * Message i is ASCII: `<i>` padded with `-` to `size` bytes (cut if longer), so a read's text shows
 * where it split.
 */
export interface BoundariesParams {
  writes: number;
  size: number;
  gapMs: number;
  noDelay: boolean;
}
export interface BoundariesProgress {
  written: number;
  bytesRead: number;
  reads: number;
}
export interface BoundaryRead {
  /** Byte offset in the stream of the read's first byte. */
  offset: number;
  bytes: number;
  /** Milliseconds since the first write. */
  t: number;
}
export interface BoundariesResult {
  params: BoundariesParams;
  totalBytes: number;
  /** Every read the server's socket delivered (at most 2000 listed; `readCount` is the true count). */
  reads: BoundaryRead[];
  readCount: number;
  /** Reads that ended exactly at a message boundary. */
  readsEndingOnBoundary: number;
  /** The first few hundred bytes as the first read delivered them. */
  firstReadText: string;
}

/**
 * Backpressure: the server's socket does not read; the client writes `chunk`-byte pieces until
 * write() returns false, waits for 'drain' while the kernel still takes bytes, and stops when nothing
 * moves for 200 ms (the receiver's window is closed, RFC 9293 §3.8.6). `pauseMs` later the reader
 * resumes, and the writer gets 'drain' once Node's buffer has emptied into the kernel.
 * Query: `chunk` (1024–1048576, default 65536), `pauseMs` (0–5000, default 1000),
 * `maxBytes` (1 MiB–256 MiB, default 64 MiB), `highWaterMark` (1024–1048576, default 16384).
 */
export interface BackpressureParams {
  chunk: number;
  pauseMs: number;
  maxBytes: number;
  highWaterMark: number;
}
export type BackpressurePhase = 'filling' | 'stalled' | 'reading' | 'drained' | 'finished';
export interface BackpressureProgress {
  phase: BackpressurePhase;
  /** Milliseconds since the first write. */
  t: number;
  /** Bytes handed to write() so far. */
  written: number;
  /** Bytes still queued in Node's user-space buffer (socket.writableLength). */
  queued: number;
  /** Bytes the reader has read so far. */
  read: number;
}
export interface BackpressureResult {
  params: BackpressureParams;
  /** Bytes handed to write() up to and including the call that first returned false. */
  acceptedBeforeFirstFalse: number;
  /** socket.writableLength right after that call. */
  queuedAtFirstFalse: number;
  /** Bytes handed to write() when nothing moved any more while the reader was paused. */
  acceptedWhenStalled: number;
  /** Of those, bytes still in Node's buffer; the rest sat in the kernel's send and receive buffers. */
  queuedWhenStalled: number;
  kernelHeldWhenStalled: number;
  /** True if `maxBytes` was reached before the writer stalled. */
  capReached: boolean;
  /** Milliseconds from the reader's resume() to the writer's 'drain'. */
  drainAfterResumeMs: number | null;
  /** Bytes the reader had read when the writer got 'drain'. */
  readBeforeDrain: number | null;
  totalWritten: number;
  totalRead: number;
}

/**
 * Connection refused: connect to a loopback port nobody listens on (the lab binds a port, closes it,
 * then connects). The peer's TCP answers the SYN with RST (RFC 9293 §3.10.7.1), which the socket API
 * reports as ECONNREFUSED. Query: `attempts` (1–20, default 3).
 */
export interface RefusedParams {
  attempts: number;
}
export interface RefusedAttempt {
  attempt: number;
  port: number;
  /** 'ECONNREFUSED' normally; 'CONNECTED' if something did listen there (reported, then closed). */
  code: string;
  errno: number | null;
  syscall: string | null;
  /** Milliseconds from connect() to the error. */
  ms: number;
}
export type RefusedProgress = RefusedAttempt;
export interface RefusedResult {
  params: RefusedParams;
  attempts: RefusedAttempt[];
  summary: LatencySummary;
}

export interface ExperimentTypes {
  nagle: { params: NagleParams; progress: NagleProgress; result: NagleResult };
  boundaries: { params: BoundariesParams; progress: BoundariesProgress; result: BoundariesResult };
  backpressure: { params: BackpressureParams; progress: BackpressureProgress; result: BackpressureResult };
  refused: { params: RefusedParams; progress: RefusedProgress; result: RefusedResult };
}

/** `start` event: the parameters actually used, after clamping, and which ones were changed. */
export interface ExperimentStart<N extends ExperimentName = ExperimentName> {
  experiment: N;
  params: ExperimentTypes[N]['params'];
  /** Names of query parameters that were out of range or not numbers and were replaced. */
  adjusted: string[];
}
export interface ExperimentError {
  experiment: ExperimentName;
  message: string;
}

/** One SSE event of an experiment stream: `event.type` is the SSE `event:` name. */
export type ExperimentEvent<N extends ExperimentName = ExperimentName> =
  | { type: 'start'; data: ExperimentStart<N> }
  | { type: 'progress'; data: ExperimentTypes[N]['progress'] }
  | { type: 'result'; data: ExperimentTypes[N]['result'] }
  | { type: 'error'; data: ExperimentError };

// ---------------------------------------------------------------------------------------------------
// /lab/status, /lab/http/head, /lab/http/limit/<size>

/**
 * GET /lab/status from a page whose origin the lab does not allow: 403 with this body, readable by that page
 * (CORS), so it can name the flag that admits it. A refused WebSocket shows the page only close code 1006.
 */
export interface LabRefusal {
  lab: 'wire-notebook';
  refused: 'origin';
  /** The page's origin, as the lab read it. */
  origin: string;
  /** The command that starts the lab with this origin allowed. */
  allowWith: string;
}

export interface LabStatus {
  lab: 'wire-notebook';
  version: string;
  /** The lab's own origin, e.g. "http://127.0.0.1:8787". */
  origin: string;
  websocket: { echo: string; inspect: string };
  experiments: ExperimentName[];
  /** Plain TCP echo port (for nc and tcpdump), or null when disabled. */
  tcpEchoPort: number | null;
  /** Whether the lab serves the built site too. */
  servesSite: boolean;
  connections: { websocket: number; max: number };
  limits: { maxMessageBytes: number; idleTimeoutMs: number; handshakeTimeoutMs: number };
  uptimeMs: number;
}

/** JSON form of `/lab/http/head` (ask with `Accept: application/json` or `?format=json`). */
export interface HeadEcho {
  /** The request head as received, Latin-1 (one character per byte). */
  head: string;
  /** False when the raw tap missed the bytes and `head` was rebuilt from the parsed header lines. */
  exact: boolean;
  bytes: number;
  method: string;
  target: string;
  httpVersion: string;
  /** Header lines in the order they arrived, names as sent. */
  headers: [string, string][];
}

/** JSON body of `/lab/http/limit/<size>` (200, 414 or 431). */
export interface LimitReport {
  status: 200 | 414 | 431;
  /** The endpoint's limit in bytes (8k → 8192). */
  limit: number;
  /** Length of the request target (path and query) in bytes. */
  targetBytes: number;
  /** Bytes of all header field lines, `Name: value\r\n` each, excluding the request line. */
  headerBytes: number;
  /** The largest single field line. */
  largestField: { name: string; bytes: number } | null;
  explanation: string;
}
