/**
 * How a payload is shown: as text when it is valid UTF-8, as hex always, both cut to a bounded preview so
 * a 1 MiB payload costs one short string, not a million DOM nodes. Pure functions.
 */
import { concatBytes } from '../../protocol/bytes';
import { toHex } from '../../protocol/hex';
import { findUtf8Error } from '../../protocol/utf8';
import { isControlOpcode } from '../../protocol/websocket/types';

export interface PayloadPreview {
  /** Total payload size in bytes. */
  length: number;
  /** The text, when the whole payload is valid UTF-8 (cut to the preview size at a character boundary). */
  text?: string;
  /** Why it is not text, when it is not valid UTF-8 (from the codec's validator). */
  utf8Error?: string;
  /** Space-separated hex of the first bytes. */
  hex: string;
  /** Bytes left out of `hex` (and of `text`, which stops at the same byte). */
  omitted: number;
}

/** Bytes shown in a preview; more are summarised as "… N more bytes". */
export const PREVIEW_BYTES = 1024;

/** Largest cut ≤ `max` that does not split a UTF-8 character (continuation bytes are 10xxxxxx). */
function utf8Cut(bytes: Uint8Array, max: number): number {
  if (bytes.length <= max) return bytes.length;
  let cut = max;
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return cut;
}

export function payloadPreview(payload: Uint8Array, maxBytes = PREVIEW_BYTES): PayloadPreview {
  const shown = Math.min(payload.length, maxBytes);
  const preview: PayloadPreview = {
    length: payload.length,
    hex: toHex(payload.subarray(0, shown)),
    omitted: payload.length - shown,
  };
  const error = findUtf8Error(payload);
  if (error === undefined) {
    preview.text = new TextDecoder().decode(payload.subarray(0, utf8Cut(payload, maxBytes)));
  } else {
    preview.utf8Error = error.message;
  }
  return preview;
}

/** A data message as reassembled from its frames (RFC 6455 §5.4): the first frame plus continuations. */
export interface MessageView {
  /** Opcode of the first frame (text 0x1, binary 0x2, or a reserved data opcode). */
  opcode: number;
  /** Indexes into the frame list, in order. */
  frames: number[];
  /** False when the stream ended before the frame with FIN = 1. */
  complete: boolean;
  /** Concatenated payload of the fragments. */
  payload: Uint8Array;
}

interface FrameLike {
  fin: boolean;
  opcode: number;
  payload: Uint8Array;
}

/**
 * Groups data frames into messages (RFC 6455 §5.4): a text/binary frame starts one, continuation frames
 * (0x0) extend it, FIN = 1 ends it; control frames (0x8–0xF) may sit in between and are not part of it.
 * This only groups what the codec decoded; the decoder reports the rule breaks (a stray continuation,
 * a new message inside a fragmented one) as violations, and they are simply left out here.
 *
 * Only the first `limit` messages are materialised (their payloads concatenated); the rest are counted,
 * so 150,000 one-frame messages cost a counter, not 150,000 copies.
 */
export function groupMessages(
  frames: readonly FrameLike[],
  limit = Infinity,
): { messages: MessageView[]; count: number } {
  const messages: MessageView[] = [];
  let count = 0;
  let open: { opcode: number; frames: number[]; parts: Uint8Array[] } | undefined;
  const finish = (complete: boolean): void => {
    if (open === undefined) return;
    count++;
    if (messages.length < limit) {
      messages.push({ opcode: open.opcode, frames: open.frames, complete, payload: concatBytes(open.parts) });
    }
    open = undefined;
  };
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    if (isControlOpcode(f.opcode)) continue; // control frame: interleaved, never part of a message (§5.5)
    if (f.opcode === 0x0) {
      if (open === undefined) continue; // nothing to continue: a violation, not a message
      open.frames.push(i);
      open.parts.push(f.payload);
    } else {
      finish(false); // a new message while one is open (a violation): close the old one as incomplete
      open = { opcode: f.opcode, frames: [i], parts: [f.payload] };
    }
    if (f.fin) finish(true);
  }
  finish(false);
  return { messages, count };
}
