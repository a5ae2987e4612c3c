/**
 * The CLI's two outputs for a CaptureAnalysis: the JSON shape documented in docs/capture.md, and
 * readable text. Kept apart from the file reading so tests and other tools can use them.
 *
 * Both are written in pieces. Messages are formatted the moment the analyser hands them on and parked in a
 * MessageSpool (a temporary file once a connection has more than 256 KiB of them), so a capture with a million
 * messages never holds them in memory; the report is written at the end, when each connection's counts and
 * roles are final.
 */
import { plural } from '../src/explain/format';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureAnalysis, ConnectionAnalysis } from '../src/protocol/capture/analyser';
import type { WebSocketMessage } from '../src/protocol/capture/websocket-side';

/** Receives the report piece by piece; the pieces joined are the whole output (bytes are UTF-8 text). */
export type Write = (piece: string | Uint8Array) => void;

/** Each connection's formatted messages, in order. */
export type MessagePieces = (c: ConnectionAnalysis) => Iterable<string | Uint8Array>;

interface Parked {
  count: number;
  /** This connection's newest messages as UTF-8, not yet in the file. */
  buffer: Buffer | undefined;
  used: number;
  /** Byte ranges in the spool file, in order; `buffer` comes after them. */
  blocks: Array<[position: number, length: number]>;
}

/**
 * Formatted messages per connection. Each message is encoded to UTF-8 at once into its connection's buffer
 * (`chunk` bytes; strings held until later would live long enough to make the garbage collector copy them);
 * a full buffer is appended to one temporary file and only its byte range is kept. At most `maxBuffers`
 * buffers are held: past that every one is written out and dropped. `close()` removes the file.
 */
export class MessageSpool {
  private readonly parked = new Map<number, Parked>();
  private held = 0;
  private dir: string | undefined;
  private fd: number | undefined;
  private size = 0;

  constructor(
    private readonly chunk = 256 * 1024,
    private readonly maxBuffers = 32,
  ) {}

  /** How many messages connection `id` has so far. */
  count(id: number): number {
    return this.parked.get(id)?.count ?? 0;
  }

  add(id: number, text: string): void {
    let p = this.parked.get(id);
    if (p === undefined) {
      p = { count: 0, buffer: undefined, used: 0, blocks: [] };
      this.parked.set(id, p);
    }
    p.count++;
    // A UTF-8 byte sequence is at most 3 bytes per UTF-16 code unit.
    if (text.length * 3 > this.chunk) {
      this.park(p);
      this.append(p, Buffer.from(text, 'utf8'));
      return;
    }
    if (p.buffer !== undefined && p.used + text.length * 3 > p.buffer.length) this.park(p);
    if (p.buffer === undefined) {
      if (this.held >= this.maxBuffers) for (const q of this.parked.values()) this.park(q, true);
      p.buffer = Buffer.allocUnsafe(this.chunk);
      p.used = 0;
      this.held++;
    }
    p.used += p.buffer.write(text, p.used, 'utf8');
  }

  /** Writes `p`'s buffered bytes to the file; `drop` also lets the buffer go. */
  private park(p: Parked, drop = false): void {
    if (p.buffer !== undefined && p.used > 0) this.append(p, p.buffer.subarray(0, p.used));
    p.used = 0;
    if (drop && p.buffer !== undefined) {
      p.buffer = undefined;
      this.held--;
    }
  }

  private append(p: Parked, bytes: Uint8Array): void {
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'wn-capture-'));
      this.fd = openSync(join(this.dir, 'messages'), 'w+');
    }
    let at = 0;
    while (at < bytes.length) at += writeSync(this.fd, bytes, at, bytes.length - at, this.size + at);
    p.blocks.push([this.size, bytes.length]);
    this.size += bytes.length;
  }

  /** Connection `id`'s messages as written by `add`, as UTF-8 bytes a block at a time. */
  *pieces(id: number): Iterable<Uint8Array> {
    const p = this.parked.get(id);
    if (p === undefined) return;
    for (const [position, length] of p.blocks) {
      const b = Buffer.allocUnsafe(length);
      let at = 0;
      while (at < length) at += readSync(this.fd!, b, at, length - at, position + at);
      yield b;
    }
    if (p.buffer !== undefined && p.used > 0) yield p.buffer.subarray(0, p.used);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.fd = undefined;
    this.dir = undefined;
  }
}

export interface JsonMessage {
  from: 'client' | 'server';
  type: WebSocketMessage['type'];
  length: number;
  wireLength: number;
  packet: number;
  compressed?: boolean;
  /** A compressed message that did not inflate: why (its text or hex are then the wire bytes). */
  inflateError?: string;
  text?: string;
  hex?: string;
  closeCode?: number;
  closeReason?: string;
  cut?: boolean;
  incomplete?: boolean;
  missing?: number;
}

