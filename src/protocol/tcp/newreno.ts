/**
 * NewReno's fast recovery with several segments lost from one window (RFC 6582 §3.2). On entering recovery the
 * sender records in `recover` the highest sequence number it has sent. Each retransmission repairs one hole; the
 * ACK it brings back either covers `recover` (a full ACK: recovery ends) or stops at the next hole (a partial
 * ACK: RFC 6582 §3.2 step 3 resends that hole at once and stays in recovery). So NewReno repairs one hole per
 * round trip; SACK (RFC 2018, RFC 6675) lets the sender resend every hole it knows of without waiting.
 * Sequence numbers here are relative plain integers; segment i covers [first + i·mss, first + (i+1)·mss).
 */

export interface LossWindow {
  /** Segments sent back to back, all full-sized. */
  segments: number;
  mss: number;
  /** 0-based indices of the lost segments (each lost once; the retransmissions get through). */
  lost: readonly number[];
  /** Sequence number of segment 0 (default 1, the first data byte in tcpdump's relative numbers). */
  first?: number;
}

export interface RecoveryStep {
  /** Round trips since fast retransmit: 1 for the fast retransmission itself. */
  roundTrip: number;
  /** Sequence number of the segment resent. */
  resendSeq: number;
  /** The cumulative ACK that the resent segment brings back. */
  ackAfter: number;
  /** true while ackAfter does not yet cover `recover` (RFC 6582 §3.2 step 3). */
  partial: boolean;
}

export interface NewRenoRecovery {
  /** Highest sequence number sent when recovery began (RFC 6582 §3.2 step 2). */
  recover: number;
  /** The ACK that ends recovery: everything up to and including `recover`. */
  fullAck: number;
  steps: RecoveryStep[];
}

export type NewRenoResult = { ok: true; value: NewRenoRecovery } | { ok: false; error: string };

export function newRenoRecovery(w: LossWindow): NewRenoResult {
  const first = w.first ?? 1;
  if (!Number.isInteger(w.segments) || w.segments < 1)
    return { ok: false, error: 'segments must be a whole number ≥ 1' };
  if (!Number.isInteger(w.mss) || w.mss < 1) return { ok: false, error: 'mss must be a whole number ≥ 1' };
  if (w.lost.length === 0) return { ok: false, error: 'at least one segment must be lost to start recovery' };
  const holes = [...new Set(w.lost)].sort((a, b) => a - b);
  const bad = holes.find((i) => !Number.isInteger(i) || i < 0 || i >= w.segments);
  if (bad !== undefined) return { ok: false, error: `lost segment ${bad} is not one of 0…${w.segments - 1}` };
  // Three duplicate ACKs need three segments to arrive after the first hole (RFC 5681 §3.2).
  if (w.segments - 1 - holes[0]! - (holes.length - 1) < 3) {
    return { ok: false, error: 'fewer than three segments arrive after the first loss: no three duplicate ACKs' };
  }
  const fullAck = first + w.segments * w.mss;
  const steps = holes.map((hole, i) => {
    const next = holes[i + 1];
    const ackAfter = next === undefined ? fullAck : first + next * w.mss;
    return { roundTrip: i + 1, resendSeq: first + hole * w.mss, ackAfter, partial: next !== undefined };
  });
  return { ok: true, value: { recover: fullAck - 1, fullAck, steps } };
}
