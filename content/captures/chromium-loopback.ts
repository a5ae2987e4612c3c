/**
 * A real WebSocket connection between headless Chromium and a small Node server on loopback, as the lessons show
 * it. Copied from test/protocol/fixtures/chromium-loopback-capture.ts (the codec's test fixture), which says how
 * it was made:
 *
 *   a Node server on 127.0.0.1:18932 served a page whose script ran
 *   `new WebSocket('ws://127.0.0.1:18932/chat')` and sent "Hello"; the server answered the upgrade and sent the
 *   text frame "cafe dead beef 0123". The page ran in headless Chromium 156.0.8078.79 (Debian);
 *   `tcpdump 4.99.3 -i lo -w` recorded the connection and each dump is `tcpdump -r capture.pcap -n -X` output,
 *   pasted verbatim.
 *
 * Nothing here is retyped: the strings are the captured bytes. Lessons print them through components that decode
 * them with the project's codec (src/components/lesson/), so what the page says about a byte is what the codec reads.
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

/** The client's masked text frame "Hello" inside that packet (masking key 0b 4c de 23). */
export const HELLO_FRAME_HEX = '81 85 0b 4c de 23 43 29 b2 4f 64';

/** `tcpdump -X` of the server's unmasked text frame "cafe dead beef 0123" (its ASCII column reads like hex). */
export const TEXT_FRAME_TCPDUMP_X = `	0x0000:  4500 0049 effe 4000 4006 4cae 7f00 0001  E..I..@.@.L.....
	0x0010:  7f00 0001 49f4 842a a5ca e64c c1b3 dea5  ....I..*...L....
	0x0020:  8018 0040 fe3d 0000 0101 080a 9b96 c661  ...@.=.........a
	0x0030:  a116 c042 8113 6361 6665 2064 6561 6420  ...B..cafe.dead.
	0x0040:  6265 6566 2030 3132 33                   beef.0123`;
