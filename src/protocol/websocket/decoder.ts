/**
 * Incremental WebSocket frame decoder (RFC 6455 §5).
 *
 * An explicit state machine over partial input: HEADER (2 bytes) → EXTENDED_LENGTH_16 / _64 (2 / 8
 * bytes, when the 7-bit length says 126 / 127) → MASK_KEY (4 bytes, when MASK is 1) → PAYLOAD. Chunks
 * may split anywhere, even inside the 2-byte header or the mask key; the few header bytes that straddle
 * a chunk boundary are collected in an 8-byte scratch buffer, and nothing else is ever concatenated.
 *
 * Besides each frame's own rules it tracks the message the frames belong to: fragmentation (§5.4),
 * UTF-8 of text messages across fragments (§8.1, failing at the first impossible byte, even before the
 * final fragment arrives) and the size limit (`maxPayload`, close code 1009) for the whole message.
 *
 * ## What happens after a violation
 * A live endpoint fails the connection at the first violation (RFC 6455 §7.1.7); the lab server does
 * that with `createDecoder`. For a learner pasting a stream, the decoder reports the violation and,
 * where the frame boundaries are still known, keeps decoding so the later frames show up too:
 *
 * - continues after: RSV bits, reserved opcodes, fragmented or over-long control frames, 1-byte close
 *   payloads, unexpected / expected continuation, missing or unexpected mask, non-minimal lengths,
 *   invalid close codes, invalid UTF-8 (reported once per message; that message is not checked further).
 *   After EXPECTED_CONTINUATION the new frame starts a new message (the unfinished one is dropped); an
 *   unexpected continuation with FIN 0 opens a message of unknown type, so a capture that starts in the
 *   middle of a message reports one violation, not one per fragment.
 * - stops after (state FAILED, later bytes ignored): LENGTH_MSB_SET — the length is not a valid number,
 *   so where the next frame starts is unknown; PAYLOAD_TOO_BIG — the frame or message is bigger than
 *   `maxPayload` (or than 2^53 − 1, the largest length a JavaScript number holds exactly), and the
 *   point of the limit is not to buffer it.
 *
 * ## Memory
 * The decoder holds only the current frame: its header bytes (≤ 14) and, when the payload spans
 * chunks, one buffer for that payload, bounded by `maxPayload` (default 100 MiB in `createDecoder`,
 * as in `ws`). Message reassembly is the caller's job; frames carry everything needed.
 */
import { applyMask } from './mask';
import { isValidWireCloseCode, describeCloseCode } from './close-codes';
import { violation } from './violations';
import { Utf8Validator, findUtf8Error } from '../utf8';
import { OPCODE_NAMES } from './types';
import type {
  DecodeOptions,
  DecodeResult,
  DecoderState,
  Direction,
  Frame,
  PartialFrame,
  Violation,
  ViolationId,
} from './types';

/** Default limit for `createDecoder` (the same as `ws`'s server): large messages must be asked for. */
export const DEFAULT_MAX_PAYLOAD = 100 * 1024 * 1024;

/** Payloads up to this size get their buffer at once; larger ones grow as bytes actually arrive. */
const EAGER_ALLOCATION = 1024 * 1024;

/** A frame's payload length cannot exceed this and still be an exact JavaScript number. */
const MAX_LENGTH = Number.MAX_SAFE_INTEGER;

const EMPTY = new Uint8Array(0);
const textDecoder = new TextDecoder('utf-8');

// Internal states as small integers (switch on numbers is cheapest); names in STATE_NAMES.
const S_HEADER = 0;
const S_EXT16 = 1;
const S_EXT64 = 2;
const S_MASK = 3;
const S_PAYLOAD = 4;
const S_FAILED = 5;
const STATE_NAMES: readonly DecoderState[] = [
  'HEADER',
  'EXTENDED_LENGTH_16',
  'EXTENDED_LENGTH_64',
  'MASK_KEY',
  'PAYLOAD',
  'FAILED',
];

const hex2 = (b: number): string => '0x' + b.toString(16).toUpperCase().padStart(2, '0');
const opcodeName = (op: number): string => OPCODE_NAMES[op] ?? `reserved ${hex2(op)}`;

