/**
 * Bytes around a TCP payload: TCP header (20 + options, RFC 9293 §3.1), IP header (IPv4 20 without
 * options, RFC 791; IPv6 40, RFC 8200), and optionally Ethernet (14-byte header, 4-byte FCS, padding to
 * the 64-byte minimum frame, and on the wire 8 bytes of preamble + SFD and a 12-byte inter-frame gap;
 * IEEE 802.3). Used for "how much does a small write cost" and by the HTTP/WebSocket comparison.
 */

import { formatInt } from './format';

/** The timestamps option (RFC 7323 §3) padded with two NOPs: what Linux puts in every segment. */
export const TCP_TIMESTAMPS_OPTION_BYTES = 12;

export type EthernetLevel = 'none' | 'header' | 'frame' | 'wire';

export interface OverheadOptions {
  ipv6?: boolean;
  /** TCP option bytes (a multiple of 4; 12 with timestamps). Default 0. */
  tcpOptionsBytes?: number;
  /**
   * How much of Ethernet to count: 'none' (default: IP packet only), 'header' (14 bytes, what tcpdump
   * shows), 'frame' (+ 4-byte FCS and padding to 64 bytes), 'wire' (+ 8 preamble/SFD + 12 inter-frame gap).
   * `true` means 'header'.
   */
  ethernet?: boolean | EthernetLevel;
}

export interface OverheadLayer {
  name: string;
  bytes: number;
  why: string;
}

export interface PacketOverhead {
  payload: number;
  layers: OverheadLayer[];
  /** Everything counted, payload included. */
  total: number;
  /** total − payload. */
  overhead: number;
  /** payload / total (0 when total is 0). */
  efficiency: number;
  why: string;
}

export function perPacketOverhead(payloadBytes: number, opts: OverheadOptions = {}): PacketOverhead {
  if (!Number.isInteger(payloadBytes) || payloadBytes < 0) {
    throw new RangeError(`payloadBytes must be a whole number ≥ 0, got ${payloadBytes}`);
  }
  const optBytes = opts.tcpOptionsBytes ?? 0;
  if (!Number.isInteger(optBytes) || optBytes < 0 || optBytes > 40 || optBytes % 4 !== 0) {
    throw new RangeError(`tcpOptionsBytes must be a multiple of 4 between 0 and 40 (RFC 9293 §3.1), got ${optBytes}`);
  }
  const eth: EthernetLevel =
    opts.ethernet === true ? 'header' : opts.ethernet === false || opts.ethernet === undefined ? 'none' : opts.ethernet;
  const layers: OverheadLayer[] = [];
  layers.push({
    name: 'TCP header',
    bytes: 20 + optBytes,
    why: optBytes
      ? `20 fixed bytes + ${optBytes} bytes of options${optBytes === 12 ? ' (timestamps + 2 NOPs)' : ''} (RFC 9293 §3.1).`
      : '20 bytes without options (RFC 9293 §3.1).',
  });
  layers.push(
    opts.ipv6
      ? { name: 'IPv6 header', bytes: 40, why: 'Fixed 40-byte IPv6 header (RFC 8200 §3).' }
      : { name: 'IPv4 header', bytes: 20, why: '20 bytes without IP options (RFC 791 §3.1).' },
  );
  const ipPacket = payloadBytes + 20 + optBytes + (opts.ipv6 ? 40 : 20);
  if (eth !== 'none') {
    layers.push({ name: 'Ethernet header', bytes: 14, why: 'Destination MAC 6 + source MAC 6 + EtherType 2.' });
    if (eth === 'frame' || eth === 'wire') {
      layers.push({ name: 'Ethernet FCS', bytes: 4, why: 'CRC-32 frame check sequence (not shown by tcpdump).' });
      const pad = Math.max(0, 46 - ipPacket);
      if (pad > 0)
        layers.push({
          name: 'Ethernet padding',
          bytes: pad,
          why: `A frame carries at least 46 bytes: ${pad} bytes of padding reach the 64-byte minimum frame.`,
        });
    }
    if (eth === 'wire') {
      layers.push({
        name: 'Preamble + SFD',
        bytes: 8,
        why: '7-byte preamble and start-frame delimiter sent before every frame.',
      });
      layers.push({ name: 'Inter-frame gap', bytes: 12, why: 'The line stays idle for 12 byte times between frames.' });
    }
  }
  const overhead = layers.reduce((n, l) => n + l.bytes, 0);
  const total = payloadBytes + overhead;
  const efficiency = total === 0 ? 0 : payloadBytes / total;
  return {
    payload: payloadBytes,
    layers,
    total,
    overhead,
    efficiency,
    why: `${formatInt(payloadBytes)} payload + ${formatInt(overhead)} header bytes = ${formatInt(total)} bytes; ${(efficiency * 100).toFixed(1)}% of them are payload.`,
  };
}

/** MSS for an MTU: MTU − IP header − TCP header (RFC 9293 §3.7.1); timestamps leave 12 bytes less per segment. */
export function mssForMtu(mtu: number, opts: { ipv6?: boolean; timestamps?: boolean } = {}): number {
  return mtu - (opts.ipv6 ? 40 : 20) - 20 - (opts.timestamps ? TCP_TIMESTAMPS_OPTION_BYTES : 0);
}
