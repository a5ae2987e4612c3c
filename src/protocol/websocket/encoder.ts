/**
 * Frame encoder (RFC 6455 §5.2). It writes whatever header bits it is given — the frame-builder tool
 * and the tests build deliberately broken frames with it — and only refuses values that cannot be
 * encoded at all (an opcode above 0xF, a key that is not 4 bytes, a length that does not fit the
 * chosen field).
 */
import { applyMask } from './mask';

export interface EncodeFrameOptions {
  /** 4-bit opcode, e.g. Opcode.Text. */
  opcode: number;
  /** The payload; a string is encoded as UTF-8. Never modified. */
  payload?: Uint8Array | string;
  /** Final fragment (default true). */
  fin?: boolean;
  rsv1?: boolean;
  rsv2?: boolean;
  rsv3?: boolean;
  /**
   * When given, the frame is masked with this 4-byte key (clients must mask, RFC 6455 §5.1). Passed
   * in rather than drawn here, so the same call always gives the same bytes.
   */
  maskKey?: Uint8Array;
  /**
   * Force a length encoding (default: the minimal one, as §5.2 requires). A larger field than needed
   * builds a non-minimal frame on purpose, for lessons and tests.
   */
  lengthEncoding?: 7 | 16 | 64;
}

const textEncoder = new TextEncoder();

/** The minimal length encoding for a payload of `length` bytes (§5.2). */
export function minimalLengthEncoding(length: number): 7 | 16 | 64 {
  return length <= 125 ? 7 : length <= 0xffff ? 16 : 64;
}

/** A control frame's payload is at most 125 bytes (RFC 6455 §5.5). */
export const MAX_CONTROL_PAYLOAD = 125;

/** A close reason is at most 123 bytes of UTF-8: the control payload's 125 less the 2-byte code (RFC 6455 §5.5). */
export const MAX_CLOSE_REASON_BYTES = MAX_CONTROL_PAYLOAD - 2;

/** What {@link encodeFrameHeader} needs: the header fields of {@link EncodeFrameOptions}, and the payload's length. */
export type FrameHeaderOptions = Omit<EncodeFrameOptions, 'payload'> & {
  /** Payload bytes that will follow the header (a whole number below 2^53). */
  payloadLength: number;
};

/** Checks what cannot be encoded at all; returns the length encoding to use. */
function checkHeader(options: FrameHeaderOptions): 7 | 16 | 64 {
  const { opcode, maskKey, payloadLength: length } = options;
  if (!Number.isInteger(opcode) || opcode < 0 || opcode > 0xf) {
    throw new RangeError(`an opcode is 4 bits (0x0–0xF), got ${opcode}`);
  }
  if (maskKey !== undefined && maskKey.length !== 4) {
    throw new RangeError(`a masking key is exactly 4 bytes (RFC 6455 §5.3), got ${maskKey.length}`);
  }
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`a payload length is a whole number of bytes below 2^53, got ${length}`);
  }
  const encoding = options.lengthEncoding ?? minimalLengthEncoding(length);
  if (encoding === 7 && length > 125) {
    throw new RangeError(`a ${length}-byte payload does not fit the 7-bit length field (at most 125)`);
  }
  if (encoding === 16 && length > 0xffff) {
    throw new RangeError(`a ${length}-byte payload does not fit the 16-bit length field (at most 65535)`);
  }
  return encoding;
}

/** Header bytes for a length encoding: 2, plus 2 or 8 of extended length, plus 4 of masking key (§5.2). */
function headerLengthFor(encoding: 7 | 16 | 64, masked: boolean): number {
  return 2 + (encoding === 7 ? 0 : encoding === 16 ? 2 : 8) + (masked ? 4 : 0);
}

/** Writes the header (§5.2) at the start of `out`, which has room for it. */
function writeHeader(out: Uint8Array, options: FrameHeaderOptions, encoding: 7 | 16 | 64): void {
  const { opcode, fin = true, rsv1 = false, rsv2 = false, rsv3 = false, maskKey, payloadLength: length } = options;
  out[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (rsv2 ? 0x20 : 0) | (rsv3 ? 0x10 : 0) | opcode;
  out[1] = (maskKey ? 0x80 : 0) | (encoding === 7 ? length : encoding === 16 ? 126 : 127);
  if (encoding === 16) {
    out[2] = length >>> 8;
    out[3] = length & 0xff;
  } else if (encoding === 64) {
    // Big-endian 64-bit; a safe integer is below 2^53, so the high word is small.
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    view.setUint32(2, Math.floor(length / 0x100000000));
    view.setUint32(6, length >>> 0);
  }
  if (maskKey) out.set(maskKey, headerLengthFor(encoding, true) - 4);
}

/**
 * Only the header of a frame (§5.2): what goes before a payload of `payloadLength` bytes. A sender can
 * then write header and payload one after the other (e.g. `socket.write` twice under cork) without copying
 * the payload into one buffer; `encodeFrame` gives the same bytes in one piece. With a `maskKey` the header
 * ends with the key, and the payload that follows must be masked with it (`applyMask`, §5.3) — which the
 * caller does, on bytes it owns. Throws a RangeError for values that cannot be encoded.
 */
export function encodeFrameHeader(options: FrameHeaderOptions): Uint8Array {
  const encoding = checkHeader(options);
  const out = new Uint8Array(headerLengthFor(encoding, options.maskKey !== undefined));
  writeHeader(out, options, encoding);
  return out;
}

/** Encodes one frame into a new Uint8Array. Throws a RangeError for values that cannot be encoded. */
export function encodeFrame(options: EncodeFrameOptions): Uint8Array {
  const payload =
    typeof options.payload === 'string' ? textEncoder.encode(options.payload) : (options.payload ?? new Uint8Array(0));
  const header: FrameHeaderOptions = { ...options, payloadLength: payload.length };
  const encoding = checkHeader(header);
  const headerLength = headerLengthFor(encoding, options.maskKey !== undefined);
  const out = new Uint8Array(headerLength + payload.length);
  writeHeader(out, header, encoding);
  out.set(payload, headerLength);
  if (options.maskKey) {
    // Mask the copy inside `out`: the caller's payload is left as it was.
    applyMask(out.subarray(headerLength), options.maskKey, 0);
  }
  return out;
}

/**
 * The payload of a Close frame (RFC 6455 §5.5.1): nothing, or a 2-byte big-endian status code
 * followed by an optional UTF-8 reason. Throws a RangeError when a reason is given without a code,
 * when the code is not 0–65535, or when the payload would exceed 125 bytes (§5.5). It does not check
 * that the code may be sent — use `isValidWireCloseCode` — so invalid frames can be built on purpose.
 */
export function encodeClose(code?: number, reason: string | Uint8Array = ''): Uint8Array {
  const reasonBytes = typeof reason === 'string' ? textEncoder.encode(reason) : reason;
  if (code === undefined) {
    if (reasonBytes.length > 0) throw new RangeError('a close reason needs a status code before it (RFC 6455 §5.5.1)');
    return new Uint8Array(0);
  }
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) {
    throw new RangeError(`a close status code is an unsigned 16-bit integer, got ${code}`);
  }
  if (2 + reasonBytes.length > MAX_CONTROL_PAYLOAD) {
    throw new RangeError(
      `a close payload is at most 125 bytes (RFC 6455 §5.5): the reason is ${reasonBytes.length} bytes, at most ${MAX_CLOSE_REASON_BYTES} fit`,
    );
  }
  const out = new Uint8Array(2 + reasonBytes.length);
  out[0] = code >>> 8;
  out[1] = code & 0xff;
  out.set(reasonBytes, 2);
  return out;
}
