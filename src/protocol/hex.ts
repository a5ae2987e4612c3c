/**
 * Hex text ⇄ bytes.
 *
 * `parseHex` reads what people actually paste: spaced or continuous hex, `0x81,0x85`, `\x81\x85`,
 * `81:85`, and whole dumps from Wireshark ("Copy → Bytes as Hex + ASCII Dump"), tshark -x,
 * `hexdump -C`, `xxd` and `tcpdump -x/-xx/-X/-XX`. In a dump only the hex columns count: the offset
 * column is checked for consistency and the ASCII column is skipped.
 *
 * A dump is recognised by the *layout of each line* (an offset, then a known column structure),
 * never by which characters appear: the ASCII column of a real dump can read "cafe dead beef",
 * which is valid hex. Each format ends its hex columns at a gap wider than its byte separator, and
 * that gap is what tells the ASCII column apart.
 */

/** Bad hex text: where (0-based index into the input, plus 1-based line and column) and why. */
export class HexError extends Error {
  override readonly name = 'HexError';
  /** 0-based index in the input string of the offending character. */
  readonly position: number;
  /** 1-based line of `position`. */
  readonly line: number;
  /** 1-based column of `position`, counted in Unicode code points. */
  readonly column: number;

  constructor(message: string, position: number, line: number, column: number) {
    super(message);
    this.position = position;
    this.line = line;
    this.column = column;
  }
}

/** The dump layouts `parseHex` recognises. */
export type HexDumpFormat = 'wireshark' | 'xxd' | 'tcpdump';

const FORMAT_NAMES: Record<HexDumpFormat, string> = {
  wireshark: 'Wireshark/hexdump -C',
  xxd: 'xxd',
  tcpdump: 'tcpdump -x/-X',
};

// ---------------------------------------------------------------------------------------------
// Character classes and descriptions

function isHexDigit(c: string | undefined): boolean {
  if (c === undefined || c.length !== 1) return false;
  const x = c.charCodeAt(0);
  return (x >= 0x30 && x <= 0x39) || (x >= 0x41 && x <= 0x46) || (x >= 0x61 && x <= 0x66);
}

function hexRunLength(text: string, from: number): number {
  let i = from;
  while (i < text.length && isHexDigit(text[i])) i++;
  return i - from;
}

/** Separators allowed between bytes in free-form hex: ASCII whitespace, comma, colon, quotes. */
function isSeparator(c: string | undefined): boolean {
  return (
    c === ' ' ||
    c === '\t' ||
    c === '\n' ||
    c === '\r' ||
    c === '\f' ||
    c === '\v' ||
    c === ',' ||
    c === ':' ||
    c === '"' ||
    c === "'"
  );
}

/** Names of characters that are invisible or easily mistaken for ASCII when pasted. */
const CHAR_NAMES: Record<number, string> = {
  0x00: 'NUL (null) character',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x20: 'space',
  0x7f: 'DEL control character',
  0xa0: 'no-break space',
  0xad: 'soft hyphen',
  0x2002: 'en space',
  0x2003: 'em space',
  0x2009: 'thin space',
  0x200a: 'hair space',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202f: 'narrow no-break space',
  0x2060: 'word joiner',
  0x3000: 'ideographic (full-width) space',
  0xfeff: 'zero-width no-break space (byte order mark)',
  0xff0c: 'full-width comma',
  0xff1a: 'full-width colon',
  0x2018: 'left single quotation mark',
  0x2019: 'right single quotation mark',
  0x201c: 'left double quotation mark',
  0x201d: 'right double quotation mark',
};

/** Named characters that are visible, so quoting them helps; the rest are shown only by name. */
const VISIBLE_NAMED = new Set([0xff0c, 0xff1a, 0x2018, 0x2019, 0x201c, 0x201d]);

function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Quote a character for an error message; invisible and look-alike characters are also named,
 * e.g. `"\u00a0" (U+00A0 no-break space)`.
 */
