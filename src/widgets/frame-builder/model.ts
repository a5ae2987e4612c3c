/**
 * The frame builder's view model: from the form's fields to the bytes, their field map, the length
 * encoding and the rules the frame breaks. The codec does all protocol work: `encodeFrame` writes the
 * bytes, `decodeFrames` reads them back (so the field map and the warnings are what a receiver would see),
 * `parseHex` reads typed hex. Pure, for tests.
 */
import { decodeFrames } from '../../protocol/websocket/decoder';
import { encodeFrame } from '../../protocol/websocket/encoder';
import { toHex, tryParseHex } from '../../protocol/hex';
import type { DecodeResult, Frame } from '../../protocol/websocket/types';
import { frameFields, lengthEncodingExplanation, type FrameField } from '../../explain/frame-fields';

export type PayloadMode = 'text' | 'hex';

export interface BuilderState {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  /** 0x0–0xF, reserved values included (to see what a receiver does with them). */
  opcode: number;
  masked: boolean;
  /** The masking key as typed (any format parseHex accepts); must be 4 bytes when `masked`. */
  maskKey: string;
  payloadMode: PayloadMode;
  /** The payload as typed: text (encoded as UTF-8) or hex. */
  payload: string;
  /** Who sends the frame: clients must mask, servers must not (RFC 6455 §5.1). */
  from: 'client' | 'server';
}

/** RFC 6455 §5.7's masked "Hello": what the builder shows first. */
export const DEFAULT_BUILDER_STATE: BuilderState = {
  fin: true,
  rsv1: false,
  rsv2: false,
  rsv3: false,
  opcode: 0x1,
  masked: true,
  maskKey: '37 fa 21 3d',
  payloadMode: 'text',
  payload: 'Hello',
  from: 'client',
};

/** A form field the reader must fix before there are bytes to show. */
export interface InputProblem {
  field: 'maskKey' | 'payload';
  message: string;
  /** For hex errors: the bad character's index in that field's text, and its 1-based line and column. */
  where?: { position: number; line: number; column: number };
}

export type BuildResult =
  | {
      ok: true;
      bytes: Uint8Array;
      /** The frame as the decoder reads it back. */
      frame: Frame;
      fields: FrameField[];
      /** decodeFrames' result on the bytes, with `from` set: its violations are the builder's warnings. */
      decoded: DecodeResult;
      /** Why this length encoding (RFC 6455 §5.2). */
      lengthExplanation: string;
      /** Compact hex ("8185…"), for the decoder link and the copy button. */
      hex: string;
    }
  | { ok: false; problems: InputProblem[] };

/** Largest payload the builder builds (1 MiB): far past the 64-bit length threshold, bounded for the tab. */
export const MAX_BUILDER_PAYLOAD = 1024 * 1024;

function readHex(field: InputProblem['field'], text: string, problems: InputProblem[]): Uint8Array | undefined {
  const read = tryParseHex(text);
  if (read.ok) return read.bytes;
  const { message, position, line, column } = read.error;
  problems.push({ field, message, where: { position, line, column } });
  return undefined;
}

/** Reads the payload as bytes (text → UTF-8, hex → parseHex), or records why it cannot. */
function readPayload(state: BuilderState, problems: InputProblem[]): Uint8Array | undefined {
  const bytes =
    state.payloadMode === 'text'
      ? new TextEncoder().encode(state.payload)
      : readHex('payload', state.payload, problems);
  if (bytes !== undefined && bytes.length > MAX_BUILDER_PAYLOAD) {
    problems.push({
      field: 'payload',
      message: `The payload is ${bytes.length.toLocaleString('en')} bytes; the builder stops at ${MAX_BUILDER_PAYLOAD.toLocaleString('en')}.`,
    });
    return undefined;
  }
  return bytes;
}