/** An unfinished (fragmented) data message, as far as it has arrived. */
export interface MessageInProgress {
  /** 0x1 text, 0x2 binary, or 0x0 when the capture began in its middle (type unknown). */
  opcode: number;
  /** Offset of its first frame. */
  offset: number;
  /** Payload bytes so far (of frames whose header has arrived). */
  length: number;
  /** Data frames so far, including the one being read. */
  frames: number;
  /** Its first frame had RSV1 with permessage-deflate (`allowRsv1`). */
  compressed: boolean;
}

export interface FrameDecoder {
  /** What the decoder is waiting for. */
  readonly state: DecoderState;
  /**
   * Bytes still missing to complete the current frame (0 between frames or after FAILED). Exact once
   * the length is known, a minimum before.
   */
  readonly needed: number;
  /** Bytes still missing to leave the current state (e.g. 3 while 1 of 4 mask-key bytes arrived). */
  readonly neededInState: number;
  /** Total bytes pushed so far; the offset the next pushed byte will have. */
  readonly position: number;
  /** The frame being read, when inside one. */
  readonly partial: PartialFrame | undefined;
  /** The fragmented message being read, when inside one. */
  readonly message: MessageInProgress | undefined;
  /** Decodes `chunk`, returning the frames completed and the violations found in these bytes. */
  push(chunk: Uint8Array): DecodeResult;
  /** Declares the end of input: reports how many bytes the unfinished frame still needed, if any. */
  end(): DecodeResult;
}

/**
 * Creates an incremental decoder. Options as in `decodeFrames`; `maxPayload` defaults to
 * `DEFAULT_MAX_PAYLOAD` here because a socket can send without end.
 */
export function createDecoder(opts: DecodeOptions = {}): FrameDecoder {
  return new Decoder(opts, opts.maxPayload ?? DEFAULT_MAX_PAYLOAD);
}

/**
 * Decodes every frame in `bytes` at once. Never throws. `maxPayload` defaults to no limit (beyond
 * 2^53 − 1): the input is already in memory, so a long frame is reported by `needed`, not refused.
 * The input is never modified unless `zeroCopy` is set.
 */
export function decodeFrames(bytes: Uint8Array, opts: DecodeOptions = {}): DecodeResult {
  const d = new Decoder(opts, opts.maxPayload ?? MAX_LENGTH);
  const result = d.push(bytes);
  const tail = d.end();
  if (tail.needed !== undefined) {
    result.needed = tail.needed;
    result.partial = tail.partial;
  }
  return result;
}

class Decoder implements FrameDecoder {
  private readonly requireMask: boolean;
  private readonly forbidMask: boolean;
  private readonly allowRsv1: boolean;
  private readonly zeroCopy: boolean;
  private readonly maxPayload: number;

  private s = S_HEADER;
  /** Absolute offset of the first byte of the chunk being decoded (= bytes pushed before it). */
  private base = 0;
  /** Header bytes that straddle a chunk boundary. */
  private readonly scratch = new Uint8Array(8);
  private scratchLen = 0;

  // The frame being read.
  private fOffset = 0;
  private b0 = 0;
  private b1 = 0;
  private lengthEncoding: 7 | 16 | 64 = 7;
  private payloadLength = 0;
  private headerLength = 2;
  private maskKey: Uint8Array | undefined = undefined;
  private acc: Uint8Array = EMPTY;
  private received = 0;
  /** This frame's payload is part of a text message being UTF-8 checked. */
  private checkUtf8 = false;
  /** This frame continues or starts a data message (updates message state at its end). */
  private isMessageFrame = false;

  // The message being read.
  private msgOpen = false;
  private msgOpcode = 0;
  private msgOffset = 0;
  private msgLength = 0;
  private msgFrames = 0;
  private msgCompressed = false;
  private msgUtf8Failed = false;
  private readonly utf8 = new Utf8Validator();
  /** Input offset of the lead byte of a character left unfinished at a piece boundary. */
  private utf8LeadOffset = 0;

  private violations: Violation[] = [];

