/**
 * The conversation analyser: packets in, connections out. For each TCP connection it reassembles
 * both directions (reassembly.ts), reads the HTTP/1.1 heads, checks a WebSocket upgrade with
 * `validateHandshakeRequest` and `validateHandshakeResponse`, then runs the frame decoder on each
 * direction (websocket-side.ts) and lists every message and violation with its packet number.
 * TLS is recognised by its record header (RFC 8446 §5.1) and named, not decrypted.
 *
 * Memory is bounded: packets are dropped once handed on, out-of-order bytes are capped per stream,
 * an HTTP head is read up to 64 KiB, and messages keep a preview (`previewBytes`) and their length.
 */
import { findHeadEnd, headValue, parseHttpHead, sniffHttp, type HttpHead } from '../http/head';
import { decodeFrames } from '../websocket/decoder';
import { validateHandshakeRequest, type HandshakeProblem, type HandshakeRequest } from '../websocket/handshake';
import { validateHandshakeResponse, type ResponseProblem } from '../websocket/handshake-response';
import { decodePacket, type DecodedPacket, type PacketProblem } from './packet';
import { TcpStream, type StreamEvent, type StreamStats } from './reassembly';
import { createCaptureReader } from './reader';
import { clientByPort, clientOfSyn, connectionKey } from './roles';
import { tcpdumpLine } from './tcpdump-line';
import type { CaptureError, CaptureFormat } from './types';
import {
  WebSocketSide,
  type CaptureInflater,
  type InflaterFactory,
  type SideViolation,
  type WebSocketMessage,
} from './websocket-side';

export interface AnalyseOptions {
  /** Bytes of each message kept for display (default 256). `Infinity` keeps whole messages. */
  previewBytes?: number;
  /** Largest frame payload decoded (default 64 MiB); a larger one is a PAYLOAD_TOO_BIG violation. */
  maxFramePayload?: number;
  /** Out-of-order bytes held per direction before a gap is declared (default 4 MiB). */
  maxBuffered?: number;
  /** permessage-deflate: makes an inflater per direction; without it compressed messages show their wire bytes. */
  inflate?: InflaterFactory;
  /** Most TCP notes kept per connection (default 1000; counts stay exact). */
  maxNotes?: number;
  /** Keep each connection's first packets as tcpdump -n -S lines (`tcpdump`), up to this many (default 0). */
  tcpdumpLines?: number;
  /** Keep each message's first frame as wire hex (`frameHex`) when it is at most this many bytes (default 0: never). */
  frameBytes?: number;
  /**
   * Hands each message on as soon as it is complete instead of keeping it in `ConnectionAnalysis.messages`
   * (which then stays empty), so a capture of any length is analysed in bounded memory.
   */
  onMessage?: (message: WebSocketMessage, connection: ConnectionAnalysis) => void;
}

export type ConnectionKind = 'websocket' | 'http' | 'tls' | 'other';

export interface TcpNote {
  packet: number;
  from: 'client' | 'server';
  kind: 'gap' | 'snaplen' | 'retransmission' | 'out-of-order' | 'syn' | 'fin' | 'rst';
  message: string;
}

export interface HttpHeadInfo {
  from: 'client' | 'server';
  packet: number;
  startLine: string;
  /** The head as text (ISO-8859-1), cut to 4 KiB. */
  head: string;
}

export interface WebSocketInfo {
  /** The request line, e.g. "GET /lab/ws/echo HTTP/1.1"; null when the capture began after the upgrade. */
  request: string | null;
  requestPacket: number | null;
  /** False when the capture began after the upgrade and the frames were recognised by their shape. */
  handshakeSeen: boolean;
  requestProblems: HandshakeProblem[];
  /** The status line of the answer, e.g. "HTTP/1.1 101 Switching Protocols". */
  response: string | null;
  responsePacket: number | null;
  responseProblems: ResponseProblem[];
  /** Sec-WebSocket-Accept checked against the request's key (null when either is missing). */
  acceptValid: boolean | null;
  /** Sec-WebSocket-Extensions as the 101 accepted it. */
  extensions: string | null;
  protocol: string | null;
  /** permessage-deflate was negotiated. */
  deflate: boolean;
  /** Whether the upgrade happened (a 101 was seen). */
  upgraded: boolean;
}