export function describeCharacter(text: string, position: number): string {
  const cp = text.codePointAt(position);
  if (cp === undefined) return 'the end of the input';
  const ch = String.fromCodePoint(cp);
  const name = CHAR_NAMES[cp];
  if (cp >= 0x21 && cp <= 0x7e) return `"${ch}"`;
  if (name !== undefined) {
    return VISIBLE_NAMED.has(cp) ? `"${ch}" (${codePointLabel(cp)} ${name})` : `(${codePointLabel(cp)} ${name})`;
  }
  if (cp < 0x20 || (cp >= 0x80 && cp < 0xa0)) return `(${codePointLabel(cp)} control character)`;
  if (cp >= 0xff10 && cp <= 0xff19) return `"${ch}" (${codePointLabel(cp)} full-width digit ${cp - 0xff10})`;
  if ((cp >= 0xff21 && cp <= 0xff26) || (cp >= 0xff41 && cp <= 0xff46)) {
    return `"${ch}" (${codePointLabel(cp)} full-width letter ${String.fromCharCode(cp - 0xfee0)})`;
  }
  return `"${ch}" (${codePointLabel(cp)})`;
}

// ---------------------------------------------------------------------------------------------
// Lines and positions

interface Line {
  /** The line's text without its terminator. */
  text: string;
  /** Index in the whole input of the line's first character. */
  start: number;
  /** 1-based line number. */
  number: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      lines.push({ text: text.slice(start, i), start, number });
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
      number++;
    }
  }
  lines.push({ text: text.slice(start), start, number });
  return lines;
}

/** The 1-based line and column (in code points) of `position` in `text`, as HexError reports them. */
export function locate(text: string, position: number): { line: number; column: number } {
  return new Source(text).locate(position);
}

/** Tracks the input so errors can say line and column. */
class Source {
  readonly lines: Line[];
  constructor(readonly text: string) {
    this.lines = splitLines(text);
  }

  get multiline(): boolean {
    return this.lines.length > 1;
  }

  locate(position: number): { line: number; column: number } {
    let found = this.lines[0] ?? { text: '', start: 0, number: 1 };
    for (const line of this.lines) {
      if (line.start > position) break;
      found = line;
    }
    // Columns count code points, so an emoji or a surrogate pair is one column.
    const column = [...this.text.slice(found.start, position)].length + 1;
    return { line: found.number, column };
  }

  where(position: number): string {
    const { line, column } = this.locate(position);
    return this.multiline
      ? `line ${line}, column ${column} (index ${position})`
      : `column ${column} (index ${position})`;
  }

  error(position: number, message: string): HexError {
    const { line, column } = this.locate(position);
    return new HexError(message, position, line, column);
  }

  badCharacter(position: number, expected: string): HexError {
    if (position >= this.text.length) {
      return this.error(position, `The input ends at ${this.where(position)}: ${expected}.`);
    }
    const what = describeCharacter(this.text, position);
    const hint = pasteHint(this.text.codePointAt(position));
    return this.error(position, `Unexpected ${what} at ${this.where(position)}: ${expected}.${hint}`);
  }

  loneDigit(position: number, runStart: number, runLength: number): HexError {
    const digit = this.text[position] ?? '';
    const group =
      runLength > 1
        ? ` The group "${this.text.slice(runStart, runStart + runLength)}" has ${runLength} hex digits;`
        : '';
    return this.error(
      position,
      `Odd number of hex digits:${group} "${digit}" at ${this.where(position)} has no partner. ` +
        'Every byte is two hex digits — is a digit missing or extra?',
    );
  }
}

function pasteHint(cp: number | undefined): string {
  if (cp === undefined) return '';
  if (
    cp === 0xa0 ||
    cp === 0x202f ||
    cp === 0x3000 ||
    (cp >= 0x2000 && cp <= 0x200d) ||
    cp === 0xfeff ||
    cp === 0x2060
  ) {
    return ' It often comes from copying out of a web page or a chat; replace it with an ordinary space.';
  }
  if ((cp >= 0xff01 && cp <= 0xff5e) || cp === 0x3001) {
    return ' It is a full-width character (typed with a CJK input method); use its ASCII form.';
  }
  return '';
}

// ---------------------------------------------------------------------------------------------
// Dump lines

interface DumpLineMatch {
  format: HexDumpFormat;
  offset: number;
  /** Index (within the line) where the offset digits start. */
  offsetAt: number;
  /** Index (within the line) where the hex columns start. */
  hexAt: number;
}

