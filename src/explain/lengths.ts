/**
 * Payload lengths (RFC 6455 §5.2): the header the encoder writes for each length, the limits of the three
 * encodings, and frames the decoder rejects for their length field.
 */
import { toHex } from '../protocol/hex';
import { decodeFrames } from '../protocol/websocket/decoder';
import { encodeFrame } from '../protocol/websocket/encoder';
import { Opcode } from '../protocol/websocket/types';
import type { Violation } from '../protocol/websocket/types';

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
