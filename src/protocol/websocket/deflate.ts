/**
 * permessage-deflate (RFC 7692): negotiating the extension and compressing whole messages.
 *
 * Two parts:
 * - Negotiation (§5, §7.1): read the offers in `Sec-WebSocket-Extensions`, decline each offer whose
 *   parameters are unknown, duplicated or out of range (§7.1: "MUST decline"), accept the first good one
 *   and build the one-element answer the server sends back.
 * - Messages (§6, §7.2): a message is compressed as a whole; RSV1 marks its first frame only (§6.1). The
 *   sender flushes the DEFLATE stream at the end of each message and removes the 4-byte tail 00 00 ff ff
 *   that the flush leaves (§7.2.1); the receiver puts it back before inflating (§7.2.2). With context
 *   takeover (the default) the LZ77 window carries over from one message to the next (§7.1.1).
 *
 * DEFLATE itself comes from a synchronous backend (`DeflateBackend`): the core and the browser use pako
 * (`./pako-backend`); the lab may plug in Node's zlib. This layer owns what the RFCs say: window bits,
 * the tail, context takeover, and the size limit, enforced while inflating — a "bomb" stops at the limit
 * and the rest of it is never inflated.
 */
import type { ExtensionOffer, ExtensionParam } from './handshake';
import { Utf8Validator } from '../utf8';
import { concatBytes } from '../bytes';
import { violation } from './violations';
import type { Violation } from './types';

export const PERMESSAGE_DEFLATE = 'permessage-deflate';

/** The 4 bytes a sync flush ends with (an empty stored block), removed by the sender (§7.2.1). */
export const DEFLATE_TAIL: Uint8Array = Uint8Array.of(0x00, 0x00, 0xff, 0xff);

/** What both sides agreed on. Window bits are 8–15; 15 when no parameter limits them (§7.1.2). */
export interface DeflateParams {
  /** The server starts every message with an empty window (§7.1.1.1). */
  serverNoContextTakeover: boolean;
  /** The client starts every message with an empty window (§7.1.1.2). */
  clientNoContextTakeover: boolean;
  /** Largest LZ77 window the server's compressor uses, as log2 (§7.1.2.1). */
  serverMaxWindowBits: number;
  /** Largest LZ77 window the client's compressor uses, as log2 (§7.1.2.2). */
  clientMaxWindowBits: number;
}

/** One offer read from the header: what the client asked for. */
export interface DeflateOffer {
  serverNoContextTakeover: boolean;
  clientNoContextTakeover: boolean;
  /** The value the client asks the server to stay under, if given. */
  serverMaxWindowBits?: number;
  /** `true` when offered without a value (the client can take any value the server names). */
  clientMaxWindowBits?: number | true;
}

/** The server's own wishes; each is a limit it adds on top of what the client offered. */
export interface DeflateServerOptions {
  serverNoContextTakeover?: boolean;
  clientNoContextTakeover?: boolean;
  /** Use at most this window for the server's messages (8–15). */
  serverMaxWindowBits?: number;
  /** Ask the client to use at most this window, when it said it can (8–15). */
  clientMaxWindowBits?: number;
}

export type OfferCheck = { ok: true; offer: DeflateOffer } | { ok: false; reason: string };

export interface DeflateNegotiation {
  /** The accepted offer and the answer to send, or undefined when every offer was declined (or none made). */
  accepted?: {
    /** Index in the list of all offered extensions. */
    index: number;
    params: DeflateParams;
    /** The `Sec-WebSocket-Extensions` value of the 101 response. */
    response: string;
  };
  /** Offers of permessage-deflate that were declined, and why. */
  declined: Array<{ index: number; reason: string }>;
}

const PARAM_NAMES = [
  'server_no_context_takeover',
  'client_no_context_takeover',
  'server_max_window_bits',
  'client_max_window_bits',
] as const;

/** §7.1.2.1: "a decimal integer value without leading zeroes between 8 to 15, inclusive". */
function windowBitsValue(value: string): number | undefined {
  return /^(?:8|9|1[0-5])$/.test(value) ? Number(value) : undefined;
}

