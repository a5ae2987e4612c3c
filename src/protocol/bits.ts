/**
 * Integers as bit patterns: literals, two's complement, bitwise operators at an exact width
 * (BigInt) and with JavaScript's own 32-bit rules, and byte order through DataView.
 *
 * Used by the bits/byte-order widgets and the "Bits, bytes and byte order" lesson. Everything
 * here is a pure function of its arguments.
 */

export type BitWidth = 8 | 16 | 32 | 64;
export const BIT_WIDTHS: readonly BitWidth[] = [8, 16, 32, 64];

/** An integer type: how many bits, and whether the top bit is a sign bit (two's complement). */
export interface IntType {
  width: BitWidth;
  signed: boolean;
}

/** Bad input to a bits helper; `position` is set when the problem is a character of a literal. */
export class BitsError extends Error {
  override readonly name = 'BitsError';
  readonly position: number | undefined;
  constructor(message: string, position?: number) {
    super(message);
    this.position = position;
  }
}

/** What a bits function gives for text a reader typed: its value, or the rule broken and where. */
export type BitsResult<T> = { ok: true; value: T } | { ok: false; message: string; position?: number };

/** Runs a bits function on a reader's input and returns a result instead of throwing a BitsError. */
export function bitsResult<T>(run: () => T): BitsResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (!(error instanceof BitsError)) throw error; // a bug, not bad input
    return error.position === undefined
      ? { ok: false, message: error.message }
      : { ok: false, message: error.message, position: error.position };
  }
}

function checkWidth(width: number): asserts width is BitWidth {
  if (width !== 8 && width !== 16 && width !== 32 && width !== 64) {
    throw new BitsError(`Width must be 8, 16, 32 or 64 bits, got ${String(width)}.`);
  }
}

/** Short name of an integer type: "u8", "i32"… */
export function intTypeName(type: IntType): string {
  return `${type.signed ? 'i' : 'u'}${type.width}`;
}

/** Smallest and largest value of a type: i8 → −128…127, u8 → 0…255. */
export function intRange(type: IntType): { min: bigint; max: bigint } {
  checkWidth(type.width);
  const w = BigInt(type.width);
  return type.signed ? { min: -(1n << (w - 1n)), max: (1n << (w - 1n)) - 1n } : { min: 0n, max: (1n << w) - 1n };
}

function describeType(type: IntType): string {
  const { min, max } = intRange(type);
  return `${intTypeName(type)} (${type.signed ? 'signed' : 'unsigned'} ${type.width}-bit, ${min}…${max})`;
}

function toBigInt(value: bigint | number, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isInteger(value)) throw new BitsError(`${what} must be a whole number, got ${String(value)}.`);
  if (!Number.isSafeInteger(value)) {
    throw new BitsError(
      `${what} ${String(value)} is beyond 2^53 and no longer exact as a JavaScript number; pass a BigInt.`,
    );
  }
  return BigInt(value);
}

/** Values a `width`-bit pattern can stand for: −2^(w−1) … 2^w − 1 (signed or unsigned reading). */
function checkFitsPattern(value: bigint, width: BitWidth): void {
  const w = BigInt(width);
  if (value < -(1n << (w - 1n)) || value > (1n << w) - 1n) {
    throw new BitsError(
      `${value} does not fit in ${width} bits (a ${width}-bit pattern reads as ${-(1n << (w - 1n))}…${(1n << w) - 1n}).`,
    );
  }
}

/** Read the low `width` bits of a value as two's complement: toSigned(255n, 8) → −1n. */
export function toSigned(value: bigint | number, width: BitWidth): bigint {
  checkWidth(width);
  const v = toBigInt(value, 'The value');
  checkFitsPattern(v, width);
  return BigInt.asIntN(width, v);
}

