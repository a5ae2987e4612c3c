/**
 * A real WebSocket connection between headless Chromium and a small Node server on loopback: the one copy of these
 * bytes, used by the lessons (through src/components/lesson/, which decode them with the project's codec) and by
 * the protocol tests. Nothing here is retyped.
 *
 * How it was made: a Node server on 127.0.0.1:18932 served a page whose script ran
 * `new WebSocket('ws://127.0.0.1:18932/chat')` and sent "Hello"; the server answered the upgrade and sent the text
 * frame "cafe dead beef 0123". The page ran in headless Chromium 156.0.8078.79 (Debian); `tcpdump 4.99.3 -i lo -w`
 * recorded the connection and each dump below is `tcpdump -r capture.pcap -n <flag>` output, pasted verbatim
 * (leading tabs included).
 *
 * The articles this course started from show their WebSocket packets only as screenshots (the tcpdump
 * article keeps just the summary lines), so they give no hex.
 */

/** Where these bytes come from, in one line for figure captions. */
export const CHROMIUM_CAPTURE_SOURCE =
  'Captured on loopback: headless Chromium 156 (Debian) talking to a Node server on 127.0.0.1:18932, recorded with tcpdump 4.99.3.';

/** The upgrade request Chromium sent (the TCP payload of its first data segment), CRLF line ends. */
export const CHROMIUM_UPGRADE_REQUEST =
  'GET /chat HTTP/1.1\r\n' +
  'Host: 127.0.0.1:18932\r\n' +
  'Connection: Upgrade\r\n' +
  'Pragma: no-cache\r\n' +
  'Cache-Control: no-cache\r\n' +
  'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36\r\n' +
  'Upgrade: websocket\r\n' +
  'Origin: http://127.0.0.1:18932\r\n' +
  'Sec-WebSocket-Version: 13\r\n' +
  'Accept-Encoding: gzip, deflate, br, zstd\r\n' +
  'Accept-Language: en-US,en;q=0.9\r\n' +
  'Sec-WebSocket-Key: Q072xSA4v6fJaCC3dbAxzg==\r\n' +
  'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n' +
  '\r\n';

/** Sec-WebSocket-Accept for the key above, as Node's crypto.createHash('sha1') computed it when the capture was made. */
export const CHROMIUM_UPGRADE_ACCEPT = 'I0crpkgjZfJYjPWqNC8xadIUkcQ=';

/** The summary line tcpdump printed for the packet carrying the client's "Hello" frame. */
export const HELLO_SUMMARY = `14:56:10.936617 IP 127.0.0.1.33834 > 127.0.0.1.18932: Flags [P.], seq 502:513, ack 151, win 64, options [nop,nop,TS val 2702622799 ecr 2610349665], length 11`;

/** `tcpdump -X` of that packet: IPv4 header, TCP header (32 bytes with timestamps), then the 11-byte masked frame. */
export const HELLO_TCPDUMP_X = `	0x0000:  4500 003f 50dc 4000 4006 ebda 7f00 0001  E..?P.@.@.......
	0x0010:  7f00 0001 842a 49f4 c1b3 dea5 a5ca e661  .....*I........a
	0x0020:  8018 0040 fe33 0000 0101 080a a116 c04f  ...@.3.........O
	0x0030:  9b96 c661 8185 0b4c de23 4329 b24f 64    ...a...L.#C).Od`;

/** `tcpdump -XX`: as -X plus the 14-byte link-layer header (all-zero MACs on lo). */
export const HELLO_TCPDUMP_XX = `	0x0000:  0000 0000 0000 0000 0000 0000 0800 4500  ..............E.
	0x0010:  003f 50dc 4000 4006 ebda 7f00 0001 7f00  .?P.@.@.........
	0x0020:  0001 842a 49f4 c1b3 dea5 a5ca e661 8018  ...*I........a..
	0x0030:  0040 fe33 0000 0101 080a a116 c04f 9b96  .@.3.........O..
	0x0040:  c661 8185 0b4c de23 4329 b24f 64         .a...L.#C).Od`;

/** `tcpdump -x`: hex only, no ASCII column. */
export const HELLO_TCPDUMP_x = `	0x0000:  4500 003f 50dc 4000 4006 ebda 7f00 0001
	0x0010:  7f00 0001 842a 49f4 c1b3 dea5 a5ca e661
	0x0020:  8018 0040 fe33 0000 0101 080a a116 c04f
	0x0030:  9b96 c661 8185 0b4c de23 4329 b24f 64`;

/** `tcpdump -xx`: hex only, with the link-layer header. */
export const HELLO_TCPDUMP_xx = `	0x0000:  0000 0000 0000 0000 0000 0000 0800 4500
	0x0010:  003f 50dc 4000 4006 ebda 7f00 0001 7f00
	0x0020:  0001 842a 49f4 c1b3 dea5 a5ca e661 8018
	0x0030:  0040 fe33 0000 0101 080a a116 c04f 9b96
	0x0040:  c661 8185 0b4c de23 4329 b24f 64`;

