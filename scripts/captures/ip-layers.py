"""
Sends a few hand-built TCP packets over loopback through raw sockets, so that tcpdump records IP layers
a browser never makes on loopback (run as root, while scripts/captures/make.ts captures `-i lo`):

  1. IPv4 with 8 bytes of options (Record Route, RFC 791 §3.1), carrying a TCP segment with "options"
  2. one TCP segment in two IPv4 fragments (RFC 791 §2.3): 32 bytes, then the rest at offset 4 (32 bytes)
  3. IPv6 with a Hop-by-Hop and a Destination Options header (RFC 8200 §4.3, §4.6) before TCP with "ext"
  4. one TCP segment in two IPv6 fragments (RFC 8200 §4.5)

  python3 scripts/captures/ip-layers.py PORT

Every segment goes to PORT on loopback, where nothing listens; the kernel answers with RSTs, which the
capture also holds.
"""

import socket
import struct
import sys


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def tcp(src: bytes, dst: bytes, sport: int, dport: int, seq: int, payload: bytes, v6: bool) -> bytes:
    head = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, 0x18, 65535, 0, 0)  # PSH|ACK
    seg = head + payload
    if v6:
        pseudo = src + dst + struct.pack("!IxxxB", len(seg), 6)
    else:
        pseudo = src + dst + struct.pack("!xBH", 6, len(seg))
    c = checksum(pseudo + seg)
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def ipv4(payload: bytes, ident: int, options: bytes = b"", frag: int = 0, more: bool = False) -> bytes:
    ihl = 5 + len(options) // 4
    flags = (0x2000 if more else 0) | frag
    head = struct.pack(
        "!BBHHHBBH4s4s", 0x40 | ihl, 0, 4 * ihl + len(payload), ident, flags, 64, 6, 0, LO4, LO4
    )
    head += options
    c = checksum(head)
    return head[:10] + struct.pack("!H", c) + head[12:] + payload


def ipv6(next_header: int, payload: bytes) -> bytes:
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), next_header, 64, LO6, LO6) + payload


LO4 = socket.inet_pton(socket.AF_INET, "127.0.0.1")
LO6 = socket.inet_pton(socket.AF_INET6, "::1")


def main() -> None:
    port = int(sys.argv[1])
    s4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_RAW)

    # 1. Record Route (type 7, length 7, pointer 4, one empty slot) and End of Options List.
    rr = bytes([7, 7, 4, 0, 0, 0, 0, 0])
    s4.sendto(ipv4(tcp(LO4, LO4, 40001, port, 1000, b"options", False), 0x1001, rr), ("127.0.0.1", 0))

    # 2. A 20-byte TCP header and 44 bytes of payload: 64 bytes in two fragments of 32.
    seg = tcp(LO4, LO4, 40002, port, 2000, b"44 bytes sent over IPv4 in two fragments....", False)
    assert len(seg) == 64
    s4.sendto(ipv4(seg[:32], 0x1002, more=True), ("127.0.0.1", 0))
    s4.sendto(ipv4(seg[32:], 0x1002, frag=4), ("127.0.0.1", 0))

    # 3. Hop-by-Hop (next: Destination Options), Destination Options (next: TCP), each 8 bytes of PadN.
    hbh = bytes([60, 0, 1, 4, 0, 0, 0, 0])
    dst = bytes([6, 0, 1, 4, 0, 0, 0, 0])
    s6.sendto(ipv6(0, hbh + dst + tcp(LO6, LO6, 40003, port, 3000, b"ext", True)), ("::1", 0))

    # 4. Fragment header (RFC 8200 §4.5): next TCP, offset in 8-byte units, M flag, identification.
    seg6 = tcp(LO6, LO6, 40004, port, 4000, b"44 bytes sent over IPv6 in two fragments....", True)
    s6.sendto(ipv6(44, struct.pack("!BBHI", 6, 0, 0 | 1, 0x2004) + seg6[:32]), ("::1", 0))
    s6.sendto(ipv6(44, struct.pack("!BBHI", 6, 0, 4 << 3, 0x2004) + seg6[32:]), ("::1", 0))


if __name__ == "__main__":
    main()