/** Read a value's `width`-bit pattern as unsigned: toUnsigned(−1n, 8) → 255n. */
export function toUnsigned(value: bigint | number, width: BitWidth): bigint {
  checkWidth(width);
  const v = toBigInt(value, 'The value');
  checkFitsPattern(v, width);
  return BigInt.asUintN(width, v);
}

/** Keep only the low bits, as a fixed-width register does (no range check): wrap(300n, u8) → 44n. */
export function wrap(value: bigint | number, type: IntType): bigint {
  checkWidth(type.width);
  const v = toBigInt(value, 'The value');
  return type.signed ? BigInt.asIntN(type.width, v) : BigInt.asUintN(type.width, v);
}

export interface ToBitsOptions {
  /** Put a space every `group` bits, counted from the right (e.g. 4 → "1000 0001"). */
  group?: number;
}

/** The `width`-bit two's-complement pattern of a value, most significant bit first: toBits(−1n, 8) → "11111111". */
export function toBits(value: bigint | number, width: BitWidth, options: ToBitsOptions = {}): string {
  const bits = toUnsigned(value, width).toString(2).padStart(width, '0');
  const group = options.group;
  if (group === undefined || group <= 0) return bits;
  if (!Number.isInteger(group)) throw new BitsError(`group must be a whole number of bits, got ${group}.`);
  const parts: string[] = [];
  for (let end = bits.length; end > 0; end -= group) parts.unshift(bits.slice(Math.max(0, end - group), end));
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Literals

export type Radix = 2 | 8 | 10 | 16;

export interface ParsedIntLiteral {
  /** The value, within the type's range. */
  value: bigint;
  radix: Radix;
  /**
   * True when a hex/binary/octal literal was read as a bit pattern of a signed type:
   * `0x80` as i8 is the pattern 1000 0000, which is −128.
   */
  bitPattern: boolean;
}

const RADIX_PREFIX: Record<string, Radix> = { '0x': 16, '0b': 2, '0o': 8 };
const RADIX_NAME: Record<Radix, string> = { 2: 'binary', 8: 'octal', 10: 'decimal', 16: 'hex' };
const RADIX_DIGITS: Record<Radix, string> = { 2: '0 or 1', 8: '0-7', 10: '0-9', 16: '0-9, a-f' };

function digitValue(c: string): number {
  const x = c.toLowerCase().charCodeAt(0);
  if (x >= 0x30 && x <= 0x39) return x - 0x30;
  if (x >= 0x61 && x <= 0x7a) return x - 0x61 + 10;
  return 99;
}

function quoteChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  if (cp > 0x20 && cp < 0x7f) return `"${c}"`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}${cp === 0x20 ? ' (space)' : cp === 0xa0 ? ' (no-break space)' : ''}`;
}

/**
 * Parse an integer literal as typed by a reader: decimal (`-128`), hex (`0xff`), binary
 * (`0b1000_0001`), octal (`0o17`), with an optional sign and `_` between digits (as in JavaScript).
 * The result is validated against the type. Hex, binary and octal literals without a sign may
 * also be written as the type's bit pattern: `0x80` as i8 gives −128.
 */
export function parseIntLiteralDetailed(text: string, type: IntType): ParsedIntLiteral {
  checkWidth(type.width);
  let i = 0;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  let end = text.length;
  while (end > i && /\s/.test(text[end - 1] ?? '')) end--;
  if (i === end) throw new BitsError('Type a number: decimal (200), hex (0xc8) or binary (0b11001000).', i);

  let negative = false;
  if (text[i] === '-' || text[i] === '+' || text[i] === '\u2212') {
    negative = text[i] !== '+';
    i++;
  }
  let radix: Radix = 10;
  const prefix = text.slice(i, i + 2).toLowerCase();
  const prefixed = RADIX_PREFIX[prefix];
  if (prefixed !== undefined) {
    radix = prefixed;
    i += 2;
  }
  if (i === end) {
    throw new BitsError(
      radix === 10
        ? 'A sign must be followed by digits.'
        : `"${text.slice(i - 2, i)}" must be followed by ${RADIX_NAME[radix]} digits.`,
      i,
    );
  }
  let magnitude = 0n;
  const big = BigInt(radix);
  let digits = 0;
  for (let k = i; k < end; k++) {
    const c = text[k] ?? '';
    if (c === '_') {
      const prev = text[k - 1];
      const next = text[k + 1];
      if (k === i || k === end - 1 || prev === '_' || next === '_') {
        throw new BitsError(`"_" at position ${k} must sit between two digits.`, k);
      }
      continue;
    }
    const d = digitValue(c);
    if (d >= radix) {
      const hint =
        radix === 10 && /[a-f]/i.test(c)
          ? ' (for hex, start with 0x)'
          : radix === 10 && c === '.'
            ? ' (integers only)'
            : '';
      throw new BitsError(
        `${quoteChar(c)} at position ${k} is not a ${RADIX_NAME[radix]} digit (${RADIX_DIGITS[radix]})${hint}.`,
        k,
      );
    }
    magnitude = magnitude * big + BigInt(d);
    digits++;
  }
  if (digits === 0) throw new BitsError('No digits found.', i);

  const value = negative ? -magnitude : magnitude;
  const { min, max } = intRange(type);
  const literal = text.slice(0, end).trim();
  if (value >= min && value <= max) return { value, radix, bitPattern: false };

  // A non-decimal literal is often a bit pattern: 0xff for an i8 means the bits 1111 1111.
  if (!negative && radix !== 10 && type.signed && magnitude < 1n << BigInt(type.width)) {
    return { value: BigInt.asIntN(type.width, magnitude), radix, bitPattern: true };
  }
  if (negative && !type.signed) {
    const pattern =
      value >= -(1n << BigInt(type.width - 1))
        ? ` Its ${type.width}-bit two's-complement pattern is 0x${BigInt.asUintN(type.width, value).toString(16)} = ${BigInt.asUintN(type.width, value)}.`
        : '';
    throw new BitsError(`${literal} is negative, but ${describeType(type)} has no negative values.${pattern}`);
  }
  if (radix !== 10 && !negative) {
    throw new BitsError(
      `${literal} has ${magnitude.toString(2).length} significant bits, more than the ${type.width} of ${describeType(type)}.`,
    );
  }
  const bitsNeeded = (negative ? magnitude - 1n : magnitude).toString(2).length + (type.signed || negative ? 1 : 0);
  throw new BitsError(
    `${literal} is too ${value < min ? 'small' : 'large'} for ${describeType(type)}: it needs ${bitsNeeded} bits.`,
  );
}