export interface ConnectionAnalysis {
  id: number;
  /** "address:port"; IPv6 addresses in brackets. */
  client: string;
  server: string;
  /**
   * How the client was told: it sent the SYN, it sent the HTTP request, its WebSocket frames are masked
   * (a capture that began after the upgrade), or (a guess) it has the higher port.
   */
  clientBy: 'syn' | 'http' | 'mask' | 'port';
  kind: ConnectionKind;
  firstPacket: number;
  lastPacket: number;
  packets: number;
  tcp: {
    client: StreamStats;
    server: StreamStats;
    retransmissions: number;
    outOfOrder: number;
    gaps: number;
  };
  notes: TcpNote[];
  http: HttpHeadInfo[];
  tls: { packet: number; from: 'client' | 'server'; version: string } | null;
  websocket: WebSocketInfo | null;
  messages: WebSocketMessage[];
  violations: SideViolation[];
  /** The first packets as tcpdump -n -S prints them, when `tcpdumpLines` asked for them. */
  tcpdump: string[];
  /** The packet number of each line in `tcpdump`. */
  tcpdumpPackets: number[];
}

export interface CaptureAnalysis {
  format: CaptureFormat | undefined;
  packets: number;
  bytes: number;
  /** A reading error: packets before it were analysed. */
  error?: CaptureError;
  /** Packets that were not TCP (or IP fragments), counted by reason. */
  skipped: Record<string, number>;
  /** Layers that could not be read, with their packet (first 100). */
  problems: Array<PacketProblem & { packet: number }>;
  /** Packets cut by the snap length. */
  cutPackets: number;
  connections: ConnectionAnalysis[];
}

const MAX_HEAD = 64 * 1024;

/**
 * Whether bytes that are not HTTP or TLS start with WebSocket frames: at least one whole frame with a
 * defined opcode and no violation at all. 'wait' while the first frame is still arriving.
 */
function sniffFrames(b: Uint8Array): 'client' | 'server' | 'wait' | undefined {
  const first = b[0] ?? 0;
  if ((first & 0x70) !== 0 || ![0, 1, 2, 8, 9, 10].includes(first & 0x0f)) return undefined;
  const r = decodeFrames(b.length > 4096 ? b.subarray(0, 4096) : b, { from: 'unknown' });
  if (r.violations.length > 0) return undefined;
  const f = r.frames[0];
  if (f === undefined) return r.needed !== undefined ? 'wait' : undefined;
  return f.masked ? 'client' : 'server';
}
/**
 * The version a ServerHello chose, when `b` starts with one: its supported_versions extension (RFC 8446
 * §4.2.1, how TLS 1.3 is named), else its legacy_version (§4.1.3; TLS 1.2 and before). Undefined for
 * anything else, or when the record is cut before the answer.
 */
function serverHelloVersion(b: Uint8Array): number | undefined {
  // Record header (5 bytes): handshake (22). Handshake header (4 bytes): server_hello (2).
  if (b.length < 44 || b[0] !== 22 || b[5] !== 2) return undefined;
  const u16 = (i: number): number => (b[i]! << 8) | b[i + 1]!;
  const legacy = u16(9);
  let i = 43; // after legacy_version (2) and random (32)
  i += 1 + b[i]!; // legacy_session_id_echo
  i += 3; // cipher_suite, legacy_compression_method
  if (i + 2 > b.length) return legacy;
  const end = Math.min(b.length, i + 2 + u16(i));
  for (i += 2; i + 4 <= end;) {
    const type = u16(i);
    const length = u16(i + 2);
    if (type === 43 && length === 2 && i + 6 <= end) return u16(i + 4); // supported_versions
    i += 4 + length;
  }
  return legacy;
}

