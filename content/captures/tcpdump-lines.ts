/**
 * Real tcpdump output, pasted verbatim: the one copy, used by the tcpdump reader's examples
 * (src/widgets/tcpdump/examples.ts), the lesson figures (src/components/lesson/tcp/tcp-lesson.ts) and the TCP tests.
 * - REFERENCE_* come from a published article on TCP/IP through tcpdump (the article's macOS tcpdump of a
 *   phone at 10.2.200.11 fetching a page from 10.2.200.140:8080; relative sequence numbers, no -v);
 * - LOOPBACK_* were captured for this project on Linux 6 (tcpdump 4.99) with `tcpdump -i lo -n port 8788` while
 *   `nc -N 127.0.0.1 8788` talked to the lab's TCP echo (`npm start`, port 8788): the client typed "hello",
 *   then "bye", then closed its input; and `nc 127.0.0.1 8799` with nothing listening on 8799.
 */

/** §3 of the article: handshake (with window scaling), an HTTP request and response, four-segment close. */
export const REFERENCE_HTTP = `10:11:06.151830 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [S], seq 2153742604, win 65535, options [mss 1460,nop,wscale 5,nop,nop,TS val 298297187 ecr 0,sackOK,eol], length 0
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

/** §7 of the article: a SYN to port 8080 after the server was killed, answered by RST. */
export const REFERENCE_RST = `11:38:09.120488 IP 10.2.200.11.57049 > 10.2.200.140.8080: Flags [S], seq 1663158265, win 65535, options [mss 1460,nop,wscale 5,nop,nop,TS val 822068310 ecr 0,sackOK,eol], length 0
11:38:09.120524 IP 10.2.200.140.8080 > 10.2.200.11.57049: Flags [R.], seq 0, ack 1663158266, win 0, length 0`;

/** §11 of the article: lines of a WebSocket connection (upgrade, 101, an 18-byte frame, its ACK, the server's FIN). The SYNs are not among them. */
export const REFERENCE_WEBSOCKET = `14:23:36.926775 IP 10.2.200.11.61205 > 10.2.200.140.8080: Flags [P.], seq 1:435, ack 1, win 4117, options [nop,nop,TS val 848067548 ecr 685816156], length 434: HTTP: GET / HTTP/1.1
14:23:36.929714 IP 10.2.200.140.8080 > 10.2.200.11.61205: Flags [P.], seq 1:164, ack 435, win 4104, options [nop,nop,TS val 685816195 ecr 848067548], length 163: HTTP: HTTP/1.1 101 Switching Protocols
14:24:36.009503 IP 10.2.200.11.61205 > 10.2.200.140.8080: Flags [P.], seq 492:510, ack 168, win 4112, options [nop,nop,TS val 848126486 ecr 685863159], length 18: HTTP
14:24:36.009556 IP 10.2.200.140.8080 > 10.2.200.11.61205: Flags [.], ack 510, win 4101, options [nop,nop,TS val 685875098 ecr 848126486], length 0
14:25:06.017016 IP 10.2.200.140.8080 > 10.2.200.11.61205: Flags [F.], seq 170, ack 510, win 4101, options [nop,nop,TS val 685904974 ecr 848146558], length 0`;

/** §8 of the article: an ACK carrying a SACK block, printed without -n (host and service names). */
export const REFERENCE_SACK =
  '14:03:38.479417 IP ec2-54-153-103-33.us-west-1.compute.amazonaws.com.https > 10.2.200.140.56342: Flags [.], ack 59651, win 850, options [nop,nop,TS val 954992962 ecr 598512063,nop,nop,sack 1 {61099:62547}], length 0';

/** Linux loopback: `nc -N 127.0.0.1 8788` to the lab's echo; "hello\n" and "bye\n" echoed, then both sides close. */
export const LOOPBACK_NC = `15:43:17.041891 IP 127.0.0.1.44644 > 127.0.0.1.8788: Flags [S], seq 2645836555, win 65495, options [mss 65495,sackOK,TS val 2462764953 ecr 0,nop,wscale 10], length 0
15:43:17.041900 IP 127.0.0.1.8788 > 127.0.0.1.44644: Flags [S.], seq 1983905195, ack 2645836556, win 65483, options [mss 65495,sackOK,TS val 2467285377 ecr 2462764953,nop,wscale 10], length 0
15:43:17.041906 IP 127.0.0.1.44644 > 127.0.0.1.8788: Flags [.], ack 1, win 64, options [nop,nop,TS val 2462764953 ecr 2467285377], length 0
15:43:17.042072 IP 127.0.0.1.44644 > 127.0.0.1.8788: Flags [P.], seq 1:7, ack 1, win 64, options [nop,nop,TS val 2462764953 ecr 2467285377], length 6
15:43:17.042074 IP 127.0.0.1.8788 > 127.0.0.1.44644: Flags [.], ack 7, win 64, options [nop,nop,TS val 2467285377 ecr 2462764953], length 0
15:43:17.107018 IP 127.0.0.1.8788 > 127.0.0.1.44644: Flags [P.], seq 1:7, ack 7, win 64, options [nop,nop,TS val 2467285442 ecr 2462764953], length 6
15:43:17.107040 IP 127.0.0.1.44644 > 127.0.0.1.8788: Flags [.], ack 7, win 64, options [nop,nop,TS val 2462765018 ecr 2467285442], length 0
15:43:18.031432 IP 127.0.0.1.44644 > 127.0.0.1.8788: Flags [P.], seq 7:11, ack 7, win 64, options [nop,nop,TS val 2462765943 ecr 2467285442], length 4
15:43:18.031476 IP 127.0.0.1.8788 > 127.0.0.1.44644: Flags [.], ack 11, win 64, options [nop,nop,TS val 2467286367 ecr 2462765943], length 0
15:43:18.036712 IP 127.0.0.1.8788 > 127.0.0.1.44644: Flags [P.], seq 7:11, ack 11, win 64, options [nop,nop,TS val 2467286372 ecr 2462765943], length 4
15:43:18.036741 IP 127.0.0.1.44644 > 127.0.0.1.8788: Flags [.], ack 11, win 64, options [nop,nop,TS val 2462765948 ecr 2467286372], length 0
15:43:19.085807 IP 127.0.0.1.44644 > 127.0.0.1.8788: Flags [F.], seq 11, ack 11, win 64, options [nop,nop,TS val 2462766997 ecr 2467286372], length 0
15:43:19.095628 IP 127.0.0.1.8788 > 127.0.0.1.44644: Flags [F.], seq 11, ack 12, win 64, options [nop,nop,TS val 2467287431 ecr 2462766997], length 0
15:43:19.095696 IP 127.0.0.1.44644 > 127.0.0.1.8788: Flags [.], ack 12, win 64, options [nop,nop,TS val 2462767007 ecr 2467287431], length 0`;

/** Linux loopback: `nc 127.0.0.1 8799` with nothing listening there. */
export const LOOPBACK_REFUSED = `15:43:27.468995 IP 127.0.0.1.43754 > 127.0.0.1.8799: Flags [S], seq 2813029166, win 65495, options [mss 65495,sackOK,TS val 1700178576 ecr 0,nop,wscale 10], length 0
15:43:27.469005 IP 127.0.0.1.8799 > 127.0.0.1.43754: Flags [R.], seq 0, ack 2813029167, win 0, length 0`;

/** §9 of the article: "hello, world" over HTTP, service name http-alt for 8080. */
export const REFERENCE_HTTP_ALT =
  '12:12:57.091926 IP 10.2.200.140.http-alt > 10.2.200.11.60882: Flags [P.], seq 288:301, ack 378, win 4105, options [nop,nop,TS val 678005709 ecr 845655611], length 13: HTTP';

/**
 * §6 of the article ("网际层ARP"): the laptop 10.2.200.11 asks who has 10.2.200.140; the answer names its
 * Ethernet (MAC) address 33 µs later. Not TCP: shown by the lesson "Sockets and layers".
 */
export const REFERENCE_ARP = `09:51:32.966852 ARP, Request who-has 10.2.200.140 tell 10.2.200.11, length 28
09:51:32.966885 ARP, Reply 10.2.200.140 is-at 98:5a:eb:89:a5:7e (oui Unknown), length 28`;
