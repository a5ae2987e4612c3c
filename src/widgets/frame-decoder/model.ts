/**
 * The frame decoder's view model: from the text in the box to everything the widget shows. Pure, so the
 * component stays thin and the same analysis can run in a test (or a worker). All protocol work is the
 * codec's: readBytes (hex, byte arrays, base64), decodeFrames; this file only arranges the results for display.
 */
import { decodeFrames } from '../../protocol/websocket/decoder';
import { readBytes, type ByteFormat } from '../../protocol/byte-input';
import type { PeeledPacket } from '../../protocol/capture/single-packet';
import { onePacketIpOffset, tcpdumpPacketCount } from '../../protocol/capture/sniff';

/** Peels one captured packet to its TCP payload (capture/single-packet.ts, loaded only when input looks like one). */
export type Peeler = (bytes: Uint8Array) => PeeledPacket | undefined;
import {
  acceptDeflateResponse,
  inflateFrames,
  MessageInflater,
  type DeflateBackend,
  type DeflateParams,
  type StreamInflation,
} from '../../protocol/websocket/deflate';
import { parseExtensions } from '../../protocol/websocket/handshake';
import type {
  DecodeResult,
  DecoderState,
  Direction,
  Frame,
  PartialFrame,
  Violation,
} from '../../protocol/websocket/types';
import { errorSnippet, type ErrorSnippet } from '../shared/error-snippet';
import { groupMessages, type MessageView } from '../shared/payload-view';

/** Frames rendered at first, and added per "show more": bounded DOM whatever the paste. */
export const FRAME_PAGE = 10;
/** Messages and violations listed at most (the rest are counted). */
export const MESSAGE_LIMIT = 20;
export const VIOLATION_LIMIT = 50;

/** Largest message the decoder inflates (as the lab's default limit): a pasted bomb stops there with 1009. */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/**
 * The negotiated parameters and the DEFLATE backend to inflate with. The widget loads pako
 * (`pako-backend.ts`) only when the option is turned on, so pages that never use it do not download it.
 */
export interface DeflateSetting {
  params: DeflateParams;
  backend: DeflateBackend;
}

/** The "permessage-deflate negotiated" option, read from the server's Sec-WebSocket-Extensions answer. */
export type DeflateOption = { ok: true; params: DeflateParams } | { ok: false; message: string };

/** Reads the server's answer (RFC 7692 §5: one permessage-deflate element) with the core's negotiation rules. */
export function readDeflateOption(answer: string): DeflateOption {
  const { extensions, error } = parseExtensions(answer);
  if (error !== undefined) return { ok: false, message: error };
  if (extensions.length !== 1)
    return { ok: false, message: `A server answers with exactly one extension here; found ${extensions.length}.` };
  const accepted = acceptDeflateResponse(extensions[0]!);
  return accepted.ok ? accepted : { ok: false, message: accepted.reason };
}

/** The input parsed and decoded in full: the expensive step (the worker keeps it between requests). */
export type Parsed =
  | { kind: 'empty' }
  | {
      kind: 'hex-error';
      message: string;
      position: number;
      snippet: ErrorSnippet;
      format: ByteFormat;
      /** tcpdump packet header lines in the input: the capture reader reads such text whole. */
      packets?: number;
    }
  | {
      kind: 'decoded';
      bytes: Uint8Array;
      result: DecodeResult;
      inflations?: StreamInflation[];
      format: ByteFormat;
      /** The input was one captured packet: its layers; `bytes` is then its TCP payload. */
      packet?: PeeledPacket;
      /** tcpdump packet header lines in the input, when there are several (the capture reader reads those). */
      packets?: number;
      /** The input looks like one packet, but no peeler was given yet: the widget loads it and decodes again. */
      wantsPeeler?: boolean;
    };

/** A message as listed: for a compressed one, `payload` is the inflated message and `inflation` says how it went. */
export interface DecoderMessage extends MessageView {
  inflation?: StreamInflation;
}