const TLS_VERSIONS: Record<number, string> = {
  0x0300: 'SSL 3.0',
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
};

type Mode =
  | { m: 'sniff' }
  | { m: 'head' }
  | { m: 'body'; left: number }
  | { m: 'chunked'; left: number; line: string; trailer: boolean }
  | { m: 'until-close' }
  | { m: 'wait' }
  | { m: 'ws' }
  | { m: 'tls' }
  | { m: 'opaque' };

interface Side {
  /** Index 0 or 1 of the connection's endpoints. */
  index: 0 | 1;
  stream: TcpStream;
  mode: Mode;
  buf: Uint8Array[];
  bufLength: number;
  bufPacket: number;
  ws?: WebSocketSide;
  /** The last request's method, for a response to HEAD (no body, RFC 9112 §6.3). */
  lastMethod?: string;
}

interface Conn {
  analysis: ConnectionAnalysis;
  endpoints: [string, string];
  sides: [Side, Side];
  /** Index of the client among `endpoints`, when known. */
  client?: 0 | 1;
  clientBy?: 'syn' | 'http' | 'mask';
  request?: HandshakeRequest;
  closed: boolean;
}

function endpoint(p: DecodedPacket, source: boolean): string {
  const ip = p.ip!;
  const addr = source ? ip.source : ip.destination;
  const port = source ? p.tcp!.sourcePort : p.tcp!.destinationPort;
  return ip.version === 6 ? `[${addr}]:${port}` : `${addr}:${port}`;
}

