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
