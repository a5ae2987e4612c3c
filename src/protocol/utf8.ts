/**
 * Streaming UTF-8 validation (RFC 3629 §4, the Unicode "well-formed byte sequences" table).
 *
 * WebSocket text messages and close reasons must be valid UTF-8 (RFC 6455 §8.1), and a message may be
 * split across frames at any byte, even inside a character. The validator therefore keeps its state
 * between `write` calls and fails at the first byte that no valid continuation could explain:
 *
 * | lead byte | 2nd byte   | 3rd, 4th  | why the 2nd byte is narrowed                      |
 * |-----------|------------|-----------|----------------------------------------------------|
 * | 00..7F    |            |           |                                                    |
 * | C2..DF    | 80..BF     |           | C0, C1 would only encode U+0000..U+007F (overlong) |
 * | E0        | A0..BF     | 80..BF    | E0 80..9F would be overlong                        |
 * | E1..EC    | 80..BF     | 80..BF    |                                                    |
 * | ED        | 80..9F     | 80..BF    | ED A0..BF would be a UTF-16 surrogate U+D800..DFFF |
 * | EE..EF    | 80..BF     | 80..BF    |                                                    |
 * | F0        | 90..BF     | 80..BF ×2 | F0 80..8F would be overlong                        |
 * | F1..F3    | 80..BF     | 80..BF ×2 |                                                    |
 * | F4        | 80..8F     | 80..BF ×2 | F4 90.. would be above U+10FFFF                    |
 *
 * Pure TypeScript: no Buffer, no DOM.
 */

/** What went wrong, as a stable machine-readable tag. */
export type Utf8ErrorKind =
  /** 0x80..0xBF where a character should start. */
  | 'unexpected-continuation'
  /** 0xC0 or 0xC1: can only start an overlong (non-shortest) 2-byte form. */
  | 'overlong-lead'
  /** 0xF5..0xFF: never appear in UTF-8. */
  | 'invalid-byte'
  /** A lead byte was not followed by a continuation byte 0x80..0xBF. */
  | 'expected-continuation'
  /** E0 80..9F or F0 80..8F: a non-shortest form. */
  | 'overlong'
  /** ED A0..BF: a UTF-16 surrogate half, U+D800..U+DFFF. */
  | 'surrogate'
  /** F4 90..BF: above U+10FFFF. */
  | 'too-large'
  /** The input ended inside a multi-byte character. */
  | 'truncated';

export interface Utf8Error {
  kind: Utf8ErrorKind;
  /**
   * Index of the byte where the input became invalid, relative to the bytes given to the call that
   * found it. For 'truncated' it is the index of the unfinished character's lead byte, or -1 when that
   * byte was given to an earlier `write`.
   */
  index: number;
  /** The offending byte (absent for 'truncated'). */
  byte?: number;
  /** The lead byte of the character being read, when the failure is inside a character. */
  lead?: number;
  /** For 'truncated': how many bytes of the character arrived, and how many are missing. */
  seen?: number;
  missing?: number;
  /** Plain-English explanation naming the bytes. */
  message: string;
}

const hex = (b: number): string => '0x' + b.toString(16).toUpperCase().padStart(2, '0');

function leadError(byte: number, index: number): Utf8Error {
  if (byte < 0xc0) {
    return {
      kind: 'unexpected-continuation',
      index,
      byte,
      message: `${hex(byte)} is a continuation byte (0x80–0xBF) but no character was in progress`,
    };
  }
  if (byte < 0xc2) {
    return {
      kind: 'overlong-lead',
      index,
      byte,
      message: `${hex(byte)} never appears in UTF-8: it could only start an overlong 2-byte form of U+0000–U+007F`,
    };
  }
  return {
    kind: 'invalid-byte',
    index,
    byte,
    message:
      byte < 0xf8
        ? `${hex(byte)} never appears in UTF-8: it would start a character above U+10FFFF`
        : `${hex(byte)} never appears in UTF-8`,
  };
}

function continuationError(lead: number, byte: number, lo: number, hi: number, index: number): Utf8Error {
  const range = `${hex(lo)}–${hex(hi)}`;
  if (byte >= 0x80 && byte <= 0xbf) {
    // A continuation byte outside the narrowed range of the second byte.
    if (lead === 0xed) {
      return {
        kind: 'surrogate',
        index,
        byte,
        lead,
        message: `${hex(lead)} ${hex(byte)} encodes a UTF-16 surrogate (U+D800–U+DFFF), which UTF-8 forbids; after 0xED the next byte must be ${range}`,
      };
    }
    if (lead === 0xf4) {
      return {
        kind: 'too-large',
        index,
        byte,
        lead,
        message: `${hex(lead)} ${hex(byte)} would encode a code point above U+10FFFF; after 0xF4 the next byte must be ${range}`,
      };
    }
    return {
      kind: 'overlong',
      index,
      byte,
      lead,
      message: `${hex(lead)} ${hex(byte)} is an overlong (non-shortest) encoding; after ${hex(lead)} the next byte must be ${range}`,
    };
  }
  return {
    kind: 'expected-continuation',
    index,
    byte,
    lead,
    message: `expected a continuation byte ${range} after ${hex(lead)}, found ${hex(byte)}`,
  };
}

