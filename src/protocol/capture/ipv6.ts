/**
 * IPv6 headers (RFC 8200 §3) and the extension headers between them and the transport (§4):
 * hop-by-hop options (0), routing (43), fragment (44), destination options (60), authentication
 * (51, RFC 4302 §2.2, whose length counts 4-byte units) and the other ones of the IANA list that
 * share the generic layout. ESP (50) encrypts what follows, so dissection stops there.
 */
import type { LayerResult } from './ethernet';

export interface Ipv6Header {
  version: 6;
  trafficClass: number;
  flowLabel: number;
  payloadLength: number;
  hopLimit: number;
  source: string;
  destination: string;
  /** Extension headers in order: their Next Header value and length in bytes. */
  extensions: Array<{ type: number; length: number }>;
  /** The upper-layer protocol after the extension headers (6 for TCP). */
  protocol: number;
  headerLength: number;
  fragment: boolean;
  truncated: boolean;
}

const GENERIC = new Set([0, 43, 60, 135, 139, 140, 253, 254]);

/** RFC 5952 §4 text form: lower case, leading zeros dropped, the longest run of zero groups as "::". */
export function ipv6Address(b: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((b[at + 2 * i]! << 8) | b[at + 2 * i + 1]!);
  let bestAt = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number[]): string => g.map((x) => x.toString(16)).join(':');
  if (bestAt < 0) return hex(groups);
  return `${hex(groups.slice(0, bestAt))}::${hex(groups.slice(bestAt + bestLen))}`;
}

export function dissectIpv6(b: Uint8Array): LayerResult<Ipv6Header> {
  if (b.length < 40)
    return { ok: false, offset: b.length, message: `An IPv6 header is 40 bytes; only ${b.length} captured.` };
  const version = b[0]! >> 4;
  if (version !== 6)
    return { ok: false, offset: 0, message: `IP version ${version} where 6 was expected (RFC 8200 §3).` };
  const payloadLength = (b[4]! << 8) | b[5]!;
  // Payload length 0 is a jumbogram (RFC 2675) or a TSO sender's capture: take what was captured.
  const end = payloadLength === 0 ? b.length : 40 + payloadLength;
  let next = b[6]!;
  let at = 40;
  let fragment = false;
  const extensions: Ipv6Header['extensions'] = [];
  while (GENERIC.has(next) || next === 44 || next === 51) {
    if (b.length < at + 8)
      return { ok: false, offset: b.length, message: `The packet ends inside IPv6 extension header ${next}.` };
    const length = next === 44 ? 8 : next === 51 ? (b[at + 1]! + 2) * 4 : (b[at + 1]! + 1) * 8;
    if (next === 44) {
      const offsetField = ((b[at + 2]! << 8) | b[at + 3]!) >> 3;
      fragment = offsetField !== 0 || (b[at + 3]! & 1) === 1;
    }
    extensions.push({ type: next, length });
    next = b[at]!;
    at += length;
    if (at > b.length)
      return { ok: false, offset: b.length, message: 'An IPv6 extension header runs past the captured bytes.' };
  }
  return {
    ok: true,
    header: {
      version: 6,
      trafficClass: ((b[0]! & 0x0f) << 4) | (b[1]! >> 4),
      flowLabel: ((b[1]! & 0x0f) << 16) | (b[2]! << 8) | b[3]!,
      payloadLength,
      hopLimit: b[7]!,
      source: ipv6Address(b, 8),
      destination: ipv6Address(b, 24),
      extensions,
      protocol: next,
      headerLength: at,
      fragment,
      truncated: end > b.length,
    },
    payload: b.subarray(at, Math.max(at, Math.min(end, b.length))),
  };
}
