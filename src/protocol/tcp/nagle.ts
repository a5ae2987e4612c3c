/**
 * Nagle's algorithm and delayed ACK on one timeline (continuous time, ms).
 *
 * - Nagle (RFC 896; RFC 1122 §4.2.3.4): a segment smaller than the MSS is sent only when no previously
 *   sent data is still unacknowledged; otherwise small data waits until the ACK comes back or a full
 *   segment has accumulated.
 * - Delayed ACK (RFC 1122 §4.2.3.2): the receiver may wait (less than 500 ms) before acknowledging, hoping
 *   to piggyback the ACK on data it sends back, but it must ACK at least every second full-sized
 *   segment. Linux waits 40 ms at least (TCP_DELACK_MIN) and adapts up to 200 ms, Windows 200 ms, macOS 100 ms
 *   firing within 100–200 ms (tcp_delack), FreeBSD 40 ms
 *   (net.inet.tcp.delacktime).
 * - The server application answers once the whole request has arrived; its response carries the ACK.
 *
 * The classic stall: with both on, a write-write-read client sends its first write, holds its second
 * (Nagle: the first is unacknowledged), while the server holds its ACK (delayed ACK: nothing to
 * piggyback on — the request is incomplete). The delayed-ACK timer breaks the tie.
 *
 * Simplifications: no loss, windows are large, one-way delay = rtt/2, the client ACKs the response
 * with the same delayed-ACK rule. Bad parameters → `{ ok: false, errors }`.
 */

import { checkNumber, fail, ok, type ParamError, type SimResult } from './types';
import { bytes, formatMs } from './format';
export { perPacketOverhead, mssForMtu, type PacketOverhead, type OverheadOptions } from './packet-overhead';

export interface NagleParams {
  /** Application writes on the client, in time order (ms). */
  writes: Array<{ t: number; bytes: number }>;
  /** Round-trip time in ms. Default 20. */
  rttMs?: number;
  /** Maximum segment size. Default 1460. */
  mss?: number;
  /** Nagle's algorithm on the client (true unless TCP_NODELAY). */
  nagle: boolean;
  /** Delayed ACK on both receivers. */
  delayedAck: boolean;
  /** Delayed-ACK timer in ms (< 500 per RFC 1122 §4.2.3.2; Linux ≈ 40, others 200). Default 40. */
  delayedAckMs?: number;
  /** The server's answer: sent once `afterBytes` (default: all written bytes) have arrived. Omit for none. */
  response?: { bytes: number; afterBytes?: number };
}

export type NagleSide = 'client' | 'server';

export interface TimelineSegment {
  /** Sent at (ms) and arrives at (ms). */
  t: number;
  arriveAt: number;
  from: NagleSide;
  to: NagleSide;
  /** "client → server" or "server → client". */
  dir: string;
  /** Payload bytes (0 for a pure ACK). */
  bytes: number;
  /** Byte range of the sender's stream (for data). */
  range?: [number, number];
  /** Cumulative ACK carried (bytes of the peer's stream received). */
  ack: number;
  kind: 'data' | 'ack';
  why: string;
}

export interface WriteOutcome {
  index: number;
  t: number;
  bytes: number;
  /** When its first and last bytes left the host. */
  firstSentAt?: number;
  lastSentAt?: number;
  /** How long the last byte waited in the send buffer (lastSentAt − t). */
  heldMs?: number;
  /** When the server acknowledged its last byte. */
  ackedAt?: number;
  why: string;
}

/**
 * What happened, for code that reacts to an event (the widget draws a bar for each delayed ACK); the
 * text says the same for the reader.
 * - `write`: the application wrote to the client's socket.
 * - `nagle-hold`: Nagle keeps small data in the send buffer (RFC 896; RFC 1122 §4.2.3.4).
 * - `delayed-ack`: a receiver starts its delayed-ACK timer instead of acknowledging (RFC 1122 §4.2.3.2).
 * - `delayed-ack-timer`: that timer expires and the ACK goes out alone.
 * - `request-complete`: the server has the whole request and its application answers.
 * - `response-complete`: the client has the whole response (read() returns).
 */
export type NagleEventKind =
  'write' | 'nagle-hold' | 'delayed-ack' | 'delayed-ack-timer' | 'request-complete' | 'response-complete';

export interface TimelineEvent {
  t: number;
  side: NagleSide;
  kind: NagleEventKind;
  text: string;
}

export interface NagleRun {
  segments: TimelineSegment[];
  writes: WriteOutcome[];
  events: TimelineEvent[];
  /** When the server had the whole request, sent the response, and the client had all of it. */
  requestCompleteAt?: number;
  responseSentAt?: number;
  responseCompleteAt?: number;
}

