/**
 * Rows of the permessage-deflate figures in the framing lesson, computed at build time by the project's codec
 * (src/protocol/websocket/deflate.ts over pako), so the bytes and sizes in the prose are never typed by hand.
 */
import { toHex } from '../../../protocol/hex';
import { MessageDeflater, zlibDeflateMemory, zlibInflateMemory } from '../../../protocol/websocket/deflate';
import { pakoBackend } from '../../../protocol/websocket/pako-backend';
import { encodeFrame } from '../../../protocol/websocket/encoder';
import { Opcode } from '../../../protocol/websocket/types';
import { createRng } from '../../../protocol/random';

export interface DeflateRow {
  label: string;
  length: number;
  compressed: number;
  /** The compressed payload (tail removed), first 16 bytes in hex. */
  payloadHex: string;
  /** The whole server frame, RSV1 set, in hex (short messages only). */
  frameHex?: string;
}

const utf8 = new TextEncoder();

function row(deflater: MessageDeflater, label: string, message: Uint8Array, opcode: number): DeflateRow {
  const payload = deflater.compress(message);
  const out: DeflateRow = {
    label,
    length: message.length,
    compressed: payload.length,
    payloadHex: toHex(payload.subarray(0, 16)) + (payload.length > 16 ? ' …' : ''),
  };
  if (payload.length <= 16) out.frameHex = toHex(encodeFrame({ opcode, payload, rsv1: true }));
  return out;
}

/** What DEFLATE makes of a few messages, sent one after the other by one server (level 6, window 15). */
export function deflateExampleRows(noContextTakeover = false): DeflateRow[] {
  const d = new MessageDeflater(pakoBackend, { windowBits: 15, noContextTakeover });
  const json = utf8.encode(
    JSON.stringify(Array.from({ length: 12 }, (_, i) => ({ id: i + 1, user: `user${(i % 3) + 1}`, status: 'online' }))),
  );
  const rng = createRng(7);
  const random = Uint8Array.from({ length: 1024 }, () => rng.int(0, 255));
  const rows = [
    row(d, '"Hello"', utf8.encode('Hello'), Opcode.Text),
    row(d, '"Hello" again', utf8.encode('Hello'), Opcode.Text),
    row(d, `${json.length} bytes of JSON`, json, Opcode.Text),
    row(d, '1,024 random bytes', random, Opcode.Binary),
  ];
  d.close();
  return rows;
}

export interface MemoryRow {
  windowBits: number;
  deflate: number;
  inflate: number;
}

/** zlib's memory per stream for some window sizes (memLevel 8). */
export function deflateMemoryRows(bits: readonly number[] = [15, 12, 9]): MemoryRow[] {
  return bits.map((windowBits) => ({
    windowBits,
    deflate: zlibDeflateMemory(windowBits),
    inflate: zlibInflateMemory(windowBits),
  }));
}
