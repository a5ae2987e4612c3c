/**
 * Chunked transfer coding (RFC 9112 §7.1): a body of unknown length sent as chunks, each a size in hex, CRLF, the
 * data, CRLF; a chunk of size 0 ends it, then optional trailer fields and a final CRLF.
 *
 *   5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n   ("hello, world" in chunks of 5 and 7: 27 bytes for 12 of data)
 */
import { fail, ok, type ParamError, type SimResult } from '../tcp/types';

export interface Chunk {
  /** The chunk-size line without its CRLF, e.g. "1a" (RFC 9112 §7.1: chunk-size = 1*HEXDIG). */
  sizeLine: string;
  dataBytes: number;
  /** Size line + CRLF + data + CRLF (the last chunk has no data and no second CRLF). */
  bytes: number;
}

export interface ChunkedBody {
  /** The encoded body, exactly as it goes on the wire after the head. */
  bytes: Uint8Array;
  /** The same bytes as text, for display (valid when the data is text). */
  text: string;
  chunks: Chunk[];
  /** Bytes of data carried. */
  dataBytes: number;
  /** Bytes on the wire for the body: chunks, last chunk "0\r\n" and the final CRLF (no trailers). */
  totalBytes: number;
}

const enc = new TextEncoder();
const CRLF = [13, 10];

/**
 * Encode `body` in chunks of the given sizes (each ≥ 1; they must add up to the body's length). Sizes are written
 * in lowercase hex without leading zeros, as Node.js and most servers do; RFC 9112 §7.1 allows either case.
 */
export function encodeChunked(body: string | Uint8Array, sizes: readonly number[]): SimResult<ChunkedBody> {
  const data = typeof body === 'string' ? enc.encode(body) : body;
  const errors: ParamError[] = [];
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 1)
      errors.push({
        field: `sizes[${i}]`,
        value: s,
        message: `sizes[${i}] must be a whole number ≥ 1: a chunk of size 0 is the last chunk (RFC 9112 §7.1).`,
      });
  });
  const sum = sizes.reduce((n, s) => n + s, 0);
  if (errors.length === 0 && sum !== data.length)
    errors.push({
      field: 'sizes',
      value: sizes,
      message: `the chunk sizes add up to ${sum} bytes, but the body has ${data.length}.`,
    });
  if (errors.length) return fail(errors);

  const out: number[] = [];
  const chunks: Chunk[] = [];
  let at = 0;
  for (const s of sizes) {
    const sizeLine = s.toString(16);
    out.push(...enc.encode(sizeLine), ...CRLF, ...data.subarray(at, at + s), ...CRLF);
    chunks.push({ sizeLine, dataBytes: s, bytes: sizeLine.length + 2 + s + 2 });
    at += s;
  }
  // last-chunk = 1*"0" CRLF, then the trailer section (empty here) and the CRLF that ends the body.
  out.push(48, ...CRLF);
  chunks.push({ sizeLine: '0', dataBytes: 0, bytes: 3 });
  out.push(...CRLF);
  const bytes = Uint8Array.from(out);
  return ok({
    bytes,
    text: new TextDecoder().decode(bytes),
    chunks,
    dataBytes: data.length,
    totalBytes: bytes.length,
  });
}
