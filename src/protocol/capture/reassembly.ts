/**
 * TCP reassembly for one direction of one connection: segments placed by sequence number (RFC 9293
 * §3.4, modulo 2^32 so a stream may wrap), in-order bytes handed on exactly once.
 *
 * - Out-of-order segments are held until the bytes before them arrive (`outOfOrder` counts them).
 * - Bytes already handed on that arrive again — a retransmission, or a segment overlapping one before
 *   it — are counted (`retransmissions`) and dropped; the first copy wins, as in most stacks.
 * - A gap (bytes the capture never saw) is reported with its size when it can no longer be filled:
 *   when the peer acknowledges past it, when the held bytes exceed `maxBuffered`, when a packet was
 *   cut by the snap length, or at the end of the capture. The stream goes on after it.
 * - SYN and FIN each take one sequence number (RFC 9293 §3.4); RST ends the stream.
 *
 * Offsets handed out are stream offsets: 0 is the first byte after the SYN (or the first byte seen
 * when the SYN was not captured), counted without wrapping.
 */
import { seqAdd, seqDiff } from '../tcp/seq';

export interface TcpSegmentIn {
  seq: number;
  syn: boolean;
  fin: boolean;
  rst: boolean;
  payload: Uint8Array;
  /** Payload bytes the packet carried but the capture cut off (snap length). */
  missing?: number;
  packet: number;
}

export type StreamEvent =
  | { kind: 'data'; offset: number; bytes: Uint8Array; packet: number }
  | { kind: 'gap'; offset: number; length: number; packet: number; reason: 'lost' | 'snaplen' };

export interface StreamStats {
  segments: number;
  /** Payload bytes handed on. */
  bytes: number;
  retransmissions: number;
  /** Bytes dropped because they had been handed on already. */
  retransmittedBytes: number;
  outOfOrder: number;
  gaps: number;
  gapBytes: number;
  syn?: number;
  fin?: number;
  rst?: number;
}

interface Held {
  offset: number;
  bytes: Uint8Array;
  missing: number;
  fin: boolean;
  packet: number;
}

export interface TcpStreamOptions {
  /** Most out-of-order bytes held before the oldest hole is declared a gap (default 4 MiB). */
  maxBuffered?: number;
}

export class TcpStream {
  readonly stats: StreamStats = {
    segments: 0,
    bytes: 0,
    retransmissions: 0,
    retransmittedBytes: 0,
    outOfOrder: 0,
    gaps: 0,
    gapBytes: 0,
  };
  /** Sequence number of the next byte expected; undefined before the first segment. */
  private next: number | undefined;
  private isn: number | undefined;
  /** Stream offset of `next`. */
  private offset = 0;
  private held: Held[] = [];
  private heldBytes = 0;
  private finished = false;
  private readonly maxBuffered: number;
  /** An acknowledgment past the first hole, seen while bytes were held. */
  private ackedPast: number | undefined;

  constructor(options: TcpStreamOptions = {}) {
    this.maxBuffered = options.maxBuffered ?? 4 * 1024 * 1024;
  }

  /** Stream offset of the next byte expected. */
  get position(): number {
    return this.offset;
  }

  /** The initial sequence number, when the SYN was captured. */
  get initialSequence(): number | undefined {
    return this.isn;
  }

  push(seg: TcpSegmentIn): StreamEvent[] {
    const out: StreamEvent[] = [];
    this.stats.segments++;
    if (seg.rst) this.stats.rst ??= seg.packet;
    let seq = seg.seq;
    if (seg.syn) {
      if (this.isn === undefined && this.next === undefined) {
        this.isn = seq;
        this.next = seqAdd(seq, 1);
        this.stats.syn = seg.packet;
      } else if (seg.payload.length === 0) {
        this.stats.retransmissions++; // the SYN again
        return out;
      }
      seq = seqAdd(seq, 1);
    }
    const length = seg.payload.length + (seg.missing ?? 0);
    if (seg.fin) this.stats.fin ??= seg.packet;
    if (length === 0 && !seg.fin) return out;
    if (this.next === undefined) this.next = seq;
    const d = seqDiff(seq, this.next);
    if (d + length <= 0 && length > 0) {
      this.stats.retransmissions++;
      this.stats.retransmittedBytes += length;
      return out;
    }
    const held: Held = {
      offset: this.offset + d,
      bytes: seg.payload,
      missing: seg.missing ?? 0,
      fin: seg.fin,
      packet: seg.packet,
    };
    if (d > 0) {
      if (
        this.held.some(
          (h) => h.offset <= held.offset && h.offset + h.bytes.length + h.missing >= held.offset + length && length > 0,
        )
      ) {
        this.stats.retransmissions++;
        this.stats.retransmittedBytes += length;
        return out;
      }
      const acked = this.ackedPast;
      if (length > 0) this.stats.outOfOrder++;
      this.hold(held);
      if (this.heldBytes > this.maxBuffered) this.skipToHeld(out, 'lost');
      else if (acked !== undefined) this.checkAcked(out, seg.packet);
      return out;
    }
    this.deliver(held, out);
    this.drain(out);
    this.checkAcked(out, seg.packet);
    return out;
  }

