/**
 * The shapes of the WebSocket codec's public API (RFC 6455). See docs/architecture.md,
 * "The codec's contract". Everything here is data: no DOM, no Node APIs.
 */

/** Which peer produced the bytes. Decides the masking rule of RFC 6455 §5.1; 'unknown' accepts both. */
export type Direction = 'client' | 'server' | 'unknown';

/** Opcodes defined by RFC 6455 §5.2 (others are reserved). */
export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;
export type OpcodeValue = (typeof Opcode)[keyof typeof Opcode];

/** Control frames are those whose opcode has the most significant bit set: 0x8–0xF (RFC 6455 §5.5). */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** Short names of the defined opcodes (RFC 6455 §5.2); a value not listed is reserved. */
export const OPCODE_NAMES: Readonly<Record<number, string>> = {
  [Opcode.Continuation]: 'continuation',
  [Opcode.Text]: 'text',
  [Opcode.Binary]: 'binary',
  [Opcode.Close]: 'close',
  [Opcode.Ping]: 'ping',
  [Opcode.Pong]: 'pong',
};

/** One decoded frame. Offsets are byte positions in the decoder's whole input (across chunks). */
export interface Frame {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  /** 4-bit opcode as sent, including reserved values (a violation is reported for those). */
  opcode: number;
  masked: boolean;
  /** The 4-byte masking key when `masked`. */
  maskKey?: Uint8Array;
  /** Payload length as announced in the header. */
  payloadLength: number;
  /** 2, 4 or 10 bytes, plus 4 when masked. */
  headerLength: number;
  /** Byte offset of the frame's first byte in the input. */
  offset: number;
  /** How the length was encoded: in the 7-bit field, or in a 16- or 64-bit extended field. */
  lengthEncoding: 7 | 16 | 64;
  /** The payload, unmasked. */
  payload: Uint8Array;
  /** Close frames only: status code (RFC 6455 §5.5.1), when the payload has one. */
  closeCode?: number;
  /** Close frames only: the UTF-8 reason, when it decodes. */
  closeReason?: string;
}

/** Stable identifiers of every rule the decoder checks. */
export type ViolationId =
  | 'UNMASKED_CLIENT_FRAME'
  | 'MASKED_SERVER_FRAME'
  | 'RSV_BITS_SET'
  | 'RESERVED_OPCODE'
  | 'CONTROL_FRAME_TOO_LONG'
  | 'FRAGMENTED_CONTROL_FRAME'
  | 'NON_MINIMAL_LENGTH'
  | 'LENGTH_MSB_SET'
  | 'UNEXPECTED_CONTINUATION'
  | 'EXPECTED_CONTINUATION'
  | 'CLOSE_PAYLOAD_ONE_BYTE'
  | 'INVALID_CLOSE_CODE'
  | 'INVALID_UTF8'
  | 'INVALID_UTF8_CLOSE_REASON'
  | 'PAYLOAD_TOO_BIG'
  | 'DEFLATE_STREAM_INVALID'
  | 'INFLATED_TOO_BIG';

/** A broken rule, explained: what a conforming peer would do about it. */
export interface Violation {
  id: ViolationId;
  /** The close code a conforming endpoint sends (RFC 6455 §7.4.1): 1002, 1007, 1009… */
  code: number;
  /** Where the rule is written, e.g. "RFC 6455 §5.1". */
  rule: string;
  /** Plain English, specific to these bytes. */
  message: string;
  /** Byte offset in the input where the problem is visible. */
  offset: number;
}

export interface DecodeOptions {
  /** Who sent the bytes (default 'unknown'). */
  from?: Direction;
  /** Largest payload accepted; above it the decoder reports PAYLOAD_TOO_BIG (1009). */
  maxPayload?: number;
  /**
   * permessage-deflate was negotiated (RFC 7692): RSV1 may be set on the first frame of a data
   * message. Such a message is compressed, so its UTF-8 is not checked and `maxPayload` counts
   * compressed bytes.
   */
  allowRsv1?: boolean;
  /**
   * Trade safety for speed on sockets (default false). When true, a payload that lies within one
   * pushed chunk is returned as a view into that chunk, and a masked one is unmasked in place — the
   * chunk's bytes change. When false, every payload is a fresh copy and the input is never modified.
   */
  zeroCopy?: boolean;
}

export interface DecodeResult {
  frames: Frame[];
  violations: Violation[];
  /**
   * Bytes still missing when the input ends inside a frame. Exact once the payload length has been
   * read; before that (inside the first bytes of the header) it is the minimum still needed.
   */
  needed?: number;
  /** When the input ends inside a frame: the header fields read so far. */
  partial?: PartialFrame;
}

/** What is known about a frame whose bytes have not all arrived yet. */
export interface PartialFrame {
  /** Byte offset of the frame's first byte in the input. */
  offset: number;
  /** The decoder state: which part of the frame it is waiting for. */
  state: DecoderState;
  /** Bytes of this frame received so far. */
  received: number;
  fin?: boolean;
  rsv1?: boolean;
  rsv2?: boolean;
  rsv3?: boolean;
  opcode?: number;
  masked?: boolean;
  /** Known once the extended length (if any) has arrived. */
  payloadLength?: number;
  lengthEncoding?: 7 | 16 | 64;
  /** Known once the payload length is known: 2, 4 or 10, plus 4 when masked. */
  headerLength?: number;
  maskKey?: Uint8Array;
}

/** Named states of the incremental decoder, so a widget can say what it is waiting for. */
export type DecoderState = 'HEADER' | 'EXTENDED_LENGTH_16' | 'EXTENDED_LENGTH_64' | 'MASK_KEY' | 'PAYLOAD' | 'FAILED';
