/**
 * Numbers and figures of the lessons "Start here" and "Bits, bytes and byte order", computed at build time by
 * the project's code (src/protocol/bits.ts, the WebSocket codec) so the prose cannot drift from it:
 * `<BitsValue name="i8Min" />`, `<BitOpsFigure />`, `<JsBitsTable />` …
 *
 * Pure functions of their inputs; the .astro components only lay the results out.
 */
import { groupDigits } from '../../../explain/format';
import {
  decodeAll,
  encodeNumber,
  evalExact,
  evalJs,
  intRange,
  toBits,
  toSigned,
  type BitOp,
  type BitWidth,
  type IntType,
  type NumberType,
} from '../../../protocol/bits';
import { parseHex, toHex } from '../../../protocol/hex';
import { decodeFrames } from '../../../protocol/websocket/decoder';
import type { Frame } from '../../../protocol/websocket/types';
import { RFC_MASKED_HELLO } from '../../../../content/captures/rfc6455-examples';

// ---------------------------------------------------------------------------------------------------------------
// Formatting

/** 0xcc → "0xcc"; at least `digits` hex digits. */
export function hexLiteral(n: number | bigint, digits = 2): string {
  return `0x${BigInt.asUintN(64, BigInt(n)).toString(16).padStart(digits, '0')}`;
}

const U8: IntType = { width: 8, signed: false };
const I8: IntType = { width: 8, signed: true };

// ---------------------------------------------------------------------------------------------------------------
// The RFC 6455 §5.7 "Hello" frame, as the decoder reads it

export interface HelloFrame {
  hex: string;
  bytes: Uint8Array;
  frame: Frame;
  text: string;
}

/** Decodes RFC 6455 §5.7's masked "Hello" with the codec; throws (failing the build) if it stops decoding cleanly. */
export function rfcHelloFrame(): HelloFrame {
  const bytes = parseHex(RFC_MASKED_HELLO);
  const { frames, violations } = decodeFrames(bytes, { from: 'client' });
  const frame = frames[0];
  if (frame === undefined || frames.length !== 1 || violations.length > 0) {
    throw new Error(`RFC 6455 §5.7 "Hello" no longer decodes to one clean frame: ${JSON.stringify(violations)}`);
  }
  return { hex: RFC_MASKED_HELLO, bytes, frame, text: new TextDecoder().decode(frame.payload) };
}

// ---------------------------------------------------------------------------------------------------------------
// Facts for the prose

function range(width: BitWidth, signed: boolean): { min: bigint; max: bigint } {
  return intRange({ width, signed });
}

function jsValue(op: BitOp, a: number, b?: number): number {
  return evalJs(op, a, b).value;
}

/**
 * Reads four bytes big-endian the way many first attempts do: shifts and `|` only. JavaScript's `|` returns a
 * signed 32-bit integer, so a first byte of 0x80 or more gives a negative number — the pitfall the lesson shows.
 */