/**
 * Incremental validator: feed bytes in any pieces with `write`, then call `end` once the text is
 * complete. After the first failure it stays failed (`error` keeps the first problem).
 */
export class Utf8Validator {
  /** Continuation bytes still expected for the current character (0 at a character boundary). */
  private need = 0;
  /** Allowed range for the next continuation byte. */
  private lo = 0x80;
  private hi = 0xbf;
  /** Lead byte of the current character and how many of its bytes arrived. */
  private lead = 0;
  private seenBytes = 0;
  /** The first problem found, if any. */
  error: Utf8Error | undefined = undefined;

  /** How many bytes of an unfinished character have arrived (0 at a character boundary). */
  get pending(): number {
    return this.seenBytes;
  }

  /** True when everything written so far is valid and ends on a character boundary. */
  get complete(): boolean {
    return this.error === undefined && this.need === 0;
  }

  /**
   * Validates `bytes[start..end)`. Returns the index (in `bytes`) of the first invalid byte, or -1
   * when no new problem was found (also -1 once already failed: the first error is in `error`).
   */
  write(bytes: Uint8Array, start = 0, end: number = bytes.length): number {
    if (this.error !== undefined) return -1;
    let i = start;
    let need = this.need;
    let lo = this.lo;
    let hi = this.hi;
    while (i < end) {
      if (need === 0) {
        // Fast path: runs of ASCII are by far the most common content.
        let b = bytes[i]!;
        while (b < 0x80) {
          if (++i === end) {
            this.need = 0;
            this.seenBytes = 0;
            return -1;
          }
          b = bytes[i]!;
        }
        if (b >= 0xc2 && b <= 0xdf) {
          need = 1;
          lo = 0x80;
          hi = 0xbf;
        } else if (b >= 0xe0 && b <= 0xef) {
          need = 2;
          lo = b === 0xe0 ? 0xa0 : 0x80;
          hi = b === 0xed ? 0x9f : 0xbf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          need = 3;
          lo = b === 0xf0 ? 0x90 : 0x80;
          hi = b === 0xf4 ? 0x8f : 0xbf;
        } else {
          this.error = leadError(b, i);
          return i;
        }
        this.lead = b;
        this.seenBytes = 1;
        i++;
      } else {
        const b = bytes[i]!;
        if (b < lo || b > hi) {
          this.error = continuationError(this.lead, b, lo, hi, i);
          this.need = need;
          return i;
        }
        // Only the byte right after the lead is narrowed; later ones are plain 80..BF.
        lo = 0x80;
        hi = 0xbf;
        need--;
        this.seenBytes = need === 0 ? 0 : this.seenBytes + 1;
        i++;
      }
    }
    this.need = need;
    this.lo = lo;
    this.hi = hi;
    return -1;
  }

  /**
   * Declares the end of the text. Returns the error if the text is invalid, including a 'truncated'
   * error when it stopped inside a character (`index` is -1: the caller knows where it put that byte).
   */
  end(): Utf8Error | undefined {
    if (this.error !== undefined) return this.error;
    if (this.need > 0) {
      const missing = this.need;
      const total = this.seenBytes + missing;
      this.error = {
        kind: 'truncated',
        index: -1,
        lead: this.lead,
        seen: this.seenBytes,
        missing,
        message: `the text ends inside a ${total}-byte character that starts with ${hex(this.lead)}: ${missing} more continuation byte${missing === 1 ? '' : 's'} expected`,
      };
      return this.error;
    }
    return undefined;
  }

  /** Forgets everything, ready for a new text. */
  reset(): void {
    this.need = 0;
    this.lo = 0x80;
    this.hi = 0xbf;
    this.lead = 0;
    this.seenBytes = 0;
    this.error = undefined;
  }
}

/** The first problem in `bytes` as one complete text, or undefined when it is valid UTF-8. */
export function findUtf8Error(bytes: Uint8Array): Utf8Error | undefined {
  const v = new Utf8Validator();
  if (v.write(bytes) >= 0) return v.error;
  const pending = v.pending;
  const err = v.end();
  if (err !== undefined) err.index = bytes.length - pending;
  return err;
}

/** True when `bytes` is one complete, valid UTF-8 text (RFC 3629). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  // Short-circuit pure ASCII without allocating a validator.
  let i = 0;
  const n = bytes.length;
  while (i < n && bytes[i]! < 0x80) i++;
  if (i === n) return true;
  return findUtf8Error(bytes.subarray(i)) === undefined;
}

/** The length of a string in UTF-8 bytes: what a header field, a close reason or a text frame takes on the wire. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