/** What the widget renders: the parse, cut to what is on screen, with totals for the summary. */
export interface DecodedView {
  kind: 'decoded';
  bytes: Uint8Array;
  /** How the input was written: hex, a byte array, a Python bytes literal or base64. */
  format: ByteFormat;
  packet?: PeeledPacket;
  packets?: number;
  wantsPeeler?: boolean;
  /** The first `frameLimit` frames. */
  frames: Frame[];
  frameCount: number;
  /** The first VIOLATION_LIMIT violations, plus any inside the frames shown. */
  violations: Violation[];
  violationCount: number;
  /** The first MESSAGE_LIMIT messages. */
  messages: DecoderMessage[];
  /** Compressed messages in the whole stream (permessage-deflate option on). */
  compressedCount?: number;
  messageCount: number;
  needed?: number;
  partial?: PartialFrame;
  /** Bytes after the last complete frame that the decoder did not turn into a frame. */
  undecodedFrom: number;
}

export type Analysis = Exclude<Parsed, { kind: 'decoded' }> | DecodedView;

/**
 * `deflate`: the negotiated parameters when the "permessage-deflate negotiated" option is on. RSV1 is then
 * allowed on a message's first frame, and compressed messages are inflated in order with the sender's
 * window bits and context takeover (for an unknown sender: 15 bits and context kept, which reads any valid
 * stream but cannot catch a sender that breaks its own no_context_takeover promise).
 */
export function parseAndDecode(text: string, from: Direction, setting?: DeflateSetting, peel?: Peeler): Parsed {
  if (text.trim() === '') return { kind: 'empty' };
  const read = readBytes(text);
  if (!read.ok) {
    const { message, position, format } = read.error;
    const packets = tcpdumpPacketCount(text);
    return {
      kind: 'hex-error',
      message,
      position,
      format,
      snippet: errorSnippet(text, read.error),
      ...(packets > 0 ? { packets } : {}),
    };
  }
  const { format } = read;
  // One captured packet (tcpdump -X, an Ethernet frame): decode its TCP payload, and say what was peeled off.
  const onePacket = onePacketIpOffset(read.bytes) !== undefined;
  const packet = onePacket ? peel?.(read.bytes) : undefined;
  const bytes = packet?.payload ?? read.bytes;
  const count = tcpdumpPacketCount(text);
  const extra = {
    ...(packet ? { packet } : {}),
    ...(count > 1 ? { packets: count } : {}),
    ...(onePacket && peel === undefined ? { wantsPeeler: true } : {}),
  };
  if (bytes.length === 0 && packet === undefined) return { kind: 'empty' };
  const result = decodeFrames(bytes, { from, allowRsv1: setting !== undefined });
  if (setting === undefined) return { kind: 'decoded', bytes, result, format, ...extra };
  const deflate = setting.params;
  const inflater = new MessageInflater(setting.backend, {
    windowBits: from === 'server' ? deflate.serverMaxWindowBits : from === 'client' ? deflate.clientMaxWindowBits : 15,
    noContextTakeover:
      from === 'server' ? deflate.serverNoContextTakeover : from === 'client' && deflate.clientNoContextTakeover,
    maxMessageBytes: MAX_INFLATED_BYTES,
  });
  const inflations = inflateFrames(result.frames, inflater, MESSAGE_LIMIT);
  inflater.close();
  const failed = inflations.flatMap((m) => (m.violation !== undefined && m.skipped !== true ? [m.violation] : []));
  if (failed.length > 0) result.violations = [...result.violations, ...failed].sort((a, b) => a.offset - b.offset);
  return { kind: 'decoded', bytes, result, inflations, format, ...extra };
}