/** Checks one permessage-deflate offer's parameters (RFC 7692 §7.1). */
export function checkDeflateOffer(params: readonly ExtensionParam[]): OfferCheck {
  const offer: DeflateOffer = { serverNoContextTakeover: false, clientNoContextTakeover: false };
  const seen = new Set<string>();
  for (const { name, value } of params) {
    const key = name.toLowerCase();
    if (!(PARAM_NAMES as readonly string[]).includes(key)) {
      return { ok: false, reason: `unknown parameter "${name}" (RFC 7692 §7.1)` };
    }
    // §7.1: an offer with the same parameter twice must be declined.
    if (seen.has(key)) return { ok: false, reason: `parameter "${name}" appears twice (RFC 7692 §7.1)` };
    seen.add(key);
    switch (key) {
      case 'server_no_context_takeover':
      case 'client_no_context_takeover':
        if (value !== undefined) return { ok: false, reason: `"${name}" takes no value (RFC 7692 §7.1.1)` };
        if (key === 'server_no_context_takeover') offer.serverNoContextTakeover = true;
        else offer.clientNoContextTakeover = true;
        break;
      case 'server_max_window_bits': {
        const bits = value === undefined ? undefined : windowBitsValue(value);
        if (bits === undefined) {
          return {
            ok: false,
            reason: `"${name}" needs a value from 8 to 15, got ${value ?? 'none'} (RFC 7692 §7.1.2.1)`,
          };
        }
        offer.serverMaxWindowBits = bits;
        break;
      }
      default: {
        // client_max_window_bits may come without a value: "I can limit my window if you ask" (§7.1.2.2).
        if (value === undefined) {
          offer.clientMaxWindowBits = true;
          break;
        }
        const bits = windowBitsValue(value);
        if (bits === undefined) {
          return { ok: false, reason: `"${name}" must be absent or from 8 to 15, got ${value} (RFC 7692 §7.1.2.2)` };
        }
        offer.clientMaxWindowBits = bits;
      }
    }
  }
  return { ok: true, offer };
}

/**
 * The server side of the negotiation (RFC 7692 §5, §7.1): the first permessage-deflate offer that can be
 * accepted wins. Server options only ever shrink what the client asked for, as the RFC allows:
 * - server_no_context_takeover offered → the answer must carry it (§7.1.1.1);
 * - server_max_window_bits=N offered → the answer carries a value ≤ N (§7.1.2.1);
 * - client_max_window_bits may be answered only when offered, then with a value ≤ the offered one (§7.1.2.2);
 * - client_no_context_takeover may be added even when not offered (§7.1.1.2).
 */
export function negotiateDeflate(
  offers: readonly ExtensionOffer[],
  options: DeflateServerOptions = {},
): DeflateNegotiation {
  const declined: DeflateNegotiation['declined'] = [];
  for (let index = 0; index < offers.length; index++) {
    const offer = offers[index]!;
    if (offer.name.toLowerCase() !== PERMESSAGE_DEFLATE) continue;
    const check = checkDeflateOffer(offer.params);
    if (!check.ok) {
      declined.push({ index, reason: check.reason });
      continue;
    }
    const o = check.offer;
    if (options.clientMaxWindowBits !== undefined && o.clientMaxWindowBits === undefined) {
      // The server needs a smaller client window, but this client cannot promise one (§7.1.2.2).
      declined.push({
        index,
        reason: 'the server limits the client window and this offer has no client_max_window_bits',
      });
      continue;
    }
    const serverBits = Math.min(o.serverMaxWindowBits ?? 15, options.serverMaxWindowBits ?? 15);
    const clientLimit = o.clientMaxWindowBits === true ? 15 : (o.clientMaxWindowBits ?? 15);
    const clientBits = Math.min(clientLimit, options.clientMaxWindowBits ?? 15);
    const params: DeflateParams = {
      serverNoContextTakeover: o.serverNoContextTakeover || options.serverNoContextTakeover === true,
      clientNoContextTakeover: o.clientNoContextTakeover || options.clientNoContextTakeover === true,
      serverMaxWindowBits: serverBits,
      clientMaxWindowBits: clientBits,
    };
    const answer = {
      params,
      // Say server_max_window_bits when asked or when we chose less than 15.
      sayServerBits: o.serverMaxWindowBits !== undefined || serverBits < 15,
      // client_max_window_bits only when offered (§7.1.2.2), and only when it limits anything.
      sayClientBits:
        o.clientMaxWindowBits !== undefined && (typeof o.clientMaxWindowBits === 'number' || clientBits < 15),
    };
    return { accepted: { index, params, response: formatDeflateResponse(answer) }, declined };
  }
  return { declined };
}