export function jsonMessage(m: WebSocketMessage): JsonMessage {
  const out: JsonMessage = { from: m.from, type: m.type, length: m.length, wireLength: m.wireLength, packet: m.packet };
  if (m.type === 'text' || m.type === 'binary') out.compressed = m.compressed;
  if (m.inflateError !== undefined) out.inflateError = m.inflateError;
  if (m.text !== undefined) out.text = m.text;
  else if (m.hex !== undefined) out.hex = m.hex;
  if (m.closeCode !== undefined) out.closeCode = m.closeCode;
  if (m.closeReason !== undefined && m.closeReason !== '') out.closeReason = m.closeReason;
  if (m.cut) out.cut = true;
  if (m.incomplete) out.incomplete = true;
  if (m.missing !== undefined) out.missing = m.missing;
  return out;
}

export function jsonConnection(c: ConnectionAnalysis): Record<string, unknown> {
  const ws = c.websocket;
  return {
    client: c.client,
    server: c.server,
    kind: c.kind,
    packets: [c.firstPacket, c.lastPacket],
    tcp: { retransmissions: c.tcp.retransmissions, outOfOrder: c.tcp.outOfOrder, gaps: c.tcp.gaps },
    tls: c.tls,
    http: c.http.map((h) => ({ from: h.from, packet: h.packet, line: h.startLine })),
    websocket:
      ws === null || !ws.upgraded
        ? null
        : {
            request: ws.request,
            response: ws.response,
            acceptValid: ws.acceptValid,
            extensions: ws.extensions,
            protocol: ws.protocol,
            problems: [...ws.requestProblems, ...ws.responseProblems].map((p) => ({
              id: p.id,
              rule: p.rule,
              message: p.message,
            })),
          },
    messages: c.messages.map(jsonMessage),
    violations: c.violations.map((v) => ({
      id: v.id,
      code: v.code,
      from: v.from,
      packet: v.packet,
      offset: v.offset,
      message: v.message,
    })),
  };
}

/** A placeholder that no value in the report can produce: a JSON string cannot hold a raw newline. */
const HOLE = '\u0001';
const holeAt = (json: string, indent: string, key: string): [string, string] => {
  const mark = `\n${indent}${JSON.stringify(key)}: ${JSON.stringify(HOLE)}`;
  const at = json.indexOf(mark);
  return [json.slice(0, at + mark.length - JSON.stringify(HOLE).length), json.slice(at + mark.length)];
};
const indent = (json: string, by: string): string => by + json.replaceAll('\n', `\n${by}`);

/**
 * One message as it stands at `index` in its connection's `messages` array of the JSON report: what
 * `JSON.stringify(jsonMessage(m), null, 2)` prints there, written out directly because a large capture
 * formats a million of them.
 */
export function jsonMessagePiece(m: WebSocketMessage, index: number): string {
  const j = jsonMessage(m);
  let s = `${index > 0 ? ',' : ''}\n        {\n          "from": "${j.from}",\n          "type": "${j.type}",\n          "length": ${j.length},\n          "wireLength": ${j.wireLength},\n          "packet": ${j.packet}`;
  if (j.compressed !== undefined) s += `,\n          "compressed": ${j.compressed}`;
  if (j.inflateError !== undefined) s += `,\n          "inflateError": ${JSON.stringify(j.inflateError)}`;
  if (j.text !== undefined) s += `,\n          "text": ${JSON.stringify(j.text)}`;
  if (j.hex !== undefined) s += `,\n          "hex": "${j.hex}"`;
  if (j.closeCode !== undefined) s += `,\n          "closeCode": ${j.closeCode}`;
  if (j.closeReason !== undefined) s += `,\n          "closeReason": ${JSON.stringify(j.closeReason)}`;
  if (j.cut !== undefined) s += `,\n          "cut": ${j.cut}`;
  if (j.incomplete !== undefined) s += `,\n          "incomplete": ${j.incomplete}`;
  if (j.missing !== undefined) s += `,\n          "missing": ${j.missing}`;
  return `${s}\n        }`;
}

/**
 * Writes the JSON report, byte for byte what `JSON.stringify(report, null, 2)` would print, with each
 * connection's `messages` taken from `messages` (pieces made by `jsonMessagePiece`).
 */
export function writeJsonReport(a: CaptureAnalysis, write: Write, messages: MessagePieces): void {
  const top: Record<string, unknown> = { format: a.format, packets: a.packets };
  if (a.error !== undefined) top.error = a.error;
  if (Object.keys(a.skipped).length > 0) top.skipped = a.skipped;
  if (a.connections.length === 0) {
    top.connections = [];
    write(JSON.stringify(top, null, 2));
    return;
  }
  top.connections = HOLE;
  const [head, tail] = holeAt(JSON.stringify(top, null, 2), '  ', 'connections');
  write(head);
  write('[');
  a.connections.forEach((c, i) => {
    const conn = jsonConnection(c);
    const pieces = messages(c);
    const iter = pieces[Symbol.iterator]();
    const first = iter.next();
    conn.messages = first.done === true ? [] : HOLE;
    const json = indent(JSON.stringify(conn, null, 2), '    ');
    write(i > 0 ? ',\n' : '\n');
    if (first.done === true) {
      write(json);
      return;
    }
    const [before, after] = holeAt(json, '      ', 'messages');
    write(`${before}[`);
    write(first.value);
    for (let next = iter.next(); next.done !== true; next = iter.next()) write(next.value);
    write(`\n      ]${after}`);
  });
  write(`\n  ]${tail}`);
}

