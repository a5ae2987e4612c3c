/**
 * What the lesson figures print, computed by the protocol core at build time. The .astro components in this folder
 * only lay these rows out; every byte, length and verdict comes from here, so prose, widgets and the codec cannot
 * drift apart (docs/architecture.md, Data flow). Pure: no DOM, no Node APIs, so the tests can cover it.
 */
import { toHex, parseHex } from '../../protocol/hex';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { encodeClose, encodeFrame } from '../../protocol/websocket/encoder';
import { isControlOpcode, Opcode, OPCODE_NAMES } from '../../protocol/websocket/types';
import type { Direction, Frame, Violation } from '../../protocol/websocket/types';
import { isValidUtf8 } from '../../protocol/utf8';

// ---------------------------------------------------------------------------------------------------------------
// Citations: "RFC 6455 §4.2.1 item 5, §4.1 item 7" → linked parts
// ---------------------------------------------------------------------------------------------------------------

export interface CitationPart {
  text: string;
  /** Set on the parts that name a section (or a whole RFC). */
  href?: string;
}

/** The RFC Editor's address of an RFC, or of one section / appendix of it (as `<Rfc>` links). */
export function rfcHref(rfc: string, section?: string): string {
  const base = `https://www.rfc-editor.org/rfc/rfc${rfc}`;
  if (section === undefined || section === '') return base;
  return /^[A-Z]/i.test(section) ? `${base}#appendix-${section}` : `${base}#section-${section}`;
}

const CITATION = /RFC (\d+)(?: §(\d+(?:\.\d+)*))?((?: (?:item|step) \d+)?)|§(\d+(?:\.\d+)*)((?: (?:item|step) \d+)?)/g;

/**
 * Splits a rule citation as the core's tables write it into text and links. A bare "§x" refers to the RFC named
 * last ("RFC 6455 §10.2, §4.2.2 step 4" links both to RFC 6455).
 */
export function citationParts(rule: string): CitationPart[] {
  const parts: CitationPart[] = [];
  let current: string | undefined;
  let last = 0;
  for (const m of rule.matchAll(CITATION)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: rule.slice(last, at) });
    if (m[1] !== undefined) current = m[1];
    const section = m[2] ?? m[4];
    if (current === undefined) parts.push({ text: m[0] });
    else parts.push({ text: m[0], href: rfcHref(current, section) });
    last = at + m[0].length;
  }
  if (last < rule.length) parts.push({ text: rule.slice(last) });
  return parts;
}

// ---------------------------------------------------------------------------------------------------------------
// Frames
// ---------------------------------------------------------------------------------------------------------------

export type OpcodeName = 'continuation' | 'text' | 'binary' | 'close' | 'ping' | 'pong';

/** "text" → 0x1, from the codec's Opcode table. */
export function opcodeByName(name: OpcodeName): number {
  const found = Object.entries(OPCODE_NAMES).find(([, n]) => n === name);
  if (found === undefined) throw new Error(`unknown opcode name "${name}"`);
  return Number(found[0]);
}

/** "0x1 text", "0x3 reserved". */
export function opcodeLabel(opcode: number): string {
  return `0x${opcode.toString(16).toUpperCase()} ${OPCODE_NAMES[opcode] ?? 'reserved'}`;
}

export function bits(byte: number, from: number, count: number): string {
  return byte
    .toString(2)
    .padStart(8, '0')
    .slice(from, from + count);
}

/** The payload as the reader should see it: quoted text when it is UTF-8 text, else hex. */
export function payloadText(frame: Frame): string {
  if (frame.payload.length === 0) return 'empty';
  if (frame.opcode === Opcode.Close && frame.closeCode !== undefined) {
    return `code ${frame.closeCode}${frame.closeReason ? `, reason “${frame.closeReason}”` : ''}`;
  }
  const printable = isValidUtf8(frame.payload) && frame.opcode !== Opcode.Binary;
  const text = printable ? new TextDecoder().decode(frame.payload) : '';
  // eslint-disable-next-line no-control-regex -- a payload with control characters is shown as hex
  if (printable && !/[\u0000-\u001f\u007f]/.test(text)) return `“${text}”`;
  return (
    toHex(frame.payload.length > 16 ? frame.payload.subarray(0, 16) : frame.payload) +
    (frame.payload.length > 16 ? ' …' : '')
  );
}

