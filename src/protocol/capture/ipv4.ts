/**
 * IPv4 headers (RFC 791 §3.1): version, IHL (header length in 32-bit words, options after the first
 * 20 bytes), total length, identification, flags and fragment offset, TTL, protocol, checksum and the
 * two addresses. Fragments are reported, not reassembled: a fragment's payload is not handed to TCP.
 * The checksum is not verified: on loopback and with checksum offload the captured value is not the
 * one that goes on the wire, so a "wrong" checksum there is normal.
 */
import type { LayerResult } from './ethernet';

export interface Ipv4Header {
  version: 4;
  headerLength: number;
  totalLength: number;
  identification: number;
  dontFragment: boolean;
  moreFragments: boolean;
  /** In bytes (the field counts 8-byte units). */
  fragmentOffset: number;
  ttl: number;
  protocol: number;
  checksum: number;
  source: string;
  destination: string;
  /** Option types in order (RFC 791 §3.1 "Options"): 0 end, 1 no-op, 7 record route, 68 timestamp… */
  options: Array<{ type: number; length: number }>;
  /** More fragments follow, or this is not the first: the payload is part of a larger datagram. */
  fragment: boolean;
  /** The header says more bytes than were captured (snap length) or than the link carried. */
  truncated: boolean;
}

export const ipv4Address = (b: Uint8Array, at: number): string => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

export function dissectIpv4(b: Uint8Array): LayerResult<Ipv4Header> {
  if (b.length < 20)
    return { ok: false, offset: b.length, message: `An IPv4 header is at least 20 bytes; only ${b.length} captured.` };
  const version = b[0]! >> 4;
  if (version !== 4)
    return { ok: false, offset: 0, message: `IP version ${version} where 4 was expected (RFC 791 §3.1).` };
  const headerLength = (b[0]! & 0x0f) * 4;
  if (headerLength < 20)
    return {
      ok: false,
      offset: 0,
      message: `IHL ${headerLength / 4} means a ${headerLength}-byte header; the minimum is 5 (20 bytes, RFC 791 §3.1).`,
    };
  if (b.length < headerLength)
    return {
      ok: false,
      offset: b.length,
      message: `The IPv4 header says ${headerLength} bytes; only ${b.length} captured.`,
    };
  let totalLength = (b[2]! << 8) | b[3]!;
  // A total length of 0 is what a sender with TCP segmentation offload hands to the capture (the
  // NIC fills it in): take what was captured.
  if (totalLength === 0) totalLength = b.length;
  if (totalLength < headerLength)
    return {
      ok: false,
      offset: 2,
      message: `Total length ${totalLength} is shorter than the ${headerLength}-byte header.`,
    };
  const flags = b[6]! >> 5;
  const fragmentOffset = (((b[6]! & 0x1f) << 8) | b[7]!) * 8;
  const options: Ipv4Header['options'] = [];
  for (let i = 20; i < headerLength;) {
    const type = b[i]!;
    if (type === 0) break;
    if (type === 1) {
      options.push({ type, length: 1 });
      i++;
      continue;
    }
    const length = b[i + 1] ?? 0;
    if (length < 2 || i + length > headerLength) break;
    options.push({ type, length });
    i += length;
  }
  const moreFragments = (flags & 1) !== 0;
  return {
    ok: true,
    header: {
      version: 4,
      headerLength,
      totalLength,
      identification: (b[4]! << 8) | b[5]!,
      dontFragment: (flags & 2) !== 0,
      moreFragments,
      fragmentOffset,
      ttl: b[8]!,
      protocol: b[9]!,
      checksum: (b[10]! << 8) | b[11]!,
      source: ipv4Address(b, 12),
      destination: ipv4Address(b, 16),
      options,
      fragment: moreFragments || fragmentOffset > 0,
      truncated: totalLength > b.length,
    },
    // Bytes past the total length are link padding (Ethernet's 60-byte minimum), not payload.
    payload: b.subarray(headerLength, Math.min(totalLength, b.length)),
  };
}
