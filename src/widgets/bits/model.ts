/**
 * View logic of the bitwise playground: parse the operands for the chosen type, lay bits out in
 * bytes and nibbles, toggle one bit, write a value back in the radix the reader typed, and put the
 * exact-width result (`evalExact`) beside what JavaScript computes (`evalJs`). The arithmetic is the
 * core's (src/protocol/bits.ts); this file only arranges it.
 */
import {
  bitsResult,
  evalExact,
  evalJs,
  intRange,
  intTypeName,
  parseIntLiteralDetailed,
  toBits,
  toUnsigned,
  wrap,
  type BitOp,
  type BitOpResult,
  type BitWidth,
  type IntType,
  type JsBitOpResult,
  type Radix,
} from '../../protocol/bits';

export const OPERATORS: readonly { op: BitOp; name: string }[] = [
  { op: '&', name: 'AND' },
  { op: '|', name: 'OR' },
  { op: '^', name: 'XOR' },
  { op: '~', name: 'NOT' },
  { op: '<<', name: 'shift left' },
  { op: '>>', name: 'shift right' },
  { op: '>>>', name: 'unsigned shift right' },
];

export function isBitOp(value: unknown): value is BitOp {
  return OPERATORS.some((o) => o.op === value);
}

export function isShift(op: BitOp): boolean {
  return op === '<<' || op === '>>' || op === '>>>';
}

export function isBitWidth(value: unknown): value is BitWidth {
  return value === 8 || value === 16 || value === 32 || value === 64;
}

/** Shift counts are read as u8 (0…255): enough to show every count JavaScript masks to 5 bits. */
const COUNT_TYPE: IntType = { width: 8, signed: false };

export type OperandParse =
  { ok: true; value: bigint; radix: Radix; bitPattern: boolean } | { ok: false; message: string; position?: number };

/** An operand as typed, checked against the type (the core's literal parser, its errors kept). */
export function parseOperand(text: string, type: IntType): OperandParse {
  const parsed = bitsResult(() => parseIntLiteralDetailed(text, type));
  return parsed.ok ? { ok: true, ...parsed.value } : parsed;
}

/** A shift count: a whole number from 0 to 255. */
export function parseShiftCount(text: string): OperandParse {
  const parsed = parseOperand(text, COUNT_TYPE);
  if (parsed.ok || !/negative|too large|significant bits/.test(parsed.message)) return parsed;
  return { ok: false, message: 'A shift count is a whole number from 0 to 255 here.' };
}

export interface BitCell {
  /** Bit number, 0 = least significant. */
  index: number;
  on: boolean;
}

export interface ByteGroup {
  /** Highest and lowest bit numbers in the byte, e.g. 15 and 8. */
  high: number;
  low: number;
  /** Most significant first, as numbers are written. */
  bits: BitCell[];
}

/** The value's bit pattern at `width`, as bytes (most significant first) of 8 bits each. */
export function byteGroups(value: bigint, width: BitWidth): ByteGroup[] {
  const pattern = toUnsigned(value, width);
  const groups: ByteGroup[] = [];
  for (let high = width - 1; high >= 0; high -= 8) {
    const bits: BitCell[] = [];
    for (let index = high; index > high - 8; index--)
      bits.push({ index, on: ((pattern >> BigInt(index)) & 1n) === 1n });
    groups.push({ high, low: high - 7, bits });
  }
  return groups;
}

/** The value with bit `index` flipped, read back in the type (flipping the top bit of a signed type changes the sign). */
export function toggleBit(value: bigint, index: number, type: IntType): bigint {
  const pattern = toUnsigned(value, type.width) ^ (1n << BigInt(index));
  return wrap(pattern, type);
}

/**
 * The value written in `radix`, in a form `parseIntLiteral` reads back as the same value: decimal with
 * its sign; hex, binary and octal as the type's full bit pattern (so −1 as i8 is 0xff), binary grouped
 * by nibble with "_".
 */
export function formatLiteral(value: bigint, radix: Radix, type: IntType): string {
  if (radix === 10) return value.toString();
  const pattern = toUnsigned(value, type.width);
  if (radix === 16) return `0x${pattern.toString(16).padStart(type.width / 4, '0')}`;
  if (radix === 2) return `0b${toBits(value, type.width, { group: 4 }).replaceAll(' ', '_')}`;
  return `0o${pattern.toString(8)}`;
}

/** "55 = 0x37 = 0b0011_0111", and the other reading of the same bits when the type has a sign. */
export function describeValue(value: bigint, type: IntType): string {
  const forms = [value.toString(), formatLiteral(value, 16, type)];
  if (type.width <= 16) forms.push(formatLiteral(value, 2, type));
  let text = forms.join(' = ');
  const other = type.signed ? toUnsigned(value, type.width) : wrap(value, { width: type.width, signed: true });
  if (other !== value) text += ` (the same bits read as ${type.signed ? 'unsigned' : 'signed'}: ${other})`;
  return text;
}

/** "i8: −128 … 127". */
export function rangeText(type: IntType): string {
  const { min, max } = intRange(type);
  return `${intTypeName(type)}: ${min} … ${max}`;
}

export interface PlaygroundState {
  a: string;
  b: string;
  op: BitOp;
  width: BitWidth;
  signed: boolean;
}

export const DEFAULT_PLAYGROUND: PlaygroundState = { a: '0x37', b: '0xfa', op: '^', width: 8, signed: false };

