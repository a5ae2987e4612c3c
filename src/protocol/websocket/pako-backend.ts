/**
 * The DEFLATE backend of the core and the browser: pako, a port of zlib to JavaScript. It has raw
 * streams, window bits 8–15, Z_SYNC_FLUSH and zlib's low-level API, which lets inflating stop at a
 * size limit (see docs/deflate.md for why pako and not fflate, with measurements).
 */
import {
  ZStream,
  Z_DEFAULT_STRATEGY,
  Z_OK,
  Z_STREAM_END,
  Z_BUF_ERROR,
  Z_SYNC_FLUSH,
  zlibDeflate,
  zlibDeflateEnd,
  zlibDeflateInit2,
  zlibDeflateReset,
  zlibInflate,
  zlibInflateEnd,
  zlibInflateInit2,
  zlibInflateReset,
} from 'pako';
import type { DeflateBackend, DeflateBackendOptions, InflateStep, RawDeflate, RawInflate } from './deflate';

/** Output is produced in pieces of at most this size (and never more than the room left + 1). */
const PIECE = 64 * 1024;
const Z_DEFLATED = 8;

class PakoInflate implements RawInflate {
  private strm = new ZStream();

  constructor(private readonly windowBits: number) {
    this.init();
  }

  private init(): void {
    this.strm = new ZStream();
    // Negative window bits: a raw stream, no zlib header or checksum (RFC 7692 §7.2 uses raw DEFLATE).
    const status = zlibInflateInit2(this.strm, -this.windowBits);
    if (status !== Z_OK) throw new Error(`pako inflateInit2(${-this.windowBits}) failed: ${status}`);
  }

  inflate(input: Uint8Array, room: number): InflateStep {
    const strm = this.strm;
    const step: InflateStep = { output: [], produced: 0, over: false, ended: false };
    strm.input = input;
    strm.next_in = 0;
    strm.avail_in = input.length;
    for (;;) {
      // One byte more than the room: if it gets filled, the message is over the limit.
      const size = Math.max(1, Math.min(PIECE, room - step.produced + 1));
      strm.output = new Uint8Array(size);
      strm.next_out = 0;
      strm.avail_out = size;
      const status = zlibInflate(strm, Z_SYNC_FLUSH);
      const n = strm.next_out;
      if (n > 0) {
        step.output.push(n === size ? strm.output : strm.output.subarray(0, n));
        step.produced += n;
      }
      if (status === Z_STREAM_END) {
        step.ended = true;
        break;
      }
      if (status !== Z_OK && status !== Z_BUF_ERROR) {
        step.error = strm.msg || `zlib status ${status}`;
        break;
      }
      if (step.produced > room) {
        step.over = true;
        break;
      }
      // Done when all input is used and the output buffer was not filled (nothing more pending).
      if (strm.avail_in === 0 && strm.avail_out > 0) break;
      if (status === Z_BUF_ERROR && strm.avail_out > 0) break;
    }
    strm.input = EMPTY;
    return step;
  }

  reset(): void {
    zlibInflateReset(this.strm);
  }

  close(): void {
    zlibInflateEnd(this.strm);
  }
}

class PakoDeflate implements RawDeflate {
  private readonly strm = new ZStream();

  constructor(windowBits: number, options: DeflateBackendOptions) {
    const status = zlibDeflateInit2(
      this.strm,
      options.level ?? 6,
      Z_DEFLATED,
      -windowBits,
      options.memLevel ?? 8,
      Z_DEFAULT_STRATEGY,
    );
    if (status !== Z_OK) throw new Error(`pako deflateInit2(windowBits ${-windowBits}) failed: ${status}`);
  }

  deflate(input: Uint8Array): Uint8Array {
    const strm = this.strm;
    strm.input = input;
    strm.next_in = 0;
    strm.avail_in = input.length;
    const parts: Uint8Array[] = [];
    let total = 0;
    // Deflate output is at most a little larger than the input; start near that.
    let size = Math.min(Math.max(64, input.length + (input.length >> 3) + 16), PIECE * 4);
    for (;;) {
      const out = new Uint8Array(size);
      strm.output = out;
      strm.next_out = 0;
      strm.avail_out = size;
      const status = zlibDeflate(strm, Z_SYNC_FLUSH);
      if (status !== Z_OK && status !== Z_BUF_ERROR) throw new Error(`pako deflate failed: ${strm.msg || status}`);
      if (strm.next_out > 0) {
        parts.push(out.subarray(0, strm.next_out));
        total += strm.next_out;
      }
      // zlib's rule: the flush is complete when deflate left room in the output buffer.
      if (strm.avail_out > 0) break;
      size = PIECE;
    }
    strm.input = EMPTY;
    if (parts.length === 1) return parts[0]!;
    const joined = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    return joined;
  }

  reset(): void {
    zlibDeflateReset(this.strm);
  }

  close(): void {
    zlibDeflateEnd(this.strm);
  }
}

const EMPTY = new Uint8Array(0);

/** pako as a `DeflateBackend`. */
export const pakoBackend: DeflateBackend = {
  name: 'pako',
  createInflate: (windowBits) => new PakoInflate(windowBits),
  createDeflate: (windowBits, options = {}) => new PakoDeflate(windowBits, options),
};