/** One line on a frame, in the decoder's words: "FIN 1 · 0x1 text · masked (key 37 fa 21 3d) · 5 bytes: “Hello”". */
export function frameSummary(frame: Frame): string {
  const parts = [
    `FIN ${frame.fin ? 1 : 0}`,
    opcodeLabel(frame.opcode),
    frame.masked && frame.maskKey ? `masked (key ${toHex(frame.maskKey)})` : 'not masked',
    `${frame.payloadLength} byte${frame.payloadLength === 1 ? '' : 's'}${frame.payloadLength > 0 ? `: ${payloadText(frame)}` : ''}`,
  ];
  return parts.join(' · ');
}

/** What a lesson asks the encoder to build. `text` is UTF-8; `payloadHex` raw bytes; close frames take code + reason. */
export interface FrameSpec {
  opcode: OpcodeName | number;
  text?: string;
  payloadHex?: string;
  fin?: boolean;
  /** 4 bytes in hex ("37fa213d"); given = a client frame. */
  maskKey?: string;
  closeCode?: number;
  reason?: string;
  /** Force a length encoding (a larger one than needed builds a non-minimal frame on purpose). */
  lengthEncoding?: 7 | 16 | 64;
}

export function buildFrame(spec: FrameSpec): Uint8Array {
  const opcode = typeof spec.opcode === 'number' ? spec.opcode : opcodeByName(spec.opcode);
  const payload =
    spec.closeCode !== undefined
      ? encodeClose(spec.closeCode, spec.reason ?? '')
      : spec.payloadHex !== undefined
        ? parseHex(spec.payloadHex)
        : (spec.text ?? '');
  return encodeFrame({
    opcode,
    payload,
    fin: spec.fin ?? true,
    ...(spec.maskKey !== undefined ? { maskKey: parseHex(spec.maskKey) } : {}),
    ...(spec.lengthEncoding !== undefined ? { lengthEncoding: spec.lengthEncoding } : {}),
  });
}

export interface ShownFrame {
  hex: string;
  summary: string;
  frame: Frame;
}

export interface ShownStream {
  frames: ShownFrame[];
  violations: Violation[];
}

