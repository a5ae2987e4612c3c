/**
 * Masking (RFC 6455 §5.3), byte by byte: what was on the wire, the key byte it met, the byte recovered.
 */
import { toHex } from '../protocol/hex';
import { decodeFrames } from '../protocol/websocket/decoder';
import type { Frame } from '../protocol/websocket/types';
import { hexByte } from './format';

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
      masked: hexByte(masked),
      key: hexByte(k),
      plain: hexByte(plain),
      char: plain >= 0x20 && plain < 0x7f ? String.fromCharCode(plain) : '',
    };
  });
  return { frame, rows };
}