// tcpdump: "\t0x0000:  4500 0034 ...  E..4" (print-ascii.c: "0x%04x:" then " %02x%02x" groups).
const TCPDUMP_LINE = /^([ \t]*)0x([0-9a-fA-F]{4,8}):[ \t]/;
// xxd: "00000000: 8185 37fa ...  ..7." (offset %08lx, colon, one space, groups, two spaces, ASCII).
const XXD_LINE = /^([ \t]*)([0-9a-fA-F]{6,16}): (?=[0-9a-fA-F])/;
// Wireshark / tshark -x / hexdump -C: "0000   81 85 ..." — offset, two or more spaces, 2-digit bytes.
const WIRESHARK_LINE = /^([ \t]*)([0-9a-fA-F]{4,8}) {2,}(?=[0-9a-fA-F]{2}(?:[ \t]|$))/;
// The closing line of hexdump -C: just the total length, e.g. "0000000b".
const OFFSET_ONLY_LINE = /^([ \t]*)([0-9a-fA-F]{4,16})[ \t]*$/;

function matchDumpLine(text: string): DumpLineMatch | null {
  let m = TCPDUMP_LINE.exec(text);
  if (m) {
    const lead = m[1] ?? '';
    return { format: 'tcpdump', offset: parseInt(m[2] ?? '0', 16), offsetAt: lead.length + 2, hexAt: m[0].length - 1 };
  }
  m = XXD_LINE.exec(text);
  if (m) {
    const lead = m[1] ?? '';
    return { format: 'xxd', offset: parseInt(m[2] ?? '0', 16), offsetAt: lead.length, hexAt: m[0].length };
  }
  m = WIRESHARK_LINE.exec(text);
  if (m) {
    const lead = m[1] ?? '';
    return { format: 'wireshark', offset: parseInt(m[2] ?? '0', 16), offsetAt: lead.length, hexAt: m[0].length };
  }
  return null;
}

function blankRun(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i - from;
}

/**
 * Read the hex columns of one dump line into `out`; returns how many bytes it held.
 * Bytes are separated by exactly one space (hexdump -C adds a second one after the 8th byte);
 * any wider gap starts the ASCII column, which is ignored.
 */
function readDumpHex(src: Source, line: Line, match: DumpLineMatch, out: number[]): number {
  const text = line.text;
  let i = match.hexAt;
  i += blankRun(text, i);
  let count = 0;
  const twoDigitBytes = match.format === 'wireshark';
  for (;;) {
    if (i >= text.length) return count;
    const run = hexRunLength(text, i);
    const after = i + run;
    const next = text[after];
    if (run === 0) {
      throw src.badCharacter(line.start + i, `expected hex digits in the ${FORMAT_NAMES[match.format]} hex columns`);
    }
    if (next !== undefined && next !== ' ' && next !== '\t') {
      throw src.badCharacter(
        line.start + after,
        `expected a space between ${twoDigitBytes ? 'bytes' : 'groups'} in the ${FORMAT_NAMES[match.format]} hex columns`,
      );
    }
    if (run % 2 === 1) throw src.loneDigit(line.start + after - 1, line.start + i, run);
    if (twoDigitBytes && run !== 2) {
      throw src.error(
        line.start + i,
        `Expected one byte (two hex digits) at ${src.where(line.start + i)} in a ${FORMAT_NAMES[match.format]} line, ` +
          `found ${run} digits "${text.slice(i, after)}".`,
      );
    }
    for (let k = i; k < after; k += 2) out.push(parseInt(text.slice(k, k + 2), 16));
    count += run / 2;
    const gap = blankRun(text, after);
    const resume = after + gap;
    if (resume >= text.length) return count;
    const singleSpace = gap === 1 && text[after] === ' ';
    // hexdump -C and Wireshark's Follow Stream put two spaces after the 8th byte of a line.
    const midLineGap =
      twoDigitBytes &&
      count === 8 &&
      gap === 2 &&
      hexRunLength(text, resume) === 2 &&
      (resume + 2 >= text.length || text[resume + 2] === ' ' || text[resume + 2] === '\t');
    if (!singleSpace && !midLineGap) return count; // the ASCII column starts here
    i = resume;
  }
}

