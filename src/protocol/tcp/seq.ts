/**
 * TCP sequence-number arithmetic (RFC 9293 §3.4): sequence numbers are 32-bit and wrap, so all
 * arithmetic is modulo 2^32 and "a comes before b" means the forward distance from a to b is less than
 * 2^31 (serial number arithmetic, as in RFC 1982 and the Linux `before()`/`after()` macros).
 *
 * Values are plain numbers in [0, 2^32). Inputs outside that range are reduced modulo 2^32 first.
 */

export const SEQ_MODULUS = 4294967296; // 2^32
const HALF = 2147483648; // 2^31

/** Reduce any integer to [0, 2^32). */
export function seqNorm(n: number): number {
  const r = n % SEQ_MODULUS;
  return r < 0 ? r + SEQ_MODULUS : r;
}

/** a + n (mod 2^32). `n` may be negative. */
export function seqAdd(a: number, n: number): number {
  return seqNorm(seqNorm(a) + n);
}

/** The forward distance from `b` to `a`: (a − b) mod 2^32, in [0, 2^32). */
export function seqSub(a: number, b: number): number {
  return seqNorm(seqNorm(a) - seqNorm(b));
}

/**
 * The signed distance a − b in (−2^31, 2^31]: positive when a is "after" b. This is the comparison the
 * RFC's `<` means for sequence numbers (RFC 9293 §3.4: "the symbol =< means less than or equal (modulo 2^32)").
 */
export function seqDiff(a: number, b: number): number {
  const d = seqSub(a, b);
  return d > HALF ? d - SEQ_MODULUS : d;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(a, b) < 0;
}
export function seqLe(a: number, b: number): boolean {
  return seqDiff(a, b) <= 0;
}
export function seqGt(a: number, b: number): boolean {
  return seqDiff(a, b) > 0;
}
export function seqGe(a: number, b: number): boolean {
  return seqDiff(a, b) >= 0;
}
/** The later of two sequence numbers (wrap-aware). */
export function seqMax(a: number, b: number): number {
  return seqGe(a, b) ? seqNorm(a) : seqNorm(b);
}

/** True when `x` lies in the half-open window [start, start + size) (RFC 9293 §3.10.7.4 acceptability). */
export function seqInWindow(x: number, start: number, size: number): boolean {
  return seqSub(x, start) < size;
}

/**
 * Relative sequence number as tcpdump and Wireshark show it: the distance from the side's initial
 * sequence number (ISN). The SYN itself is relative 0, the first data byte relative 1.
 */
export function relativeSeq(absolute: number, isn: number): number {
  return seqSub(absolute, isn);
}

/** Absolute sequence number from a relative one. */
export function absoluteSeq(relative: number, isn: number): number {
  return seqAdd(isn, relative);
}
