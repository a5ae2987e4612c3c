/**
 * tcpdump lines used by the TCP tests.
 *
 * REAL_* come verbatim from /work/shared/reference/tcp-ip-through-tcpdump.zh.txt (a macOS tcpdump of a
 * phone fetching a page from 10.2.200.140:8080; relative sequence numbers, no -v). The others are written
 * in tcpdump's exact output format (print-tcp.c / print-ip.c) for cases the article does not show, and say so.
 */

/** tcp-ip-through-tcpdump.zh.txt, §3 "一个完整的HTTP连接": handshake, request, response, four-segment close. */
export const REAL_HTTP_CONNECTION = `10:11:06.151830 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [S], seq 2153742604, win 65535, options [mss 1460,nop,wscale 5,nop,nop,TS val 298297187 ecr 0,sackOK,eol], length 0
10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [S.], seq 1007874094, ack 2153742605, win 65535, options [mss 1460,nop,wscale 5,nop,nop,TS val 493556398 ecr 298297187,sackOK,eol], length 0
10:11:06.190376 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [.], ack 1, win 4117, options [nop,nop,TS val 298297310 ecr 493556398], length 0
10:11:06.190422 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [.], ack 1, win 4117, options [nop,nop,TS val 493556436 ecr 298297310], length 0
10:11:06.193435 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [P.], seq 1:404, ack 1, win 4117, options [nop,nop,TS val 298297312 ecr 493556398], length 403: HTTP: GET / HTTP/1.1
10:11:06.193467 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [.], ack 404, win 4105, options [nop,nop,TS val 493556439 ecr 298297312], length 0
10:11:06.194840 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [P.], seq 1:290, ack 404, win 4105, options [nop,nop,TS val 493556440 ecr 298297312], length 289: HTTP: HTTP/1.1 200 OK
10:11:06.200295 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [.], ack 290, win 4108, options [nop,nop,TS val 298297318 ecr 493556440], length 0
10:11:06.200315 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [P.], seq 290:458, ack 404, win 4105, options [nop,nop,TS val 493556445 ecr 298297318], length 168: HTTP
10:11:06.204847 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [.], ack 458, win 4103, options [nop,nop,TS val 298297321 ecr 493556445], length 0
10:11:36.359973 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [F.], seq 404, ack 458, win 4103, options [nop,nop,TS val 298327416 ecr 493556445], length 0
10:11:36.360021 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [.], ack 405, win 4105, options [nop,nop,TS val 493586567 ecr 298327416], length 0
10:11:36.360537 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [F.], seq 458, ack 405, win 4105, options [nop,nop,TS val 493586567 ecr 298327416], length 0
10:11:36.368758 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [.], ack 459, win 4103, options [nop,nop,TS val 298327458 ecr 493586567], length 0`;

/** tcp-ip-through-tcpdump.zh.txt, §7 "Reset报文": SYN to a port nobody listens on, answered by RST. */
export const REAL_RST = `11:38:09.120488 IP 10.2.200.11.57049 > 10.2.200.140.8080: Flags [S], seq 1663158265, win 65535, options [mss 1460,nop,wscale 5,nop,nop,TS val 822068310 ecr 0,sackOK,eol], length 0
11:38:09.120524 IP 10.2.200.140.8080 > 10.2.200.11.57049: Flags [R.], seq 0, ack 1663158266, win 0, length 0`;

/** tcp-ip-through-tcpdump.zh.txt, §8: an ACK with a SACK block, printed without -n (host and service names). */
export const REAL_SACK =
  '14:03:38.479417 IP ec2-54-153-103-33.us-west-1.compute.amazonaws.com.https > 10.2.200.140.56342: Flags [.], ack 59651, win 850, options [nop,nop,TS val 954992962 ecr 598512063,nop,nop,sack 1 {61099:62547}], length 0';

/** tcp-ip-through-tcpdump.zh.txt, §9: "hello, world" over HTTP, service name http-alt for 8080. */
export const REAL_HTTP_ALT =
  '12:12:57.091926 IP 10.2.200.140.http-alt > 10.2.200.11.60882: Flags [P.], seq 288:301, ack 378, win 4105, options [nop,nop,TS val 678005709 ecr 845655611], length 13: HTTP';

/** tcp-ip-through-tcpdump.zh.txt, §11: the 18-byte WebSocket frame carrying "hello, world". */
export const REAL_WEBSOCKET_FRAME =
  '14:24:36.009503 IP 10.2.200.11.61205 > 10.2.200.140.8080: Flags [P.], seq 492:510, ack 168, win 4112, options [nop,nop,TS val 848126486 ecr 685863159], length 18: HTTP';

/** tcp-ip-through-tcpdump.zh.txt, §6: ARP lines from the same capture session (not TCP). */
export const REAL_ARP = `09:51:32.966852 ARP, Request who-has 10.2.200.140 tell 10.2.200.11, length 28
09:51:32.966885 ARP, Reply 10.2.200.140 is-at 98:5a:eb:89:a5:7e (oui Unknown), length 28`;

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