/** Like {@link parseIntLiteralDetailed}, returning just the value. */
export function parseIntLiteral(text: string, type: IntType): bigint {
  return parseIntLiteralDetailed(text, type).value;
}

// ---------------------------------------------------------------------------------------------
// Bitwise operators

export type BinaryBitOp = '&' | '|' | '^' | '<<' | '>>' | '>>>';
export type BitOp = BinaryBitOp | '~';

export interface BitOpResult {
  /** The result value. */
  value: bigint;
  /** The result's bit pattern at the operation's width. */
  bits: string;
  /** The expression as written, e.g. "1 << 31". */
  expression: string;
  /** What a reader may not expect (bits lost, sign changes, conversions, masking). */
  notes: string[];
}

function checkInType(value: bigint, type: IntType, what: string): void {
  const { min, max } = intRange(type);
  if (value < min || value > max) throw new BitsError(`${what} ${value} does not fit in ${describeType(type)}.`);
}

/**
 * Evaluate a bitwise operator with exact fixed-width semantics (a register of `type.width` bits):
 * `&`, `|`, `^`, `~` act on the bit patterns; `<<` drops bits shifted out of the top; `>>` is
 * arithmetic (copies the sign bit) for signed types and logical for unsigned ones; `>>>` is always
 * logical. Shift counts of `width` or more shift every bit out. For `~`, `b` is ignored.
 */