  constructor(opts: DecodeOptions, maxPayload: number) {
    const from: Direction = opts.from ?? 'unknown';
    this.requireMask = from === 'client';
    this.forbidMask = from === 'server';
    this.allowRsv1 = opts.allowRsv1 === true;
    this.zeroCopy = opts.zeroCopy === true;
    // A NaN or negative limit would refuse everything silently; treat it as 0 (only empty payloads).
    this.maxPayload = maxPayload >= 0 ? Math.min(maxPayload, MAX_LENGTH) : 0;
  }

  get state(): DecoderState {
    return STATE_NAMES[this.s]!;
  }

  get position(): number {
    return this.base;
  }

  get neededInState(): number {
    switch (this.s) {
      case S_HEADER:
        return 2 - this.scratchLen;
      case S_EXT16:
        return 2 - this.scratchLen;
      case S_EXT64:
        return 8 - this.scratchLen;
      case S_MASK:
        return 4 - this.scratchLen;
      case S_PAYLOAD:
        return this.payloadLength - this.received;
      default:
        return 0;
    }
  }

  get needed(): number {
    const mask = (this.b1 & 0x80) !== 0 ? 4 : 0;
    switch (this.s) {
      case S_HEADER:
        return this.scratchLen === 0 ? 0 : 2 - this.scratchLen;
      case S_EXT16:
        return 2 - this.scratchLen + mask;
      case S_EXT64:
        return 8 - this.scratchLen + mask;
      case S_MASK:
        return 4 - this.scratchLen + this.payloadLength;
      case S_PAYLOAD:
        return this.payloadLength - this.received;
      default:
        return 0;
    }
  }

  get partial(): PartialFrame | undefined {
    const s = this.s;
    if (s === S_FAILED || (s === S_HEADER && this.scratchLen === 0)) return undefined;
    const p: PartialFrame = { offset: this.fOffset, state: STATE_NAMES[s]!, received: this.base - this.fOffset };
    if (s === S_HEADER) return p;
    const b0 = this.b0;
    const b1 = this.b1;
    p.fin = (b0 & 0x80) !== 0;
    p.rsv1 = (b0 & 0x40) !== 0;
    p.rsv2 = (b0 & 0x20) !== 0;
    p.rsv3 = (b0 & 0x10) !== 0;
    p.opcode = b0 & 0x0f;
    p.masked = (b1 & 0x80) !== 0;
    p.lengthEncoding = this.lengthEncoding;
    if (s === S_MASK || s === S_PAYLOAD) {
      p.payloadLength = this.payloadLength;
      p.headerLength = this.headerLength;
    }
    if (s === S_PAYLOAD && this.maskKey !== undefined) p.maskKey = this.maskKey.slice();
    return p;
  }

  get message(): MessageInProgress | undefined {
    if (!this.msgOpen) return undefined;
    return {
      opcode: this.msgOpcode,
      offset: this.msgOffset,
      length: this.msgLength,
      frames: this.msgFrames,
      compressed: this.msgCompressed,
    };
  }

  end(): DecodeResult {
    const needed = this.needed;
    if (needed === 0) return { frames: [], violations: [] };
    return { frames: [], violations: [], needed, partial: this.partial };
  }