export function naiveReadU32(bytes: ArrayLike<number>): number {
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = Array.from(bytes);
  return (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
}

/** The same read with `>>> 0` at the end: ToUint32 turns the bit pattern back into 0 … 2^32 − 1. */
export function fixedReadU32(bytes: ArrayLike<number>): number {
  return naiveReadU32(bytes) >>> 0;
}

function dataViewU32(bytes: Uint8Array): number {
  const read = decodeAll(bytes).find((d) => d.type === 'u32' && !d.littleEndian);
  if (read?.value === undefined) throw new Error('decodeAll gave no u32');
  return Number(read.value);
}

/** Bytes of the pitfall example: the top bit of the first byte set. */
export const U32_PITFALL_BYTES = Uint8Array.of(0xff, 0xff, 0xff, 0xfe);

function u16Of0102(littleEndian: boolean): number {
  const read = decodeAll(Uint8Array.of(0x01, 0x02)).find((d) => d.type === 'u16' && d.littleEndian === littleEndian);
  if (read?.value === undefined) throw new Error('decodeAll gave no u16');
  return Number(read.value);
}

function hello(): HelloFrame {
  return rfcHelloFrame();
}

/** The RFC 6455 §5.7 "Hello" frame's first two bytes, the ones the lessons take apart bit by bit. */
export function firstHeaderBytes(): [number, number] {
  const { bytes } = hello();
  return [bytes[0] ?? 0, bytes[1] ?? 0];
}

export const BITS_FACTS = {
  // Sizes. kB/MB: SI prefixes (powers of 10); KiB/MiB: IEC 80000-13 binary prefixes (powers of 2).
  kB: () => groupDigits(10 ** 3),
  MB: () => groupDigits(10 ** 6),
  KiB: () => groupDigits(2 ** 10),
  MiB: () => groupDigits(2 ** 20),
  GiB: () => groupDigits(2 ** 30),
  /** How much bigger a GiB is than a GB, in whole percent. */
  gibOverGbPercent: () => String(Math.round((2 ** 30 / 10 ** 9 - 1) * 100)),
  /** How many distinct patterns a byte has. */
  bytePatterns: () => groupDigits(range(8, false).max + 1n),
  nibblePatterns: () => groupDigits(2 ** 4),
  u8Max: () => groupDigits(range(8, false).max),
  i8Min: () => groupDigits(range(8, true).min),
  i8Max: () => groupDigits(range(8, true).max),
  /** Weight of the top bit of a byte: +128 unsigned, −128 in two's complement. */
  topBitWeight: () => groupDigits(-range(8, true).min),
  u16Max: () => groupDigits(range(16, false).max),
  u32Max: () => groupDigits(range(32, false).max),
  i32Min: () => groupDigits(range(32, true).min),
  i32Max: () => groupDigits(range(32, true).max),
  u64Max: () => groupDigits(range(64, false).max),
  maxSafeInteger: () => groupDigits(Number.MAX_SAFE_INTEGER),
  /** 0x81 read as i8, and the sign-magnitude misreading of the same byte. */
  i8Of81: () => groupDigits(toSigned(0x81, 8)),
  signMagnitude81: () => groupDigits(-(0x81 & 0x7f)),
  i8OfFf: () => groupDigits(toSigned(0xff, 8)),
  // JavaScript's 32-bit operators (evalJs does exactly what the engine does).
  jsOneShl31: () => groupDigits(jsValue('<<', 1, 31)),
  jsOneShl31Unsigned: () => groupDigits(jsValue('>>>', jsValue('<<', 1, 31), 0)),
  jsOneShl32: () => groupDigits(jsValue('<<', 1, 32)),
  exactOneShl31: () => groupDigits(evalExact('<<', 1, 31, { width: 64, signed: false }).value),
  jsCcShl1: () => groupDigits(jsValue('<<', 0xcc, 1)),
  u8CcShl1: () => groupDigits(evalExact('<<', 0xcc, 1, U8).value),
  pitfallBytes: () => toHex(U32_PITFALL_BYTES),
  pitfallNaive: () => groupDigits(naiveReadU32(U32_PITFALL_BYTES)),
  pitfallFixed: () => groupDigits(fixedReadU32(U32_PITFALL_BYTES)),
  pitfallDataView: () => groupDigits(dataViewU32(U32_PITFALL_BYTES)),
  // Byte order.
  bytes258BE: () => toHex(encodeNumber(258, 'u16', false).bytes),
  bytes258LE: () => toHex(encodeNumber(258, 'u16', true).bytes),
  hex258: () => hexLiteral(258, 4),
  /** The bytes 01 02 read as u16 both ways (the typed-array example). */
  read0102BE: () => groupDigits(u16Of0102(false)),
  read0102LE: () => groupDigits(u16Of0102(true)),
  // XOR twice (the article's example: 0b1010 ^ 0b1100 ^ 0b1100).
  xorOnce: () => `0b${toBits(evalExact('^', 0b1010, 0b1100, U8).value, 8).slice(4)}`,
  xorTwice: () => `0b${toBits(evalExact('^', evalExact('^', 0b1010, 0b1100, U8).value, 0b1100, U8).value, 8).slice(4)}`,
  // The RFC 6455 §5.7 "Hello" frame.
  helloHex: () => hello().hex,
  helloText: () => hello().text,
  helloLength: () => String(hello().frame.payloadLength),
  helloTotal: () => String(hello().bytes.length),
  helloHeaderLength: () => String(hello().frame.headerLength),
  helloMaskedPayload: () => toHex(hello().bytes.subarray(hello().frame.headerLength)),
  helloByte0: () => hexLiteral(firstHeaderBytes()[0]),
  helloByte1: () => hexLiteral(firstHeaderBytes()[1]),
  helloByte0Bits: () => toBits(firstHeaderBytes()[0], 8, { group: 4 }),
  helloByte1Bits: () => toBits(firstHeaderBytes()[1], 8, { group: 4 }),
  helloOpcode: () => hexLiteral(hello().frame.opcode, 1),
  /** The 7-bit length field of byte 1: its low seven bits. */
  helloLen7: () => String(Number(evalExact('&', firstHeaderBytes()[1], 0x7f, U8).value)),
} as const satisfies Record<string, () => string>;

export type BitsFactName = keyof typeof BITS_FACTS;

// ---------------------------------------------------------------------------------------------------------------
// Bit grids: the operators on two bytes, column by column

export interface BitRow {
  /** Operator or blank, printed left of the bits ("&", "~", "<< 1"). */
  label: string;
  bits: string;
  /** The row's value as hex and decimal. */
  hex: string;
  decimal: string;
  /** Result row (drawn under a rule). */
  result: boolean;
}

export interface BitOpPanel {
  op: BitOp;
  /** Heading: "a & b — AND". */
  title: string;
  rows: BitRow[];
  /** What to notice, from evalExact's notes or the operator's rule. */
  note: string;
}

const OP_RULES: Record<BitOp, string> = {
  '&': '1 only where both bits are 1: keeps the bits a mask selects.',
  '|': '1 where either bit is 1: sets bits.',
  '^': '1 where the two bits differ: flips the bits that are set in b.',
  '~': 'Every bit flipped.',
  '<<': 'Every bit moves left; zeros come in on the right.',
  '>>': 'Every bit moves right.',
  '>>>': 'Every bit moves right; zeros come in on the left.',
};

const OP_NAMES: Record<BitOp, string> = {
  '&': 'AND',
  '|': 'OR',
  '^': 'XOR',
  '~': 'NOT',
  '<<': 'shift left',
  '>>': 'shift right',
  '>>>': 'unsigned shift right',
};

function row(label: string, value: bigint, type: IntType, result: boolean): BitRow {
  return {
    label,
    bits: toBits(value, type.width, { group: 4 }),
    hex: hexLiteral(BigInt.asUintN(type.width, value), type.width / 4),
    decimal: groupDigits(value),
    result,
  };
}

export interface BitOpsSpec {
  op: BitOp;
  /** Second operand, or the shift count. */
  b?: number;
  /** Read the operands as signed (i8) — changes what >> copies in. */
  signed?: boolean;
}

/**
 * One panel per operator on 8-bit operands, evaluated by evalExact (a register of exactly 8 bits).
 * `a` is given as its bit pattern (0xcc); for a signed panel it is read as i8.
 */
export function bitOpPanels(a: number, specs: readonly BitOpsSpec[]): BitOpPanel[] {
  return specs.map(({ op, b, signed = false }) => {
    const type = signed ? I8 : U8;
    const left = signed ? toSigned(a, 8) : BigInt(a);
    const typeName = signed ? 'i8' : 'u8';
    if (op === '~') {
      const r = evalExact('~', left, undefined, type);
      return {
        op,
        title: `~a — ${OP_NAMES[op]}`,
        rows: [row('', left, type, false), row('~', r.value, type, true)],
        note: OP_RULES[op],
      };
    }
    if (b === undefined) throw new Error(`bitOpPanels: ${op} needs b`);
    const r = evalExact(op, left, op === '<<' || op === '>>' || op === '>>>' ? b : signed ? toSigned(b, 8) : b, type);
    const shift = op === '<<' || op === '>>' || op === '>>>';
    const rows = shift
      ? [row(`${op} ${b}`, left, type, false), row('', r.value, type, true)]
      : [
          row('', left, type, false),
          row(op, signed ? toSigned(b, 8) : BigInt(b), type, false),
          row('', r.value, type, true),
        ];
    // Say what is special about this case: bits lost off the top, the sign copied in.
    let note = OP_RULES[op];
    if (op === '<<' && r.notes.length > 0) note = 'Every bit moves left; the top bit falls off an 8-bit register.';
    if (op === '>>' && signed)
      note = `On a signed byte (${typeName}), copies of the sign bit come in from the left: ${groupDigits(left)} >> ${b} = ${groupDigits(r.value)}.`;
    if (op === '>>' && !signed) note = `On an unsigned byte (${typeName}), zeros come in from the left.`;
    const title = shift
      ? `a ${op} ${b}${signed ? ' (as i8)' : op === '>>' ? ' (as u8)' : ''} — ${OP_NAMES[op]}`
      : `a ${op} b — ${OP_NAMES[op]}`;
    return { op, title, rows, note };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Signed and unsigned readings of a byte

export interface ByteReadingRow {
  hex: string;
  bits: string;
  unsigned: string;
  signed: string;
}

export function byteReadings(bytes: readonly number[]): ByteReadingRow[] {
  return bytes.map((b) => ({
    hex: hexLiteral(b),
    bits: toBits(b, 8, { group: 4 }),
    unsigned: groupDigits(b),
    signed: groupDigits(toSigned(b, 8)),
  }));
}

export interface RangeRow {
  width: BitWidth;
  unsigned: { name: string; array: string; min: string; max: string };
  signed: { name: string; array: string; min: string; max: string };
}

const ARRAY_NAMES: Record<BitWidth, [string, string]> = {
  8: ['Uint8Array', 'Int8Array'],
  16: ['Uint16Array', 'Int16Array'],
  32: ['Uint32Array', 'Int32Array'],
  64: ['BigUint64Array', 'BigInt64Array'],
};

export function intRanges(widths: readonly BitWidth[] = [8, 16, 32, 64]): RangeRow[] {
  return widths.map((width) => {
    const u = intRange({ width, signed: false });
    const i = intRange({ width, signed: true });
    const [ua, ia] = ARRAY_NAMES[width];
    return {
      width,
      unsigned: { name: `u${width}`, array: ua, min: groupDigits(u.min), max: groupDigits(u.max) },
      signed: { name: `i${width}`, array: ia, min: groupDigits(i.min), max: groupDigits(i.max) },
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// JavaScript's 32-bit surprises

export interface JsBitsCase {
  /** The expression as the reader would type it. */
  source: string;
  op: BitOp;
  a: number;
  b?: number;
  /** What a reader might expect instead (exact arithmetic), shown beside JavaScript's answer. */
  expect?: bigint;
  /** Said when evalJs has no note (nothing was converted or lost). */
  why?: string;
}

export interface JsBitsRow {
  source: string;
  value: string;
  bits: string;
  expected?: string;
  notes: string[];
}

/**
 * Each case evaluated by evalJs, and — as a guard — by the JavaScript engine running the build on `source`
 * itself: if the two ever disagree (or a case's source and operands drift apart), the build fails.
 */
export function jsBitsRows(cases: readonly JsBitsCase[]): JsBitsRow[] {
  return cases.map((c) => {
    const r = evalJs(c.op, c.a, c.b);
    const engine = Function(`"use strict"; return (${c.source});`)() as unknown;
    if (!Object.is(engine, r.value)) {
      throw new Error(
        `JsBitsTable: ${c.source} evaluates to ${String(engine)} but evalJs(${c.op}, ${c.a}, ${String(c.b)}) gives ${r.value}`,
      );
    }
    return {
      source: c.source,
      value: groupDigits(r.value),
      bits: `${r.bits.slice(0, 8)} … ${r.bits.slice(24)}`,
      ...(c.expect !== undefined && c.expect !== BigInt(r.value) ? { expected: groupDigits(c.expect) } : {}),
      notes: r.notes.length > 0 ? r.notes : c.why !== undefined ? [c.why] : [],
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Byte order

export interface ByteOrderRow {
  value: string;
  hex: string;
  type: NumberType;
  big: string;
  little: string;
  bigCall: string;
  littleCall: string;
}

export function byteOrderRows(items: readonly { value: number | bigint; type: NumberType }[]): ByteOrderRow[] {
  return items.map(({ value, type }) => {
    const be = encodeNumber(value, type, false);
    const le = encodeNumber(value, type, true);
    return {
      value: groupDigits(value),
      hex: hexLiteral(value, be.bytes.length * 2),
      type,
      big: toHex(be.bytes),
      little: toHex(le.bytes),
      bigCall: be.call,
      littleCall: le.call,
    };
  });
}