function parseDump(src: Source, firstDumpLine: Line, firstMatch: DumpLineMatch): Uint8Array {
  const out: number[] = [];
  let expected: number | undefined;
  let previous: { line: Line; count: number } | undefined;
  for (const line of src.lines) {
    if (line.text.trim() === '') continue;
    const match = matchDumpLine(line.text);
    if (match === null) {
      const only = OFFSET_ONLY_LINE.exec(line.text);
      if (only && expected !== undefined && parseInt(only[2] ?? '', 16) === expected) continue; // hexdump -C's total
      const first = line.start + blankRun(line.text, 0);
      throw src.error(
        first,
        `Line ${line.number} is not a line of the ${FORMAT_NAMES[firstMatch.format]} dump on line ${firstDumpLine.number}: ` +
          `every line of a pasted dump starts with its offset column (${exampleOffset(firstMatch.format)}). ` +
          'Paste only the dump lines, or only hex.',
      );
    }
    if (expected !== undefined && match.offset !== expected && match.offset !== 0) {
      const at = line.start + match.offsetAt;
      const held = previous ? ` (line ${previous.line.number} held ${previous.count} bytes)` : '';
      throw src.error(
        at,
        `Line ${line.number} says offset 0x${match.offset.toString(16)}, but the lines before it end at ` +
          `0x${expected.toString(16)}${held}: a line is missing or was cut short.`,
      );
    }
    const count = readDumpHex(src, line, match, out);
    expected = match.offset + count;
    previous = { line, count };
  }
  return Uint8Array.from(out);
}

function exampleOffset(format: HexDumpFormat): string {
  return format === 'tcpdump' ? '"0x0000:"' : format === 'xxd' ? '"00000000:"' : '"0000"';
}

// ---------------------------------------------------------------------------------------------
// Free-form hex