/** Decodes a byte stream (one or more frames) and pairs each frame's own bytes with the decoder's summary. */
export function showFrames(bytes: Uint8Array, from: Direction): ShownStream {
  const { frames, violations, needed } = decodeFrames(bytes, { from });
  if (needed !== undefined)
    throw new Error(`figure bytes end inside a frame (${needed} bytes missing): ${toHex(bytes)}`);
  return {
    frames: frames.map((frame) => ({
      hex: toHex(bytes.subarray(frame.offset, frame.offset + frame.headerLength + frame.payloadLength)),
      summary: frameSummary(frame),
      frame,
    })),
    violations,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Anatomy of one frame, field by field (RFC 6455 §5.2)
// ---------------------------------------------------------------------------------------------------------------

export interface AnatomyRow {
  /** "byte 0", "bytes 2–5". */
  where: string;
  field: string;
  /** The bits (header fields) or hex bytes (key, payload) exactly as on the wire. */
  raw: string;
  value: string;
  meaning: string;
  rule: string;
}

function byteRange(start: number, end: number): string {
  return end - start <= 1 ? `byte ${start}` : `bytes ${start}–${end - 1}`;
}

/** The rows of a frame's anatomy table, read from the bytes at the positions the decoder reported. */
export function frameAnatomy(bytes: Uint8Array, from: Direction): { frame: Frame; rows: AnatomyRow[] } {
  const { frames } = decodeFrames(bytes, { from });
  const frame = frames[0];
  if (frame === undefined) throw new Error(`no complete frame in ${toHex(bytes)}`);
  const b0 = bytes[frame.offset] ?? 0;
  const b1 = bytes[frame.offset + 1] ?? 0;
  const extBytes = frame.lengthEncoding === 16 ? 2 : frame.lengthEncoding === 64 ? 8 : 0;
  const len7 = b1 & 0x7f;
  const rows: AnatomyRow[] = [
    {
      where: 'bit 0',
      field: 'FIN',
      raw: bits(b0, 0, 1),
      value: frame.fin ? '1' : '0',
      meaning: frame.fin ? 'the last (here: only) frame of its message' : 'more frames of this message follow',
      rule: 'RFC 6455 §5.2',
    },
    {
      where: 'bits 1–3',
      field: 'RSV1–3',
      raw: bits(b0, 1, 3),
      value: [frame.rsv1, frame.rsv2, frame.rsv3].map((b) => (b ? '1' : '0')).join(' '),
      meaning:
        frame.rsv1 || frame.rsv2 || frame.rsv3
          ? 'set: only valid with a negotiated extension'
          : 'no extension uses these bits',
      rule: 'RFC 6455 §5.2',
    },
    {
      where: 'bits 4–7',
      field: 'opcode',
      raw: bits(b0, 4, 4),
      value: `0x${frame.opcode.toString(16).toUpperCase()}`,
      meaning: `${OPCODE_NAMES[frame.opcode] ?? 'reserved'} frame`,
      rule: 'RFC 6455 §5.2',
    },
    {
      where: 'bit 8',
      field: 'MASK',
      raw: bits(b1, 0, 1),
      value: frame.masked ? '1' : '0',
      meaning: frame.masked ? 'the payload is masked; a 4-byte key follows the length' : 'the payload is not masked',
      rule: 'RFC 6455 §5.1',
    },
    {
      where: 'bits 9–15',
      field: 'payload len',
      raw: bits(b1, 1, 7),
      value: String(len7),
      meaning:
        len7 <= 125
          ? 'the payload length itself (0–125)'
          : `${len7}: the real length is in the next ${len7 === 126 ? 2 : 8} bytes`,
      rule: 'RFC 6455 §5.2',
    },
  ];
  let at = frame.offset + 2;
  if (extBytes > 0) {
    rows.push({
      where: byteRange(at - frame.offset, at - frame.offset + extBytes),
      field: `extended length (${extBytes * 8}-bit)`,
      raw: toHex(bytes.subarray(at, at + extBytes)),
      value: String(frame.payloadLength),
      meaning: 'unsigned, most significant byte first (network byte order)',
      rule: 'RFC 6455 §5.2',
    });
    at += extBytes;
  }
  if (frame.masked && frame.maskKey) {
    rows.push({
      where: byteRange(at - frame.offset, at - frame.offset + 4),
      field: 'masking key',
      raw: toHex(frame.maskKey),
      value: '4 bytes',
      meaning: 'payload byte i is XORed with key byte i mod 4',
      rule: 'RFC 6455 §5.3',
    });
    at += 4;
  }
  const payloadEnd = at + frame.payloadLength;
  rows.push({
    where: frame.payloadLength > 0 ? byteRange(at - frame.offset, payloadEnd - frame.offset) : '—',
    field: 'payload',
    raw: frame.payloadLength > 0 ? toHex(bytes.subarray(at, payloadEnd)) : '',
    value: `${frame.payloadLength} byte${frame.payloadLength === 1 ? '' : 's'}`,
    meaning: frame.masked ? `unmasked: ${payloadText(frame)}` : payloadText(frame),
    rule: frame.opcode === Opcode.Text ? 'RFC 6455 §5.6' : 'RFC 6455 §5.2',
  });
  return { frame, rows };
}

// ---------------------------------------------------------------------------------------------------------------
// Opcodes
// ---------------------------------------------------------------------------------------------------------------

export interface OpcodeRow {
  /** "0x1" or a range "0x3–0x7". */
  value: string;
  name: string;
  kind: 'data' | 'control';
  /** What the decoder says about a frame with this opcode (a violation id for reserved ones). */
  decoderVerdict?: string;
}

/**
 * All sixteen opcodes, reserved ones folded into ranges. Kind comes from the top bit (control = 0x8–0xF, §5.5);
 * "reserved" is decided by the decoder itself: a frame with that opcode draws a RESERVED_OPCODE violation.
 */
export function opcodeRows(): OpcodeRow[] {
  const rows: OpcodeRow[] = [];
  let run: { from: number; to: number; kind: 'data' | 'control' } | undefined;
  const flush = () => {
    if (!run) return;
    const value = run.from === run.to ? hexOp(run.from) : `${hexOp(run.from)}–${hexOp(run.to)}`;
    rows.push({ value, name: 'reserved', kind: run.kind, decoderVerdict: 'RESERVED_OPCODE' });
    run = undefined;
  };
  for (let op = 0; op <= 0xf; op++) {
    const kind = isControlOpcode(op) ? 'control' : 'data';
    const { violations } = decodeFrames(encodeFrame({ opcode: op }), { from: 'server' });
    const reserved = violations.some((v) => v.id === 'RESERVED_OPCODE');
    if (reserved) {
      if (run && run.kind === kind && run.to === op - 1) run.to = op;
      else {
        flush();
        run = { from: op, to: op, kind };
      }
      continue;
    }
    flush();
    rows.push({ value: hexOp(op), name: OPCODE_NAMES[op] ?? '?', kind });
  }
  flush();
  return rows;
}

function hexOp(op: number): string {
  return `0x${op.toString(16).toUpperCase()}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Payload lengths (RFC 6455 §5.2)
// ---------------------------------------------------------------------------------------------------------------

export interface LengthRow {
  length: number;
  encoding: 7 | 16 | 64;
  /** The unmasked header the encoder writes for a binary frame of this length. */
  header: string;
  headerLength: number;
}

/** The header the encoder writes for each payload length, and the encoding the decoder reads back. */
export function lengthRows(lengths: readonly number[]): LengthRow[] {
  return lengths.map((length) => {
    const bytes = encodeFrame({ opcode: Opcode.Binary, payload: new Uint8Array(length) });
    const frame = decodeFrames(bytes, { from: 'server' }).frames[0];
    if (frame === undefined || frame.payloadLength !== length) throw new Error(`length ${length} did not round-trip`);
    return {
      length,
      encoding: frame.lengthEncoding,
      header: toHex(bytes.subarray(0, frame.headerLength)),
      headerLength: frame.headerLength,
    };
  });
}

export interface LengthLimits {
  /** Largest length in the 7-bit field itself: 125 (126 and 127 are markers). */
  max7: number;
  /** Largest 16-bit length: 2^16 − 1. */
  max16: number;
  /** Largest 64-bit length once the top bit must be 0: 2^63 − 1, exactly (a BigInt). */
  max64: bigint;
  /** What 2^64 − 1 would be, for the myth. */
  unsigned64: bigint;
  /** The 8 bytes of 2^63 − 1, big-endian. */
  max64Hex: string;
  /** Number.MAX_SAFE_INTEGER: what a JavaScript number holds exactly. */
  maxSafeInteger: number;
}

export function lengthLimits(): LengthLimits {
  const max64 = (1n << 63n) - 1n;
  const eight = new Uint8Array(8);
  new DataView(eight.buffer).setBigUint64(0, max64, false);
  const max7 = lengthRows([125])[0]!.encoding === 7 && lengthRows([126])[0]!.encoding === 16 ? 125 : NaN;
  const max16 = lengthRows([0xffff])[0]!.encoding === 16 && lengthRows([0x10000])[0]!.encoding === 64 ? 0xffff : NaN;
  return {
    max7,
    max16,
    max64,
    unsigned64: (1n << 64n) - 1n,
    max64Hex: toHex(eight),
    maxSafeInteger: Number.MAX_SAFE_INTEGER,
  };
}

/** Groups digits in threes with commas (BigInt-safe): 9223372036854775807 → "9,223,372,036,854,775,807". */
export function groupDigits(n: bigint | number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The decoder's verdict on a header: the first violation's id and message, or undefined. */
export function firstViolation(hex: string, from: Direction): Violation | undefined {
  return decodeFrames(parseHex(hex), { from }).violations[0];
}

/** A frame whose length uses a bigger field than needed (built on purpose, to show NON_MINIMAL_LENGTH). */
export function nonMinimalExample(): { hex: string; violation: Violation | undefined } {
  const bytes = encodeFrame({ opcode: Opcode.Text, payload: 'Hi', lengthEncoding: 16 });
  return { hex: toHex(bytes), violation: decodeFrames(bytes, { from: 'server' }).violations[0] };
}

/** A 64-bit length with its top bit set: the decoder's LENGTH_MSB_SET. */
export function msbSetExample(): { hex: string; violation: Violation | undefined } {
  const header = new Uint8Array(10);
  header[0] = 0x80 | Opcode.Binary;
  header[1] = 127;
  header[2] = 0x80;
  return { hex: toHex(header), violation: decodeFrames(header, { from: 'server' }).violations[0] };
}

// ---------------------------------------------------------------------------------------------------------------
// Masking (RFC 6455 §5.3)
// ---------------------------------------------------------------------------------------------------------------

export interface MaskRow {
  i: number;
  /** i mod 4 */
  j: number;
  masked: string;
  key: string;
  plain: string;
  /** The plain byte as a character when printable ASCII. */
  char: string;
}

/** Byte by byte: what was on the wire, the key byte it met, and the payload byte the decoder recovered. */
export function maskRows(bytes: Uint8Array): { frame: Frame; rows: MaskRow[] } {
  const { frames } = decodeFrames(bytes, { from: 'client' });
  const frame = frames[0];
  if (frame === undefined || !frame.maskKey) throw new Error(`not a masked frame: ${toHex(bytes)}`);
  const key = frame.maskKey;
  const start = frame.offset + frame.headerLength;
  const rows = Array.from(frame.payload, (plain, i) => {
    const masked = bytes[start + i] ?? 0;
    const k = key[i % 4] ?? 0;
    return {
      i,
      j: i % 4,
      masked: hex2(masked),
      key: hex2(k),
      plain: hex2(plain),
      char: plain >= 0x20 && plain < 0x7f ? String.fromCharCode(plain) : '',
    };
  });
  return { frame, rows };
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------------------------
// UTF-8 budgets: how many characters fit a byte limit
// ---------------------------------------------------------------------------------------------------------------

export interface Utf8BudgetRow {
  sample: string;
  /** "U+6635" */
  codePoint: string;
  /** The character's UTF-8 bytes, in hex. */
  utf8: string;
  bytesPerChar: number;
  /** How many of this character fit in `budget` bytes. */
  maxChars: number;
}

const encoder = new TextEncoder();

/**
 * For each sample character: its UTF-8 size and how many copies fit `budget` bytes. Checked by encoding the
 * repeated string itself (n copies fit, n + 1 do not), not just by dividing.
 */
export function utf8Budget(samples: readonly string[], budget: number): Utf8BudgetRow[] {
  return samples.map((sample) => {
    const cp = sample.codePointAt(0);
    if (cp === undefined || [...sample].length !== 1) throw new Error(`one character per sample, got "${sample}"`);
    const utf8 = encoder.encode(sample);
    let maxChars = Math.floor(budget / utf8.length);
    while (encoder.encode(sample.repeat(maxChars + 1)).length <= budget) maxChars++;
    while (maxChars > 0 && encoder.encode(sample.repeat(maxChars)).length > budget) maxChars--;
    return {
      sample,
      codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
      utf8: toHex(utf8),
      bytesPerChar: utf8.length,
      maxChars,
    };
  });
}

/** The largest value an unsigned field of `bitCount` bits holds: 2^bits − 1. */
export function maxUnsigned(bitCount: number): number {
  return 2 ** bitCount - 1;
}

/** The UTF-8 length of a string, in bytes. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP heads
// ---------------------------------------------------------------------------------------------------------------

/** The lines of an HTTP head without their CRLF, the final empty line dropped. */
export function headLines(head: string): string[] {
  const lines = head.split('\r\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A copy of a request head with one header field replaced (value), added at the end (value, when absent) or
 * removed (null). Names compare case-insensitively. Keeps CRLF line ends and the final empty line.
 */
export function withHeader(head: string, name: string, value: string | null): string {
  const lines = headLines(head);
  const wanted = name.toLowerCase();
  const index = lines.findIndex((l, i) => i > 0 && l.slice(0, l.indexOf(':')).toLowerCase() === wanted);
  if (value === null) {
    if (index >= 0) lines.splice(index, 1);
  } else if (index >= 0) {
    lines[index] = `${lines[index]!.slice(0, lines[index]!.indexOf(':'))}: ${value}`;
  } else {
    lines.push(`${name}: ${value}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A copy of a request head with another method (the request line's first word). */
export function withMethod(head: string, method: string): string {
  return head.replace(/^[^ ]+/, method);
}

// ---------------------------------------------------------------------------------------------------------------
// Captured packets: where the TCP payload starts in a tcpdump -X dump
// ---------------------------------------------------------------------------------------------------------------

export interface PacketParts {
  /** IPv4 header length in bytes: the IHL field (low 4 bits of byte 0) × 4 (RFC 791 §3.1). */
  ipHeaderLength: number;
  /** TCP header length in bytes: the data offset (high 4 bits of TCP byte 12) × 4 (RFC 9293 §3.1). */
  tcpHeaderLength: number;
  /** Offset of the TCP payload in the packet. */
  payloadOffset: number;
  payload: Uint8Array;
}

/** Splits an IPv4 packet (as `tcpdump -X` dumps it, without a link-layer header) into its headers and TCP payload. */
export function splitIpv4TcpPacket(packet: Uint8Array): PacketParts {
  const b0 = packet[0] ?? 0;
  if (b0 >> 4 !== 4) throw new Error(`not an IPv4 packet (version ${b0 >> 4})`);
  if (packet[9] !== 6) throw new Error(`not TCP (protocol ${packet[9]})`);
  const ipHeaderLength = (b0 & 0x0f) * 4;
  const tcpHeaderLength = ((packet[ipHeaderLength + 12] ?? 0) >> 4) * 4;
  const payloadOffset = ipHeaderLength + tcpHeaderLength;
  return { ipHeaderLength, tcpHeaderLength, payloadOffset, payload: packet.subarray(payloadOffset) };
}