export function buildFrame(state: BuilderState): BuildResult {
  const problems: InputProblem[] = [];
  let maskKey: Uint8Array | undefined;
  if (state.masked) {
    maskKey = readHex('maskKey', state.maskKey, problems);
    if (maskKey !== undefined && maskKey.length !== 4) {
      problems.push({
        field: 'maskKey',
        message: `A masking key is exactly 4 bytes (RFC 6455 §5.3); this is ${maskKey.length} ${maskKey.length === 1 ? 'byte' : 'bytes'}.`,
      });
      maskKey = undefined;
    }
  }
  const payload = readPayload(state, problems);
  if (problems.length > 0 || payload === undefined) return { ok: false, problems };

  const bytes = encodeFrame({
    opcode: state.opcode,
    payload,
    fin: state.fin,
    rsv1: state.rsv1,
    rsv2: state.rsv2,
    rsv3: state.rsv3,
    ...(maskKey !== undefined ? { maskKey } : {}),
  });
  const decoded = decodeFrames(bytes, { from: state.from });
  const frame = decoded.frames[0];
  if (frame === undefined) {
    // encodeFrame always writes a whole frame and the decoder continues after every per-frame rule,
    // so this only happens if the codec changes; say so rather than show nothing.
    return {
      ok: false,
      problems: [{ field: 'payload', message: 'The decoder did not read the built frame back (codec bug).' }],
    };
  }
  return {
    ok: true,
    bytes,
    frame,
    fields: frameFields(frame, bytes),
    decoded,
    lengthExplanation: lengthEncodingExplanation(frame),
    hex: toHex(bytes, { separator: '' }),
  };
}

/** Switching the payload box between text and hex keeps its bytes when it can. */
export function convertPayload(payload: string, from: PayloadMode, to: PayloadMode): string {
  if (from === to) return payload;
  if (to === 'hex') return toHex(new TextEncoder().encode(payload));
  const read = tryParseHex(payload);
  if (!read.ok) return payload; // not hex: leave it for the reader to fix
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    return payload; // not UTF-8: leave it as typed too
  }
}

// ---------------------------------------------------------------------------------------------
// URL fragment: the tool page keeps the whole form in `#fin=1&rsv=000&op=1&…`, so a link rebuilds the frame.

/** The builder's keys in the URL fragment. */
export const BUILDER_HASH_KEYS = ['fin', 'rsv', 'op', 'masked', 'key', 'mode', 'payload', 'from'] as const;
type BuilderHashKey = (typeof BUILDER_HASH_KEYS)[number];

/** Longest payload text written to the fragment; a longer one still builds, it is just not in the link. */
export const MAX_HASH_PAYLOAD = 8192;

const bit = (b: boolean): string => (b ? '1' : '0');

/** The keys' values for a state; undefined leaves a key out (a payload too long to share). */
export function builderHashValues(s: BuilderState): Record<BuilderHashKey, string | undefined> {
  return {
    fin: bit(s.fin),
    rsv: `${bit(s.rsv1)}${bit(s.rsv2)}${bit(s.rsv3)}`,
    op: s.opcode.toString(16),
    masked: bit(s.masked),
    key: s.masked ? s.maskKey : undefined,
    mode: s.payloadMode,
    payload: s.payload.length <= MAX_HASH_PAYLOAD ? s.payload : undefined,
    from: s.from,
  };
}

/** The state a fragment describes; keys with values the form cannot hold are ignored, never guessed. */
export function builderFromHash(params: Readonly<Record<string, string>>): Partial<BuilderState> {
  const out: Partial<BuilderState> = {};
  const flag = (v: string | undefined): boolean | undefined => (v === '1' ? true : v === '0' ? false : undefined);
  const fin = flag(params.fin);
  if (fin !== undefined) out.fin = fin;
  if (params.rsv !== undefined && /^[01]{3}$/.test(params.rsv)) {
    out.rsv1 = params.rsv[0] === '1';
    out.rsv2 = params.rsv[1] === '1';
    out.rsv3 = params.rsv[2] === '1';
  }
  if (params.op !== undefined && /^[0-9a-f]$/i.test(params.op)) out.opcode = parseInt(params.op, 16);
  const masked = flag(params.masked);
  if (masked !== undefined) out.masked = masked;
  if (params.key !== undefined) out.maskKey = params.key;
  if (params.mode === 'text' || params.mode === 'hex') out.payloadMode = params.mode;
  if (params.payload !== undefined) out.payload = params.payload;
  if (params.from === 'client' || params.from === 'server') out.from = params.from;
  return out;
}
