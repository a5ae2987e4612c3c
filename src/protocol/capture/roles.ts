/**
 * Which side of a TCP connection is the client, decided once for both ways the project reads a capture:
 * the analyser over captured packets (analyser.ts) and the segment explainer over tcpdump's text lines
 * (segments.ts). A connection is keyed by its two endpoints in either order.
 */

/** One key for both directions of a connection: its two endpoints, sorted. */
export function connectionKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

/**
 * The client given a SYN from endpoint `from` (0 or 1): a SYN alone is the active open, so its sender is the
 * client; a SYN-ACK answers it, so its receiver is (RFC 9293 §3.5).
 */
export function clientOfSyn(from: 0 | 1, ack: boolean): 0 | 1 {
  return ack ? ((1 - from) as 0 | 1) : from;
}

/**
 * A guess when no SYN (or request) says it: ephemeral client ports are high (RFC 6335 §6 puts them at
 * 49152–65535; Linux uses 32768–60999), so the endpoint with the higher port is taken as the client.
 * Undefined when the ports are equal or unknown.
 */
export function clientByPort(portA: number | undefined, portB: number | undefined): 0 | 1 | undefined {
  if (portA === undefined || portB === undefined || portA === portB) return undefined;
  return portA > portB ? 0 : 1;
}