const concat = (parts: Uint8Array[], length: number): Uint8Array => {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const latin1 = (b: Uint8Array, max: number): string => {
  let s = '';
  for (let i = 0; i < Math.min(b.length, max); i++) s += String.fromCharCode(b[i]!);
  return s;
};

/** A WebSocket connection's handshake facts before any of them is seen. */
function noHandshake(): WebSocketInfo {
  return {
    request: null,
    requestPacket: null,
    requestProblems: [],
    response: null,
    responsePacket: null,
    responseProblems: [],
    acceptValid: null,
    extensions: null,
    protocol: null,
    deflate: false,
    upgraded: false,
    handshakeSeen: false,
  };
}

export class CaptureAnalyser {
  private readonly opts: Required<Omit<AnalyseOptions, 'inflate' | 'onMessage'>> &
    Pick<AnalyseOptions, 'inflate' | 'onMessage'>;
  private readonly conns = new Map<string, Conn>();
  private readonly all: Conn[] = [];
  private readonly result: Omit<CaptureAnalysis, 'connections'> = {
    format: undefined,
    packets: 0,
    bytes: 0,
    skipped: {},
    problems: [],
    cutPackets: 0,
  };

  constructor(options: AnalyseOptions = {}) {
    this.opts = {
      previewBytes: options.previewBytes ?? 256,
      maxFramePayload: options.maxFramePayload ?? 64 * 1024 * 1024,
      maxBuffered: options.maxBuffered ?? 4 * 1024 * 1024,
      maxNotes: options.maxNotes ?? 1000,
      frameBytes: options.frameBytes ?? 0,
      tcpdumpLines: options.tcpdumpLines ?? 0,
      inflate: options.inflate,
      onMessage: options.onMessage,
    };
  }

  /** Where a connection's messages go: the caller's `onMessage`, or its list. */
  private messages(a: ConnectionAnalysis): (m: WebSocketMessage) => void {
    const on = this.opts.onMessage;
    return on !== undefined ? (m) => on(m, a) : (m) => a.messages.push(m);
  }

  /** Adds one decoded packet (packets must come in capture order). */
  add(p: DecodedPacket): void {
    this.result.packets++;
    this.result.bytes += p.capturedLength;
    if (p.capturedLength < p.originalLength) this.result.cutPackets++;
    for (const problem of p.problems)
      if (this.result.problems.length < 100) this.result.problems.push({ ...problem, packet: p.number });
    if (p.skipped !== undefined) {
      this.result.skipped[p.skipped] = (this.result.skipped[p.skipped] ?? 0) + 1;
      return;
    }
    if (p.tcp === undefined || p.ip === undefined) return;
    const src = endpoint(p, true);
    const dst = endpoint(p, false);
    const key = connectionKey(src, dst);
    let c = this.conns.get(key);
    const tcp = p.tcp;
    // A new SYN on a finished connection is a new connection on the same ports.
    if (c !== undefined && c.closed && tcp.flags.syn && !tcp.flags.ack) c = undefined;
    if (c === undefined) {
      c = this.open(src, dst, p.number);
      this.conns.set(key, c);
    }
    const a = c.analysis;
    a.packets++;
    a.lastPacket = p.number;
    if (a.tcpdump.length < this.opts.tcpdumpLines) {
      a.tcpdump.push(tcpdumpLine(p) ?? '');
      a.tcpdumpPackets.push(p.number);
    }
    const from: 0 | 1 = c.endpoints[0] === src ? 0 : 1;
    if (tcp.flags.syn && c.client === undefined) {
      c.client = clientOfSyn(from, tcp.flags.ack);
      c.clientBy = 'syn';
    }
    const side = c.sides[from];
    const stats = side.stream.stats;
    const before = [stats.retransmissions, stats.outOfOrder];
    const events = side.stream.push({
      seq: tcp.seq,
      syn: tcp.flags.syn,
      fin: tcp.flags.fin,
      rst: tcp.flags.rst,
      payload: p.payload ?? new Uint8Array(0),
      missing: p.missing,
      packet: p.number,
    });
    if (tcp.flags.rst || (c.sides[0].stream.stats.fin !== undefined && c.sides[1].stream.stats.fin !== undefined))
      c.closed = true;
    this.noteFlags(c, from, p);
    if (stats.retransmissions > before[0]!)
      this.note(
        c,
        from,
        p.number,
        'retransmission',
        'Carries bytes already seen: a retransmission or an overlap, not delivered twice',
      );
    if (stats.outOfOrder > before[1]!)
      this.note(c, from, p.number, 'out-of-order', 'Arrived before the bytes in front of it; held until they come');
    this.handle(c, side, events);
    if (tcp.flags.ack) {
      const other = c.sides[1 - from]!;
      other.stream.acknowledge(tcp.ack);
    }
  }

  /** Ends the capture: held bytes are handed on after their gaps, unfinished messages reported. */
  finish(extra: Partial<Pick<CaptureAnalysis, 'format' | 'error'>> = {}): CaptureAnalysis {
    for (const c of this.all) {
      for (const s of c.sides) this.handle(c, s, s.stream.flush());
      for (const s of c.sides) s.ws?.end();
      this.resolve(c);
    }
    const out: CaptureAnalysis = { ...this.result, connections: this.all.map((c) => c.analysis) };
    if (extra.format !== undefined) out.format = extra.format;
    if (extra.error !== undefined) out.error = extra.error;
    return out;
  }

  private open(src: string, dst: string, packet: number): Conn {
    const side = (index: 0 | 1): Side => ({
      index,
      stream: new TcpStream({ maxBuffered: this.opts.maxBuffered }),
      mode: { m: 'sniff' },
      buf: [],
      bufLength: 0,
      bufPacket: 0,
    });
    const conn: Conn = {
      endpoints: [src, dst],
      sides: [side(0), side(1)],
      closed: false,
      analysis: {
        id: this.all.length + 1,
        client: src,
        server: dst,
        clientBy: 'port',
        kind: 'other',
        firstPacket: packet,
        lastPacket: packet,
        packets: 0,
        tcp: { client: {} as StreamStats, server: {} as StreamStats, retransmissions: 0, outOfOrder: 0, gaps: 0 },
        notes: [],
        http: [],
        tls: null,
        websocket: null,
        messages: [],
        violations: [],
        tcpdump: [],
        tcpdumpPackets: [],
      },
    };
    this.all.push(conn);
    return conn;
  }

  private role(c: Conn, index: 0 | 1): 'client' | 'server' {
    if (c.client !== undefined) return index === c.client ? 'client' : 'server';
    // Not known yet: guessed by the ports, else the first sender (endpoint 0), as the segment explainer does.
    const port = (e: string): number => Number(e.slice(e.lastIndexOf(':') + 1));
    const client = clientByPort(port(c.endpoints[0]), port(c.endpoints[1])) ?? 0;
    return index === client ? 'client' : 'server';
  }

  private note(c: Conn, index: 0 | 1, packet: number, kind: TcpNote['kind'], message: string): void {
    if (c.analysis.notes.length < this.opts.maxNotes)
      c.analysis.notes.push({ packet, from: this.role(c, index), kind, message });
  }

  private noteFlags(c: Conn, index: 0 | 1, p: DecodedPacket): void {
    const f = p.tcp!.flags;
    const s = c.sides[index].stream.stats;
    if (f.syn) this.note(c, index, p.number, 'syn', f.ack ? 'SYN-ACK: handshake step 2' : 'SYN: handshake step 1');
    if (f.fin && s.fin === p.number) this.note(c, index, p.number, 'fin', 'FIN: this side sends no more data');
    if (f.rst) this.note(c, index, p.number, 'rst', 'RST: the connection is aborted');
    if (p.missing > 0)
      this.note(
        c,
        index,
        p.number,
        'snaplen',
        `${p.missing} payload bytes were cut by the snap length (captured ${p.capturedLength} of ${p.originalLength} bytes)`,
      );
  }

  private handle(c: Conn, side: Side, events: StreamEvent[]): void {
    for (const e of events) {
      if (e.kind === 'gap') {
        if (e.reason === 'lost')
          this.note(
            c,
            side.index,
            e.packet,
            'gap',
            `${e.length} bytes never captured before stream offset ${e.offset + e.length}; decoding resumes after them`,
          );
        this.gap(side, e.offset, e.length, e.packet);
      } else this.data(c, side, e.offset, e.bytes, e.packet);
    }
  }

  private gap(side: Side, offset: number, length: number, packet: number): void {
    const m = side.mode;
    if (m.m === 'ws') side.ws?.gap(offset, length, packet);
    else if (m.m === 'body' && m.left >= length) m.left -= length;
    else if (m.m === 'head' || m.m === 'sniff' || m.m === 'chunked') {
      side.buf = [];
      side.bufLength = 0;
      side.mode = { m: 'sniff' };
    } else if (m.m === 'wait') side.mode = { m: 'opaque' };
  }

  private data(c: Conn, side: Side, offset: number, bytes: Uint8Array, packet: number): void {
    let at = 0;
    while (at < bytes.length) {
      const chunk = at === 0 ? bytes : bytes.subarray(at);
      const m = side.mode;
      switch (m.m) {
        case 'ws':
          side.ws!.push(offset + at, chunk, packet);
          return;
        case 'tls':
        case 'opaque':
        case 'until-close':
          return;
        case 'body': {
          const n = Math.min(m.left, chunk.length);
          m.left -= n;
          at += n;
          if (m.left === 0) side.mode = { m: 'head' };
          continue;
        }
        case 'chunked':
          at += this.chunked(side, m, chunk);
          continue;
        case 'wait': {
          if (side.bufLength === 0) side.bufPacket = packet;
          side.buf.push(chunk.slice());
          side.bufLength += chunk.length;
          if (side.bufLength > MAX_HEAD) {
            side.buf = [];
            side.mode = { m: 'opaque' };
          }
          return;
        }
        case 'sniff':
        case 'head': {
          if (side.bufLength === 0) side.bufPacket = packet;
          side.buf.push(chunk);
          side.bufLength += chunk.length;
          const joined = concat(side.buf, side.bufLength);
          side.buf = [joined];
          if (m.m === 'sniff') {
            if (joined.length < 3) return;
            if (joined[0] === 0x16 && joined[1] === 0x03 && (joined[2] ?? 9) <= 0x04) {
              this.tls(c, side, joined, side.bufPacket);
              return;
            }
            const kind = sniffHttp(joined);
            if (kind === undefined) {
              if (joined.length < 8 && /^[A-Z]+$/.test(latin1(joined, 8))) return; // maybe a method still arriving
              const ws = sniffFrames(joined);
              if (ws === 'wait' && joined.length < MAX_HEAD) return;
              side.buf = [];
              side.bufLength = 0;
              if (ws === 'client' || ws === 'server')
                this.midstream(c, side, ws, offset + at + chunk.length - joined.length, joined, side.bufPacket);
              else side.mode = { m: 'opaque' };
              return;
            }
            side.mode = { m: 'head' };
          }
          const end = findHeadEnd(joined, Math.max(0, joined.length - chunk.length - 3));
          if (end < 0) {
            if (joined.length > MAX_HEAD) {
              this.note(
                c,
                side.index,
                packet,
                'gap',
                `An HTTP head longer than ${MAX_HEAD} bytes; the rest of this direction is not read`,
              );
              side.mode = { m: 'opaque' };
              side.buf = [];
            }
            return;
          }
          side.buf = [];
          side.bufLength = 0;
          const rest = joined.subarray(end);
          this.head(
            c,
            side,
            joined.subarray(0, end),
            side.bufPacket,
            offset + at + chunk.length - rest.length,
            rest,
            packet,
          );
          return;
        }
      }
    }
  }

  /**
   * The capture began after the upgrade: this direction starts with what decodes as WebSocket frames.
   * Masked frames come from the client (RFC 6455 §5.1), which settles who is who when no SYN was seen.
   */
  private midstream(
    c: Conn,
    side: Side,
    from: 'client' | 'server',
    offset: number,
    bytes: Uint8Array,
    packet: number,
  ): void {
    const a = c.analysis;
    if (c.client === undefined) {
      c.client = (from === 'client' ? side.index : 1 - side.index) as 0 | 1;
      c.clientBy = 'mask';
    }
    a.kind = 'websocket';
    a.websocket ??= { ...noHandshake(), upgraded: true };
    side.mode = { m: 'ws' };
    side.ws = new WebSocketSide(
      this.role(c, side.index),
      offset,
      false,
      this.opts.previewBytes,
      this.opts.maxFramePayload,
      this.messages(a),
      (v) => a.violations.push(v),
      undefined,
      this.opts.frameBytes,
    );
    side.ws.push(offset, bytes, packet);
  }

  /** Reads chunked transfer coding (RFC 9112 §7.1); returns the bytes consumed. */
  private chunked(side: Side, m: Extract<Mode, { m: 'chunked' }>, b: Uint8Array): number {
    let i = 0;
    while (i < b.length) {
      if (m.left > 0) {
        const n = Math.min(m.left, b.length - i);
        m.left -= n;
        i += n;
        continue;
      }
      const c = b[i++]!;
      if (c !== 0x0a) {
        if (m.line.length < 256) m.line += String.fromCharCode(c);
        continue;
      }
      const line = m.line.replace(/\r$/, '');
      m.line = '';
      if (m.trailer) {
        if (line === '') {
          side.mode = { m: 'head' };
          return i;
        }
        continue;
      }
      if (line === '') continue; // the CRLF after a chunk's data
      const size = parseInt(line.split(';')[0]!.trim(), 16);
      if (!Number.isFinite(size)) {
        side.mode = { m: 'opaque' };
        return b.length;
      }
      if (size === 0) m.trailer = true;
      else m.left = size;
    }
    return i;
  }

  private tls(c: Conn, side: Side, b: Uint8Array, packet: number): void {
    side.mode = { m: 'tls' };
    side.buf = [];
    side.bufLength = 0;
    const a = c.analysis;
    a.kind = a.kind === 'websocket' ? a.kind : 'tls';
    const name = (v: number): string => TLS_VERSIONS[v] ?? `0x${v.toString(16)}`;
    if (a.tls === null) {
      // Until the server answers, the first record's version is all there is (RFC 8446 §5.1: a ClientHello's
      // record often says TLS 1.0 whatever the client offers).
      const version = ((b[1] ?? 0) << 8) | (b[2] ?? 0);
      a.tls = { packet, from: this.role(c, side.index), version: name(version) };
    }
    const chosen = serverHelloVersion(b);
    if (chosen !== undefined && this.role(c, side.index) === 'server') a.tls.version = name(chosen);
  }

  private head(
    c: Conn,
    side: Side,
    bytes: Uint8Array,
    packet: number,
    restOffset: number,
    rest: Uint8Array,
    restPacket: number,
  ): void {
    const parsed = parseHttpHead(bytes);
    const a = c.analysis;
    if ('error' in parsed) {
      this.note(c, side.index, packet, 'gap', `Not an HTTP head: ${parsed.error}`);
      side.mode = { m: 'opaque' };
      return;
    }
    if (c.client === undefined) {
      c.client = (parsed.kind === 'request' ? side.index : 1 - side.index) as 0 | 1;
      c.clientBy = 'http';
    }
    const from = this.role(c, side.index);
    if (a.http.length < 1000) a.http.push({ from, packet, startLine: parsed.startLine, head: latin1(bytes, 4096) });
    if (a.kind === 'other') a.kind = 'http';
    const other = c.sides[1 - side.index]!;
    if (parsed.kind === 'request') {
      side.lastMethod = parsed.method;
      const upgrade = headValue(parsed, 'upgrade');
      if (upgrade !== undefined && /websocket/i.test(upgrade)) {
        const v = validateHandshakeRequest(bytes);
        c.request = v.request;
        a.websocket = {
          ...noHandshake(),
          request: parsed.startLine,
          requestPacket: packet,
          requestProblems: v.problems,
          handshakeSeen: true,
        };
        a.kind = 'websocket';
        side.mode = { m: 'wait' };
      } else side.mode = this.bodyMode(parsed, undefined);
    } else {
      const status = parsed.status ?? 0;
      const ws = a.websocket;
      if (status === 101 && ws !== null && !ws.upgraded) {
        const v = validateHandshakeResponse(bytes, c.request);
        ws.response = parsed.startLine;
        ws.responsePacket = packet;
        ws.responseProblems = v.problems;
        ws.acceptValid = v.acceptValid ?? null;
        ws.extensions = v.extensionsHeader ?? null;
        ws.protocol = v.protocol ?? null;
        ws.upgraded = true;
        const pmd = v.extensions.find((e) => e.name.toLowerCase() === 'permessage-deflate');
        ws.deflate = pmd !== undefined;
        // RFC 6455 §4.1: from here both directions carry frames. The server's start right after its head.
        const make = (s: Side, start: number): WebSocketSide => {
          const role = this.role(c, s.index);
          const newInflater = (): CaptureInflater | undefined =>
            pmd !== undefined ? this.opts.inflate?.({ from: role, params: pmd.params }) : undefined;
          const inflater = newInflater();
          return new WebSocketSide(
            role,
            start,
            ws.deflate,
            this.opts.previewBytes,
            this.opts.maxFramePayload,
            this.messages(a),
            (v2) => a.violations.push(v2),
            inflater,
            this.opts.frameBytes,
            // Only links to the frame decoder ask whether a kept frame inflates alone.
            this.opts.frameBytes > 0 ? newInflater : undefined,
          );
        };
        side.mode = { m: 'ws' };
        side.ws = make(side, restOffset);
        const waiting = other.buf;
        const waitingLength = other.bufLength;
        const waitingPacket = other.bufPacket;
        other.buf = [];
        other.bufLength = 0;
        if (other.mode.m === 'wait') {
          other.mode = { m: 'ws' };
          other.ws = make(other, other.stream.position - waitingLength);
          if (waitingLength > 0)
            other.ws.push(other.stream.position - waitingLength, concat(waiting, waitingLength), waitingPacket);
        }
      } else {
        if (status >= 200 && ws !== null && !ws.upgraded) {
          ws.response = parsed.startLine;
          ws.responsePacket = packet;
          ws.responseProblems = validateHandshakeResponse(bytes, c.request).problems;
          a.kind = 'http';
        }
        side.mode = this.bodyMode(parsed, other.lastMethod);
        // The refused client's waiting bytes were HTTP after all.
        if (other.mode.m === 'wait' && status >= 200) {
          const waiting = concat(other.buf, other.bufLength);
          const wp = other.bufPacket;
          other.buf = [];
          other.bufLength = 0;
          other.mode = { m: 'sniff' };
          if (waiting.length > 0) this.data(c, other, other.stream.position - waiting.length, waiting, wp);
        }
      }
    }
    if (rest.length > 0) this.data(c, side, restOffset, rest, restPacket);
  }

  /** How the body after a head is delimited (RFC 9112 §6.3). */
  private bodyMode(h: HttpHead, requestMethod: string | undefined): Mode {
    const status = h.status ?? 0;
    if (h.kind === 'response' && (status < 200 || status === 204 || status === 304 || requestMethod === 'HEAD'))
      return { m: 'head' };
    const te = headValue(h, 'transfer-encoding');
    if (te !== undefined && /chunked\s*$/i.test(te)) return { m: 'chunked', left: 0, line: '', trailer: false };
    const cl = headValue(h, 'content-length');
    if (cl !== undefined && /^\d+$/.test(cl.trim())) {
      const n = Number(cl.trim());
      return n > 0 ? { m: 'body', left: n } : { m: 'head' };
    }
    return h.kind === 'request' ? { m: 'head' } : { m: 'until-close' };
  }

  /** Fixes who is client and fills in the counts once the capture has ended. */
  private resolve(c: Conn): void {
    const a = c.analysis;
    const clientIndex: 0 | 1 = c.client ?? (this.role(c, 0) === 'client' ? 0 : 1);
    a.client = c.endpoints[clientIndex];
    a.server = c.endpoints[1 - clientIndex]!;
    a.clientBy = c.clientBy ?? 'port';
    const cs = c.sides[clientIndex].stream.stats;
    const ss = c.sides[1 - clientIndex]!.stream.stats;
    a.tcp = {
      client: { ...cs },
      server: { ...ss },
      retransmissions: cs.retransmissions + ss.retransmissions,
      outOfOrder: cs.outOfOrder + ss.outOfOrder,
      gaps: cs.gaps + ss.gaps,
    };
  }
}

/** Streams a capture file through the reader, the dissectors and the analyser. */
export function createCaptureAnalysis(options: AnalyseOptions = {}): {
  push(chunk: Uint8Array): void;
  end(): CaptureAnalysis;
  readonly packets: number;
} {
  const reader = createCaptureReader();
  const analyser = new CaptureAnalyser(options);
  let error: CaptureError | undefined;
  let packets = 0;
  const take = (r: ReturnType<typeof reader.push>): void => {
    for (const raw of r.packets) {
      packets++;
      analyser.add(decodePacket(raw));
    }
    error ??= r.error;
  };
  return {
    push(chunk) {
      take(reader.push(chunk));
    },
    end() {
      take(reader.end());
      const extra: Partial<Pick<CaptureAnalysis, 'format' | 'error'>> = {};
      if (reader.detected !== undefined) extra.format = reader.detected;
      if (error !== undefined) extra.error = error;
      return analyser.finish(extra);
    },
    get packets() {
      return packets;
    },
  };
}

/** Analyses a whole capture held in memory (tests, pasted text). */
export function analyseCapture(bytes: Uint8Array, options: AnalyseOptions = {}): CaptureAnalysis {
  const a = createCaptureAnalysis(options);
  a.push(bytes);
  return a.end();
}