function parseFreeForm(src: Source): Uint8Array {
  const text = src.text;
  const out: number[] = [];
  let i = 0;
  const endOfToken = (at: number): void => {
    const c = text[at];
    if (at < text.length && !isSeparator(c) && c !== '\\') {
      throw src.badCharacter(at, 'expected a hex digit or a separator (space, comma, colon)');
    }
  };
  while (i < text.length) {
    const c = text[i];
    if (isSeparator(c)) {
      i++;
      continue;
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === 'x' || next === 'X') {
        // "\x81": exactly two digits per escape, as in C, JavaScript and Wireshark's "Copy as Escaped String".
        const run = Math.min(hexRunLength(text, i + 2), 2);
        if (run === 0) {
          throw src.badCharacter(i + 2, '"\\x" must be followed by two hex digits');
        }
        if (run === 1) throw src.loneDigit(i + 2, i + 2, 1);
        out.push(parseInt(text.slice(i + 2, i + 4), 16));
        i += 4;
        if (isHexDigit(text[i])) {
          throw src.badCharacter(i, 'each "\\x" escape holds exactly two hex digits; start the next byte with "\\x"');
        }
        endOfToken(i);
        continue;
      }
      if (next === '\n' || next === '\r') {
        i++; // a line continuation, as in Wireshark's multi-line escaped strings
        continue;
      }
      throw src.badCharacter(i, 'a backslash must start an escape like "\\x81"');
    }
    if (c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
      const start = i + 2;
      const run = hexRunLength(text, start);
      if (run === 0) throw src.badCharacter(start, '"0x" must be followed by hex digits');
      if (run === 1) {
        out.push(parseInt(text.slice(start, start + 1), 16)); // "0x5" in a byte list is the byte 05
      } else {
        if (run % 2 === 1) throw src.loneDigit(start + run - 1, start, run);
        for (let k = start; k < start + run; k += 2) out.push(parseInt(text.slice(k, k + 2), 16));
      }
      i = start + run;
      endOfToken(i);
      continue;
    }
    if (isHexDigit(c)) {
      const run = hexRunLength(text, i);
      endOfToken(i + run);
      if (run % 2 === 1) throw src.loneDigit(i + run - 1, i, run);
      for (let k = i; k < i + run; k += 2) out.push(parseInt(text.slice(k, k + 2), 16));
      i += run;
      continue;
    }
    throw src.badCharacter(i, 'expected a hex digit (0-9, a-f)');
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Parse hex text into bytes. Accepts `81 85 37 fa`, `818537fa`, `0x81,0x85`, `0x81 0x85`,
 * `\x81\x85`, `81:85:37:fa`, and Wireshark / tshark / `hexdump -C` / `xxd` / `tcpdump -x -X`
 * dumps (offset and ASCII columns ignored). Empty or blank input gives an empty array.
 *
 * @throws {HexError} naming the offending character and where it is.
 */
export function parseHex(text: string): Uint8Array {
  const src = new Source(text);
  for (const line of src.lines) {
    const match = matchDumpLine(line.text);
    if (match !== null) return parseDump(src, line, match);
  }
  return parseFreeForm(src);
}

/** The bytes hex text stands for, or the HexError saying where and why it is not hex. */
export type HexResult = { ok: true; bytes: Uint8Array } | { ok: false; error: HexError };

/** `parseHex` for text a reader typed or pasted: a result instead of an exception. */
export function tryParseHex(text: string): HexResult {
  try {
    return { ok: true, bytes: parseHex(text) };
  } catch (error) {
    if (error instanceof HexError) return { ok: false, error };
    throw error; // a bug, not bad input
  }
}

/** Which dump layout `text` is in, or `null` when it is free-form hex. */
export function detectHexDumpFormat(text: string): HexDumpFormat | null {
  for (const line of splitLines(text)) {
    const match = matchDumpLine(line.text);
    if (match !== null) return match.format;
  }
  return null;
}

export interface ToHexOptions {
  /** Bytes per group (default 1). */
  group?: number;
  /** Put between groups (default one space). */
  separator?: string;
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Bytes as lowercase hex: `toHex(b)` → "81 85 37 fa"; `{group: 2}` → "8185 37fa"; `{separator: ''}` → "818537fa". */
export function toHex(bytes: Uint8Array, options: ToHexOptions = {}): string {
  const group = options.group ?? 1;
  const separator = options.separator ?? ' ';
  if (!Number.isInteger(group) || group < 1) {
    throw new RangeError(`toHex: group must be a whole number of bytes ≥ 1, got ${String(group)}`);
  }
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += group) {
    let s = '';
    const end = Math.min(i + group, bytes.length);
    for (let k = i; k < end; k++) s += HEX_BYTE[bytes[k] ?? 0];
    parts.push(s);
  }
  return parts.join(separator);
}

export interface HexDumpOptions {
  /** Bytes per line (default 16, as Wireshark). */
  bytesPerLine?: number;
  /** Show the ASCII column (default true). */
  ascii?: boolean;
}

/**
 * A Wireshark-style dump, laid out as Wireshark's "Copy → Bytes as Hex + ASCII Dump"
 * (ui/qt/utils/data_printer.cpp): a 4-digit hex offset (wider when needed), each byte as " xx",
 * three spaces, then the ASCII column with '.' for unprintable bytes. Lines joined by "\n",
 * no trailing newline; empty input gives "".
 */
export function formatHexDump(bytes: Uint8Array, options: HexDumpOptions = {}): string {
  const perLine = options.bytesPerLine ?? 16;
  const ascii = options.ascii ?? true;
  if (!Number.isInteger(perLine) || perLine < 1) {
    throw new RangeError(`formatHexDump: bytesPerLine must be a whole number ≥ 1, got ${String(perLine)}`);
  }
  const lastOffset = bytes.length === 0 ? 0 : Math.floor((bytes.length - 1) / perLine) * perLine;
  const width = Math.max(4, lastOffset.toString(16).length);
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += perLine) {
    const end = Math.min(offset + perLine, bytes.length);
    let hex = '';
    let text = '';
    for (let k = offset; k < end; k++) {
      const b = bytes[k] ?? 0;
      hex += ' ' + (HEX_BYTE[b] ?? '00');
      text += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
    }
    let line = offset.toString(16).padStart(width, '0') + '  ' + hex;
    if (ascii) line += '   ' + ' '.repeat((perLine - (end - offset)) * 3) + text;
    lines.push(line);
  }
  return lines.join('\n');
}
