/**
 * Explicit Congestion Notification (RFC 3168): the two low bits of the IPv4 TOS byte / IPv6 Traffic Class
 * (the ECN field, §5) say whether the packet's transport can take a mark, and a router that would otherwise
 * drop it sets both bits: Congestion Experienced. The upper six bits are the DSCP (RFC 2474 §3).
 */

export type EcnCodepoint = 'Not-ECT' | 'ECT(1)' | 'ECT(0)' | 'CE';

/** RFC 3168 §5, Figure 1: 00 Not-ECT, 01 ECT(1), 10 ECT(0), 11 CE. */
const CODEPOINTS: readonly EcnCodepoint[] = ['Not-ECT', 'ECT(1)', 'ECT(0)', 'CE'];

export interface EcnField {
  /** The ECN field: the low two bits of the byte. */
  bits: number;
  codepoint: EcnCodepoint;
  /** The Differentiated Services codepoint: the upper six bits (RFC 2474 §3). */
  dscp: number;
}

/** Splits an IPv4 TOS byte (or IPv6 Traffic Class) into DSCP and ECN field; a value outside 0–255 is an error. */
export function ecnField(tos: number): { ok: true; value: EcnField } | { ok: false; error: string } {
  if (!Number.isInteger(tos) || tos < 0 || tos > 255) {
    return { ok: false, error: `a TOS byte is 0–255 (0x00–0xff); got ${String(tos)}` };
  }
  const bits = tos & 0b11;
  return { ok: true, value: { bits, codepoint: CODEPOINTS[bits]!, dscp: tos >> 2 } };
}

/** What a router does to an ECN-capable packet instead of dropping it (RFC 3168 §5): sets the field to CE, 11. */
export function markCongestion(tos: number): number {
  return tos | 0b11;
}