export function evalExact(op: BitOp, a: bigint | number, b: bigint | number | undefined, type: IntType): BitOpResult {
  checkWidth(type.width);
  const x = toBigInt(a, 'The left operand');
  checkInType(x, type, 'The left operand');
  const width = type.width;
  const w = BigInt(width);
  const mask = (1n << w) - 1n;
  const ux = BigInt.asUintN(width, x);
  const fromPattern = (p: bigint): bigint => (type.signed ? BigInt.asIntN(width, p) : BigInt.asUintN(width, p));
  const notes: string[] = [];
  let result: bigint;
  let expression: string;
  if (op === '~') {
    result = fromPattern(ux ^ mask);
    expression = `~${x}`;
    notes.push(
      type.signed
        ? `~x flips every bit; in two's complement that is −x − 1, so ~${x} = ${-x - 1n}.`
        : `~x flips every bit; for u${width} that is ${mask} − x.`,
    );
  } else {
    if (b === undefined) throw new BitsError(`The operator ${op} needs a right operand.`);
    const y = toBigInt(b, 'The right operand');
    expression = `${x} ${op} ${y}`;
    if (op === '&' || op === '|' || op === '^') {
      checkInType(y, type, 'The right operand');
      const uy = BigInt.asUintN(width, y);
      result = fromPattern(op === '&' ? ux & uy : op === '|' ? ux | uy : ux ^ uy);
    } else {
      if (y < 0n) throw new BitsError(`A shift count cannot be negative (got ${y}).`);
      if (y >= w) notes.push(`Shifting a ${width}-bit value by ${y} ≥ ${width} moves every bit out.`);
      const count = y >= w ? w : y;
      if (op === '<<') {
        result = fromPattern((ux << count) & mask);
        const exact = x * (1n << count);
        if (exact !== result) {
          const signFlip = type.signed && exact < 0n !== result < 0n ? ', and the sign bit now reads differently' : '';
          notes.push(
            `${x} × 2^${count} = ${exact} does not fit in ${intTypeName(type)}: bits shifted past the top are lost${signFlip}, leaving ${result}.`,
          );
        }
      } else if (op === '>>' && type.signed) {
        result = x >> count; // BigInt >> is arithmetic: the sign is preserved
        if (x < 0n)
          notes.push('>> on a signed type copies the sign bit into the vacated high bits (arithmetic shift).');
      } else {
        result = fromPattern(ux >> count);
        if (op === '>>>' && type.signed && x < 0n) {
          notes.push(`>>> fills with zeros, so a negative i${width} becomes positive: the sign bit is shifted away.`);
        }
      }
    }
  }
  return { value: result, bits: toBits(result, width), expression, notes };
}

function int32Bits(v: number): string {
  return (v >>> 0).toString(2).padStart(32, '0');
}

function formatNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

export interface JsBitOpResult {
  /** The result as JavaScript computes it (always a 32-bit integer: signed, or unsigned for >>>). */
  value: number;
  /** Its 32-bit pattern. */
  bits: string;
  /** The expression as written, e.g. "1 << 31". */
  expression: string;
  /** Each conversion or masking JavaScript applied, and why the result may surprise. */
  notes: string[];
}

/**
 * Evaluate a bitwise operator exactly as JavaScript does on numbers (ECMA-262 §13.15.3 /
 * §6.1.6.1.9–11): operands go through ToInt32 (ToUint32 for the left side of `>>>`), shift counts
 * are masked to 5 bits (`count & 31`), and the result is a signed 32-bit integer except for `>>>`,
 * whose result is unsigned. The notes explain each surprise. For `~`, `b` is ignored.
 */
