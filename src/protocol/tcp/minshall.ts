/**
 * Whether a small segment may leave now, by the rule of RFC 1122 §4.2.3.4 (Nagle) and by Greg Minshall's
 * variant, which Linux uses (tcp_minshall_check() in net/ipv4/tcp_output.c). Nagle holds a segment smaller
 * than the MSS while any data is unacknowledged; Minshall holds it only while an earlier segment smaller than
 * the MSS is unacknowledged, so the short tail of a bulk write, sent behind full segments, leaves at once.
 */

export type SmallSegmentRule = 'nagle' | 'minshall';

/**
 * `inFlight`: the sizes of the segments sent and not yet acknowledged, oldest first. `size`: the segment to send.
 * A segment of at least one MSS may always go; so may anything when nothing (nagle) or nothing small (minshall)
 * is in flight.
 */
export function maySendSmall(rule: SmallSegmentRule, size: number, mss: number, inFlight: readonly number[]): boolean {
  if (size >= mss) return true;
  return rule === 'nagle' ? inFlight.length === 0 : !inFlight.some((s) => s < mss);
}