/** How JavaScript gets the exact result back from its 32-bit answer, e.g. "(…) & 0xff". */
export interface JsFix {
  expression: string;
  value: number;
}

export interface JsView {
  /** Evaluated on Numbers, as `a ^ b` in JavaScript. */
  result: JsBitOpResult;
  /** Whether it equals the exact-width result. */
  same: boolean;
  /** For widths below 64: the expression that turns the 32-bit answer into the exact one, when one does. */
  fix?: JsFix;
  /** For 64 bits: the BigInt expression that gives the exact result. */
  bigint?: string;
  /** Extra notes about the conversion to Number (64-bit values above 2^53). */
  notes: string[];
}

export type PlaygroundResult =
  | { ok: true; type: IntType; a: bigint; b: bigint | undefined; exact: BitOpResult; js: JsView }
  | { ok: false; field: 'a' | 'b' | 'op'; message: string };

/** Everything the playground shows for a state: both operands parsed, the exact result, JavaScript's. */
export function computePlayground(state: PlaygroundState): PlaygroundResult {
  const type: IntType = { width: state.width, signed: state.signed };
  const a = parseOperand(state.a, type);
  if (!a.ok) return { ok: false, field: 'a', message: a.message };
  let b: bigint | undefined;
  if (state.op !== '~') {
    const parsed = isShift(state.op) ? parseShiftCount(state.b) : parseOperand(state.b, type);
    if (!parsed.ok) return { ok: false, field: 'b', message: parsed.message };
    b = parsed.value;
  }
  const computed = bitsResult(() => evalExact(state.op, a.value, b, type));
  if (!computed.ok) return { ok: false, field: 'op', message: computed.message };
  const exact = computed.value;
  return { ok: true, type, a: a.value, b, exact, js: jsView(state.op, a.value, b, type, exact.value) };
}

function jsView(op: BitOp, a: bigint, b: bigint | undefined, type: IntType, exact: bigint): JsView {
  const notes: string[] = [];
  const na = Number(a);
  const nb = b === undefined ? undefined : Number(b);
  if (BigInt(na) !== a || (nb !== undefined && b !== undefined && BigInt(nb) !== b)) {
    notes.push('A Number holds integers exactly only up to 2^53; this 64-bit operand was rounded when converted.');
  }
  const result = evalJs(op, na, nb);
  const same = BigInt(result.value) === exact;
  const view: JsView = { result, same, notes };
  if (type.width === 64) {
    view.bigint = bigintExpression(op, type);
    return view;
  }
  if (!same) {
    const fix = fixFor(result.value, type);
    if (BigInt(fix.value) === exact) view.fix = fix;
  }
  return view;
}

/** The usual JavaScript idiom that turns a 32-bit result into the type's value. */
function fixFor(value: number, type: IntType): JsFix {
  const w = type.width;
  if (w === 32) {
    return type.signed
      ? { expression: '(…) | 0', value: evalJs('|', value, 0).value }
      : { expression: '(…) >>> 0', value: evalJs('>>>', value, 0).value };
  }
  if (!type.signed) {
    const mask = (1 << w) - 1;
    return { expression: `(…) & 0x${mask.toString(16)}`, value: evalJs('&', value, mask).value };
  }
  // Sign-extend the low w bits: move them to the top, then shift back with the sign-propagating >>.
  const shift = 32 - w;
  return {
    expression: `(…) << ${shift} >> ${shift}`,
    value: evalJs('>>', evalJs('<<', value, shift).value, shift).value,
  };
}

/** How 64-bit values are done in JavaScript: BigInt, then cut to 64 bits with BigInt.asUintN / asIntN. */
function bigintExpression(op: BitOp, type: IntType): string {
  const cut = type.signed ? 'BigInt.asIntN' : 'BigInt.asUintN';
  switch (op) {
    case '~':
      return `${cut}(64, ~a)`;
    case '>>>':
      // BigInt has no >>> (it throws a TypeError): shift the unsigned pattern instead.
      return type.signed ? 'BigInt.asIntN(64, BigInt.asUintN(64, a) >> b)' : 'a >> b';
    case '>>':
      return 'a >> b';
    case '<<':
      return `${cut}(64, a << b)`;
    default:
      return `${cut}(64, a ${op} b)`;
  }
}

/** The operands' hash keys; defaults are left out of the link. */
export function playgroundHashValues(state: PlaygroundState): Record<string, string | undefined> {
  const d = DEFAULT_PLAYGROUND;
  return {
    a: state.a === d.a ? undefined : state.a,
    b: state.b === d.b ? undefined : state.b,
    op: state.op === d.op ? undefined : state.op,
    w: state.width === d.width ? undefined : String(state.width),
    signed: state.signed === d.signed ? undefined : state.signed ? '1' : '0',
  };
}

/** The state a link describes; unknown or malformed values are ignored. */
export function playgroundFromHash(params: Record<string, string>): Partial<PlaygroundState> {
  const out: Partial<PlaygroundState> = {};
  if (params.a !== undefined) out.a = params.a;
  if (params.b !== undefined) out.b = params.b;
  if (isBitOp(params.op)) out.op = params.op;
  const w = Number(params.w);
  if (isBitWidth(w)) out.width = w;
  if (params.signed === '1' || params.signed === '0') out.signed = params.signed === '1';
  return out;
}