  push(chunk: Uint8Array): DecodeResult {
    const frames: Frame[] = [];
    const violations: Violation[] = [];
    this.violations = violations;
    const n = chunk.length;
    let i = 0;

    loop: while (true) {
      switch (this.s) {
        case S_HEADER: {
          let b0: number;
          let b1: number;
          if (this.scratchLen === 0) {
            if (n - i >= 2) {
              this.fOffset = this.base + i;
              b0 = chunk[i]!;
              b1 = chunk[i + 1]!;
              i += 2;
            } else {
              if (i < n) {
                this.fOffset = this.base + i;
                this.scratch[0] = chunk[i]!;
                this.scratchLen = 1;
                i++;
              }
              break loop;
            }
          } else {
            if (i >= n) break loop;
            b0 = this.scratch[0]!;
            b1 = chunk[i]!;
            i++;
            this.scratchLen = 0;
          }
          this.onHeader(b0, b1);
          break;
        }

        case S_EXT16:
        case S_EXT64:
        case S_MASK: {
          const size = this.s === S_EXT16 ? 2 : this.s === S_EXT64 ? 8 : 4;
          let src: Uint8Array;
          let p: number;
          if (this.scratchLen === 0 && n - i >= size) {
            src = chunk;
            p = i;
            i += size;
          } else {
            const k = Math.min(size - this.scratchLen, n - i);
            for (let j = 0; j < k; j++) this.scratch[this.scratchLen + j] = chunk[i + j]!;
            this.scratchLen += k;
            i += k;
            if (this.scratchLen < size) break loop;
            this.scratchLen = 0;
            src = this.scratch;
            p = 0;
          }
          if (this.s === S_EXT16) this.onLength16(src, p);
          else if (this.s === S_EXT64) this.onLength64(src, p);
          else this.onMaskKey(src, p);
          break;
        }

        case S_PAYLOAD: {
          const length = this.payloadLength;
          const avail = n - i;
          if (this.received === 0 && avail >= length) {
            // The whole payload is in this chunk: one view or one copy, no accumulation.
            const payload = this.zeroCopy ? chunk.subarray(i, i + length) : chunk.slice(i, i + length);
            if (this.maskKey !== undefined) applyMask(payload, this.maskKey, 0);
            if (this.checkUtf8) this.checkText(payload, this.base + i);
            i += length;
            frames.push(this.finishFrame(payload));
            break;
          }
          if (avail === 0) break loop;
          const k = Math.min(avail, length - this.received);
          this.accumulate(chunk, i, k);
          i += k;
          if (this.received === length) {
            const payload = this.acc;
            this.acc = EMPTY;
            frames.push(this.finishFrame(payload));
            break;
          }
          break loop;
        }

        default:
          // FAILED: the framing is lost or refused; later bytes are ignored.
          break loop;
      }
      // A frame with an empty payload is complete as soon as its header is.
      if (this.s === S_PAYLOAD && this.payloadLength === 0) frames.push(this.finishFrame(EMPTY));
    }

    this.base += n;
    return { frames, violations };
  }

  // ---- header fields ------------------------------------------------------------------------

  private report(id: ViolationId, offset: number, message: string): void {
    this.violations.push(violation(id, offset, message));
  }

