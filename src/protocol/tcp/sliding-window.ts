/**
 * Flow control over discrete ticks: a sender application writes into the send buffer, TCP sends what the
 * receiver's window allows, the receiving application reads at its own rate, and the advertised window
 * (rwnd) is the free space of the receive buffer (RFC 9293 §3.8.6). When the buffer fills, the window
 * closes (zero window) and the sender probes it with one octet after the persist timer, backing off
 * (RFC 9293 §3.8.6.1, RFC 1122 §4.2.2.17). Optional silly window syndrome avoidance on both sides
 * (RFC 1122 §4.2.3.3 receiver, §4.2.3.4 sender).
 *
 * Model: segments and ACKs take `latencyTicks` each way and are never lost, except that pure window
 * updates can be dropped (`dropWindowUpdates`) to show why the persist timer exists. The receiver sends
 * one cumulative ACK per tick in which data arrived. Numbers are byte offsets from the start of the
 * stream (relative sequence numbers minus one).
 *
 * Bad parameters → `{ ok: false, errors }`.
 */

import { checkNumber, fail, ok, type ParamError, type SimResult } from './types';
import { bytes, formatInt } from './format';

export interface SlidingWindowParams {
  /** Bytes the sending application writes at tick 0 (ignored when `writes` is given). Default 20,000. */
  totalBytes?: number;
  /** Writes spread over time. */
  writes?: Array<{ tick: number; bytes: number }>;
  /** Receive buffer size in bytes. Default 8,000. */
  receiveBuffer?: number;
  /** Bytes the receiving application reads per tick. Default 1,000. */
  readRate?: number;
  /** Ticks [from, to) during which the receiving application does not read (backpressure). */
  readPauses?: Array<{ from: number; to: number }>;
  /** Maximum segment size. Default 1,000. */
  mss?: number;
  /** One-way delay in ticks (≥ 1). Default 1. */
  latencyTicks?: number;
  /** Number of ticks to simulate. Default 40. */
  ticks?: number;
  /** First persist timeout in ticks; doubles after each probe (max 64). Default 4. */
  persistTicks?: number;
  /** Silly window syndrome avoidance at sender and receiver (RFC 1122 §4.2.3.3–4). Default false. */
  sillyWindowAvoidance?: boolean;
  /** Lose the receiver's pure window updates (to show the persist timer rescuing the connection). */
  dropWindowUpdates?: boolean;
}

export type SwEventKind =
  | 'write'
  | 'send'
  | 'arrive'
  | 'ack-sent'
  | 'ack-arrive'
  | 'read'
  | 'zero-window'
  | 'window-update'
  | 'window-update-lost'
  | 'persist-timer'
  | 'probe'
  | 'sws-wait';

export interface SwEvent {
  kind: SwEventKind;
  text: string;
}

export interface InTransitSegment {
  seq: number;
  len: number;
  probe: boolean;
  sentTick: number;
  arriveTick: number;
}
export interface InTransitAck {
  ack: number;
  window: number;
  windowUpdate: boolean;
  sentTick: number;
  arriveTick: number;
}

export interface SenderView {
  /** Bytes the application has written so far. */
  written: number;
  /** SND.UNA: everything before it is acknowledged. */
  acked: number;
  /** SND.NXT: everything before it has been sent. */
  sent: number;
  /** SND.WND: the window the receiver last advertised. */
  window: number;
  /** acked + window: the right edge of the send window. */
  windowEnd: number;
  /** Category sizes, left to right (RFC 9293 §3.3.1 Figure 3). */
  ackedBytes: number;
  inFlight: number;
  /** Inside the window and written, not yet sent. */
  usable: number;
  /** Written but beyond the window: must wait. */
  notUsable: number;
  /** 1 while a zero-window probe octet (sent beyond the window, counted in notUsable) awaits its answer. */
  probeOutstanding: number;
}

export interface ReceiverView {
  capacity: number;
  /** RCV.NXT: bytes received in order. */
  received: number;
  /** Bytes the application has read. */
  read: number;
  /** Received, waiting for the application. */
  buffered: number;
  free: number;
  /** What the receiver advertises now (free space, or less with SWS avoidance). */
  advertised: number;
}

export interface SwTick {
  tick: number;
  sender: SenderView;
  receiver: ReceiverView;
  inTransit: { segments: InTransitSegment[]; acks: InTransitAck[] };
  events: SwEvent[];
}

