/**
 * The retransmission timer's bounds (RFC 6298), in a module of their own so the congestion models (reno.ts,
 * cubic.ts) do not pull the whole connection simulator into a page that only plots windows.
 * connection.ts exports the same values under the same names.
 */

/** RFC 6298 §2.1: initial RTO of 1 second. */
export const INITIAL_RTO_MS = 1000;
/** RFC 6298 §2.5: a maximum value may be placed on RTO provided it is at least 60 seconds. */
export const MAX_RTO_MS = 60_000;
/** RFC 6298 §2.4: RTO is rounded up to 1 second when below it. */
export const MIN_RTO_MS = 1000;

/** Linux's floor on the variance term (TCP_RTO_MIN, net.ipv4.tcp_rto_min_us): 200 ms. */
export const LINUX_RTO_MIN_MS = 200;

/**
 * The RTO after the first RTT sample `r` ms, as RFC 6298 computes it: SRTT = R, RTTVAR = R/2 (§2.2),
 * RTO = SRTT + max(G, 4·RTTVAR), then rounded up to 1 s (§2.4, a SHOULD). G is the clock granularity.
 */
export function rfcFirstRtoMs(r: number, g = 1): number {
  return Math.min(Math.max(r + Math.max(g, 2 * r), MIN_RTO_MS), MAX_RTO_MS);
}

/**
 * The same on Linux: RTO = SRTT + max(4·RTTVAR, rto_min) with no 1 s floor (net/ipv4/tcp_input.c:
 * tcp_rtt_estimator() keeps rttvar_us = max(mdev, tcp_rto_min_us), __tcp_set_rto() returns srtt + rttvar_us).
 * After the first sample mdev = 2·R, so RTO = R + max(2R, 200 ms).
 */
export function linuxFirstRtoMs(r: number, rtoMin = LINUX_RTO_MIN_MS): number {
  return r + Math.max(2 * r, rtoMin);
}
