/**
 * Every rule the frame decoder checks, as data: stable id, the close code a conforming endpoint sends
 * (RFC 6455 §7.4.1), where the rule is written, and a summary. The framing lesson renders its list
 * from `VIOLATION_RULES`; the decoder builds each `Violation` with `violation()` so the code and rule
 * can never drift from this table.
 */
import type { Violation, ViolationId } from './types';

export interface ViolationRule {
  id: ViolationId;
  /** Close code a conforming endpoint sends when it sees this (RFC 6455 §7.4.1). */
  code: number;
  /** Where the rule is written. */
  rule: string;
  /** A few words, for headings and tables. */
  title: string;
  /** One or two sentences: what is wrong and why it is a rule. */
  summary: string;
  /**
   * Whether the decoder keeps going after it. True when frame boundaries are still known, so a pasted
   * stream can show the frames that follow; false when the framing itself is lost or must not be
   * buffered. (A live endpoint fails the connection on the first violation either way, RFC 6455 §7.1.7.)
   */
  continues: boolean;
}

/** The table, in the order the decoder meets the fields of a frame. */
export const VIOLATION_RULES: readonly ViolationRule[] = [
  {
    id: 'RSV_BITS_SET',
    code: 1002,
    rule: 'RFC 6455 §5.2',
    title: 'Reserved bit set',
    summary:
      'RSV1, RSV2 and RSV3 must be 0 unless a negotiated extension defines them (permessage-deflate uses RSV1 on the first frame of a message, RFC 7692 §6).',
    continues: true,
  },
  {
    id: 'RESERVED_OPCODE',
    code: 1002,
    rule: 'RFC 6455 §5.2',
    title: 'Reserved opcode',
    summary:
      'Opcodes 0x3–0x7 (data) and 0xB–0xF (control) are reserved for future use; an endpoint receiving one fails the connection.',
    continues: true,
  },
  {
    id: 'FRAGMENTED_CONTROL_FRAME',
    code: 1002,
    rule: 'RFC 6455 §5.5',
    title: 'Fragmented control frame',
    summary: 'Control frames (close, ping, pong) must not be fragmented: their FIN bit must be 1.',
    continues: true,
  },
  {
    id: 'CONTROL_FRAME_TOO_LONG',
    code: 1002,
    rule: 'RFC 6455 §5.5',
    title: 'Control frame too long',
    summary:
      'Control frames carry at most 125 payload bytes, so their length always fits the 7-bit field; a 7-bit length of 126 or 127 in a close, ping or pong is an error at once.',
    continues: true,
  },
  {
    id: 'CLOSE_PAYLOAD_ONE_BYTE',
    code: 1002,
    rule: 'RFC 6455 §5.5.1',
    title: 'One-byte close payload',
    summary: 'A close payload is empty or starts with a 2-byte status code; a single byte cannot be a status code.',
    continues: true,
  },
  {
    id: 'UNEXPECTED_CONTINUATION',
    code: 1002,
    rule: 'RFC 6455 §5.4',
    title: 'Continuation with nothing to continue',
    summary: 'A continuation frame (opcode 0x0) is only valid after a text or binary frame whose FIN bit was 0.',
    continues: true,
  },
  {
    id: 'EXPECTED_CONTINUATION',
    code: 1002,
    rule: 'RFC 6455 §5.4',
    title: 'New message inside a fragmented one',
    summary:
      'Once a message is fragmented, its remaining fragments must follow as continuation frames (only control frames may be interleaved); a new text or binary frame is an error.',
    continues: true,
  },
  {
    id: 'UNMASKED_CLIENT_FRAME',
    code: 1002,
    rule: 'RFC 6455 §5.1',
    title: 'Client frame not masked',
    summary: 'A client must mask every frame it sends to the server (MASK bit 1, with a 4-byte masking key).',
    continues: true,
  },
  {
    id: 'MASKED_SERVER_FRAME',
    code: 1002,
    rule: 'RFC 6455 §5.1',
    title: 'Server frame masked',
    summary: 'A server must not mask any frame it sends to the client (MASK bit 0).',
    continues: true,
  },
  {
    id: 'NON_MINIMAL_LENGTH',
    code: 1002,
    rule: 'RFC 6455 §5.2',
    title: 'Length not minimally encoded',
    summary:
      'The payload length must use the fewest bytes: 0–125 in the 7-bit field, 126–65535 in the 16-bit field, larger lengths in the 64-bit field.',
    continues: true,
  },
  {
    id: 'LENGTH_MSB_SET',
    code: 1002,
    rule: 'RFC 6455 §5.2',
    title: '64-bit length with its top bit set',
    summary:
      "The most significant bit of a 64-bit payload length must be 0, so a frame carries at most 2^63 − 1 bytes. The frame's end cannot be found, so decoding stops.",
    continues: false,
  },
  {
    id: 'PAYLOAD_TOO_BIG',
    code: 1009,
    rule: 'RFC 6455 §10.4',
    title: 'Message too big',
    summary:
      'The frame or the message it belongs to is larger than this endpoint accepts. Endpoints should protect themselves with such a limit (§10.4); 1009 "Message Too Big" is the code for closing then (§7.4.1), rather than buffering it, so decoding stops.',
    continues: false,
  },
  {
    id: 'DEFLATE_STREAM_INVALID',
    code: 1007,
    rule: 'RFC 7692 §7.2.2',
    title: 'Compressed message is not valid DEFLATE',
    summary:
      'With permessage-deflate a message with RSV1 set must inflate as DEFLATE once 00 00 ff ff is appended. The frames around it are fine, the data is not what its type says. RFC 7692 names no code: 1007 is what ws and this codec send (1002 is for broken framing).',
    continues: false,
  },
  {
    id: 'INFLATED_TOO_BIG',
    code: 1009,
    rule: 'RFC 6455 §10.4',
    title: 'Inflated message too big',
    summary:
      'A compressed message inflates to more than this endpoint accepts. DEFLATE shrinks repetitive data up to about 1,030:1, so the limit is checked while inflating and nothing past it is inflated. A limit is a SHOULD (RFC 6455 §10.4); an endpoint that has one MUST protect itself with it, and 1009 says which (§7.4.1).',
    continues: false,
  },
  {
    id: 'INVALID_CLOSE_CODE',
    code: 1002,
    rule: 'RFC 6455 §7.4',
    title: 'Close code not allowed on the wire',
    summary:
      'A Close frame may carry 1000–1003, 1007–1014 or 3000–4999. 1005, 1006 and 1015 MUST NOT be sent, 1004 is reserved (rejected here as by ws; Chromium accepts it), the rest of 1000–2999 is unassigned, and below 1000 or from 5000 up is invalid.',
    continues: true,
  },
  {
    id: 'INVALID_UTF8',
    code: 1007,
    rule: 'RFC 6455 §8.1',
    title: 'Invalid UTF-8 in a text message',
    summary:
      'A text message must be valid UTF-8 as a whole. Fragments may split a character, so the check runs across frames and fails at the first byte no valid text could contain.',
    continues: true,
  },
  {
    id: 'INVALID_UTF8_CLOSE_REASON',
    code: 1007,
    rule: 'RFC 6455 §5.5.1',
    title: 'Invalid UTF-8 in a close reason',
    summary:
      'The reason after the status code in a Close frame must be valid UTF-8 (RFC 6455 §5.5.1, failed as in §8.1).',
    continues: true,
  },
];

const BY_ID = new Map<ViolationId, ViolationRule>(VIOLATION_RULES.map((r) => [r.id, r]));

/** The table entry for `id`. */
export function violationRule(id: ViolationId): ViolationRule {
  // Every ViolationId has an entry; the test "every id is in the table" keeps it so.
  return BY_ID.get(id)!;
}

/** Builds a Violation whose code and rule come from the table. */
export function violation(id: ViolationId, offset: number, message: string): Violation {
  const r = violationRule(id);
  return { id, code: r.code, rule: r.rule, message, offset };
}
