/**
 * One packet peeled layer by layer: link → IPv4/IPv6 → TCP. Each layer is read by its own module from
 * the bytes the layer below handed it; this module only chains them and records where each failed.
 */
import { dissectIpv4, type Ipv4Header } from './ipv4';
import { dissectIpv6, type Ipv6Header } from './ipv6';
import { dissectLink, type LinkLayer } from './link';
import { dissectTcp, type TcpHeader } from './tcp';
import type { RawPacket } from './types';

export interface PacketProblem {
  layer: 'link' | 'ip' | 'tcp';
  /** Byte offset within the packet's captured bytes. */
  offset: number;
  message: string;
}

export interface DecodedPacket {
  number: number;
  seconds: number;
  nanoseconds: number;
  capturedLength: number;
  originalLength: number;
  link?: LinkLayer;
  ip?: Ipv4Header | Ipv6Header;
  tcp?: TcpHeader;
  /** The TCP payload as captured (a view into the packet's bytes). */
  payload?: Uint8Array;
  /** TCP payload bytes the snap length cut off (caplen < len). */
  missing: number;
  /** Not TCP over IP, or an IP fragment: nothing for the conversation. */
  skipped?: string;
  problems: PacketProblem[];
}

const at = (outer: Uint8Array, inner: Uint8Array): number => inner.byteOffset - outer.byteOffset;

export function decodePacket(raw: RawPacket): DecodedPacket {
  const p: DecodedPacket = {
    number: raw.number,
    seconds: raw.seconds,
    nanoseconds: raw.nanoseconds,
    capturedLength: raw.capturedLength,
    originalLength: raw.originalLength,
    missing: 0,
    problems: [],
  };
  const link = dissectLink(raw.linkType, raw.data);
  if (!link.ok) {
    p.problems.push({ layer: 'link', offset: link.offset, message: link.message });
    return p;
  }
  p.link = link.link;
  if (link.network === 'other') {
    p.skipped =
      link.etherType !== undefined ? `EtherType 0x${link.etherType.toString(16).padStart(4, '0')} is not IP` : 'not IP';
    return p;
  }
  const ipBytes = link.payload;
  const ipAt = at(raw.data, ipBytes);
  const ip = link.network === 'ipv4' ? dissectIpv4(ipBytes) : dissectIpv6(ipBytes);
  if (!ip.ok) {
    p.problems.push({ layer: 'ip', offset: ipAt + ip.offset, message: ip.message });
    return p;
  }
  p.ip = ip.header;
  if (ip.header.fragment) {
    p.skipped = 'an IP fragment (fragments are reported, not reassembled)';
    return p;
  }
  if (ip.header.protocol !== 6) {
    p.skipped = `IP protocol ${ip.header.protocol} is not TCP`;
    return p;
  }
  const tcp = dissectTcp(ip.payload);
  if (!tcp.ok) {
    p.problems.push({ layer: 'tcp', offset: ipAt + at(ipBytes, ip.payload) + tcp.offset, message: tcp.message });
    return p;
  }
  p.tcp = tcp.header;
  p.payload = tcp.payload;
  const ipPayloadLength =
    ip.header.version === 4
      ? ip.header.totalLength - ip.header.headerLength
      : ip.header.payloadLength + 40 - ip.header.headerLength;
  if (ip.header.truncated) p.missing = Math.max(0, ipPayloadLength - tcp.header.headerLength - tcp.payload.length);
  return p;
}
