/**
 * Linux "cooked" captures, what `tcpdump -i any` writes: the kernel gives no common link header, so
 * libpcap makes one up (https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html and
 * LINKTYPE_LINUX_SLL2.html).
 *
 * v1 (16 bytes): packet type (2), ARPHRD type (2), address length (2), address (8), protocol (2).
 * v2 (20 bytes): protocol (2), reserved (2), interface index (4), ARPHRD type (2), packet type (1),
 * address length (1), address (8).
 */
import type { LayerResult } from './ethernet';

export interface CookedHeader {
  version: 1 | 2;
  /** 0 to us, 1 broadcast, 2 multicast, 3 to someone else, 4 sent by us. */
  packetType: number;
  direction: 'in' | 'out' | 'other';
  arphrdType: number;
  /** The EtherType of the payload. */
  protocol: number;
  interfaceIndex?: number;
  address: string;
  headerLength: number;
}

function address(b: Uint8Array, at: number, len: number): string {
  return Array.from(b.subarray(at, at + Math.min(len, 8)), (x) => x.toString(16).padStart(2, '0')).join(':');
}

const direction = (t: number): CookedHeader['direction'] => (t === 4 ? 'out' : t <= 2 ? 'in' : 'other');

export function dissectSll(b: Uint8Array): LayerResult<CookedHeader> {
  if (b.length < 16)
    return {
      ok: false,
      offset: b.length,
      message: `A Linux cooked (v1) header is 16 bytes; only ${b.length} captured.`,
    };
  const packetType = (b[0]! << 8) | b[1]!;
  return {
    ok: true,
    header: {
      version: 1,
      packetType,
      direction: direction(packetType),
      arphrdType: (b[2]! << 8) | b[3]!,
      address: address(b, 6, (b[4]! << 8) | b[5]!),
      protocol: (b[14]! << 8) | b[15]!,
      headerLength: 16,
    },
    payload: b.subarray(16),
  };
}

export function dissectSll2(b: Uint8Array): LayerResult<CookedHeader> {
  if (b.length < 20)
    return { ok: false, offset: b.length, message: `A Linux cooked v2 header is 20 bytes; only ${b.length} captured.` };
  const packetType = b[10]!;
  return {
    ok: true,
    header: {
      version: 2,
      packetType,
      direction: direction(packetType),
      arphrdType: (b[8]! << 8) | b[9]!,
      protocol: (b[0]! << 8) | b[1]!,
      interfaceIndex: ((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0,
      address: address(b, 12, b[11]!),
      headerLength: 20,
    },
    payload: b.subarray(20),
  };
}
