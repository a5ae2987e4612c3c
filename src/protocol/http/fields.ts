/**
 * Header-field syntax shared by the request and response readers: tokens (RFC 9110 §5.6.2),
 * comma-separated lists (§5.6.1), and field octets read as ISO-8859-1 (§5.5).
 */

/** An `HTTP-name: value` line of a head. */
export interface HeaderField {
  /** The name as sent (case preserved). */
  name: string;
  /** The value with surrounding whitespace (OWS) removed, obs-folds joined by a space. */
  value: string;
  /** 1-based line of the field in the head. */
  line: number;
}

// tchar of RFC 9110 §5.6.2.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Is `s` a token (one or more tchar, RFC 9110 §5.6.2)? */
export function isToken(s: string): boolean {
  return TOKEN.test(s);
}

/** Comma-separated list elements of a field value, trimmed, empty elements dropped (RFC 9110 §5.6.1). */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Does a comma-separated field value contain `token` (ASCII case-insensitive)? */
export function headerHasToken(value: string, token: string): boolean {
  const wanted = token.toLowerCase();
  return splitList(value).some((element) => element.toLowerCase() === wanted);
}

/** A field value quoted for a message, cut to 60 characters. */
export function quoteValue(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 57) + '…' : s);
}

/** Field octets as characters, one per byte (ISO-8859-1, RFC 9110 §5.5). */
export function latin1(bytes: Uint8Array): string {
  // TextDecoder('latin1') is windows-1252 in browsers, so do it by hand.
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}
