/**
 * The XOR-twice demo: text → UTF-8 bytes → XOR with a 4-byte key → XOR again → the same bytes. That
 * is WebSocket masking (RFC 6455 §5.3): byte i is XORed with key[i mod 4], and since x ^ k ^ k = x the
 * receiver unmasks with the very same operation. Masking and unmasking are the core's `applyMask`.
 */
import { applyMask } from '../../protocol/websocket/mask';
import { toBits } from '../../protocol/bits';
import { toHex, tryParseHex, type HexError } from '../../protocol/hex';

/** RFC 6455 §5.7's example masking key. */
export const DEFAULT_XOR_KEY = '37 fa 21 3d';
export const DEFAULT_XOR_TEXT = 'Hello';
/** Rows of the byte table shown at most; the hex lines still cover every byte. */
export const XOR_ROW_LIMIT = 32;
/** Longest text accepted (the demo is about a few bytes, not about throughput). */
export const XOR_TEXT_LIMIT = 1024;

export interface XorRow {
  index: number;
  /** The character, when the byte is printable ASCII. */
  char?: string;
  byte: number;
  keyIndex: number;
  keyByte: number;
  masked: number;
  unmasked: number;
}

export type XorDemo =
  | {
      ok: true;
      payload: Uint8Array;
      key: Uint8Array;
      masked: Uint8Array;
      unmasked: Uint8Array;
      /** The unmasked bytes decoded as UTF-8 again. */
      restored: string;
      /** Whether the round trip gave back every byte. */
      same: boolean;
      rows: XorRow[];
      /** Bytes not in `rows`. */
      omitted: number;
      /** The first byte, bit by bit: byte, key byte, and their XOR. */
      firstBits?: { byte: string; key: string; masked: string; unmasked: string };
    }
  | { ok: false; field: 'key'; message: string; hexError?: HexError }
  | { ok: false; field: 'text'; message: string };

export function computeXorDemo(text: string, keyText: string): XorDemo {
  const read = tryParseHex(keyText);
  if (!read.ok) return { ok: false, field: 'key', message: read.error.message, hexError: read.error };
  const key = read.bytes;
  if (key.length !== 4) {
    return {
      ok: false,
      field: 'key',
      message: `A masking key is exactly 4 bytes (RFC 6455 §5.3); this one has ${key.length}${key.length < 4 ? `: ${4 - key.length} missing` : ''}.`,
    };
  }
  if (text.length > XOR_TEXT_LIMIT) {
    return {
      ok: false,
      field: 'text',
      message: `Keep the text under ${XOR_TEXT_LIMIT} characters; the point shows with a few bytes.`,
    };
  }
  const payload = new TextEncoder().encode(text);
  const masked = applyMask(payload.slice(), key);
  const unmasked = applyMask(masked.slice(), key);
  const same = unmasked.length === payload.length && unmasked.every((b, i) => b === payload[i]);
  const rows: XorRow[] = [];
  const shown = Math.min(payload.length, XOR_ROW_LIMIT);
  for (let i = 0; i < shown; i++) {
    const byte = payload[i] ?? 0;
    const row: XorRow = {
      index: i,
      byte,
      keyIndex: i % 4,
      keyByte: key[i % 4] ?? 0,
      masked: masked[i] ?? 0,
      unmasked: unmasked[i] ?? 0,
    };
    if (byte >= 0x20 && byte < 0x7f) row.char = String.fromCharCode(byte);
    rows.push(row);
  }
  const demo: XorDemo = {
    ok: true,
    payload,
    key,
    masked,
    unmasked,
    restored: new TextDecoder().decode(unmasked),
    same,
    rows,
    omitted: payload.length - shown,
  };
  if (payload.length > 0) {
    demo.firstBits = {
      byte: toBits(payload[0] ?? 0, 8, { group: 4 }),
      key: toBits(key[0] ?? 0, 8, { group: 4 }),
      masked: toBits(masked[0] ?? 0, 8, { group: 4 }),
      unmasked: toBits(unmasked[0] ?? 0, 8, { group: 4 }),
    };
  }
  return demo;
}

/** The key repeated under the payload, as the mask is applied: "37 fa 21 3d 37 …". */
export function repeatedKeyHex(key: Uint8Array, length: number): string {
  return toHex(Uint8Array.from({ length }, (_, i) => key[i % 4] ?? 0));
}
