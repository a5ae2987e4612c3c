/**
 * Number and byte formatting, one copy for the whole site, so a number or byte string reads the same in a
 * figure, a widget, a prompt, a hint and a checker message. Pure; deterministic on server and client (no locale
 * APIs, whose output differs between Node and browsers).
 */

/**
 * 131744 → "131,744"; negative and fractional numbers keep their sign (a real minus) and decimals. BigInts are
 * grouped exactly: 2^63 − 1 → "9,223,372,036,854,775,807".
 */
export function groupDigits(n: number | bigint): string {
  if (typeof n === 'bigint')
    return `${n < 0n ? '−' : ''}${String(n < 0n ? -n : n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  if (!Number.isFinite(n)) return String(n);
  const [int = '', frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '−' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** 0x1 → "0x1", 0x2029 → "0x2029": lowercase digits, at least `width` of them. */
export function hexNumber(n: number, width = 1): string {
  return `0x${n.toString(16).padStart(width, '0')}`;
}

/** 0xa5 → "a5". */
export function hexByte(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}

/** Bytes as "37 fa 21 3d". */
export function hexBytes(bytes: ArrayLike<number>): string {
  return Array.from(bytes, hexByte).join(' ');
}

/** 0b10100101 as "1010 0101" (nibbles apart): how the lessons draw a byte's bits. */
export function bits8(n: number): string {
  const b = (n & 0xff).toString(2).padStart(8, '0');
  return `${b.slice(0, 4)} ${b.slice(4)}`;
}

/** 1 → "1 byte", 5 → "5 bytes". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${groupDigits(n)} ${n === 1 ? one : many}`;
}

/** 131743.6 → "131,744": rounded to a whole number, then grouped. */
export function groupInt(n: number): string {
  return groupDigits(Math.round(n));
}

/** `count` bits of a byte from bit `from` (0 = most significant), as "0", "1" digits: bitsOf(0x81, 4, 4) = "0001". */
export function bitsOf(byte: number, from: number, count: number): string {
  return (byte & 0xff)
    .toString(2)
    .padStart(8, '0')
    .slice(from, from + count);
}

/** The largest value an unsigned field of `bitCount` bits holds: 2^bits − 1. */
export function maxUnsigned(bitCount: number): number {
  return 2 ** bitCount - 1;
}