/** Cuts a parse down to what is shown: the first `frameLimit` frames and bounded lists. Cheap. */
export function viewOf(parsed: Parsed, frameLimit: number = FRAME_PAGE): Analysis {
  if (parsed.kind !== 'decoded') return parsed;
  const { bytes, result } = parsed;
  const all = result.frames;
  const frames = all.slice(0, frameLimit);
  const lastShown = frames[frames.length - 1];
  const shownEnd = lastShown === undefined ? 0 : lastShown.offset + lastShown.headerLength + lastShown.payloadLength;
  const last = all[all.length - 1];
  const grouped = groupMessages(all, MESSAGE_LIMIT);
  const count = grouped.count;
  const byFirst = new Map(parsed.inflations?.map((m) => [m.first, m]));
  const messages: DecoderMessage[] = grouped.messages.map((m) => {
    const inflation = byFirst.get(m.frames[0]!);
    return inflation === undefined
      ? m
      : { ...m, payload: inflation.message ?? new Uint8Array(0), inflation: inflation };
  });
  const view: DecodedView = {
    kind: 'decoded',
    bytes,
    format: parsed.format,
    ...(parsed.packet ? { packet: parsed.packet } : {}),
    ...(parsed.packets ? { packets: parsed.packets } : {}),
    ...(parsed.wantsPeeler ? { wantsPeeler: true } : {}),
    frames,
    frameCount: all.length,
    violations: result.violations.filter((v, i) => i < VIOLATION_LIMIT || v.offset < shownEnd),
    violationCount: result.violations.length,
    messages,
    messageCount: count,
    undecodedFrom: last === undefined ? 0 : last.offset + last.headerLength + last.payloadLength,
  };
  if (parsed.inflations !== undefined) view.compressedCount = parsed.inflations.length;
  if (result.needed !== undefined) view.needed = result.needed;
  if (result.partial !== undefined) view.partial = result.partial;
  return view;
}

/** Parse, decode and cut in one go (the synchronous path, and tests). */
export function analyse(
  text: string,
  from: Direction,
  frameLimit: number = FRAME_PAGE,
  deflate?: DeflateSetting,
  peel?: Peeler,
): Analysis {
  return viewOf(parseAndDecode(text, from, deflate, peel), frameLimit);
}

/** What the decoder is waiting for, in words (the states of RFC 6455 §5.2's header, in order). */
export function describeWaiting(partial: PartialFrame): string {
  const state: DecoderState = partial.state;
  switch (state) {
    case 'HEADER':
      return 'the first 2 header bytes (FIN, RSV1–3, opcode, MASK, 7-bit length)';
    case 'EXTENDED_LENGTH_16':
      return 'the 16-bit extended payload length (2 bytes, big-endian)';
    case 'EXTENDED_LENGTH_64':
      return 'the 64-bit extended payload length (8 bytes, big-endian)';
    case 'MASK_KEY':
      return 'the 4-byte masking key';
    case 'PAYLOAD': {
      const got = partial.headerLength === undefined ? undefined : partial.received - partial.headerLength;
      return got === undefined || partial.payloadLength === undefined
        ? 'the rest of the payload'
        : `the rest of the payload (${got.toLocaleString('en')} of ${partial.payloadLength.toLocaleString('en')} bytes arrived)`;
    }
    case 'FAILED':
      return 'nothing: decoding stopped at a violation';
  }
}

/** "1 more byte needed", "12 more bytes needed" (at least, while the length is not known yet). */
export function neededText(needed: number, partial: PartialFrame | undefined): string {
  const atLeast = partial !== undefined && partial.payloadLength === undefined ? 'at least ' : '';
  return `${atLeast}${needed.toLocaleString('en')} more ${needed === 1 ? 'byte' : 'bytes'} needed`;
}

/** Violations that concern the frame starting at `offset` and ending before `end`. */
export function violationsIn(violations: readonly Violation[], offset: number, end: number): Violation[] {
  return violations.filter((v) => v.offset >= offset && v.offset < end);
}

/** One line summing up a decode: "11 bytes, 1 frame, 1 message, no violations". */
export function summary(a: DecodedView): string {
  const n = (count: number, one: string, many = `${one}s`): string =>
    `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
  return [
    n(a.bytes.length, 'byte'),
    n(a.frameCount, 'frame'),
    n(a.messageCount, 'message') + (a.compressedCount !== undefined ? ` (${a.compressedCount} compressed)` : ''),
    a.violationCount === 0 ? 'no violations' : n(a.violationCount, 'violation'),
  ].join(', ');
}