export function evalJs(op: BitOp, a: number, b?: number): JsBitOpResult {
  const notes: string[] = [];
  const leftConverted = op === '>>>' ? a >>> 0 : a | 0;
  if (!Object.is(leftConverted, a) && !(a === 0 && leftConverted === 0)) {
    notes.push(
      `${formatNumber(a)} is first converted to a 32-bit ${op === '>>>' ? 'unsigned' : 'signed'} integer: ` +
        `${op === '>>>' ? 'ToUint32' : 'ToInt32'}(${formatNumber(a)}) = ${leftConverted}.`,
    );
  }
  let value: number;
  let expression: string;
  if (op === '~') {
    value = ~a;
    expression = `~${formatNumber(a)}`;
    notes.push(`~x flips all 32 bits; in two's complement that is −x − 1, so ~${leftConverted} = ${value}.`);
  } else {
    if (b === undefined) throw new BitsError(`The operator ${op} needs a right operand.`);
    expression = `${formatNumber(a)} ${op} ${formatNumber(b)}`;
    switch (op) {
      case '&':
        value = a & b;
        break;
      case '|':
        value = a | b;
        break;
      case '^':
        value = a ^ b;
        break;
      case '<<':
        value = a << b;
        break;
      case '>>':
        value = a >> b;
        break;
      case '>>>':
        value = a >>> b;
        break;
      default:
        throw new BitsError(`Unknown operator ${String(op)}.`);
    }
    if (op === '&' || op === '|' || op === '^') {
      const rightConverted = b | 0;
      if (!Object.is(rightConverted, b) && !(b === 0 && rightConverted === 0)) {
        notes.push(
          `${formatNumber(b)} is first converted to a 32-bit signed integer: ToInt32(${formatNumber(b)}) = ${rightConverted}.`,
        );
      }
      if (value < 0 && a >= 0 && b >= 0) {
        notes.push('The result is a signed 32-bit integer: bit 31 set makes it negative.');
      }
    } else {
      const count = (b >>> 0) & 31;
      if (!Object.is(count, b)) {
        notes.push(`The shift count is masked to 5 bits: ToUint32(${formatNumber(b)}) & 31 = ${count}.`);
      }
      if (op === '<<') {
        const exact = BigInt(leftConverted) * (1n << BigInt(count));
        if (BigInt(value) !== exact) {
          notes.push(
            `The result of << is a signed 32-bit integer: ${leftConverted} × 2^${count} = ${exact} does not fit, ` +
              `so the bits that remain read as ${value}.`,
          );
        }
      } else if (op === '>>' && leftConverted < 0) {
        notes.push(
          '>> is sign-propagating: copies of the sign bit fill in from the left, so the result stays negative.',
        );
      } else if (op === '>>>' && a < 0) {
        notes.push(
          `>>> fills with zeros and returns an unsigned 32-bit result: ${formatNumber(a)} reads as ${leftConverted}.`,
        );
      }
    }
  }
  return { value, bits: int32Bits(value), expression, notes };
}

// ---------------------------------------------------------------------------------------------
// Byte order (DataView)

export type NumberType = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'u64' | 'i64' | 'f32' | 'f64';

export interface NumberTypeInfo {
  type: NumberType;
  size: 1 | 2 | 4 | 8;
  kind: 'unsigned' | 'signed' | 'float';
  /** DataView method names, e.g. "setUint16" / "getUint16". */
  setter: string;
  getter: string;
  /** 64-bit integers go through BigInt (getBigUint64/setBigUint64). */
  bigint: boolean;
}

function info(
  type: NumberType,
  size: 1 | 2 | 4 | 8,
  kind: NumberTypeInfo['kind'],
  method: string,
  bigint = false,
): NumberTypeInfo {
  return { type, size, kind, setter: `set${method}`, getter: `get${method}`, bigint };
}