/** The client's masked text frame "Hello" inside that packet (masking key 0b 4c de 23). */
export const HELLO_FRAME_HEX = '81 85 0b 4c de 23 43 29 b2 4f 64';

/** `tcpdump -X` of the server's unmasked text frame "cafe dead beef 0123" (its ASCII column reads like hex). */
export const TEXT_FRAME_TCPDUMP_X = `	0x0000:  4500 0049 effe 4000 4006 4cae 7f00 0001  E..I..@.@.L.....
	0x0010:  7f00 0001 49f4 842a a5ca e64c c1b3 dea5  ....I..*...L....
	0x0020:  8018 0040 fe3d 0000 0101 080a 9b96 c661  ...@.=.........a
	0x0030:  a116 c042 8113 6361 6665 2064 6561 6420  ...B..cafe.dead.
	0x0040:  6265 6566 2030 3132 33                   beef.0123`;

/** `tcpdump -X` of the browser's upgrade request (501 bytes of TCP payload). */
export const UPGRADE_TCPDUMP_X = `	0x0000:  4500 0229 50d9 4000 4006 e9f3 7f00 0001  E..)P.@.@.......
	0x0010:  7f00 0001 842a 49f4 c1b3 dcb0 a5ca e5cb  .....*I.........
	0x0020:  8018 0040 001e 0000 0101 080a a116 c040  ...@...........@
	0x0030:  9b96 c65b 4745 5420 2f63 6861 7420 4854  ...[GET./chat.HT
	0x0040:  5450 2f31 2e31 0d0a 486f 7374 3a20 3132  TP/1.1..Host:.12
	0x0050:  372e 302e 302e 313a 3138 3933 320d 0a43  7.0.0.1:18932..C
	0x0060:  6f6e 6e65 6374 696f 6e3a 2055 7067 7261  onnection:.Upgra
	0x0070:  6465 0d0a 5072 6167 6d61 3a20 6e6f 2d63  de..Pragma:.no-c
	0x0080:  6163 6865 0d0a 4361 6368 652d 436f 6e74  ache..Cache-Cont
	0x0090:  726f 6c3a 206e 6f2d 6361 6368 650d 0a55  rol:.no-cache..U
	0x00a0:  7365 722d 4167 656e 743a 204d 6f7a 696c  ser-Agent:.Mozil
	0x00b0:  6c61 2f35 2e30 2028 5831 313b 204c 696e  la/5.0.(X11;.Lin
	0x00c0:  7578 2078 3836 5f36 3429 2041 7070 6c65  ux.x86_64).Apple
	0x00d0:  5765 624b 6974 2f35 3337 2e33 3620 284b  WebKit/537.36.(K
	0x00e0:  4854 4d4c 2c20 6c69 6b65 2047 6563 6b6f  HTML,.like.Gecko
	0x00f0:  2920 4865 6164 6c65 7373 4368 726f 6d65  ).HeadlessChrome
	0x0100:  2f31 3536 2e30 2e30 2e30 2053 6166 6172  /156.0.0.0.Safar
	0x0110:  692f 3533 372e 3336 0d0a 5570 6772 6164  i/537.36..Upgrad
	0x0120:  653a 2077 6562 736f 636b 6574 0d0a 4f72  e:.websocket..Or
	0x0130:  6967 696e 3a20 6874 7470 3a2f 2f31 3237  igin:.http://127
	0x0140:  2e30 2e30 2e31 3a31 3839 3332 0d0a 5365  .0.0.1:18932..Se
	0x0150:  632d 5765 6253 6f63 6b65 742d 5665 7273  c-WebSocket-Vers
	0x0160:  696f 6e3a 2031 330d 0a41 6363 6570 742d  ion:.13..Accept-
	0x0170:  456e 636f 6469 6e67 3a20 677a 6970 2c20  Encoding:.gzip,.
	0x0180:  6465 666c 6174 652c 2062 722c 207a 7374  deflate,.br,.zst
	0x0190:  640d 0a41 6363 6570 742d 4c61 6e67 7561  d..Accept-Langua
	0x01a0:  6765 3a20 656e 2d55 532c 656e 3b71 3d30  ge:.en-US,en;q=0
	0x01b0:  2e39 0d0a 5365 632d 5765 6253 6f63 6b65  .9..Sec-WebSocke
	0x01c0:  742d 4b65 793a 2051 3037 3278 5341 3476  t-Key:.Q072xSA4v
	0x01d0:  3666 4a61 4343 3364 6241 787a 673d 3d0d  6fJaCC3dbAxzg==.
	0x01e0:  0a53 6563 2d57 6562 536f 636b 6574 2d45  .Sec-WebSocket-E
	0x01f0:  7874 656e 7369 6f6e 733a 2070 6572 6d65  xtensions:.perme
	0x0200:  7373 6167 652d 6465 666c 6174 653b 2063  ssage-deflate;.c
	0x0210:  6c69 656e 745f 6d61 785f 7769 6e64 6f77  lient_max_window
	0x0220:  5f62 6974 730d 0a0d 0a                   _bits....`;
