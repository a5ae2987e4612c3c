/**
 * The anatomy table of one frame (RFC 6455 §5.2): a lesson figure's short version of the field list the decoder
 * widgets show. Where each field sits, its bits and its value come from `frameFields`, so figure and widgets
 * cannot disagree; this module only adds the table's short meanings and the rule each field follows.
 */
import { toHex } from '../protocol/hex';
import { decodeFrames } from '../protocol/websocket/decoder';
import { Opcode, OPCODE_NAMES } from '../protocol/websocket/types';
import type { Direction, Frame } from '../protocol/websocket/types';
import { hexBytes } from './format';
import { frameFields, type FieldKey, type FrameField } from './frame-fields';
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

function place(f: FrameField, frameStart: number): string {
  if (f.bitLength === 0) return '—';
  if (f.bits !== '' && f.bitLength < 8) {
    return f.bitLength === 1 ? `bit ${f.bitStart}` : `bits ${f.bitStart}–${f.bitStart + f.bitLength - 1}`;
  }
  const from = f.byteStart - frameStart;
  const to = f.byteEnd - frameStart;
  return to - from <= 1 ? `byte ${from}` : `bytes ${from}–${to - 1}`;
}

/** The short meaning of each field's value in the anatomy table, and the section it follows. */
function meaningOf(key: FieldKey, frame: Frame, len7: number): { meaning: string; rule: string } {
  switch (key) {
    case 'fin':
      return {
        meaning: frame.fin ? 'the last (here: only) frame of its message' : 'more frames of this message follow',
        rule: 'RFC 6455 §5.2',
      };
    case 'rsv1':
    case 'rsv2':
    case 'rsv3':
      return {
        meaning:
          frame.rsv1 || frame.rsv2 || frame.rsv3
            ? 'set: only valid with a negotiated extension'
            : 'no extension uses these bits',
        rule: 'RFC 6455 §5.2',
      };
    case 'opcode':
      return { meaning: `${OPCODE_NAMES[frame.opcode] ?? 'reserved'} frame`, rule: 'RFC 6455 §5.2' };
    case 'mask':
      return {
        meaning: frame.masked ? 'the payload is masked; a 4-byte key follows the length' : 'the payload is not masked',
        rule: 'RFC 6455 §5.1',
      };
    case 'len7':
      return {
        meaning:
          len7 <= 125
            ? 'the payload length itself (0–125)'
            : `${len7}: the real length is in the next ${len7 === 126 ? 2 : 8} bytes`,
        rule: 'RFC 6455 §5.2',
      };
    case 'extlen':
      return { meaning: 'unsigned, most significant byte first (network byte order)', rule: 'RFC 6455 §5.2' };
    case 'maskkey':
      return { meaning: 'payload byte i is XORed with key byte i mod 4', rule: 'RFC 6455 §5.3' };
    case 'payload':
      return {
        meaning: frame.masked ? `unmasked: ${payloadText(frame)}` : payloadText(frame),
        rule: frame.opcode === Opcode.Text ? 'RFC 6455 §5.6' : 'RFC 6455 §5.2',
      };
  }
}

/** The rows of a frame's anatomy table; the three RSV bits share one row. */
export function frameAnatomy(bytes: Uint8Array, from: Direction): { frame: Frame; rows: AnatomyRow[] } {
  const { frames } = decodeFrames(bytes, { from });
  const frame = frames[0];
  if (frame === undefined) throw new Error(`no complete frame in ${toHex(bytes)}`);
  const fields = frameFields(frame, bytes);
  const len7 = (bytes[frame.offset + 1] ?? 0) & 0x7f;
  const rows: AnatomyRow[] = [];
  for (const f of fields) {
    if (f.key === 'rsv2' || f.key === 'rsv3') continue;
    const rsv = f.key === 'rsv1' ? fields.filter((g) => g.key.startsWith('rsv')) : undefined;
    const byteField = f.key === 'extlen' || f.key === 'maskkey' || f.key === 'payload';
    rows.push({
      where: rsv ? `bits 1–${rsv.length}` : place(f, frame.offset),
      field: rsv ? 'RSV1–3' : f.key === 'extlen' ? `extended length (${f.bitLength}-bit)` : f.name,
      raw: rsv
        ? rsv.map((g) => g.bits).join('')
        : byteField
          ? hexBytes(bytes.subarray(f.byteStart, f.byteEnd))
          : f.bits,
      value: rsv ? rsv.map((g) => g.value).join(' ') : f.key === 'maskkey' ? '4 bytes' : f.value,
      ...meaningOf(f.key, frame, len7),
    });
  }
  return { frame, rows };
}