export const NUMBER_TYPES: Readonly<Record<NumberType, NumberTypeInfo>> = {
  u8: info('u8', 1, 'unsigned', 'Uint8'),
  i8: info('i8', 1, 'signed', 'Int8'),
  u16: info('u16', 2, 'unsigned', 'Uint16'),
  i16: info('i16', 2, 'signed', 'Int16'),
  u32: info('u32', 4, 'unsigned', 'Uint32'),
  i32: info('i32', 4, 'signed', 'Int32'),
  u64: info('u64', 8, 'unsigned', 'BigUint64', true),
  i64: info('i64', 8, 'signed', 'BigInt64', true),
  f32: info('f32', 4, 'float', 'Float32'),
  f64: info('f64', 8, 'float', 'Float64'),
};

/** Order in which `decodeAll` lists the types. */
export const NUMBER_TYPE_ORDER: readonly NumberType[] = [
  'u8',
  'i8',
  'u16',
  'i16',
  'u32',
  'i32',
  'u64',
  'i64',
  'f32',
  'f64',
];

function intTypeOf(t: NumberTypeInfo): IntType {
  return { width: (t.size * 8) as BitWidth, signed: t.kind === 'signed' };
}

function formatArg(value: number | bigint): string {
  return typeof value === 'bigint' ? `${value}n` : formatNumber(value);
}

function callText(method: string, args: string[], size: number, littleEndian: boolean): string {
  // One-byte accessors take no byte-order argument.
  return `view.${method}(${[...args, ...(size > 1 ? [String(littleEndian)] : [])].join(', ')})`;
}

const FLOAT_LITERAL = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|Infinity|NaN)$/i;

export interface EncodedNumber {
  type: NumberType;
  littleEndian: boolean;
  bytes: Uint8Array;
  /** The DataView call that writes these bytes, e.g. "view.setUint16(0, 258, false)". */
  call: string;
  /** The value actually stored (differs from the input for f32, which rounds). */
  stored: number | bigint;
  notes: string[];
}

/**
 * Encode a number into its bytes for `type` and byte order, through DataView as the lesson shows.
 * `value` may be a number, a BigInt, or text (integer literal as in {@link parseIntLiteral}, or a
 * decimal float). Integers outside the type's range are refused — DataView itself would silently
 * wrap them — with a message that says what it would have stored.
 */
export function encodeNumber(value: number | bigint | string, type: NumberType, littleEndian = false): EncodedNumber {
  const t = NUMBER_TYPES[type];
  if (t === undefined) throw new BitsError(`Unknown type ${String(type)}; use one of ${NUMBER_TYPE_ORDER.join(', ')}.`);
  const view = new DataView(new ArrayBuffer(t.size));
  const notes: string[] = [];
  let stored: number | bigint;
  if (t.kind === 'float') {
    let n: number;
    if (typeof value === 'string') {
      const s = value.trim();
      if (!FLOAT_LITERAL.test(s))
        throw new BitsError(`"${value}" is not a decimal number (e.g. 3.14, -1e-3, Infinity, NaN).`);
      n = Number(s);
    } else {
      n = Number(value);
    }
    if (type === 'f32') {
      view.setFloat32(0, n, littleEndian);
      stored = view.getFloat32(0, littleEndian);
      if (!Object.is(stored, n) && !(Number.isNaN(n) && Number.isNaN(stored))) {
        notes.push(
          Number.isFinite(n) && !Number.isFinite(stored)
            ? `${formatNumber(n)} is beyond the largest f32 (about 3.4e38) and becomes ${formatNumber(stored)}.`
            : `f32 cannot hold ${formatNumber(n)} exactly; the nearest f32 is ${formatNumber(stored)}.`,
        );
      }
    } else {
      view.setFloat64(0, n, littleEndian);
      stored = n;
    }
    return {
      type,
      littleEndian,
      bytes: new Uint8Array(view.buffer),
      call: callText(t.setter, ['0', formatNumber(n)], t.size, littleEndian),
      stored,
      notes,
    };
  }

  const intType = intTypeOf(t);
  let v: bigint;
  if (typeof value === 'string') {
    const parsed = parseIntLiteralDetailed(value, intType);
    v = parsed.value;
    if (parsed.bitPattern) notes.push(`${value.trim()} is read as the ${intType.width}-bit pattern of ${v}.`);
  } else {
    v = toBigInt(value, 'The value');
    const { min, max } = intRange(intType);
    if (v < min || v > max) {
      throw new BitsError(
        `${v} does not fit in ${describeType(intType)}. DataView.${t.setter} would silently store ` +
          `${wrap(v, intType)} (only the low ${intType.width} bits are kept).`,
      );
    }
  }
  if (t.bigint) {
    if (t.kind === 'signed') view.setBigInt64(0, v, littleEndian);
    else view.setBigUint64(0, v, littleEndian);
    stored = v;
  } else {
    const n = Number(v);
    switch (type) {
      case 'u8':
        view.setUint8(0, n);
        break;
      case 'i8':
        view.setInt8(0, n);
        break;
      case 'u16':
        view.setUint16(0, n, littleEndian);
        break;
      case 'i16':
        view.setInt16(0, n, littleEndian);
        break;
      case 'u32':
        view.setUint32(0, n, littleEndian);
        break;
      default:
        view.setInt32(0, n, littleEndian);
    }
    stored = n;
  }
  return {
    type,
    littleEndian,
    bytes: new Uint8Array(view.buffer),
    call: callText(t.setter, ['0', formatArg(stored)], t.size, littleEndian),
    stored,
    notes,
  };
}

