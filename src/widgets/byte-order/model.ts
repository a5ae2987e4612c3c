/**
 * View logic of the byte-order playground: a value and a type → its bytes in both orders
 * (`encodeNumber`), bytes → every reading (`decodeAll`), and the WebSocket length fields, which are
 * big-endian — "network byte order" (RFC 6455 §5.2) — read by the project's frame decoder.
 */
import {
  bitsResult,
  decodeAll,
  encodeNumber,
  NUMBER_TYPE_ORDER,
  NUMBER_TYPES,
  type DecodedNumber,
  type EncodedNumber,
  type NumberType,
} from '../../protocol/bits';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { tryParseHex, type HexError, parseHex, toHex } from '../../protocol/hex';

export const DEFAULT_BYTE_ORDER = { value: '258', type: 'u16' as NumberType, hex: '01 00' };

export function isNumberType(value: unknown): value is NumberType {
  return typeof value === 'string' && (NUMBER_TYPE_ORDER as readonly string[]).includes(value);
}

/** "u16 — unsigned 16-bit (2 bytes)". */
export function typeLabel(type: NumberType): string {
  const t = NUMBER_TYPES[type];
  const kind = t.kind === 'float' ? `${t.size * 8}-bit float` : `${t.kind} ${t.size * 8}-bit`;
  return `${type} — ${kind} (${t.size} byte${t.size === 1 ? '' : 's'})`;
}

export type EncodeView =
  | {
      ok: true;
      be: EncodedNumber;
      le: EncodedNumber;
      /** The value as stored, when it differs from what was typed (f32 rounding). */ stored?: string;
      notes: string[];
    }
  | { ok: false; message: string; position?: number };

/** The value's bytes in both orders; a value that does not fit the type is refused with the core's reason. */
export function encodeBoth(value: string, type: NumberType): EncodeView {
  const encoded = bitsResult(() => [encodeNumber(value, type, false), encodeNumber(value, type, true)] as const);
  if (!encoded.ok) return encoded;
  const [be, le] = encoded.value;
  const view: EncodeView = { ok: true, be, le, notes: be.notes };
  if (NUMBER_TYPES[type].kind === 'float') view.stored = formatNumberValue(be.stored);
  return view;
}

/** Whether reversing the bytes changes anything (one byte, or a palindrome such as 01 01, does not). */
export function orderMatters(view: Extract<EncodeView, { ok: true }>): boolean {
  return view.be.bytes.some((b, i) => b !== view.le.bytes[i]);
}

/** A decoded value as text: BigInt without "n", −0 kept, floats as JavaScript prints them. */
export function formatNumberValue(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  return Object.is(value, -0) ? '-0' : String(value);
}

export interface ReadingRow {
  type: NumberType;
  size: number;
  /** Big-endian reading (the only one for 1-byte types). */
  be: DecodedNumber;
  /** Little-endian reading; absent for 1-byte types, where order does not exist. */
  le?: DecodedNumber;
}

export type DecodeView =
  | { ok: true; bytes: Uint8Array; rows: ReadingRow[] }
  | { ok: false; kind: 'empty'; message: string }
  | { ok: false; kind: 'hex'; message: string; error: HexError };

/** Every type read from the start of the bytes, in both orders, paired per type. */
export function readAll(hexText: string): DecodeView {
  const read = tryParseHex(hexText);
  if (!read.ok) return { ok: false, kind: 'hex', message: read.error.message, error: read.error };
  const bytes = read.bytes;
  if (bytes.length === 0)
    return { ok: false, kind: 'empty', message: 'Type some bytes in hex, e.g. 01 00 or 40 49 0f db.' };
  const readings = decodeAll(bytes);
  const rows: ReadingRow[] = [];
  for (const type of NUMBER_TYPE_ORDER) {
    const be = readings.find((r) => r.type === type && !r.littleEndian);
    const le = readings.find((r) => r.type === type && r.littleEndian);
    if (be === undefined) continue;
    const row: ReadingRow = { type, size: be.size, be };
    if (le !== undefined) row.le = le;
    rows.push(row);
  }
  return { ok: true, bytes, rows };
}

/** "256", or "needs 1 more byte". */
export function readingText(r: DecodedNumber): string {
  if (r.value !== undefined) return formatNumberValue(r.value);
  const missing = r.missing ?? 0;
  return `needs ${missing} more byte${missing === 1 ? '' : 's'}`;
}

export interface LengthFieldExample {
  /** The frame header bytes, hex. */
  header: string;
  /** Its extended length bytes, hex. */
  lengthBytes: string;
  /** 126 or 127, the 7-bit length that announces the extended field. */
  marker: 126 | 127;
  /** 16 or 64. */
  bits: 16 | 64;
  /** The payload length the project's decoder reads from the header. */
  decodedLength: number;
  /** The same bytes read little-endian, the mistake the note warns about. */
  littleEndianReading: string;
}

/**
 * The two extended length fields of RFC 6455 §5.2, each with a server→client binary frame header
 * whose payload length is read by `decodeFrames` (the header alone: the decoder reports the length and
 * how many payload bytes are still to come).
 */
export function lengthFieldExamples(): LengthFieldExample[] {
  const make = (header: string, marker: 126 | 127, bits: 16 | 64): LengthFieldExample => {
    const bytes = parseHex(header);
    const lengthBytes = bytes.subarray(2);
    const result = decodeFrames(bytes, { from: 'server' });
    const decodedLength = result.partial?.payloadLength ?? result.frames[0]?.payloadLength ?? -1;
    const le = decodeAll(lengthBytes).find((r) => r.type === (bits === 16 ? 'u16' : 'u64') && r.littleEndian);
    return {
      header,
      lengthBytes: toHex(lengthBytes),
      marker,
      bits,
      decodedLength,
      littleEndianReading: le === undefined ? '?' : readingText(le),
    };
  };
  return [make('82 7e 01 00', 126, 16), make('82 7f 00 00 00 00 00 01 00 00', 127, 64)];
}

export interface ByteOrderState {
  value: string;
  type: NumberType;
  hex: string;
}

export function byteOrderHashValues(state: ByteOrderState): Record<string, string | undefined> {
  const d = DEFAULT_BYTE_ORDER;
  return {
    v: state.value === d.value ? undefined : state.value,
    t: state.type === d.type ? undefined : state.type,
    bytes: state.hex === d.hex ? undefined : state.hex,
  };
}

export function byteOrderFromHash(params: Record<string, string>): Partial<ByteOrderState> {
  const out: Partial<ByteOrderState> = {};
  if (params.v !== undefined) out.value = params.v;
  if (isNumberType(params.t)) out.type = params.t;
  if (params.bytes !== undefined) out.hex = params.bytes;
  return out;
}