export interface SlidingWindowRun {
  ticks: SwTick[];
  totalBytes: number;
  /** First tick at which the receiving application had read everything. */
  completedAtTick?: number;
  zeroWindowTicks: number;
  probesSent: number;
  /** Every segment the sender transmitted, in order. */
  sentSegments: InTransitSegment[];
}

export function validateSlidingWindowParams(p: SlidingWindowParams): ParamError[] {
  const errors: ParamError[] = [];
  if (p.totalBytes !== undefined)
    checkNumber(errors, 'totalBytes', p.totalBytes, { min: 0, max: 100_000_000, integer: true });
  const ticksOk = p.ticks === undefined || checkNumber(errors, 'ticks', p.ticks, { min: 1, max: 5000, integer: true });
  const ticks = ticksOk ? (p.ticks ?? 40) : 5000;
  if (p.writes !== undefined) {
    if (!Array.isArray(p.writes))
      errors.push({ field: 'writes', value: p.writes, message: 'writes must be a list of {tick, bytes}.' });
    else
      p.writes.forEach((w, i) => {
        checkNumber(errors, `writes[${i}].tick`, w?.tick, { min: 0, max: ticks - 1, integer: true });
        checkNumber(errors, `writes[${i}].bytes`, w?.bytes, { min: 1, max: 100_000_000, integer: true });
      });
  }
  if (p.receiveBuffer !== undefined)
    checkNumber(errors, 'receiveBuffer', p.receiveBuffer, { min: 1, max: 65535 * 2 ** 14, integer: true });
  if (p.readRate !== undefined) checkNumber(errors, 'readRate', p.readRate, { min: 0, max: 1e9, integer: true });
  if (p.mss !== undefined) checkNumber(errors, 'mss', p.mss, { min: 1, max: 65_495, integer: true });
  if (p.latencyTicks !== undefined)
    checkNumber(errors, 'latencyTicks', p.latencyTicks, { min: 1, max: 100, integer: true });
  if (p.persistTicks !== undefined)
    checkNumber(errors, 'persistTicks', p.persistTicks, { min: 1, max: 64, integer: true });
  if (p.readPauses !== undefined) {
    if (!Array.isArray(p.readPauses))
      errors.push({ field: 'readPauses', value: p.readPauses, message: 'readPauses must be a list of {from, to}.' });
    else
      p.readPauses.forEach((r, i) => {
        const a = checkNumber(errors, `readPauses[${i}].from`, r?.from, { min: 0, integer: true });
        const b = checkNumber(errors, `readPauses[${i}].to`, r?.to, { min: 0, integer: true });
        if (a && b && r.to <= r.from)
          errors.push({
            field: `readPauses[${i}]`,
            value: r,
            message: `readPauses[${i}]: "to" (${r.to}) must be greater than "from" (${r.from}).`,
          });
      });
  }
  return errors;
}