export interface DecodedNumber {
  type: NumberType;
  littleEndian: boolean;
  size: number;
  /** The DataView call that reads it, e.g. "view.getUint16(0, false)". */
  call: string;
  /** The value, when there were enough bytes (BigInt for 64-bit integers). */
  value?: number | bigint;
  /** How many bytes were missing, when there were not. */
  missing?: number;
}

/**
 * Read `bytes` (from `offset`) as every type, in both byte orders (one-byte types once), as a
 * DataView would. Types that need more bytes than remain come back with `missing` instead of `value`.
 */
export function decodeAll(bytes: Uint8Array, offset = 0): DecodedNumber[] {
  if (!Number.isInteger(offset) || offset < 0) throw new BitsError(`offset must be a whole number ≥ 0, got ${offset}.`);
  const available = Math.max(0, bytes.length - offset);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: DecodedNumber[] = [];
  for (const type of NUMBER_TYPE_ORDER) {
    const t = NUMBER_TYPES[type];
    for (const littleEndian of t.size === 1 ? [false] : [false, true]) {
      const call = callText(t.getter, [String(offset)], t.size, littleEndian);
      if (available < t.size) {
        out.push({ type, littleEndian, size: t.size, call, missing: t.size - available });
        continue;
      }
      let value: number | bigint;
      switch (type) {
        case 'u8':
          value = view.getUint8(offset);
          break;
        case 'i8':
          value = view.getInt8(offset);
          break;
        case 'u16':
          value = view.getUint16(offset, littleEndian);
          break;
        case 'i16':
          value = view.getInt16(offset, littleEndian);
          break;
        case 'u32':
          value = view.getUint32(offset, littleEndian);
          break;
        case 'i32':
          value = view.getInt32(offset, littleEndian);
          break;
        case 'u64':
          value = view.getBigUint64(offset, littleEndian);
          break;
        case 'i64':
          value = view.getBigInt64(offset, littleEndian);
          break;
        case 'f32':
          value = view.getFloat32(offset, littleEndian);
          break;
        case 'f64':
          value = view.getFloat64(offset, littleEndian);
          break;
        default:
          throw new BitsError(`Unknown type ${String(type)}.`);
      }
      out.push({ type, littleEndian, size: t.size, call, value });
    }
  }
  return out;
}
