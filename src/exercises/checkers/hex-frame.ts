/**
 * Checker for "type the bytes of this frame" answers. The reader's hex is decoded by the project's decoder
 * (`decodeFrames`, RFC 6455 §5.2) and the frame is compared field by field with what the task asks for, so
 * every correct encoding passes (any masking key for a client frame, RFC 6455 §5.3) and a wrong one is told
 * which field is wrong and why, citing the rule.
 */
import { tryParseHex } from '../../protocol/hex';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { encodeFrame } from '../../protocol/websocket/encoder';
import { OPCODE_NAMES, type Frame, type Violation, type ViolationId } from '../../protocol/websocket/types';
import { hexBytes, hexNumber, plural } from '../../explain/format';
import type { CheckResult, ExpectedFrame, FieldCheck } from '../types';
import { sameBytes } from './value';

/** "0x1 (text)", "0x3 (reserved)". */
export function describeOpcode(opcode: number): string {
  return `${hexNumber(opcode)} (${OPCODE_NAMES[opcode] ?? 'reserved'})`;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The payload bytes the task implies: the given payload, or a close frame's code + reason (RFC 6455 §5.5.1). */
export function expectedPayload(expected: ExpectedFrame): Uint8Array | undefined {
  if (expected.payload !== undefined) {
    return typeof expected.payload === 'string' ? utf8.encode(expected.payload) : expected.payload;
  }
  if (expected.closeCode !== undefined) {
    const reason = utf8.encode(expected.closeReason ?? '');
    const out = new Uint8Array(2 + reason.length);
    new DataView(out.buffer).setUint16(0, expected.closeCode); // network byte order, RFC 6455 §5.5.1
    out.set(reason, 2);
    return out;
  }
  return undefined;
}

/**
 * One correct answer, for "Show answer": encoded by the project's encoder. Client frames get `maskKey`
 * (any key is as correct as any other).
 */
export function exampleFrame(expected: ExpectedFrame, maskKey: Uint8Array): Uint8Array {
  return encodeFrame({
    opcode: expected.opcode ?? 0x1,
    payload: expectedPayload(expected) ?? new Uint8Array(0),
    fin: expected.fin ?? true,
    rsv1: expected.rsv1 ?? false,
    ...(expected.from === 'client' ? { maskKey } : {}),
  });
}

/** Payload as the reader thinks of it: quoted text when it is UTF-8 and the task is text, else hex. */
function showPayload(bytes: Uint8Array, asText: boolean): string {
  if (asText) {
    try {
      return `'${strictUtf8.decode(bytes)}'`;
    } catch {
      // not UTF-8: fall through to hex
    }
  }
  return bytes.length === 0 ? 'empty' : hexBytes(bytes);
}

function bit(b: boolean): string {
  return b ? '1' : '0';
}

/**
 * Compares the frame in `input` with `expected`. Unreadable hex is 'unreadable' (with the bad character and
 * its position, from `parseHex`); everything else is 'correct' or 'wrong' with the first failing field's
 * explanation as `message` and every compared field in `fields`.
 */
export function checkHexFrame(expected: ExpectedFrame, input: string): CheckResult {
  if (input.trim() === '')
    return { verdict: 'unreadable', message: "Type the frame's bytes in hex first, e.g. 81 85 …" };
  const read = tryParseHex(input);
  if (!read.ok) return { verdict: 'unreadable', message: read.error.message };
  const bytes = read.bytes;

  const want = expectedPayload(expected);
  const asText = typeof expected.payload === 'string' || expected.closeReason !== undefined || expected.opcode === 0x1;

  // A 7-bit length of 126 or 127 is not a length: it announces the 16- or 64-bit extended field
  // (RFC 6455 §5.2). Said before decoding, because the decoder then reads the next bytes as a length.
  if (bytes.length >= 2 && want !== undefined && want.length < 126) {
    const len7 = bytes[1]! & 0x7f;
    if (len7 >= 126) {
      const why =
        `length ${len7} in the 7-bit field is reserved: it announces a ${len7 === 126 ? '16' : '64'}-bit length in the ` +
        `next ${len7 === 126 ? 2 : 8} bytes (RFC 6455 §5.2). A ${plural(want.length, 'byte')} payload fits the 7-bit field itself.`;
      return {
        verdict: 'wrong',
        message: `Your ${why}`,
        fields: [{ field: 'length', label: 'length', ok: false, why }],
      };
    }
  }

  const decoded = decodeFrames(bytes, { from: expected.from });
  const first = decoded.frames[0];
  if (first === undefined) {
    return { verdict: 'wrong', message: incompleteMessage(bytes, decoded.needed ?? 0), fields: [] };
  }

  const fields: FieldCheck[] = [];
  const violationsOf = (...ids: ViolationId[]) => decoded.violations.filter((v) => ids.includes(v.id));
  const cite = (v: Violation) => `${v.message} (${v.rule}; a peer closes with ${v.code})`;

  if (expected.fin !== undefined) {
    const ok = first.fin === expected.fin;
    fields.push({
      field: 'fin',
      label: 'FIN',
      ok,
      ...(ok
        ? {}
        : {
            why: expected.fin
              ? 'FIN is 0, which says more fragments follow, but this message is complete in one frame: FIN must be 1 (RFC 6455 §5.2).'
              : 'FIN is 1, which says this is the last fragment, but the task asks for a frame that more fragments follow: FIN must be 0 (RFC 6455 §5.2).',
          }),
    });
  }

  const rsvWrong = (['rsv1', 'rsv2', 'rsv3'] as const).filter((k) => first[k] !== (expected[k] ?? false));
  fields.push({
    field: 'rsv',
    label: 'RSV',
    ok: rsvWrong.length === 0,
    ...(rsvWrong.length === 0
      ? {}
      : {
          why: `${rsvWrong.map((k) => `${k.toUpperCase()} is ${bit(first[k])}`).join(', ')}, but ${
            rsvWrong.every((k) => !expected[k])
              ? 'no extension was negotiated, so the RSV bits must be 0 (RFC 6455 §5.2).'
              : 'the task asks otherwise.'
          }`,
        }),
  });

  if (expected.opcode !== undefined) {
    const ok = first.opcode === expected.opcode;
    fields.push({
      field: 'opcode',
      label: 'opcode',
      ok,
      ...(ok
        ? {}
        : {
            why: `opcode is ${describeOpcode(first.opcode)} but the task asks for ${OPCODE_NAMES[expected.opcode] ?? 'opcode'} ${hexNumber(expected.opcode)}.`,
          }),
    });
  }

  const mustMask = expected.from === 'client';
  fields.push({
    field: 'mask',
    label: 'MASK',
    ok: first.masked === mustMask,
    ...(first.masked === mustMask
      ? {}
      : {
          why: mustMask
            ? 'your mask bit is 0 but client frames must be masked: MASK = 1 and a 4-byte masking key before the payload (RFC 6455 §5.1).'
            : 'your mask bit is 1 but a server must not mask the frames it sends: MASK = 0 and no masking key (RFC 6455 §5.1).',
        }),
  });

  // Length: minimal encoding, the announced length against the task, and bytes beyond the frame's end.
  const lengthProblems: string[] = [];
  for (const v of violationsOf('NON_MINIMAL_LENGTH', 'LENGTH_MSB_SET')) lengthProblems.push(cite(v));
  if (want !== undefined && first.payloadLength !== want.length) {
    lengthProblems.push(
      `the length field says ${first.payloadLength} but the payload ${asText && typeof expected.payload === 'string' ? `'${expected.payload}' ` : ''}is ${plural(want.length, 'byte')}.`,
    );
  }
  const frameEnd = first.offset + first.headerLength + first.payloadLength;
  if (frameEnd < bytes.length) {
    lengthProblems.push(
      `the frame ends after byte ${frameEnd} (its header announces ${plural(first.payloadLength, 'payload byte')}), but ${plural(
        bytes.length - frameEnd,
        'more byte follows',
        'more bytes follow',
      )}: ${hexBytes(bytes.subarray(frameEnd, frameEnd + 8))}${bytes.length - frameEnd > 8 ? ' …' : ''}. The task asks for exactly one frame.`,
    );
  }
  fields.push({
    field: 'length',
    label: 'length',
    ok: lengthProblems.length === 0,
    ...(lengthProblems[0] ? { why: lengthProblems[0] } : {}),
  });

  // A close frame described by code + reason is checked through those two fields instead.
  const payloadChecked = want !== undefined && expected.payload !== undefined;
  if (payloadChecked) fields.push(payloadField(first, bytes, want, asText));

  if (expected.closeCode !== undefined) {
    const ok = first.closeCode === expected.closeCode;
    let why: string | undefined;
    if (!ok) {
      if (first.closeCode === undefined) {
        why = `the close frame has no status code: its payload must start with the 2-byte code ${expected.closeCode}, big-endian (RFC 6455 §5.5.1).`;
      } else if ((((first.closeCode & 0xff) << 8) | (first.closeCode >> 8)) === expected.closeCode) {
        why = `close code reads as ${first.closeCode}: the two bytes are swapped. Network byte order is big-endian, most significant byte first (RFC 6455 §5.5.1).`;
      } else {
        why = `close code is ${first.closeCode} but the task asks for ${expected.closeCode}.`;
      }
    }
    fields.push({ field: 'closeCode', label: 'close code', ok, ...(why ? { why } : {}) });
  }
  if (expected.closeReason !== undefined) {
    const got = first.closeReason ?? '';
    const ok = got === expected.closeReason;
    fields.push({
      field: 'closeReason',
      label: 'reason',
      ok,
      ...(ok ? {} : { why: `the close reason decodes to '${got}', expected '${expected.closeReason}'.` }),
    });
  }

  // Rules not already covered by a field above: UTF-8, control-frame limits, close codes, fragmentation…
  const covered: ViolationId[] = [
    'UNMASKED_CLIENT_FRAME',
    'MASKED_SERVER_FRAME',
    'RSV_BITS_SET',
    'NON_MINIMAL_LENGTH',
    'LENGTH_MSB_SET',
  ];
  // A field already marked wrong explains the violation its wrong value causes (e.g. a swapped close code).
  const explainedBy: Partial<Record<ViolationId, string>> = {
    INVALID_UTF8: 'payload',
    INVALID_CLOSE_CODE: 'closeCode',
    CLOSE_PAYLOAD_ONE_BYTE: 'closeCode',
    INVALID_UTF8_CLOSE_REASON: 'closeReason',
  };
  for (const [id, field] of Object.entries(explainedBy) as [ViolationId, string][]) {
    if (fields.some((f) => f.field === field && !f.ok)) covered.push(id);
  }
  const others = decoded.violations.filter((v) => v.offset < frameEnd && !covered.includes(v.id));
  if (others.length > 0) {
    fields.push({ field: 'rules', label: 'rules', ok: false, why: others.map(cite).join(' ') });
  }

  const failed = fields.filter((f) => !f.ok);
  if (failed.length === 0) {
    return { verdict: 'correct', message: 'Right: the decoder reads exactly the frame the task asks for.', fields };
  }
  const firstWhy = failed[0]!.why ?? '';
  const more =
    failed.length > 1 ? ` (${failed.length - 1} more field${failed.length > 2 ? 's' : ''} wrong, listed below.)` : '';
  return { verdict: 'wrong', message: capitalise(firstWhy) + more, fields };
}

function payloadField(frame: Frame, bytes: Uint8Array, want: Uint8Array, asText: boolean): FieldCheck {
  if (sameBytes(frame.payload, want)) return { field: 'payload', label: 'payload', ok: true };
  const start = frame.offset + frame.headerLength;
  const raw = bytes.subarray(start, start + frame.payloadLength);
  let why: string;
  if (frame.masked && sameBytes(raw, want)) {
    why =
      'the payload bytes after the masking key are the plain text, so the receiver unmasks them into ' +
      `${showPayload(frame.payload, asText)}. Mask them: byte i XOR key[i mod 4] (RFC 6455 §5.3).`;
  } else if (frame.payload.length !== want.length) {
    why = `the payload is ${plural(frame.payload.length, 'byte')} (${showPayload(frame.payload, asText)}), expected ${plural(want.length, 'byte')} (${showPayload(want, asText)}).`;
  } else {
    const at = frame.payload.findIndex((b, i) => b !== want[i]);
    why = `payload decodes to ${showPayload(frame.payload, asText)}, expected ${showPayload(want, asText)} (first difference at payload byte ${at}: ${hexNumber(frame.payload[at]!, 2)} instead of ${hexNumber(want[at]!, 2)}${frame.masked ? ', after unmasking' : ''}).`;
  }
  return { field: 'payload', label: 'payload', ok: false, why };
}

/** The input ends inside the frame: say how many bytes are missing and, when readable, what the header announced. */
function incompleteMessage(bytes: Uint8Array, needed: number): string {
  const missing = `The bytes end inside the frame: ${plural(needed, 'more byte')} needed.`;
  if (bytes.length < 2) return `${missing} Every frame starts with 2 header bytes (RFC 6455 §5.2).`;
  const masked = (bytes[1]! & 0x80) !== 0;
  const len7 = bytes[1]! & 0x7f;
  if (len7 >= 126) return missing;
  const total = 2 + (masked ? 4 : 0) + len7;
  return (
    `${missing} Your second byte ${hexNumber(bytes[1]!, 2)} says MASK = ${masked ? 1 : 0} and length ${len7}, so the frame is ` +
    `2${masked ? ' + 4 (key)' : ''} + ${len7} = ${total} bytes; you typed ${bytes.length}.`
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