  /** First two bytes: FIN, RSV1-3, opcode (byte 0); MASK and the 7-bit length (byte 1). §5.2 */
  private onHeader(b0: number, b1: number): void {
    this.b0 = b0;
    this.b1 = b1;
    const at = this.fOffset;
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    const masked = (b1 & 0x80) !== 0;
    const len7 = b1 & 0x7f;
    const isControl = opcode >= 0x8;
    const isReserved = (opcode >= 0x3 && opcode <= 0x7) || opcode >= 0xb;

    // RSV bits: only a negotiated extension may use them (§5.2). permessage-deflate uses RSV1 on
    // the first frame of a data message only (RFC 7692 §6).
    const rsv = b0 & 0x70;
    if (rsv !== 0) {
      const rsv1Allowed = this.allowRsv1 && (opcode === 0x1 || opcode === 0x2);
      const bad = rsv1Allowed ? rsv & 0x30 : rsv;
      if (bad !== 0) {
        const names = [bad & 0x40 ? 'RSV1' : '', bad & 0x20 ? 'RSV2' : '', bad & 0x10 ? 'RSV3' : ''].filter(Boolean);
        const why =
          this.allowRsv1 && (bad & 0x40) !== 0
            ? 'permessage-deflate allows RSV1 only on the first frame of a data message (RFC 7692 §6)'
            : 'no extension was negotiated that defines them';
        this.report(
          'RSV_BITS_SET',
          at,
          `byte 0 is ${hex2(b0)}: ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} set, but ${why}`,
        );
      }
    }

    if (isReserved) {
      this.report(
        'RESERVED_OPCODE',
        at,
        `opcode ${hex2(opcode)} (low 4 bits of ${hex2(b0)}) is reserved for future ${isControl ? 'control' : 'data'} frames; defined opcodes are 0x0, 0x1, 0x2, 0x8, 0x9, 0xA`,
      );
    } else if (isControl) {
      if (!fin) {
        this.report(
          'FRAGMENTED_CONTROL_FRAME',
          at,
          `a ${opcodeName(opcode)} frame has FIN = 0 (byte 0 is ${hex2(b0)}); control frames must not be fragmented`,
        );
      }
      if (len7 > 125) {
        // Known from byte 1 already: whatever the extended field holds, the frame is either longer
        // than 125 bytes or encodes its length non-minimally. Fail early, as ws does.
        this.report(
          'CONTROL_FRAME_TOO_LONG',
          at + 1,
          `this ${opcodeName(opcode)} frame's 7-bit length is ${len7}, announcing a ${len7 === 126 ? '16' : '64'}-bit extended length; control frames carry at most 125 payload bytes, so they never use one`,
        );
      }
      if (opcode === 0x8 && len7 === 1) {
        this.report(
          'CLOSE_PAYLOAD_ONE_BYTE',
          at + 1,
          'this close frame carries 1 payload byte; a close payload is either empty or starts with a 2-byte status code',
        );
      }
    }

    // Fragmentation (§5.4): which message this frame belongs to.
    this.checkUtf8 = false;
    this.isMessageFrame = false;
    if (opcode === 0x0) {
      if (!this.msgOpen) {
        this.report(
          'UNEXPECTED_CONTINUATION',
          at,
          `a continuation frame (opcode 0x0) arrived but no fragmented message is in progress${fin ? '' : '; the frames that follow are read as its continuation'} (if the capture began in the middle of a message, this is its tail)`,
        );
        if (!fin) {
          this.openMessage(0x0, false);
          this.isMessageFrame = true;
        }
      } else {
        this.msgFrames++;
        this.isMessageFrame = true;
        this.checkUtf8 = this.msgOpcode === 0x1 && !this.msgCompressed && !this.msgUtf8Failed;
      }
    } else if (opcode === 0x1 || opcode === 0x2) {
      if (this.msgOpen) {
        this.report(
          'EXPECTED_CONTINUATION',
          at,
          `a new ${opcodeName(opcode)} frame arrived while the ${this.msgOpcode === 0 ? '' : opcodeName(this.msgOpcode) + ' '}message started at offset ${this.msgOffset} is unfinished; its next frame must be a continuation (opcode 0x0). Reading this frame as the start of a new message`,
        );
      }
      this.openMessage(opcode, this.allowRsv1 && (b0 & 0x40) !== 0);
      this.checkUtf8 = opcode === 0x1 && !this.msgCompressed;
      this.isMessageFrame = true;
    }

    // Masking (§5.1): every client frame masked, no server frame masked.
    if (this.requireMask && !masked) {
      this.report(
        'UNMASKED_CLIENT_FRAME',
        at + 1,
        `byte 1 is ${hex2(b1)}: its top bit (MASK) is 0, but a client must mask every frame it sends`,
      );
    } else if (this.forbidMask && masked) {
      this.report(
        'MASKED_SERVER_FRAME',
        at + 1,
        `byte 1 is ${hex2(b1)}: its top bit (MASK) is 1, but a server must not mask the frames it sends`,
      );
    }

    if (len7 === 126) {
      this.lengthEncoding = 16;
      this.s = S_EXT16;
    } else if (len7 === 127) {
      this.lengthEncoding = 64;
      this.s = S_EXT64;
    } else {
      this.lengthEncoding = 7;
      this.haveLength(len7);
    }
  }

  private openMessage(opcode: number, compressed: boolean): void {
    this.msgOpen = true;
    this.msgOpcode = opcode;
    this.msgOffset = this.fOffset;
    this.msgLength = 0;
    this.msgFrames = 1;
    this.msgCompressed = compressed;
    this.msgUtf8Failed = false;
    if (opcode === 0x1) this.utf8.reset();
  }

  /** 16-bit extended length (§5.2): big-endian, used for 126..65535. */
  private onLength16(src: Uint8Array, p: number): void {
    const length = (src[p]! << 8) | src[p + 1]!;
    if (length <= 125 && !this.isDefinedControl()) {
      this.report(
        'NON_MINIMAL_LENGTH',
        this.fOffset + 2,
        `the length ${length} is sent in the 16-bit extended field (7-bit field = 126), but lengths up to 125 must use the 7-bit field`,
      );
    }
    this.haveLength(length);
  }

