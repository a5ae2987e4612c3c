/**
 * Joins the frames of a fragmented message (RFC 6455 §5.4): a text or binary frame with FIN 0, then
 * continuation frames, the last with FIN 1. Control frames may arrive in between and are not part of
 * it. The decoder has already checked the order of fragments, UTF-8 and the size limit; this only
 * collects payloads — or, for a compressed message (RSV1 on its first frame, RFC 7692 §6.1), feeds them
 * to the connection's inflater, which checks the inflated size and UTF-8.
 */
import { concatBytes } from '../../src/protocol/bytes';
import type { Frame, MessageInflater, Violation } from '../../src/protocol/websocket';

export interface Message {
  /** 0x1 text or 0x2 binary. */
  opcode: number;
  payload: Uint8Array;
  /** For a compressed message: its compressed length on the wire. */
  compressedLength?: number;
}

export class MessageAssembler {
  private opcode = 0;
  private parts: Uint8Array[] = [];
  private compressed = false;
  /** Set when inflating failed: the connection must fail with it (RFC 6455 §7.1.7). */
  failure: Violation | undefined;

  /** @param inflater the connection's inflater when permessage-deflate was negotiated */
  constructor(private readonly inflater?: () => MessageInflater) {}

  /** Feeds a data frame (opcode 0x0, 0x1 or 0x2); returns the message when this frame completes one. */
  push(frame: Frame): Message | undefined {
    if (frame.opcode !== 0x0) {
      this.compressed = frame.rsv1 && this.inflater !== undefined;
      if (frame.fin && !this.compressed) return { opcode: frame.opcode, payload: frame.payload };
      this.opcode = frame.opcode;
      this.parts = [];
    }
    if (this.compressed) return this.inflate(frame);
    // Fragments are copied: with zero-copy decoding a payload is a view into a socket chunk.
    this.parts.push(frame.payload.slice());
    if (!frame.fin) return undefined;
    const payload = concatBytes(this.parts);
    this.parts = [];
    return { opcode: this.opcode, payload };
  }

  /** Inflates as frames arrive (the inflater copies what it keeps), so a bomb stops at the limit. */
  private inflate(frame: Frame): Message | undefined {
    const result = this.inflater!().push(
      frame.payload,
      frame.fin,
      this.opcode === 0x1,
      frame.offset + frame.headerLength,
    );
    if (!result.ok) {
      this.failure = result.violation;
      return undefined;
    }
    if (!result.done) return undefined;
    return { opcode: this.opcode, payload: result.message, compressedLength: result.compressedLength };
  }
}
