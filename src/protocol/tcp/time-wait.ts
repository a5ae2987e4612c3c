/**
 * A SYN that arrives for a connection in TIME-WAIT (RFC 6191 §2). TIME-WAIT exists so that old segments cannot be
 * taken for a new connection's (RFC 9293 §3.3.2); a new SYN is safe to honour when it cannot be an old one:
 * its timestamp is newer than the last one seen (timestamps must increase across connections between the same
 * two hosts for this to work, RFC 6191 §3), or, without timestamps, its sequence number is above the last one
 * seen (the older rule, RFC 1122 §4.2.2.13, kept by RFC 9293 §3.6.1). Otherwise the SYN is silently dropped and
 * the old connection stays in TIME-WAIT. Timestamps and sequence numbers compare modulo 2^32 (RFC 7323 §5.2).
 */
import { seqGt } from './seq';

export interface TimeWaitSyn {
  /** TS.Recent of the old connection: the peer's last TSval, when the old connection used timestamps. */
  lastTsVal?: number;
  /** The last sequence number seen from the peer on the old connection (its RCV.NXT). */
  lastSeq: number;
  /** The new SYN's TSval, when it carries timestamps (and they would be on for the new connection). */
  synTsVal?: number;
  /** The new SYN's sequence number (the new ISN). */
  synSeq: number;
}

export interface TimeWaitVerdict {
  /** true: a new connection starts (SYN-RECEIVED); false: the SYN is dropped, TIME-WAIT goes on. */
  accept: boolean;
  /** Which of RFC 6191 §2's cases decided, in words. */
  why: string;
}

/** RFC 6191 §2: the processing of a SYN received in TIME-WAIT. */
export function synInTimeWait(s: TimeWaitSyn): TimeWaitVerdict {
  const seqNewer = seqGt(s.synSeq, s.lastSeq);
  if (s.lastTsVal !== undefined) {
    if (s.synTsVal !== undefined) {
      if (seqGt(s.synTsVal, s.lastTsVal)) return { accept: true, why: 'its timestamp is newer than the last one seen' };
      if (s.synTsVal === s.lastTsVal && seqNewer) {
        return { accept: true, why: 'its timestamp equals the last one seen and its sequence number is higher' };
      }
      return { accept: false, why: 'its timestamp is not newer than the last one seen' };
    }
    return seqNewer
      ? { accept: true, why: 'it has no timestamp, but its sequence number is higher than the last one seen' }
      : { accept: false, why: 'it has no timestamp, and its sequence number is not higher than the last one seen' };
  }
  if (s.synTsVal !== undefined) {
    return { accept: true, why: 'the old connection used no timestamps, and the new one will' };
  }
  return seqNewer
    ? { accept: true, why: 'its sequence number is higher than the last one seen' }
    : { accept: false, why: 'its sequence number is not higher than the last one seen' };
}
