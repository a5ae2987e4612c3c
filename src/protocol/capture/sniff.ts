/**
 * Cheap looks at pasted input, with no imports, so the frame decoder can tell whether to load the capture layers
 * (single-packet.ts) at all: a confident "one TCP packet" test, and a count of tcpdump packet header lines.
 */

function ipLengthMatches(b: Uint8Array, at: number): boolean {
  const v = (b[at] ?? 0) >> 4;
  if (v === 4) return b.length - at >= 20 && ((b[at + 2]! << 8) | b[at + 3]!) === b.length - at && b[at + 9] === 6;
  if (v === 6) return b.length - at >= 40 && ((b[at + 4]! << 8) | b[at + 5]!) + 40 === b.length - at;
  return false;
}

/**
 * Where the IP header starts if `bytes` are one whole IP packet (tcpdump -X starts there) or an Ethernet frame
 * carrying one (-XX, Wireshark): its length field must account for every byte. Undefined otherwise.
 */
export function onePacketIpOffset(bytes: Uint8Array): 0 | 14 | undefined {
  if (ipLengthMatches(bytes, 0)) return 0;
  const etherType = bytes.length >= 34 ? (bytes[12]! << 8) | bytes[13]! : 0;
  if ((etherType === 0x0800 || etherType === 0x86dd) && ipLengthMatches(bytes, 14)) return 14;
  return undefined;
}

/** How many tcpdump packet header lines ("12:00:00.000000 IP a.b > c.d: Flags …") a pasted text holds. */
export function tcpdumpPacketCount(text: string): number {
  return (text.match(/^\s*(?:\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d\.\d+ (?:IP6?|ARP) /gm) ?? []).length;
}
