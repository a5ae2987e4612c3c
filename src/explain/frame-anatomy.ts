/**
 * The anatomy table of one frame, field by field (RFC 6455 §5.2): where each field sits, its bits exactly as on
 * the wire, its value and what it means. The positions are the decoder's; the bits are read from the input.
 */
import { toHex } from '../protocol/hex';
import { decodeFrames } from '../protocol/websocket/decoder';
import { Opcode, OPCODE_NAMES } from '../protocol/websocket/types';
import type { Direction, Frame } from '../protocol/websocket/types';
import { bitsOf, plural } from './format';
import { extendedLengthBytes } from './frame-fields';
import { payloadText } from './frames';

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
  const extBytes = extendedLengthBytes(frame);
  const len7 = b1 & 0x7f;
  const rows: AnatomyRow[] = [
    {
      where: 'bit 0',
      field: 'FIN',
      raw: bitsOf(b0, 0, 1),
      value: frame.fin ? '1' : '0',
      meaning: frame.fin ? 'the last (here: only) frame of its message' : 'more frames of this message follow',
      rule: 'RFC 6455 §5.2',
    },
    {
      where: 'bits 1–3',
      field: 'RSV1–3',
      raw: bitsOf(b0, 1, 3),
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
      raw: bitsOf(b0, 4, 4),
      value: `0x${frame.opcode.toString(16).toUpperCase()}`,
      meaning: `${OPCODE_NAMES[frame.opcode] ?? 'reserved'} frame`,
      rule: 'RFC 6455 §5.2',
    },
    {
      where: 'bit 8',
      field: 'MASK',
      raw: bitsOf(b1, 0, 1),
      value: frame.masked ? '1' : '0',
      meaning: frame.masked ? 'the payload is masked; a 4-byte key follows the length' : 'the payload is not masked',
      rule: 'RFC 6455 §5.1',
    },
    {
      where: 'bits 9–15',
      field: 'payload len',
      raw: bitsOf(b1, 1, 7),
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
    value: plural(frame.payloadLength, 'byte'),
    meaning: frame.masked ? `unmasked: ${payloadText(frame)}` : payloadText(frame),
    rule: frame.opcode === Opcode.Text ? 'RFC 6455 §5.6' : 'RFC 6455 §5.2',
  });
  return { frame, rows };
}