/** The extension element of a 101 response, e.g. "permessage-deflate; server_no_context_takeover". */
export function formatDeflateResponse(answer: {
  params: DeflateParams;
  sayServerBits?: boolean;
  sayClientBits?: boolean;
}): string {
  const { params } = answer;
  const parts = [PERMESSAGE_DEFLATE];
  if (params.serverNoContextTakeover) parts.push('server_no_context_takeover');
  if (params.clientNoContextTakeover) parts.push('client_no_context_takeover');
  if (answer.sayServerBits ?? params.serverMaxWindowBits < 15)
    parts.push(`server_max_window_bits=${params.serverMaxWindowBits}`);
  if (answer.sayClientBits ?? params.clientMaxWindowBits < 15)
    parts.push(`client_max_window_bits=${params.clientMaxWindowBits}`);
  return parts.join('; ');
}

/**
 * The client side: read the server's answer (one element, §5) against what was offered. Returns the
 * agreed parameters, or why the client must fail the connection (§7.1).
 */
export function acceptDeflateResponse(
  response: ExtensionOffer,
): { ok: true; params: DeflateParams } | { ok: false; reason: string } {
  if (response.name.toLowerCase() !== PERMESSAGE_DEFLATE)
    return { ok: false, reason: `not ${PERMESSAGE_DEFLATE}: ${response.name}` };
  const check = checkDeflateOffer(response.params);
  if (!check.ok) return check;
  if (check.offer.clientMaxWindowBits === true)
    return { ok: false, reason: 'a response must give client_max_window_bits a value (RFC 7692 §7.1.2.2)' };
  return {
    ok: true,
    params: {
      serverNoContextTakeover: check.offer.serverNoContextTakeover,
      clientNoContextTakeover: check.offer.clientNoContextTakeover,
      serverMaxWindowBits: check.offer.serverMaxWindowBits ?? 15,
      clientMaxWindowBits: check.offer.clientMaxWindowBits ?? 15,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The backend: raw DEFLATE (RFC 1951), synchronous

/** One step of inflating. */
export interface InflateStep {
  /** Output pieces, in order; together at most `room` + 1 bytes. */
  output: Uint8Array[];
  /** Their total length. */
  produced: number;
  /** More than `room` bytes would come out: inflating stopped there. */
  over: boolean;
  /** The stream ended (a block with BFINAL = 1); input after it is ignored. */
  ended: boolean;
  /** The data is not valid DEFLATE: the backend's message. */
  error?: string;
}

/** A raw inflate stream whose window persists between calls. */
export interface RawInflate {
  /** Inflates `input`, flushing all the output it can; stops once more than `room` bytes came out. */
  inflate(input: Uint8Array, room: number): InflateStep;
  /** Forgets the window: the next input starts a new stream. */
  reset(): void;
  close(): void;
}

/** A raw deflate stream whose window persists between calls. */
export interface RawDeflate {
  /** Compresses `input` and sync-flushes (Z_SYNC_FLUSH): the result ends with 00 00 ff ff. */
  deflate(input: Uint8Array): Uint8Array;
  /** Forgets the window. */
  reset(): void;
  close(): void;
}

export interface DeflateBackendOptions {
  /** 0–9 (zlib's levels); default 6 is zlib's. */
  level?: number;
  /** zlib's memLevel, 1–9 (default 8): the hash table is 2^(memLevel + 9) bytes… see docs/deflate.md. */
  memLevel?: number;
}

export interface DeflateBackend {
  readonly name: string;
  /** `windowBits` 8–15. */
  createInflate(windowBits: number): RawInflate;
  /** `windowBits` 8–15. zlib has no raw 256-byte window: 8 runs as 9 (see `deflateWindowBits`). */
  createDeflate(windowBits: number, options?: DeflateBackendOptions): RawDeflate;
}

/**
 * zlib refuses windowBits 8 for raw deflate (since 1.2.9) and Node turns it into 9, as ws does. A
 * 9-bit zlib window still never reaches back more than 512 − 262 = 250 bytes (zlib's MAX_DIST), so
 * the stream stays readable with the 256-byte window the peer was promised.
 */
export const deflateWindowBits = (bits: number): number => (bits === 8 ? 9 : bits);

// ---------------------------------------------------------------------------------------------
// Messages

export type DeflateFailureId = 'DEFLATE_STREAM_INVALID' | 'INFLATED_TOO_BIG' | 'INVALID_UTF8';

export type InflateResult =
  /** The message is not finished (no FIN yet). */
  | { ok: true; done: false }
  /** The whole message, inflated. */
  | { ok: true; done: true; message: Uint8Array; compressedLength: number }
  /** Failure: the violation with the close code to send (1007 or 1009). */
  | { ok: false; violation: Violation };

export interface MessageInflaterOptions {
  /** The window the sender may use (its *_max_window_bits). */
  windowBits: number;
  /** The sender does not take context over: reset after each message. */
  noContextTakeover: boolean;
  /** Largest inflated message; more fails with 1009 and nothing past it is inflated. */
  maxMessageBytes: number;
}

/**
 * Inflates compressed messages frame by frame (§7.2.2), with the window carried between messages
 * unless the sender has no context takeover. Text messages are checked for UTF-8 after inflating
 * (RFC 6455 §8.1, 1007). After a failure the stream is unusable: the connection must fail.
 */
export class MessageInflater {
  private raw: RawInflate;
  private parts: Uint8Array[] = [];
  private length = 0;
  private compressed = 0;
  private failed = false;
  private readonly utf8 = new Utf8Validator();
  private text = false;

  constructor(
    backend: DeflateBackend,
    private readonly options: MessageInflaterOptions,
  ) {
    this.raw = backend.createInflate(options.windowBits);
  }

  /**
   * Feeds one frame's payload of a compressed message. `offset` is where the payload starts in the
   * stream (for the violation's position), `text` whether the message is a text message.
   */
  push(payload: Uint8Array, fin: boolean, text: boolean, offset = 0): InflateResult {
    if (this.failed) return this.failure('DEFLATE_STREAM_INVALID', offset, 'the compressed stream already failed');
    if (this.length === 0 && this.compressed === 0) {
      this.text = text;
      this.utf8.reset();
    }
    this.compressed += payload.length;
    const step = this.step(payload, offset);
    if (step !== undefined) return step;
    if (!fin) return { ok: true, done: false };
    // §7.2.2: append 00 00 ff ff, which the sender removed, and inflate it too.
    const tail = this.step(DEFLATE_TAIL, offset + payload.length);
    if (tail !== undefined) return tail;
    if (this.text) {
      const err = this.utf8.end();
      if (err !== undefined) {
        this.failed = true;
        return this.failure('INVALID_UTF8', offset, `invalid UTF-8 in an inflated text message: ${err.message}`);
      }
    }
    const message = this.parts.length === 1 ? this.parts[0]! : concatBytes(this.parts);
    const result: InflateResult = { ok: true, done: true, message, compressedLength: this.compressed };
    this.parts = [];
    this.length = 0;
    this.compressed = 0;
    // §7.1.1: without context takeover the next message starts with an empty window.
    if (this.options.noContextTakeover) this.raw.reset();
    return result;
  }

  /** The inflated length so far of the message being read. */
  get inflatedLength(): number {
    return this.length;
  }

  close(): void {
    this.raw.close();
  }

  private step(input: Uint8Array, offset: number): InflateResult | undefined {
    const room = this.options.maxMessageBytes - this.length;
    const step = this.raw.inflate(input, room);
    if (step.error !== undefined) {
      this.failed = true;
      return this.failure(
        'DEFLATE_STREAM_INVALID',
        offset,
        `the compressed message is not valid DEFLATE: ${step.error} (after ${this.length} inflated bytes)`,
      );
    }
    for (const piece of step.output) {
      if (this.text) {
        const bad = this.utf8.write(piece);
        if (bad >= 0) {
          this.failed = true;
          return this.failure(
            'INVALID_UTF8',
            offset,
            `invalid UTF-8 in an inflated text message at inflated byte ${this.length + bad}: ${this.utf8.error!.message}`,
          );
        }
      }
      this.parts.push(piece);
      this.length += piece.length;
    }
    if (step.over) {
      this.failed = true;
      this.parts = [];
      return this.failure(
        'INFLATED_TOO_BIG',
        offset,
        `the message inflates to more than the limit of ${this.options.maxMessageBytes} bytes (from ${this.compressed} compressed bytes so far); inflating stopped there`,
      );
    }
    // A final block ends the stream (§7.2.3.4 allows BFINAL = 1); the next message starts a new one.
    if (step.ended) this.raw.reset();
    return undefined;
  }

  private failure(id: DeflateFailureId, offset: number, message: string): InflateResult {
    return { ok: false, violation: violation(id, offset, message) };
  }
}

export interface MessageDeflaterOptions extends DeflateBackendOptions {
  /** This side's negotiated *_max_window_bits. */
  windowBits: number;
  /** This side has no context takeover: reset after each message. */
  noContextTakeover: boolean;
}

/**
 * Compresses whole messages (§7.2.1): DEFLATE, sync flush, tail 00 00 ff ff removed. The result goes
 * in one or more frames, RSV1 set on the first only (§6.1).
 */
export class MessageDeflater {
  private readonly raw: RawDeflate;

  constructor(
    backend: DeflateBackend,
    private readonly options: MessageDeflaterOptions,
  ) {
    this.raw = backend.createDeflate(deflateWindowBits(options.windowBits), options);
  }

  compress(message: Uint8Array): Uint8Array {
    // An empty message is one empty stored block, 00 (§7.2.3.6). zlib makes nothing at all of a flush
    // with no new input, and an empty payload plus 00 00 ff ff would be an unfinished block.
    if (message.length === 0) return Uint8Array.of(0x00);
    const out = this.raw.deflate(message);
    if (this.options.noContextTakeover) this.raw.reset();
    // A sync flush always ends with the empty stored block 00 00 ff ff (§7.2.1 removes it).
    return endsWithTail(out) ? out.subarray(0, out.length - 4) : out;
  }

  close(): void {
    this.raw.close();
  }
}

/** Both directions of one endpoint's connection, from the negotiated parameters. */
export function createDeflateContext(
  backend: DeflateBackend,
  params: DeflateParams,
  role: 'server' | 'client',
  options: { maxMessageBytes: number } & DeflateBackendOptions,
): { inflater: MessageInflater; deflater: MessageDeflater } {
  const server = role === 'server';
  const inflater = new MessageInflater(backend, {
    windowBits: server ? params.clientMaxWindowBits : params.serverMaxWindowBits,
    noContextTakeover: server ? params.clientNoContextTakeover : params.serverNoContextTakeover,
    maxMessageBytes: options.maxMessageBytes,
  });
  const deflater = new MessageDeflater(backend, {
    ...options,
    windowBits: server ? params.serverMaxWindowBits : params.clientMaxWindowBits,
    noContextTakeover: server ? params.serverNoContextTakeover : params.clientNoContextTakeover,
  });
  return { inflater, deflater };
}

function endsWithTail(b: Uint8Array): boolean {
  const n = b.length;
  return n >= 4 && b[n - 4] === 0x00 && b[n - 3] === 0x00 && b[n - 2] === 0xff && b[n - 1] === 0xff;
}

// ---------------------------------------------------------------------------------------------
// A captured stream

/** The frame fields `inflateFrames` reads (a decoded `Frame` has them all). */
export interface CompressedFrameLike {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  payload: Uint8Array;
  offset: number;
  headerLength: number;
}

/** One compressed message of a stream, inflated or not. */
export interface StreamInflation {
  /** Index of the message's first frame. */
  first: number;
  /** 0x1 text or 0x2 binary. */
  opcode: number;
  /** Compressed payload bytes over its frames. */
  compressedLength: number;
  /** Inflated length (up to the failure, when it failed). */
  length: number;
  /** The inflated message, when it inflated and is among the first `keep`. */
  message?: Uint8Array;
  /** Why it did not inflate: its own violation, or an earlier one that broke the shared stream. */
  violation?: Violation;
  /** True when an earlier message's failure left the stream unusable, so this one was not inflated. */
  skipped?: boolean;
  /** False when the stream ended before its final frame. */
  complete: boolean;
}

/**
 * Inflates every compressed message (RSV1 on its first frame, §6.1) of a stream of one direction, in
 * order, through one inflater, as the receiving endpoint would: with context takeover the window
 * carries from one message to the next, so a message can only be read after those before it. Frames
 * must come from a decoder run with `allowRsv1` (it reports RSV1 anywhere else). Uncompressed messages
 * and control frames are skipped. Only the first `keep` inflated messages are returned with their bytes.
 */
export function inflateFrames(
  frames: readonly CompressedFrameLike[],
  inflater: MessageInflater,
  keep = Infinity,
): StreamInflation[] {
  const out: StreamInflation[] = [];
  let open: StreamInflation | undefined;
  let broken: Violation | undefined;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    if (f.opcode >= 0x8) continue; // control frames are never compressed and sit between fragments (§5.5)
    if (f.opcode !== 0x0) {
      if (open !== undefined) open = undefined; // a new message while one was open: the decoder reported it
      if (!f.rsv1) continue;
      open = { first: i, opcode: f.opcode, compressedLength: 0, length: 0, complete: false };
      out.push(open);
      if (broken !== undefined) {
        open.violation = broken;
        open.skipped = true;
      }
    } else if (open === undefined) {
      continue;
    }
    open.compressedLength += f.payload.length;
    if (open.skipped === true || open.violation !== undefined) {
      if (f.fin) {
        open.complete = true;
        open = undefined;
      }
      continue;
    }
    const result = inflater.push(f.payload, f.fin, open.opcode === 0x1, f.offset + f.headerLength);
    if (!result.ok) {
      open.violation = result.violation;
      open.length = inflater.inflatedLength;
      broken = result.violation;
    } else if (result.done) {
      open.length = result.message.length;
      if (out.length <= keep) open.message = result.message;
    } else {
      open.length = inflater.inflatedLength;
    }
    if (f.fin) {
      open.complete = true;
      open = undefined;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Memory

/**
 * Bytes one zlib deflate stream needs, by zlib's own formula (zconf.h): (1 << (windowBits + 2)) +
 * (1 << (memLevel + 9)), "plus a few kilobytes for small objects" — 256 KiB at the defaults (15, 8).
 * windowBits 8 counts as 9, which is what zlib really uses for raw deflate (see deflateWindowBits).
 */
export function zlibDeflateMemory(windowBits: number, memLevel = 8): number {
  return 2 ** (deflateWindowBits(windowBits) + 2) + 2 ** (memLevel + 9);
}

/** Bytes one zlib inflate stream needs (zconf.h): 1 << windowBits, "plus about 7 kilobytes for small objects". */
export function zlibInflateMemory(windowBits: number): number {
  return 2 ** windowBits;
}