export function validateNagleParams(p: NagleParams): ParamError[] {
  const errors: ParamError[] = [];
  if (!Array.isArray(p.writes) || p.writes.length === 0) {
    errors.push({ field: 'writes', value: p.writes, message: 'writes must be a non-empty list of {t, bytes}.' });
  } else {
    let prev = -Infinity;
    p.writes.forEach((w, i) => {
      const okT = checkNumber(errors, `writes[${i}].t`, w?.t, { min: 0, max: 600_000 });
      checkNumber(errors, `writes[${i}].bytes`, w?.bytes, { min: 1, max: 10_000_000, integer: true });
      if (okT) {
        if (w.t < prev)
          errors.push({
            field: `writes[${i}].t`,
            value: w.t,
            message: `writes must be in time order: writes[${i}].t (${w.t}) is before the previous write (${prev}).`,
          });
        prev = w.t;
      }
    });
  }
  if (p.rttMs !== undefined) checkNumber(errors, 'rttMs', p.rttMs, { min: 0, max: 60_000, minExclusive: true });
  if (p.mss !== undefined) checkNumber(errors, 'mss', p.mss, { min: 1, max: 65_495, integer: true });
  if (typeof p.nagle !== 'boolean')
    errors.push({ field: 'nagle', value: p.nagle, message: 'nagle must be true or false.' });
  if (typeof p.delayedAck !== 'boolean')
    errors.push({ field: 'delayedAck', value: p.delayedAck, message: 'delayedAck must be true or false.' });
  if (
    p.delayedAckMs !== undefined &&
    !checkNumber(errors, 'delayedAckMs', p.delayedAckMs, { min: 0, max: 500, minExclusive: true, maxExclusive: true })
  ) {
    const last = errors[errors.length - 1];
    if (last) last.message += ' RFC 1122 §4.2.3.2: an ACK must not be delayed 0.5 seconds or more.';
  }
  if (p.response !== undefined) {
    checkNumber(errors, 'response.bytes', p.response?.bytes, { min: 1, max: 10_000_000, integer: true });
    if (p.response?.afterBytes !== undefined)
      checkNumber(errors, 'response.afterBytes', p.response.afterBytes, { min: 1, integer: true });
  }
  return errors;
}

interface Side {
  name: NagleSide;
  written: number;
  sndUna: number;
  sndNxt: number;
  rcvNxt: number;
  /** Bytes received but not yet acknowledged, and how many full-sized segments among them. */
  unackedSegments: number;
  unackedFull: number;
  ackTimer?: { at: number; token: number };
  timerToken: number;
}

