/**
 * The bandwidth-delay product: how many bytes a path holds in flight, and so how large the send window
 * (cwnd and the receiver's buffer, RFC 7323 §1.1 "long, fat pipes") must be to keep it full.
 * A sender can have at most one window unacknowledged per round trip, so window / RTT caps its rate.
 */

/** Bytes in flight on a path of `bitsPerSecond` with round trip `rttMs`: rate × RTT / 8. */
export function bandwidthDelayProduct(bitsPerSecond: number, rttMs: number): number {
  return (bitsPerSecond * rttMs) / 1000 / 8;
}

/** The most a sender with `windowBytes` per round trip of `rttMs` can deliver, in bits per second. */
export function windowLimitedRate(windowBytes: number, rttMs: number): number {
  return (windowBytes * 8 * 1000) / rttMs;
}