export function simulateSlidingWindow(params: SlidingWindowParams = {}): SimResult<SlidingWindowRun> {
  const errors = validateSlidingWindowParams(params);
  if (errors.length) return fail(errors);
  const cap = params.receiveBuffer ?? 8000;
  const readRate = params.readRate ?? 1000;
  const mss = params.mss ?? 1000;
  const lat = params.latencyTicks ?? 1;
  const nTicks = params.ticks ?? 40;
  const persistBase = params.persistTicks ?? 4;
  const sws = params.sillyWindowAvoidance ?? false;
  const dropUpdates = params.dropWindowUpdates ?? false;
  const writes = params.writes ?? [{ tick: 0, bytes: params.totalBytes ?? 20_000 }];
  const totalBytes = writes.reduce((n, w) => n + w.bytes, 0);
  const paused = (t: number) => (params.readPauses ?? []).some((r) => t >= r.from && t < r.to);

  // Sender state (byte offsets).
  let written = 0;
  let sndUna = 0;
  let sndNxt = 0;
  // Before the first ACK the sender knows the window from the handshake: the whole buffer.
  let sndWnd = cap;
  let maxSndWnd = cap;
  let persistAt: number | undefined;
  let persistInterval = persistBase;
  let probesSent = 0;
  let probeAnsweredBy: number | undefined; // an ACK sent at or after this tick answers the probe
  // Receiver state.
  let rcvNxt = 0;
  let read = 0;
  let rightEdge = cap; // RCV.NXT + RCV.WND as last advertised; never moves left (RFC 9293 §3.8.6)
  let lastSent = cap; // the window in the receiver's latest ACK or update (even one that was lost)

  let segs: InTransitSegment[] = [];
  const sentSegments: InTransitSegment[] = [];
  let acks: InTransitAck[] = [];
  const out: SwTick[] = [];
  let completedAtTick: number | undefined;
  let zeroWindowTicks = 0;

  const free = () => cap - (rcvNxt - read);
  /** Advance the right edge per the receiver's rules and return the window to advertise. */
  const advertise = (): number => {
    const candidate = rcvNxt + free();
    if (sws) {
      // RFC 1122 §4.2.3.3: move the right edge only by at least min(buffer/2, MSS).
      if (candidate - rightEdge >= Math.min(Math.floor(cap / 2), mss)) rightEdge = candidate;
    } else if (candidate > rightEdge) rightEdge = candidate;
    return Math.max(0, rightEdge - rcvNxt);
  };

  for (let tick = 0; tick < nTicks; tick++) {
    const events: SwEvent[] = [];
    const ev = (kind: SwEventKind, text: string) => events.push({ kind, text });

    // 1. Segments arrive at the receiver.
    const arriving = segs.filter((s) => s.arriveTick === tick);
    segs = segs.filter((s) => s.arriveTick !== tick);
    let dataArrived = false;
    for (const s of arriving) {
      dataArrived = true;
      const window = advertise();
      const end = s.seq + s.len;
      if (end <= rcvNxt) {
        ev('arrive', `Bytes ${s.seq}–${end - 1} arrive again (already received): ignored, ACK repeated.`);
        continue;
      }
      const start = Math.max(s.seq, rcvNxt);
      const accept = Math.min(end - start, window);
      if (s.probe) {
        if (accept > 0) {
          rcvNxt += accept;
          ev('arrive', `Window probe: byte ${start} fits (the window has opened) and is accepted.`);
        } else {
          ev(
            'arrive',
            `Window probe: byte ${start} does not fit a zero window; the receiver drops it but answers with an ACK showing its window (RFC 9293 §3.8.6.1).`,
          );
        }
        continue;
      }
      rcvNxt += accept;
      ev('arrive', `Bytes ${start}–${start + accept - 1} arrive (${bytes(accept)}) and wait in the receive buffer.`);
      if (accept < end - start) ev('arrive', `${bytes(end - start - accept)} did not fit the window and are dropped.`);
    }

    // 2. The receiving application reads.
    let readNow = 0;
    if (!paused(tick)) {
      readNow = Math.min(readRate, rcvNxt - read);
      if (readNow > 0) {
        read += readNow;
        ev('read', `The receiving application reads ${bytes(readNow)}; ${bytes(free())} of the buffer are free.`);
      }
    } else if (rcvNxt - read > 0) {
      ev('read', 'The receiving application is not reading (paused): the buffer fills.');
    }
    if (completedAtTick === undefined && read === totalBytes && totalBytes > 0 && writes.every((w) => w.tick <= tick))
      completedAtTick = tick;

    // The receiver's ACK: after arrivals, or a window update when the window reopens.
    const window = advertise();
    if (dataArrived) {
      acks.push({ ack: rcvNxt, window, windowUpdate: false, sentTick: tick, arriveTick: tick + lat });
      ev(
        'ack-sent',
        `Receiver ACKs ${rcvNxt} with window ${formatInt(window)}${window === 0 ? ' — zero window: the buffer is full' : ''}.`,
      );
      if (window === 0)
        ev('zero-window', 'The receiver advertises a zero window: the sender must stop (RFC 9293 §3.8.6).');
    } else if (window > lastSent && lastSent < mss) {
      // The window reopens after being (nearly) closed: tell the sender, or it would wait forever.
      if (dropUpdates) {
        ev(
          'window-update-lost',
          `Window update (window ${formatInt(window)}) is sent but lost: the sender still believes the window is ${formatInt(lastSent)}.`,
        );
      } else {
        acks.push({ ack: rcvNxt, window, windowUpdate: true, sentTick: tick, arriveTick: tick + lat });
        ev(
          'window-update',
          `The application read data: the window reopens to ${formatInt(window)}, and the receiver sends a window update.`,
        );
      }
    } else if (sws && window < mss && free() > window) {
      ev(
        'sws-wait',
        `Receiver SWS avoidance: ${bytes(free())} are free, but the window is reopened only in steps of at least min(buffer/2, MSS) = ${formatInt(Math.min(Math.floor(cap / 2), mss))} (RFC 1122 §4.2.3.3).`,
      );
    }
    if (dataArrived || (window > lastSent && lastSent < mss)) lastSent = window;

    // 3. ACKs arrive at the sender.
    const ackArrivals = acks.filter((a) => a.arriveTick === tick);
    acks = acks.filter((a) => a.arriveTick !== tick);
    for (const a of ackArrivals) {
      const before = sndWnd;
      if (probeAnsweredBy !== undefined && a.sentTick >= probeAnsweredBy) probeAnsweredBy = undefined;
      if (a.ack > sndUna) sndUna = a.ack;
      if (a.ack > sndNxt) sndNxt = a.ack; // a probe byte was accepted
      sndWnd = a.window;
      maxSndWnd = Math.max(maxSndWnd, sndWnd);
      ev(
        'ack-arrive',
        `ACK ${a.ack} arrives with window ${formatInt(a.window)}: the send window now ends at ${sndUna + sndWnd}.`,
      );
      if (sndWnd > 0 && before === 0) {
        persistAt = undefined;
        persistInterval = persistBase;
        ev('window-update', `The window is open again (${formatInt(sndWnd)}): sending resumes.`);
      }
    }

    // 4. The sending application writes.
    for (const w of writes) {
      if (w.tick === tick) {
        written += w.bytes;
        ev('write', `The sending application writes ${bytes(w.bytes)} into the send buffer.`);
      }
    }

    // 5. The sender sends what the window allows.
    for (;;) {
      const usable = sndUna + sndWnd - sndNxt;
      const unsent = written - sndNxt;
      if (usable <= 0 || unsent <= 0) break;
      const len = Math.min(mss, usable, unsent);
      if (sws) {
        // RFC 1122 §4.2.3.4: send only a full segment, all remaining data with nothing in flight,
        // or at least half the largest window the receiver has offered.
        const allData = len === unsent && sndNxt === sndUna;
        if (!(len === mss || allData || len >= maxSndWnd / 2)) {
          ev(
            'sws-wait',
            `Sender SWS avoidance: only ${bytes(len)} may be sent now — less than a full segment and less than half the largest window; it waits (RFC 1122 §4.2.3.4).`,
          );
          break;
        }
      }
      const seg = { seq: sndNxt, len, probe: false, sentTick: tick, arriveTick: tick + lat };
      segs.push(seg);
      sentSegments.push({ ...seg });
      ev('send', `Sender sends bytes ${sndNxt}–${sndNxt + len - 1} (${bytes(len)}).`);
      sndNxt += len;
    }

    // 6. Zero window: the persist timer and window probes.
    const stuck = sndWnd === 0 && written > sndNxt;
    if (stuck && persistAt === undefined) {
      persistAt = tick + persistInterval;
      ev('persist-timer', `Zero window with data waiting: the persist timer starts (${persistInterval} ticks).`);
    } else if (stuck && persistAt !== undefined && tick >= persistAt) {
      const probe = { seq: sndNxt, len: 1, probe: true, sentTick: tick, arriveTick: tick + lat };
      segs.push(probe);
      sentSegments.push({ ...probe });
      probeAnsweredBy = probe.arriveTick;
      probesSent++;
      ev(
        'probe',
        `Persist timer fires: the sender probes the zero window with 1 byte (byte ${sndNxt}) to make the receiver answer (RFC 9293 §3.8.6.1).`,
      );
      persistInterval = Math.min(persistInterval * 2, 64);
      persistAt = tick + persistInterval;
      ev('persist-timer', `Next probe in ${persistInterval} ticks (exponential back-off, RFC 1122 §4.2.2.17).`);
    } else if (!stuck) persistAt = undefined;
    if (sndWnd === 0) zeroWindowTicks++;

    const windowEnd = sndUna + sndWnd;
    out.push({
      tick,
      sender: {
        written,
        acked: sndUna,
        sent: sndNxt,
        window: sndWnd,
        windowEnd,
        ackedBytes: sndUna,
        inFlight: sndNxt - sndUna,
        usable: Math.max(0, Math.min(windowEnd, written) - sndNxt),
        notUsable: Math.max(0, written - Math.max(sndNxt, windowEnd)),
        probeOutstanding: probeAnsweredBy === undefined ? 0 : 1,
      },
      receiver: {
        capacity: cap,
        received: rcvNxt,
        read,
        buffered: rcvNxt - read,
        free: free(),
        advertised: Math.max(0, rightEdge - rcvNxt),
      },
      inTransit: { segments: segs.map((s) => ({ ...s })), acks: acks.map((a) => ({ ...a })) },
      events,
    });
  }

  const run: SlidingWindowRun = { ticks: out, totalBytes, zeroWindowTicks, probesSent, sentSegments };
  if (completedAtTick !== undefined) run.completedAtTick = completedAtTick;
  return ok(run);
}
