/**
 * Base64 (RFC 4648 §4, the standard alphabet with "+" and "/" and "=" padding), without Buffer,
 * atob or btoa, so it behaves the same in the browser, in Node and in a Web Worker.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const DECODE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Text that is not valid base64; `position` is the 0-based index of the offending character. */
export class Base64Error extends Error {
  override readonly name = 'Base64Error';
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.position = position;
  }
}

/** Encode bytes as base64 with padding (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

function describe(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp === 0x20) return `${hex} space`;
  if (cp === 0x09) return `${hex} tab`;
  if (cp === 0x0a || cp === 0x0d) return `${hex} line break`;
  if (cp === 0xa0) return `${hex} no-break space`;
  if (cp < 0x20 || cp === 0x7f) return `${hex} control character`;
  return `"${c}"`;
}

/**
 * Decode strict base64 (RFC 4648 §4): only the standard alphabet, length a multiple of 4, "="
 * only as the last one or two characters. No whitespace is skipped. Non-zero pad bits
 * (e.g. "EC==" instead of "EA==") are accepted, as RFC 4648 §3.5 allows; use
 * {@link isCanonicalBase64} to detect them.
 *
 * @throws {Base64Error} naming the character and its position.
 */
export function decodeBase64(text: string): Uint8Array {
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    const code = text.charCodeAt(i);
    if (c === '=') {
      const tail = text.slice(i);
      if (!/^={1,2}$/.test(tail) || text.length % 4 !== 0) {
        throw new Base64Error(
          `"=" at position ${i} is padding and may only appear as the last one or two characters of a multiple of 4.`,
          i,
        );
      }
      padding = tail.length;
      break;
    }
    if (code >= 128 || (DECODE[code] ?? -1) < 0) {
      const urlHint =
        c === '-' || c === '_'
          ? ` ("${c}" belongs to the base64url alphabet of RFC 4648 §5; standard base64 uses "${c === '-' ? '+' : '/'}")`
          : '';
      throw new Base64Error(
        `${describe(c)} at position ${i} is not a base64 character (A–Z, a–z, 0–9, "+", "/")${urlHint}.`,
        i,
      );
    }
  }
  if (text.length % 4 !== 0) {
    throw new Base64Error(
      `Base64 text comes in blocks of 4 characters; ${text.length} characters leave ${text.length % 4} over (is "=" padding missing?).`,
      text.length,
    );
  }
  const length = (text.length / 4) * 3 - padding;
  const out = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = DECODE[text.charCodeAt(i)] ?? 0;
    const b = DECODE[text.charCodeAt(i + 1)] ?? 0;
    const c = text[i + 2] === '=' ? 0 : (DECODE[text.charCodeAt(i + 2)] ?? 0);
    const d = text[i + 3] === '=' ? 0 : (DECODE[text.charCodeAt(i + 3)] ?? 0);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < length) out[o++] = n >> 16;
    if (o < length) out[o++] = (n >> 8) & 255;
    if (o < length) out[o++] = n & 255;
  }
  return out;
}

/** True when `text` is exactly what {@link encodeBase64} produces for its bytes (pad bits zero). */
export function isCanonicalBase64(text: string): boolean {
  try {
    return encodeBase64(decodeBase64(text)) === text;
  } catch {
    return false;
  }
}
