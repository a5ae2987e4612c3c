/**
 * BBR's model of the path (draft-ietf-ccwg-bbr, "BBR Congestion Control", §2 and §4.5): instead of reacting to
 * loss it estimates the bottleneck bandwidth as the largest delivery rate measured over a recent window
 * (a windowed max filter, BBR.max_bw) and the round-trip propagation delay as the smallest RTT measured over a
 * recent window (a windowed min filter, BBR.min_rtt). Their product is its estimate of the bandwidth-delay
 * product, BBR.bdp; it paces at about max_bw and caps what is in flight at a small multiple of the BDP.
 */
import { bandwidthDelayProduct } from './bdp';

export interface BbrSample {
  /** Delivery rate measured by one ACK, in bits per second. */
  deliveryRateBps: number;
  /** Round-trip time measured by the same ACK, in ms. */
  rttMs: number;
}

export interface BbrEstimate {
  /** BBR.max_bw: the largest delivery rate in the window, bits per second. */
  maxBwBps: number;
  /** BBR.min_rtt: the smallest RTT in the window, ms. */
  minRttMs: number;
  /** BBR.bdp = max_bw × min_rtt, in bytes. */
  bdpBytes: number;
}

/** The estimates from the samples still inside both filters' windows; an error for no samples or a bad one. */
export function bbrEstimate(
  samples: readonly BbrSample[],
): { ok: true; value: BbrEstimate } | { ok: false; error: string } {
  if (samples.length === 0) return { ok: false, error: 'BBR needs at least one delivery-rate and RTT sample' };
  const bad = samples.findIndex((s) => !(s.deliveryRateBps > 0) || !(s.rttMs > 0));
  if (bad >= 0) return { ok: false, error: `sample ${bad + 1}: rate and RTT must be positive numbers` };
  const maxBwBps = Math.max(...samples.map((s) => s.deliveryRateBps));
  const minRttMs = Math.min(...samples.map((s) => s.rttMs));
  return { ok: true, value: { maxBwBps, minRttMs, bdpBytes: bandwidthDelayProduct(maxBwBps, minRttMs) } };
}
