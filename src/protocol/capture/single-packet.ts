/**
 * Bytes pasted into the frame decoder that are really one captured packet — `tcpdump -X` starts at the IP header,
 * `-XX` and Wireshark's hex dump at the Ethernet header — peeled to their TCP payload with the capture readers'
 * own layers. Only confident matches count: an IPv4 header whose total length is the whole input, an IPv6 header
 * whose payload length matches, or an Ethernet header carrying such an IP packet, and TCP inside. A WebSocket frame
 * never looks like that, so frames pasted alone are left to the decoder.
 */
import { decodePacket } from './packet';
import { onePacketIpOffset } from './sniff';
import { tcpdumpFlags } from './tcp';
import { LinkType } from './types';

export interface PeeledPacket {
  /** The link layer read, e.g. "Ethernet" or "IP (no link header)". */
  link: string;
  ip: { version: 4 | 6; source: string; destination: string };
  tcp: { sourcePort: number; destinationPort: number; seq: number; ack: number; flags: string };
  /** Where the TCP payload starts in the input, and the payload itself. */
  payloadOffset: number;
  payload: Uint8Array;
}

/** The packet's layers and TCP payload, or undefined when the bytes are not confidently one TCP packet. */
export function peelSinglePacket(bytes: Uint8Array): PeeledPacket | undefined {
  const ipAt = onePacketIpOffset(bytes);
  if (ipAt === undefined) return undefined;
  const linkType = ipAt === 0 ? LinkType.Raw : LinkType.Ethernet;
  const p = decodePacket({
    number: 1,
    linkType,
    interfaceId: 0,
    seconds: 0,
    nanoseconds: 0,
    capturedLength: bytes.length,
    originalLength: bytes.length,
    data: bytes,
    offset: 0,
  });
  if (p.ip === undefined || p.tcp === undefined || p.payload === undefined || p.problems.length > 0) return undefined;
  return {
    link: linkType === LinkType.Ethernet ? 'Ethernet' : 'IP (no link header, as tcpdump -X prints it)',
    ip: { version: p.ip.version, source: p.ip.source, destination: p.ip.destination },
    tcp: {
      sourcePort: p.tcp.sourcePort,
      destinationPort: p.tcp.destinationPort,
      seq: p.tcp.seq,
      ack: p.tcp.ack,
      flags: tcpdumpFlags(p.tcp.flags),
    },
    payloadOffset: p.payload.byteOffset - bytes.byteOffset,
    payload: p.payload,
  };
}

export { tcpdumpPacketCount } from './sniff';
