/**
 * For /lab/ws/inspect: keeps the raw (still masked) bytes of the frames a client sends, so each
 * `frame` report can carry them as hex with their arrival times. Memory per connection stays under
 * about HEX_LIMIT plus one read: of a long frame only its first HEX_LIMIT bytes are kept. The frames
 * the lab sends are reported from the very pieces it hands to the socket (`server-frame`), and text
 * messages that are commands from the page are read here.
 */
import type { Frame, FrameDecoder, Violation } from '../../src/protocol/websocket';
import {
  COMMAND_PREFIX,
  HEX_LIMIT,
  parseInspectCommand,
  type InspectFrame,
  type InspectMessage,
  type InspectServerFrame,
  type InspectViolation,
  type ServerFrameCause,
} from '../../src/lab-protocol/messages';

/** Milliseconds since `t0` (performance.now() of the upgrade request), to the microsecond, for report times. */
export const sinceUpgrade = (t0: number): number => Math.round((performance.now() - t0) * 1000) / 1000;

/** Hex of a view, without copying it first. */
const hexOf = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

export class FrameRecorder {
  /** Raw bytes from stream offset `start` on (a copy: zero-copy decoding unmasks chunks in place). */
  private bytes: Buffer = Buffer.alloc(0);
  private start = 0;
  /** The kept prefix of a frame longer than HEX_LIMIT, and where that frame starts. */
  private prefix: Buffer | null = null;
  private prefixOffset = -1;
  /** Bytes before this offset are the unkept middle of a long frame. */
  private skipUntil = 0;
  /** The unfinished frame: when its first byte came, and in how many reads. */
  private partialT = 0;
  private partialReads = 0;
  private chunkOffset = 0;
  private chunkT = 0;
  private seq = 0;

  /** @param t0 performance.now() of the upgrade request: report times count from it. */
  constructor(private readonly t0: number) {}

  /** Call with each chunk before the decoder sees it; `offset` is decoder.position. */
  beforePush(chunk: Uint8Array, offset: number): void {
    this.chunkOffset = offset;
    this.chunkT = sinceUpgrade(this.t0);
    const from = Math.max(0, this.skipUntil - offset);
    if (from >= chunk.length) return;
    const kept = Buffer.from(chunk.subarray(from));
    if (this.bytes.length === 0) {
      this.bytes = kept;
      this.start = offset + from;
    } else {
      this.bytes = Buffer.concat([this.bytes, kept]);
    }
  }

  /** Builds the report of a frame completed by the last chunk. */
  report(frame: Frame): InspectFrame {
    const length = frame.headerLength + frame.payloadLength;
    const startedEarlier = frame.offset < this.chunkOffset;
    let raw: Buffer;
    if (frame.offset === this.prefixOffset && this.prefix !== null) {
      raw = this.prefix;
    } else {
      const at = frame.offset - this.start;
      raw = this.bytes.subarray(at, at + Math.min(length, HEX_LIMIT));
    }
    return {
      lab: 'inspect',
      type: 'frame',
      seq: this.seq++,
      offset: frame.offset,
      length,
      hex: raw.toString('hex'),
      truncated: length > HEX_LIMIT,
      firstByteT: startedEarlier ? this.partialT : this.chunkT,
      t: this.chunkT,
      reads: startedEarlier ? this.partialReads + 1 : 1,
    };
  }

  /** A compressed message of the frames reported last, inflated (RFC 7692). */
  message(opcode: number, payload: Uint8Array, compressedLength: number): InspectMessage {
    return {
      lab: 'inspect',
      type: 'message',
      seq: this.seq - 1,
      opcode,
      compressedLength,
      length: payload.length,
      hex: hexOf(payload.subarray(0, HEX_LIMIT)),
      truncated: payload.length > HEX_LIMIT,
      t: this.chunkT,
    };
  }

  violation(v: Violation): InspectViolation {
    return {
      lab: 'inspect',
      type: 'violation',
      t: this.chunkT,
      id: v.id,
      code: v.code,
      rule: v.rule,
      message: v.message,
      offset: v.offset,
    };
  }

  /** After the decoder took the chunk: forget bytes of finished frames, cap a long unfinished one. */
  afterPush(decoder: FrameDecoder): void {
    const partial = decoder.partial;
    if (partial === undefined) {
      this.bytes = Buffer.alloc(0);
      this.start = decoder.position;
      this.prefix = null;
      this.prefixOffset = -1;
      return;
    }
    // The unfinished frame either began in this chunk or is the one left unfinished by the last.
    if (partial.offset >= this.chunkOffset) {
      this.partialT = this.chunkT;
      this.partialReads = 1;
    } else {
      this.partialReads += 1;
    }
    if (partial.offset > this.start) {
      this.bytes = this.bytes.subarray(partial.offset - this.start);
      this.start = partial.offset;
    }
    if (
      this.prefixOffset !== partial.offset &&
      this.bytes.length > HEX_LIMIT &&
      partial.headerLength !== undefined &&
      partial.payloadLength !== undefined
    ) {
      this.prefix = Buffer.from(this.bytes.subarray(0, HEX_LIMIT));
      this.prefixOffset = partial.offset;
      this.skipUntil = partial.offset + partial.headerLength + partial.payloadLength;
      this.bytes = Buffer.alloc(0);
    }
  }
}

/** Builds the `server-frame` reports of one connection: the header and payload exactly as written. */
export class SentFrameRecorder {
  private seq = 0;

  /** @param t0 performance.now() of the upgrade request: report times count from it. */
  constructor(private readonly t0: number) {}

  /** Of a frame longer than HEX_LIMIT only the first HEX_LIMIT bytes go into the report. */
  report(header: Uint8Array, payload: Uint8Array, cause: ServerFrameCause, inflated?: Uint8Array): InspectServerFrame {
    const length = header.length + payload.length;
    const shown = Math.max(0, Math.min(payload.length, HEX_LIMIT - header.length));
    const report: InspectServerFrame = {
      lab: 'inspect',
      type: 'server-frame',
      seq: this.seq++,
      cause,
      length,
      hex: hexOf(header) + hexOf(payload.subarray(0, shown)),
      truncated: length > HEX_LIMIT,
      t: sinceUpgrade(this.t0),
    };
    if (inflated !== undefined) {
      report.inflated = {
        length: inflated.length,
        hex: hexOf(inflated.subarray(0, HEX_LIMIT)),
        truncated: inflated.length > HEX_LIMIT,
      };
    }
    return report;
  }
}

const commandPrefix = Buffer.from(COMMAND_PREFIX, 'utf8');

/**
 * A text message's payload read as a command from the page (src/lab-protocol/messages.ts), or undefined
 * when it is an ordinary message. Only a payload that starts like a command is decoded.
 */
export function readCommand(payload: Uint8Array): ReturnType<typeof parseInspectCommand> {
  if (payload.length < commandPrefix.length || commandPrefix.compare(payload, 0, commandPrefix.length) !== 0)
    return undefined;
  return parseInspectCommand(new TextDecoder().decode(payload));
}
