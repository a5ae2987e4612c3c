/**
 * When a SYN gets no answer at all: the schedule of its retransmissions and when connect() gives up.
 *
 * The textbook (RFC 6298 §5, rule 5.5, with the initial RTO of §2.1): each expiry doubles the timer, so the
 * retransmissions leave 1, 2, 4, 8 … s apart. Linux counts retries in `net.ipv4.tcp_syn_retries` (6 by default).
 * Since Linux 6.5 it also keeps the timer at its initial value for the first `net.ipv4.tcp_syn_linear_timeouts`
 * expiries (4 by default) before it starts doubling, and allows that many extra retransmissions
 * (net/ipv4/tcp_timer.c: tcp_retransmit_timer() doubles only once total_rto exceeds the setting;
 * tcp_write_timeout() gives up when retransmissions reach tcp_syn_retries + tcp_syn_linear_timeouts).
 * Older kernels behave as linearTimeouts = 0. The timer never exceeds TCP_RTO_MAX, 120 s by default.
 */
import { INITIAL_RTO_MS } from './rto';

export interface SynRetryParams {
  /** net.ipv4.tcp_syn_retries: 6 by default on Linux. */
  retries: number;
  /** net.ipv4.tcp_syn_linear_timeouts: 4 by default since Linux 6.5; 0 for the textbook and older kernels. */
  linearTimeouts: number;
  /** The first RTO, ms (RFC 6298 §2.1: 1 s; Linux TCP_TIMEOUT_INIT). */
  initialRtoMs?: number;
  /** The cap on the timer, ms (Linux TCP_RTO_MAX: 120 s). */
  maxRtoMs?: number;
}

export interface SynRetrySchedule {
  /** When each SYN leaves, ms after connect(): the first SYN at 0, then one per retransmission. */
  sentAtMs: number[];
  /** The wait before each expiry of the timer, ms (one more than the retransmissions: the last one ends it). */
  waitsMs: number[];
  /** When connect() fails with ETIMEDOUT, ms after it was called. */
  giveUpAtMs: number;
}

export const LINUX_SYN_DEFAULTS: SynRetryParams = { retries: 6, linearTimeouts: 4 };

/** The schedule for a SYN that is never answered; bad parameters give an error, not an exception. */
export function synRetrySchedule(
  p: SynRetryParams,
): { ok: true; value: SynRetrySchedule } | { ok: false; error: string } {
  const { retries, linearTimeouts } = p;
  const initial = p.initialRtoMs ?? INITIAL_RTO_MS;
  const max = p.maxRtoMs ?? 120_000;
  for (const [name, v, hi] of [
    ['retries', retries, 127],
    ['linearTimeouts', linearTimeouts, 255],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > hi) return { ok: false, error: `${name} must be an integer 0–${hi}` };
  }
  if (!(initial > 0) || !(max >= initial)) return { ok: false, error: 'initialRtoMs must be > 0 and ≤ maxRtoMs' };
  const retransmissions = retries + linearTimeouts;
  const sentAtMs = [0];
  const waitsMs: number[] = [];
  let rto = initial;
  let t = 0;
  for (let expiry = 1; expiry <= retransmissions + 1; expiry++) {
    waitsMs.push(rto);
    t += rto;
    if (expiry <= retransmissions) sentAtMs.push(t);
    // tcp_retransmit_timer(): in SYN-SENT the RTO doubles only once more than linearTimeouts expiries happened.
    if (expiry > linearTimeouts) rto = Math.min(rto * 2, max);
  }
  return { ok: true, value: { sentAtMs, waitsMs, giveUpAtMs: t } };
}