  /** 64-bit extended length (§5.2): big-endian, most significant bit 0, used from 65536. */
  private onLength64(src: Uint8Array, p: number): void {
    const hi = ((src[p]! << 24) | (src[p + 1]! << 16) | (src[p + 2]! << 8) | src[p + 3]!) >>> 0;
    const lo = ((src[p + 4]! << 24) | (src[p + 5]! << 16) | (src[p + 6]! << 8) | src[p + 7]!) >>> 0;
    const at = this.fOffset + 2;
    if (hi >= 0x80000000) {
      this.fail(
        'LENGTH_MSB_SET',
        at,
        `the 64-bit length starts with ${hex2(src[p]!)}: its most significant bit is 1, which RFC 6455 forbids (at most 2^63 − 1 bytes). Where this frame ends cannot be known, so decoding stops here`,
      );
      return;
    }
    if (hi > 0x1fffff) {
      const big = (BigInt(hi) << 32n) | BigInt(lo);
      this.fail(
        'PAYLOAD_TOO_BIG',
        at,
        `the frame announces ${big} payload bytes, more than 2^53 − 1 (the largest length this decoder can count exactly); decoding stops here`,
      );
      return;
    }
    const length = hi * 0x100000000 + lo;
    if (length <= 0xffff && !this.isDefinedControl()) {
      this.report(
        'NON_MINIMAL_LENGTH',
        at,
        `the length ${length} is sent in the 64-bit extended field (7-bit field = 127), but lengths up to 65535 must use ${length <= 125 ? 'the 7-bit field' : 'the 16-bit field (7-bit field = 126)'}`,
      );
    }
    this.haveLength(length);
  }

  /** Close, ping or pong: their extended lengths were already reported as CONTROL_FRAME_TOO_LONG. */
  private isDefinedControl(): boolean {
    const opcode = this.b0 & 0x0f;
    return opcode >= 0x8 && opcode <= 0xa;
  }

  /** The payload length is known: check the limits that depend on it, then go on to the mask key. */
  private haveLength(length: number): void {
    this.payloadLength = length;
    const masked = (this.b1 & 0x80) !== 0;
    this.headerLength = (this.lengthEncoding === 7 ? 2 : this.lengthEncoding === 16 ? 4 : 10) + (masked ? 4 : 0);
    if (length > this.maxPayload) {
      this.fail(
        'PAYLOAD_TOO_BIG',
        this.fOffset + 1,
        `this frame announces ${length} payload bytes, more than the limit of ${this.maxPayload}; decoding stops here`,
      );
      return;
    }
    if (this.isMessageFrame) {
      this.msgLength += length;
      if (this.msgLength > this.maxPayload) {
        this.fail(
          'PAYLOAD_TOO_BIG',
          this.fOffset + 1,
          `the message started at offset ${this.msgOffset} reaches ${this.msgLength} bytes with this frame, more than the limit of ${this.maxPayload}; decoding stops here`,
        );
        return;
      }
    }

    this.received = 0;
    if (masked) {
      this.s = S_MASK;
    } else {
      this.maskKey = undefined;
      this.s = S_PAYLOAD;
      this.preparePayload();
    }
  }

  /** Masking key (§5.3): 4 bytes right before the payload. */
  private onMaskKey(src: Uint8Array, p: number): void {
    // A copy when reading from the scratch buffer (reused) or when the input must not be shared.
    this.maskKey = this.zeroCopy && src !== this.scratch ? src.subarray(p, p + 4) : src.slice(p, p + 4);
    this.s = S_PAYLOAD;
    this.preparePayload();
  }

  private preparePayload(): void {
    this.received = 0;
    this.acc = EMPTY;
  }

  // ---- payload ------------------------------------------------------------------------------