  private checkAcked(out: StreamEvent[], packet: number): void {
    if (this.ackedPast === undefined) return;
    if (this.held.length === 0 || this.next === undefined || seqDiff(this.ackedPast, this.next) <= 0) {
      this.ackedPast = undefined;
      return;
    }
    this.ackedPast = undefined;
    this.skipToHeld(out, 'lost', packet);
  }

  /**
   * The peer acknowledged `ack`. If that is past a hole, the receiver had bytes the capture missed —
   * or the capture shows the ACK before the data (Wireshark's "ACKed unseen segment"). The hole is
   * declared a gap only when this side then sends a segment that does not fill it.
   */
  acknowledge(ack: number): void {
    if (this.next !== undefined && this.held.length > 0 && seqDiff(ack, this.next) > 0) this.ackedPast = ack;
  }

  /** End of capture: whatever is held is handed on after the gaps before it. */
  flush(): StreamEvent[] {
    const out: StreamEvent[] = [];
    while (this.held.length > 0) this.skipToHeld(out, 'lost');
    return out;
  }

  private hold(h: Held): void {
    let i = this.held.length;
    while (i > 0 && this.held[i - 1]!.offset > h.offset) i--;
    this.held.splice(i, 0, h);
    this.heldBytes += h.bytes.length;
  }

  private skipToHeld(out: StreamEvent[], reason: 'lost', packet?: number): void {
    const first = this.held[0];
    if (first === undefined) return;
    if (first.offset > this.offset) this.gap(out, first.offset - this.offset, packet ?? first.packet, reason);
    this.drain(out);
  }

  private gap(out: StreamEvent[], length: number, packet: number, reason: 'lost' | 'snaplen'): void {
    out.push({ kind: 'gap', offset: this.offset, length, packet, reason });
    this.stats.gaps++;
    this.stats.gapBytes += length;
    this.offset += length;
    this.next = seqAdd(this.next ?? 0, length);
  }

  private drain(out: StreamEvent[]): void {
    while (this.held.length > 0 && this.held[0]!.offset <= this.offset) {
      const h = this.held.shift()!;
      this.heldBytes -= h.bytes.length;
      this.deliver(h, out);
    }
  }

  /** Hands on the part of `h` past what was delivered; `h.offset <= this.offset`. */
  private deliver(h: Held, out: StreamEvent[]): void {
    if (this.finished) return;
    const skip = this.offset - h.offset;
    const total = h.bytes.length + h.missing;
    if (skip > 0 && total > 0) {
      this.stats.retransmissions++;
      this.stats.retransmittedBytes += Math.min(skip, total);
    }
    if (skip < h.bytes.length) {
      const bytes = skip > 0 ? h.bytes.subarray(skip) : h.bytes;
      out.push({ kind: 'data', offset: this.offset, bytes, packet: h.packet });
      this.offset += bytes.length;
      this.next = seqAdd(this.next ?? 0, bytes.length);
      this.stats.bytes += bytes.length;
    }
    const missingLeft = Math.min(h.missing, total - Math.max(skip, h.bytes.length));
    if (missingLeft > 0) this.gap(out, missingLeft, h.packet, 'snaplen');
    if (h.fin && skip <= total) {
      this.next = seqAdd(this.next ?? 0, 1);
      this.finished = true;
    }
  }
}
