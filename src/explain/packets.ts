/**
 * Where the TCP payload starts in an IPv4 packet, as `tcpdump -X` prints it (no link-layer header).
 */

export interface PacketParts {
  /** IPv4 header length in bytes: the IHL field (low 4 bits of byte 0) × 4 (RFC 791 §3.1). */
  ipHeaderLength: number;
  /** TCP header length in bytes: the data offset (high 4 bits of TCP byte 12) × 4 (RFC 9293 §3.1). */
  tcpHeaderLength: number;
  /** Offset of the TCP payload in the packet. */
  payloadOffset: number;
  payload: Uint8Array;
}

/** Splits an IPv4 packet (as `tcpdump -X` dumps it, without a link-layer header) into its headers and TCP payload. */
export function splitIpv4TcpPacket(packet: Uint8Array): PacketParts {
  const b0 = packet[0] ?? 0;
  if (b0 >> 4 !== 4) throw new Error(`not an IPv4 packet (version ${b0 >> 4})`);
  if (packet[9] !== 6) throw new Error(`not TCP (protocol ${packet[9]})`);
  const ipHeaderLength = (b0 & 0x0f) * 4;
  const tcpHeaderLength = ((packet[ipHeaderLength + 12] ?? 0) >> 4) * 4;
  const payloadOffset = ipHeaderLength + tcpHeaderLength;
  return { ipHeaderLength, tcpHeaderLength, payloadOffset, payload: packet.subarray(payloadOffset) };
}
