/**
 * Bytes as people paste them: hex in any of parseHex's forms, a JavaScript, C or Python byte array
 * (`new Uint8Array([0x81, 0x85])`, `{ 0x81, 133 }`, `bytes([0x81])`), a Python bytes literal (`b'\x81\x85Hi'`),
 * or base64 (RFC 4648 §4). Returns the bytes and the format it read, or an error naming the bad character and
 * its position: a result, never an exception, since this is where a reader's input arrives.
 */
import { decodeBase64 } from './base64';
import { describeCharacter, locate, tryParseHex } from './hex';

export type ByteFormat = 'hex' | 'array' | 'python-bytes' | 'base64';

export type ByteInput =
  | { ok: true; bytes: Uint8Array; format: ByteFormat }
  | { ok: false; error: { message: string; position: number; line: number; column: number; format: ByteFormat } };

/** How each format is named to the reader ("Read as a byte array"). */
export const BYTE_FORMAT_NAMES: Readonly<Record<ByteFormat, string>> = {
  hex: 'hex',
  array: 'a byte array (JavaScript, C or Python)',
  'python-bytes': 'a Python bytes literal',
  base64: 'base64',
};

const fail = (text: string, format: ByteFormat, message: string, position: number): ByteInput => ({
  ok: false,
  error: { message, position, ...locate(text, position), format },
});

/** `[0x81, 133, 0b1]` inside brackets or braces, after an optional constructor (`new Uint8Array(`, `bytes(`). */
const ARRAY = /^\s*(?:(?:new\s+)?[A-Za-z_$][\w$.]*\s*\(\s*)?[[{]/;
/** A C declaration: `static const unsigned char frame[11] = {`; the bytes start at its brace. */
const C_DECLARATION = /^\s*(?:[A-Za-z_]\w*\s+)+\**\s*[A-Za-z_]\w*\s*\[\s*\w*\s*\]\s*=\s*\{/;
/** `b'…'` or `b"…"`, optionally inside `bytes(…)` / `bytearray(…)`. */
const PY_BYTES = /^\s*(?:(?:bytes|bytearray)\s*\(\s*)?[bB](['"])/;

function readArray(text: string): ByteInput {
  const declaration = C_DECLARATION.exec(text);
  const open = declaration !== null ? declaration[0].length - 1 : text.search(/[[{]/);
  const close = text[open] === '[' ? ']' : '}';
  const end = text.lastIndexOf(close);
  if (end < open) return fail(text, 'array', `The array opened with "${text[open]}" at ${open} is never closed.`, open);
  const rest = text.slice(end + 1);
  if (!/^\s*\)?\s*;?\s*$/.test(rest)) {
    const at = end + 1 + (rest.search(/\S/) >= 0 ? rest.search(/\S/) : 0);
    return fail(
      text,
      'array',
      `${describeCharacter(text, at)} at position ${at} follows the array's closing "${close}".`,
      at,
    );
  }
  const bytes: number[] = [];
  const token = /\s*([^,\s][^,]*?)\s*(?:,|$)/y;
  let i = open + 1;
  const body = text.slice(0, end);
  while (i < end) {
    if (/^\s*$/.test(body.slice(i))) break;
    token.lastIndex = i;
    const m = token.exec(body);
    if (m === null || m[1] === undefined) return fail(text, 'array', `Expected a number at position ${i}.`, i);
    const at = m.index + m[0].indexOf(m[1]);
    const value = /^0x[0-9a-f]+$/i.test(m[1])
      ? parseInt(m[1].slice(2), 16)
      : /^0b[01]+$/i.test(m[1])
        ? parseInt(m[1].slice(2), 2)
        : /^\d+$/.test(m[1])
          ? Number(m[1])
          : NaN;
    if (Number.isNaN(value)) {
      return fail(text, 'array', `"${m[1]}" at position ${at} is not a number (write 0x81, 129 or 0b10000001).`, at);
    }
    if (value > 255) return fail(text, 'array', `${m[1]} at position ${at} does not fit in a byte (0–255).`, at);
    bytes.push(value);
    i = token.lastIndex;
  }
  return { ok: true, bytes: Uint8Array.from(bytes), format: 'array' };
}

const PY_ESCAPES: Readonly<Record<string, number>> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

/** A Python bytes literal: ASCII characters and the escapes of the Python reference, "String and Bytes literals". */
function readPythonBytes(text: string): ByteInput {
  const m = PY_BYTES.exec(text)!;
  const quote = m[1]!;
  const bytes: number[] = [];
  let i = m[0].length;
  for (;;) {
    if (i >= text.length) return fail(text, 'python-bytes', `The bytes literal is never closed with ${quote}.`, i);
    const c = text[i]!;
    if (c === quote) break;
    if (c === '\\') {
      const e = text[i + 1] ?? '';
      if (e === 'x') {
        const hex = text.slice(i + 2, i + 4);
        if (!/^[0-9a-f]{2}$/i.test(hex)) {
          return fail(text, 'python-bytes', `"\\x" at position ${i} needs two hex digits after it.`, i);
        }
        bytes.push(parseInt(hex, 16));
        i += 4;
      } else if (/[0-7]/.test(e)) {
        const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
        bytes.push(parseInt(oct, 8) & 0xff);
        i += 1 + oct.length;
      } else if (PY_ESCAPES[e] !== undefined) {
        bytes.push(PY_ESCAPES[e]);
        i += 2;
      } else {
        return fail(text, 'python-bytes', `"\\${e}" at position ${i} is not an escape a bytes literal knows.`, i);
      }
      continue;
    }
    const code = c.charCodeAt(0);
    if (code > 0x7e || code < 0x20) {
      return fail(
        text,
        'python-bytes',
        `${describeCharacter(text, i)} at position ${i} cannot stand in a bytes literal: only ASCII (write \\x.. instead).`,
        i,
      );
    }
    bytes.push(code);
    i++;
  }
  const after = text.slice(i + 1);
  if (!/^\s*\)?\s*$/.test(after)) {
    const at = i + 1 + after.search(/\S/);
    return fail(
      text,
      'python-bytes',
      `${describeCharacter(text, at)} at position ${at} follows the bytes literal.`,
      at,
    );
  }
  return { ok: true, bytes: Uint8Array.from(bytes), format: 'python-bytes' };
}

/** Base64 only when the text cannot be hex: it uses letters beyond a–f, "+", "/" or "=" padding. */
const BASE64_ONLY = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads bytes in whichever of the formats `text` is written in. */
export function readBytes(text: string): ByteInput {
  if (PY_BYTES.test(text)) return readPythonBytes(text);
  if (ARRAY.test(text) || C_DECLARATION.test(text)) return readArray(text);
  const hex = tryParseHex(text);
  if (hex.ok) return { ok: true, bytes: hex.bytes, format: 'hex' };
  const compact = text.trim();
  if (BASE64_ONLY.test(compact) && compact.length >= 4) {
    try {
      return { ok: true, bytes: decodeBase64(compact), format: 'base64' };
    } catch {
      // Not valid base64 either: the hex error says more about what was probably meant.
    }
  }
  return fail(text, 'hex', hex.error.message, hex.error.position);
}