export function simulateNagle(params: NagleParams): SimResult<NagleRun> {
  const errors = validateNagleParams(params);
  if (errors.length) return fail(errors);
  const rtt = params.rttMs ?? 20;
  const owd = rtt / 2;
  const mss = params.mss ?? 1460;
  const delAckMs = params.delayedAckMs ?? 40;
  const totalRequest = params.writes.reduce((n, w) => n + w.bytes, 0);
  const response = params.response;
  const answerAfter = response?.afterBytes ?? totalRequest;

  type Task = { t: number; n: number; run: () => void };
  const queue: Task[] = [];
  let counter = 0;
  let now = 0;
  const at = (t: number, run: () => void) => queue.push({ t, n: counter++, run });

  const segments: TimelineSegment[] = [];
  const events: TimelineEvent[] = [];
  const log = (side: NagleSide, kind: NagleEventKind, text: string) => events.push({ t: now, side, kind, text });
  const mk = (name: NagleSide): Side => ({
    name,
    written: 0,
    sndUna: 0,
    sndNxt: 0,
    rcvNxt: 0,
    unackedSegments: 0,
    unackedFull: 0,
    timerToken: 0,
  });
  const sides: Record<NagleSide, Side> = { client: mk('client'), server: mk('server') };
  const peerOf = (s: Side) => sides[s.name === 'client' ? 'server' : 'client'];

  const writeRanges: Array<{ start: number; end: number; out: WriteOutcome }> = [];
  let start = 0;
  const outcomes: WriteOutcome[] = params.writes.map((w, index) => {
    const o: WriteOutcome = { index, t: w.t, bytes: w.bytes, why: '' };
    writeRanges.push({ start, end: start + w.bytes, out: o });
    start += w.bytes;
    return o;
  });
  let requestCompleteAt: number | undefined;
  let responseSentAt: number | undefined;
  let responseCompleteAt: number | undefined;
  let heldNote: string | undefined;

  const transmit = (s: Side, len: number, why: string) => {
    const peer = peerOf(s);
    // Sending anything acknowledges everything received: the ACK rides along.
    s.unackedSegments = 0;
    s.unackedFull = 0;
    s.timerToken++;
    s.ackTimer = undefined;
    const seg: TimelineSegment = {
      t: now,
      arriveAt: now + owd,
      from: s.name,
      to: peer.name,
      dir: `${s.name} → ${peer.name}`,
      bytes: len,
      ack: s.rcvNxt,
      kind: len > 0 ? 'data' : 'ack',
      why,
    };
    if (len > 0) {
      seg.range = [s.sndNxt, s.sndNxt + len];
      s.sndNxt += len;
    }
    segments.push(seg);
    if (s.name === 'client' && len > 0) {
      for (const r of writeRanges) {
        if (r.start < seg.range![1] && r.end > seg.range![0]) {
          r.out.firstSentAt ??= now;
          if (r.end <= seg.range![1]) r.out.lastSentAt = now;
        }
      }
    }
    const sentRange = seg.range;
    const ack = seg.ack;
    at(now + owd, () => receive(peer, len, sentRange, ack));
  };

  /** The client's sending rule, run after every write and every ACK. */
  const trySend = (s: Side) => {
    for (;;) {
      const unsent = s.written - s.sndNxt;
      if (unsent <= 0) return;
      const len = Math.min(mss, unsent);
      const outstanding = s.sndNxt - s.sndUna;
      if (s.name === 'client' && params.nagle && len < mss && outstanding > 0) {
        const note = `Nagle: ${bytes(len)} wait in the send buffer — ${bytes(outstanding)} sent earlier are unacknowledged and this is less than a full segment (RFC 896; RFC 1122 §4.2.3.4).`;
        if (heldNote !== note) log(s.name, 'nagle-hold', note);
        heldNote = note;
        return;
      }
      let why: string;
      if (heldNote && s.name === 'client') {
        why = `Released: ${outstanding === 0 ? 'everything sent earlier is acknowledged' : 'a full segment has accumulated'}, so Nagle lets ${bytes(len)} go.`;
        heldNote = undefined;
      } else if (len === mss) why = `A full segment (${bytes(len)}) is always sent at once.`;
      else if (s.name === 'client' && params.nagle)
        why = `${bytes(len)}: smaller than a segment, but nothing is unacknowledged, so Nagle sends it at once.`;
      else if (s.name === 'client') why = `${bytes(len)} sent at once: Nagle is off (TCP_NODELAY).`;
      else why = `${bytes(len)} of the response; the ACK for the request rides along.`;
      transmit(s, len, why);
    }
  };

  const receive = (s: Side, len: number, range: [number, number] | undefined, ack: number) => {
    // ACK field first.
    if (ack > s.sndUna) {
      s.sndUna = ack;
      if (s.name === 'client') {
        for (const r of writeRanges) if (r.end <= ack && r.out.ackedAt === undefined) r.out.ackedAt = now;
        trySend(s);
      }
    }
    if (len === 0 || !range) return;
    s.rcvNxt = range[1];
    s.unackedSegments++;
    if (len >= mss) s.unackedFull++;

    if (s.name === 'server' && response && responseSentAt === undefined && s.rcvNxt >= answerAfter) {
      requestCompleteAt = now;
      responseSentAt = now;
      log(
        'server',
        'request-complete',
        `The whole request (${bytes(answerAfter)}) has arrived: the server application answers with ${bytes(response.bytes)}.`,
      );
      s.written += response.bytes;
      trySend(s);
      return;
    }
    if (s.name === 'client' && response && s.rcvNxt >= response.bytes && responseCompleteAt === undefined) {
      responseCompleteAt = now;
      log(
        'client',
        'response-complete',
        `The response is complete: read() returns ${formatMs(now - (params.writes[0]?.t ?? 0))} after the first write.`,
      );
    }

    if (!params.delayedAck) {
      transmit(s, 0, 'ACK at once: delayed ACK is off.');
      return;
    }
    if (s.unackedFull >= 2) {
      transmit(s, 0, 'Two full-sized segments unacknowledged: ACK at once (RFC 1122 §4.2.3.2, RFC 5681 §4.2).');
      return;
    }
    if (!s.ackTimer) {
      const token = ++s.timerToken;
      s.ackTimer = { at: now + delAckMs, token };
      const reason =
        s.name === 'server'
          ? `the request is incomplete (${bytes(s.rcvNxt)} of ${bytes(answerAfter)}), so there is no response to piggyback the ACK on`
          : 'there is no data to send back';
      log(
        s.name,
        'delayed-ack',
        `Delayed ACK: ${reason}; the ${s.name} waits up to ${formatMs(delAckMs)} before acknowledging (RFC 1122 §4.2.3.2).`,
      );
      at(now + delAckMs, () => {
        if (s.timerToken !== token) return;
        s.ackTimer = undefined;
        log(
          s.name,
          'delayed-ack-timer',
          `Delayed-ACK timer (${formatMs(delAckMs)}) expires: the ${s.name} sends the ACK alone.`,
        );
        transmit(s, 0, `Delayed-ACK timer expired after ${formatMs(delAckMs)}: a pure ACK.`);
      });
    }
  };

  params.writes.forEach((w, i) => {
    at(w.t, () => {
      const c = sides.client;
      c.written += w.bytes;
      log('client', 'write', `Application write #${i + 1}: ${bytes(w.bytes)}.`);
      trySend(c);
    });
  });

  let steps = 0;
  while (queue.length && steps++ < 100_000) {
    queue.sort((a, b) => a.t - b.t || a.n - b.n);
    const task = queue.shift() as Task;
    now = task.t;
    task.run();
  }

  for (const o of outcomes) {
    if (o.lastSentAt !== undefined) {
      o.heldMs = o.lastSentAt - o.t;
      o.why =
        o.heldMs > 0
          ? `Waited ${formatMs(o.heldMs)} in the send buffer: Nagle held it until the earlier data was acknowledged.`
          : 'Sent the moment it was written.';
    } else o.why = 'Never sent within the simulation.';
  }

  const run: NagleRun = { segments, writes: outcomes, events };
  if (requestCompleteAt !== undefined) run.requestCompleteAt = requestCompleteAt;
  if (responseSentAt !== undefined) run.responseSentAt = responseSentAt;
  if (responseCompleteAt !== undefined) run.responseCompleteAt = responseCompleteAt;
  return ok(run);
}

