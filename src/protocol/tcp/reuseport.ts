/**
 * How Linux spreads new connections over a SO_REUSEPORT group (Linux 3.9 and later): every listening socket
 * bound to the same address and port with SO_REUSEPORT joins one group when it starts listening, kept in that
 * order (a closed socket's slot goes to the last one), and an incoming SYN goes to the socket at index reciprocal_scale(hash, n) = ⌊hash × n / 2³²⌋, where hash is the kernel's
 * 32-bit hash of the connection's addresses and ports (net/core/sock_reuseport.c,
 * reuseport_select_sock_by_hash(); reciprocal_scale() in include/linux/math.h). It is a multiply-shift, not
 * hash mod n. A BPF program attached to the group may choose instead; this models the default.
 * BSD and macOS accept SO_REUSEPORT but do not spread connections this way (FreeBSD 12 added SO_REUSEPORT_LB).
 */

/** ⌊hash × n / 2³²⌋ for a 32-bit hash: the index of the socket that gets the connection. */
export function reuseportIndex(hash: number, sockets: number): number {
  if (!Number.isInteger(hash) || hash < 0 || hash > 0xffff_ffff) throw new RangeError('hash must be a u32');
  if (!Number.isInteger(sockets) || sockets < 1 || sockets > 0xffff) throw new RangeError('sockets must be 1–65535');
  // The product needs up to 48 bits: exact in a double (53-bit mantissa), so no BigInt is needed.
  return Math.floor((hash * sockets) / 2 ** 32);
}
