/**
 * Joins the frames of a fragmented message (RFC 6455 §5.4): a text or binary frame with FIN 0, then
 * continuation frames, the last with FIN 1. Control frames may arrive in between and are not part of
 * it. The decoder has already checked the order of fragments, UTF-8 and the size limit; this only
 * collects payloads.
 */
import { concatBytes } from '../../src/protocol/bytes';
import type { Frame } from '../../src/protocol/websocket';

export interface Message {
  /** 0x1 text or 0x2 binary. */
  opcode: number;
  payload: Uint8Array;
}

export class MessageAssembler {
  private opcode = 0;
  private parts: Uint8Array[] = [];

  /** Feeds a data frame (opcode 0x0, 0x1 or 0x2); returns the message when this frame completes one. */
  push(frame: Frame): Message | undefined {
    if (frame.opcode !== 0x0) {
      if (frame.fin) return { opcode: frame.opcode, payload: frame.payload };
      this.opcode = frame.opcode;
      this.parts = [];
    }
    // Fragments are copied: with zero-copy decoding a payload is a view into a socket chunk.
    this.parts.push(frame.payload.slice());
    if (!frame.fin) return undefined;
    const payload = concatBytes(this.parts);
    this.parts = [];
    return { opcode: this.opcode, payload };
  }
}