  /** Copies `k` payload bytes from `chunk[i..]` into this frame's buffer, unmasking and checking them. */
  private accumulate(chunk: Uint8Array, i: number, k: number): void {
    const length = this.payloadLength;
    const start = this.received;
    const end = start + k;
    if (this.acc.length < end) {
      // Grow towards `length` as bytes actually arrive, so a huge announced length that never
      // materialises does not reserve memory.
      const cap = Math.min(
        length,
        Math.max(end, length <= EAGER_ALLOCATION ? length : this.acc.length * 2, EAGER_ALLOCATION),
      );
      const grown = new Uint8Array(cap);
      if (start > 0) grown.set(this.acc.subarray(0, start));
      this.acc = grown;
    }
    const piece = this.acc.subarray(start, end);
    piece.set(chunk.subarray(i, i + k));
    if (this.maskKey !== undefined) applyMask(piece, this.maskKey, start);
    if (this.checkUtf8) this.checkText(piece, this.base + i);
    this.received = end;
  }

  /** UTF-8 of a text message (§8.1), piece by piece; `at` is the input offset of `piece[0]`. */
  private checkText(piece: Uint8Array, at: number): void {
    const utf8 = this.utf8;
    const bad = utf8.write(piece);
    if (bad >= 0) {
      this.msgUtf8Failed = true;
      this.checkUtf8 = false;
      this.report('INVALID_UTF8', at + bad, `invalid UTF-8 in a text message: ${utf8.error!.message}`);
      return;
    }
    const pending = utf8.pending;
    // Remember where an unfinished character began, for the message if the text ends there.
    if (pending > 0 && pending <= piece.length) this.utf8LeadOffset = at + piece.length - pending;
  }

  /** The payload is complete: build the frame and apply the rules that need the whole payload. */
  private finishFrame(payload: Uint8Array): Frame {
    const b0 = this.b0;
    const b1 = this.b1;
    const opcode = b0 & 0x0f;
    const fin = (b0 & 0x80) !== 0;
    const payloadAt = this.fOffset + this.headerLength;
    let closeCode: number | undefined;
    let closeReason: string | undefined;

    if (opcode === 0x8 && payload.length >= 2) {
      closeCode = (payload[0]! << 8) | payload[1]!;
      if (!isValidWireCloseCode(closeCode)) {
        const info = describeCloseCode(closeCode);
        this.report(
          'INVALID_CLOSE_CODE',
          payloadAt,
          `close code ${closeCode} (${hex2(payload[0]!)} ${hex2(payload[1]!)}) may not be sent: ${info.name}. ${info.meaning}`,
        );
      }
      const reason = payload.subarray(2);
      const err = findUtf8Error(reason);
      if (err !== undefined) {
        this.report(
          'INVALID_UTF8_CLOSE_REASON',
          payloadAt + 2 + err.index,
          `invalid UTF-8 in the close reason: ${err.message}`,
        );
      } else {
        closeReason = textDecoder.decode(reason);
      }
    }

    // The final fragment ends the message; its text must not stop inside a character.
    if (this.isMessageFrame && fin) {
      if (this.msgOpcode === 0x1 && !this.msgCompressed && !this.msgUtf8Failed) {
        const err = this.utf8.end();
        if (err !== undefined) {
          this.report('INVALID_UTF8', this.utf8LeadOffset, `invalid UTF-8 in a text message: ${err.message}`);
        }
      }
      this.msgOpen = false;
    }

    const frame: Frame = {
      fin,
      rsv1: (b0 & 0x40) !== 0,
      rsv2: (b0 & 0x20) !== 0,
      rsv3: (b0 & 0x10) !== 0,
      opcode,
      masked: (b1 & 0x80) !== 0,
      maskKey: this.maskKey,
      payloadLength: this.payloadLength,
      headerLength: this.headerLength,
      offset: this.fOffset,
      lengthEncoding: this.lengthEncoding,
      payload,
      closeCode,
      closeReason,
    };
    this.maskKey = undefined;
    this.s = S_HEADER;
    return frame;
  }

  private fail(id: ViolationId, offset: number, message: string): void {
    this.report(id, offset, message);
    this.s = S_FAILED;
    this.acc = EMPTY;
    this.maskKey = undefined;
  }
}
