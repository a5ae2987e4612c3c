/**
 * tcpdump lines used by the TCP tests. The real captures are the project's one copy in
 * content/captures/tcpdump-lines.ts; the ones here are written in tcpdump's exact output format
 * (print-tcp.c / print-ip.c) for cases no capture shows, and say so.
 */
import { REFERENCE_WEBSOCKET } from '../../../content/captures/tcpdump-lines';

/** The reference article's §11: the one line of the 18-byte WebSocket frame carrying "hello, world". */
export const REAL_WEBSOCKET_FRAME = REFERENCE_WEBSOCKET.split('\n').find((line) => line.includes('length 18'))!;

/**
 * Written in the format of Linux `tcpdump -i lo -n -v port 8787` (IPv4 header line, then the TCP line
 * indented; loopback checksums show as incorrect because the kernel never fills them in). Not a real capture.
 */
export const LINUX_VERBOSE_HANDSHAKE = `tcpdump: listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes
10:02:36.123456 IP (tos 0x0, ttl 64, id 51523, offset 0, flags [DF], proto TCP (6), length 60)
    127.0.0.1.50000 > 127.0.0.1.8787: Flags [S], cksum 0xfe30 (incorrect -> 0x9c2f), seq 3057342510, win 65495, options [mss 65495,sackOK,TS val 1234 ecr 0,nop,wscale 7], length 0
10:02:36.123470 IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)
    127.0.0.1.8787 > 127.0.0.1.50000: Flags [S.], cksum 0xfe30 (incorrect -> 0x1a2b), seq 4294967000, ack 3057342511, win 65483, options [mss 65495,sackOK,TS val 1234 ecr 1234,nop,wscale 7], length 0
10:02:36.123481 IP (tos 0x0, ttl 64, id 51524, offset 0, flags [DF], proto TCP (6), length 52)
    127.0.0.1.50000 > 127.0.0.1.8787: Flags [.], cksum 0xfe28 (incorrect -> 0x4f5e), ack 1, win 512, options [nop,nop,TS val 1234 ecr 1234], length 0
10:02:36.123600 IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 552)
    127.0.0.1.8787 > 127.0.0.1.50000: Flags [P.], cksum 0x0020 (incorrect -> 0x7777), seq 1:501, ack 1, win 512, options [nop,nop,TS val 1235 ecr 1234], length 500
3 packets captured`;

/** Written in the format of `tcpdump -i lo -n ip6` for a loopback connection over IPv6. Not a real capture. */
export const IPV6_LINES = `10:05:00.000001 IP6 ::1.50000 > ::1.8787: Flags [S], seq 100, win 65476, options [mss 65476,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
10:05:00.000020 IP6 (flowlabel 0x3d2b1, hlim 64, next-header TCP (6) payload length: 40) ::1.8787 > ::1.50000: Flags [S.], cksum 0x0030 (incorrect -> 0x5d1f), seq 900, ack 101, win 65464, options [mss 65476,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0
10:05:00.000030 IP6 ::1.50000 > ::1.8787: Flags [.], ack 1, win 512, options [nop,nop,TS val 3 ecr 2], length 0`;
