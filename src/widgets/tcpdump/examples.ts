/**
 * Example captures for the tcpdump reader. The real ones live in content/captures/tcpdump-lines.ts (where each
 * comes from is said there); BROKEN_LINES is the one made-up example, to show the reader's error messages.
 */
import {
  LOOPBACK_NC,
  LOOPBACK_REFUSED,
  REFERENCE_HTTP,
  REFERENCE_RST,
  REFERENCE_SACK,
  REFERENCE_WEBSOCKET,
} from '../../../content/captures/tcpdump-lines';

export { LOOPBACK_NC, LOOPBACK_REFUSED, REFERENCE_HTTP, REFERENCE_RST, REFERENCE_SACK, REFERENCE_WEBSOCKET };

/**
 * Not a capture: tcpdump's status lines (real, from the loopback session), the handshake of REFERENCE_HTTP with
 * one line cut short and one flag letter mistyped, and an ARP line from the article's §6 — to show how the
 * reader reports what it cannot read and still explains the rest.
 */
export const BROKEN_LINES = `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes
10:11:06.151830 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [S], seq 2153742604, win 65535, options [mss 1460,nop,wscale 5,nop,nop,TS val 298297187 ecr 0,sackOK,eol], length 0
10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [S.], seq 1007874094, ack 2153742605, win 65535, options [mss 1460,nop,wscale 5,nop,nop,TS val 49355
09:51:32.966852 ARP, Request who-has 10.2.200.140 tell 10.2.200.11, length 28
10:11:06.190376 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [.], ack 1, win 4117, options [nop,nop,TS val 298297310 ecr 493556398], length 0
10:11:06.193435 IP 10.2.200.11.63826 > 10.2.200.140.8080: Flags [PX], seq 1:404, ack 1, win 4117, options [nop,nop,TS val 298297312 ecr 493556398], length 403: HTTP: GET / HTTP/1.1
14 packets captured`;

export interface CaptureExample {
  id: string;
  title: string;
  text: string;
  source: string;
}

export const CAPTURE_EXAMPLES: readonly CaptureExample[] = [
  {
    id: 'http',
    title: 'A whole HTTP connection (handshake, request, response, close)',
    text: REFERENCE_HTTP,
    source: 'Real capture from the reference article (macOS tcpdump, phone → 10.2.200.140:8080).',
  },
  {
    id: 'nc',
    title: 'nc on Linux loopback (the lab’s echo port 8788)',
    text: LOOPBACK_NC,
    source:
      'Real capture: tcpdump -i lo -n port 8788 while nc -N 127.0.0.1 8788 sent "hello" and "bye" to the lab’s echo.',
  },
  {
    id: 'refused',
    title: 'Connection refused (RST)',
    text: REFERENCE_RST,
    source: 'Real capture from the reference article: SYN to port 8080 after the server was stopped.',
  },
  {
    id: 'refused-loopback',
    title: 'Connection refused on loopback',
    text: LOOPBACK_REFUSED,
    source: 'Real capture: nc 127.0.0.1 8799 with nothing listening.',
  },
  {
    id: 'websocket',
    title: 'WebSocket: upgrade, one frame, close (no SYNs)',
    text: REFERENCE_WEBSOCKET,
    source: 'Real lines from the reference article’s WebSocket section; the capture starts after the handshake.',
  },
  {
    id: 'sack',
    title: 'An ACK with a SACK block (host names, no -n)',
    text: REFERENCE_SACK,
    source: 'Real line from the reference article’s congestion-control section.',
  },
  {
    id: 'broken',
    title: 'Lines the reader cannot read (and what it says)',
    text: BROKEN_LINES,
    source: 'Real lines with two of them damaged on purpose, plus tcpdump’s own status lines and an ARP line.',
  },
];

export function exampleById(id: string): CaptureExample | undefined {
  return CAPTURE_EXAMPLES.find((e) => e.id === id);
}
