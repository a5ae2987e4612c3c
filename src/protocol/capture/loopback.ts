/**
 * BSD loopback (LINKTYPE_NULL, macOS and FreeBSD `lo0`): a 4-byte address family in the byte order of
 * the machine that wrote the capture; LINKTYPE_LOOP (OpenBSD) writes it in network order. AF_INET is 2
 * everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD) or 30 (macOS)
 * (https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html).
 */
import type { LayerResult } from './ethernet';

export interface LoopbackHeader {
  family: number;
  /** 4 or 6, or undefined for a family that is neither. */
  ipVersion: 4 | 6 | undefined;
  headerLength: 4;
}

const INET6 = new Set([10, 23, 24, 28, 30]);

export function dissectLoopback(b: Uint8Array, networkOrder: boolean): LayerResult<LoopbackHeader> {
  if (b.length < 4)
    return { ok: false, offset: b.length, message: `A loopback header is 4 bytes; only ${b.length} captured.` };
  const be = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const le = ((b[3]! << 24) | (b[2]! << 16) | (b[1]! << 8) | b[0]!) >>> 0;
  // The writer's byte order is unknown for LINKTYPE_NULL: the family is a small number either way.
  const family = networkOrder ? be : le < 256 ? le : be;
  const ipVersion = family === 2 ? 4 : INET6.has(family) ? 6 : undefined;
  return { ok: true, header: { family, ipVersion, headerLength: 4 }, payload: b.subarray(4) };
}
