/**
 * Frames as the lessons show them: built by the encoder from a short spec, decoded back, and summed up in the
 * decoder's words. Pure, computed at build time for the figures and at run time for the widgets.
 */
import { parseHex, toHex } from '../protocol/hex';
import { decodeFrames } from '../protocol/websocket/decoder';
import { encodeClose, encodeFrame } from '../protocol/websocket/encoder';
import { Opcode } from '../protocol/websocket/types';
import type { Direction, Frame, Violation } from '../protocol/websocket/types';
import { isValidUtf8 } from '../protocol/utf8';
import { plural } from './format';
import { opcodeByName, opcodeLabel, type OpcodeName } from './opcodes';

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
    `${plural(frame.payloadLength, 'byte')}${frame.payloadLength > 0 ? `: ${payloadText(frame)}` : ''}`,
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