/** The JSON report as one string (small captures, tests). */
export function jsonReport(a: CaptureAnalysis): string {
  let out = '';
  writeJsonReport(
    a,
    (s) => (out += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')),
    (c) => c.messages.map(jsonMessagePiece),
  );
  return out;
}

/** One message as a line of the text report, with the newline before it. */
export function textMessagePiece(m: WebSocketMessage): string {
  const arrow = m.from === 'client' ? 'client → server' : 'server → client';
  let what = `${m.type} ${plural(m.length, 'byte')}`;
  if (m.compressed)
    what += m.inflated
      ? ' (inflated)'
      : ` (compressed, ${m.wireLength} on the wire, not inflated${m.inflateError !== undefined ? `: ${m.inflateError}` : ''})`;
  if (m.closeCode !== undefined) what += ` code ${m.closeCode}${m.closeReason ? ` "${m.closeReason}"` : ''}`;
  else if (m.text !== undefined) what += `: ${JSON.stringify(m.text)}${m.cut ? '…' : ''}`;
  else if (m.hex !== undefined && m.hex !== '') what += `: ${m.hex}${m.cut ? ' …' : ''}`;
  if (m.missing !== undefined) what += ` [${m.missing} bytes not captured]`;
  if (m.incomplete) what += ' [incomplete]';
  return `\n  #${m.packet}  ${arrow}  ${what}`;
}

/** Writes the text report, each connection's messages taken from `messages` (pieces made by `textMessagePiece`). */
export function writeTextReport(name: string, a: CaptureAnalysis, write: Write, messages: MessagePieces): void {
  let lines: string[] = [
    `${name}: ${a.format ?? 'unknown format'}, ${plural(a.packets, 'packet')}, ${plural(a.connections.length, 'TCP connection')}`,
  ];
  if (a.error !== undefined) lines.push(`  reading stopped at byte ${a.error.offset}: ${a.error.message}`);
  if (a.cutPackets > 0) lines.push(`  ${plural(a.cutPackets, 'packet')} cut short by the snap length`);
  for (const [why, n] of Object.entries(a.skipped)) lines.push(`  ${plural(n, 'packet')} skipped: ${why}`);
  write(lines.join('\n'));
  for (const c of a.connections) {
    const kind =
      c.kind === 'websocket'
        ? 'WebSocket'
        : c.kind === 'http'
          ? 'HTTP'
          : c.kind === 'tls'
            ? `TLS (${c.tls?.version ?? '?'}; encrypted: only TLS records are visible)`
            : 'other TCP';
    lines = [
      '',
      '',
      `Connection ${c.id}: ${c.client} → ${c.server}  ${kind}  packets #${c.firstPacket}–#${c.lastPacket}`,
    ];
    const clientBy =
      c.clientBy === 'syn'
        ? 'it sent the SYN'
        : c.clientBy === 'http'
          ? 'it sent the HTTP request'
          : c.clientBy === 'mask'
            ? 'its frames are masked'
            : 'a guess: it has the higher port';
    lines.push(`  client: ${c.client} (${clientBy})`);
    lines.push(
      `  TCP: ${plural(c.tcp.retransmissions, 'retransmission')}, ${c.tcp.outOfOrder} out of order, ${plural(c.tcp.gaps, 'gap')}`,
    );
    for (const n of c.notes)
      if (n.kind !== 'syn' && n.kind !== 'fin') lines.push(`  #${n.packet}  ${n.from}: ${n.message}`);
    const ws = c.websocket;
    if (ws === null) for (const h of c.http) lines.push(`  #${h.packet}  ${h.from}: ${h.startLine}`);
    else {
      if (ws.request === null) lines.push('  the capture began after the upgrade: frames recognised by their shape');
      else lines.push(`  #${ws.requestPacket}  upgrade: ${ws.request}`);
      if (ws.response !== null) {
        const accept =
          ws.acceptValid === null
            ? 'accept key not checked'
            : ws.acceptValid
              ? 'accept key matches'
              : 'accept key WRONG';
        lines.push(`  #${ws.responsePacket}  answer: ${ws.response} (${accept})`);
      }
      if (ws.extensions !== null) lines.push(`  extensions: ${ws.extensions}`);
      if (ws.protocol !== null) lines.push(`  subprotocol: ${ws.protocol}`);
      for (const p of [...ws.requestProblems, ...ws.responseProblems])
        lines.push(`  handshake problem ${p.id} (${p.rule}): ${p.message}`);
    }
    write(lines.join('\n'));
    for (const piece of messages(c)) write(piece);
    for (const v of c.violations)
      write(
        `\n  #${v.packet}  VIOLATION ${v.id} (close ${v.code}, ${v.rule}) from the ${v.from} at stream byte ${v.offset}: ${v.message}`,
      );
  }
}

/** The text report as one string (small captures, tests). */
export function textReport(name: string, a: CaptureAnalysis): string {
  let out = '';
  writeTextReport(
    name,
    a,
    (s) => (out += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')),
    (c) => c.messages.map(textMessagePiece),
  );
  return out;
}