export interface WriteWriteReadParams {
  nagle: boolean;
  delayedAck: boolean;
  /** Default 20 ms. */
  rttMs?: number;
  /** Default 40 ms (Linux); try 200. */
  delayedAckMs?: number;
  mss?: number;
  /** First write, e.g. a header (default 200 bytes), then the second, e.g. a body (default 100 bytes). */
  firstBytes?: number;
  secondBytes?: number;
  /** Response size (default 100 bytes). */
  responseBytes?: number;
}

export interface WriteWriteReadRun extends NagleRun {
  /** From the first write until the client has the whole response. */
  totalMs: number;
  /** What it would take without any waiting: one round trip. */
  idealMs: number;
  /** totalMs − idealMs. */
  extraMs: number;
  why: string;
}

/**
 * The write-write-read pattern (two small writes, then wait for the answer): the stall of about one
 * delayed-ACK timer appears exactly when Nagle and delayed ACK are both on.
 */
export function writeWriteRead(p: WriteWriteReadParams): SimResult<WriteWriteReadRun> {
  const rtt = p.rttMs ?? 20;
  const params: NagleParams = {
    writes: [
      { t: 0, bytes: p.firstBytes ?? 200 },
      { t: 0, bytes: p.secondBytes ?? 100 },
    ],
    rttMs: rtt,
    nagle: p.nagle,
    delayedAck: p.delayedAck,
    response: { bytes: p.responseBytes ?? 100 },
  };
  if (p.mss !== undefined) params.mss = p.mss;
  if (p.delayedAckMs !== undefined) params.delayedAckMs = p.delayedAckMs;
  const r = simulateNagle(params);
  if (!r.ok) return r;
  const run = r.value;
  const totalMs = run.responseCompleteAt ?? Number.NaN;
  const extraMs = totalMs - rtt;
  const delAck = p.delayedAckMs ?? 40;
  let why: string;
  if (p.nagle && p.delayedAck) {
    why = `Both on: the second write waits for the ACK of the first (Nagle), and the server withholds that ACK because it has nothing to send yet (delayed ACK). Each waits for the other until the ${formatMs(delAck)} delayed-ACK timer fires: ${formatMs(totalMs)} instead of one round trip (${formatMs(rtt)}).`;
  } else if (p.nagle) {
    why = `Nagle only: the second write waits for the ACK of the first, which comes back at once: two round trips (${formatMs(totalMs)}).`;
  } else if (p.delayedAck) {
    why = `Delayed ACK only: both writes leave at once (TCP_NODELAY), the server has the whole request after half a round trip and its response carries the ACK: one round trip (${formatMs(totalMs)}).`;
  } else {
    why = `Neither: both writes leave at once and the server answers: one round trip (${formatMs(totalMs)}), at the cost of an extra small packet.`;
  }
  return { ok: true, errors: [], value: { ...run, totalMs, idealMs: rtt, extraMs, why } };
}
