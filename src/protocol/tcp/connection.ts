/**
 * Handshake and teardown model: two TCP endpoints that follow the RFC 9293 §3.10 event processing
 * (simplified to what opening and closing need), joined by a link with a fixed one-way delay of rtt/2.
 * A scenario decides what the applications do (connect, close, send, abort); any segment can be dropped
 * by its id to watch the retransmission after the RTO (RFC 6298: 1 s initially, doubling on each expiry).
 *
 * Deterministic: time is simulated (ms), ISNs come from the parameters or from a seeded generator.
 *
 * Simplifications (said here so the lesson can say them too): the receiver ACKs every segment at once
 * (no delayed ACK), no congestion or flow control (windows are large), one retransmission timer per side
 * for its oldest unacknowledged segment, out-of-order segments are kept and delivered when the gap fills.
 * A repeated SYN in SYN-RECEIVED is answered with the SYN-ACK again (as Linux does).
 */

import { createRng } from '../random';
import { seqAdd, seqGe, seqGt, seqLt, seqSub } from './seq';
import { checkNumber, fail, ok, type FlagName, type ParamError, type SimResult, type TcpState } from './types';
import { bytes, formatMs } from './format';

export type ConnectionScenario =
  | 'three-way-open'
  | 'four-way-close'
  | 'simultaneous-open'
  | 'simultaneous-close'
  | 'half-close'
  | 'connection-refused'
  | 'abort';

export const CONNECTION_SCENARIOS: ReadonlyArray<{ id: ConnectionScenario; title: string; story: string }> = [
  {
    id: 'three-way-open',
    title: 'Three-way handshake',
    story: 'The server listens; the client connects. SYN, SYN-ACK, ACK.',
  },
  {
    id: 'four-way-close',
    title: 'Four-segment close',
    story:
      'After the handshake the client closes: FIN, ACK; a little later the server application closes too: FIN, ACK. The client, which closed first, waits in TIME-WAIT.',
  },
  {
    id: 'simultaneous-open',
    title: 'Simultaneous open',
    story:
      'Both sides connect to each other at the same moment (rare, but allowed): two SYNs cross, both go through SYN-RECEIVED.',
  },
  {
    id: 'simultaneous-close',
    title: 'Simultaneous close',
    story:
      'Both applications close at the same moment: the FINs cross, both sides pass through CLOSING and both end in TIME-WAIT.',
  },
  {
    id: 'half-close',
    title: 'Half-close',
    story:
      'The client sends its request and shuts down its sending direction (shutdown(SHUT_WR) → FIN). The server keeps sending its response in CLOSE-WAIT while the client reads in FIN-WAIT-2; then the server closes.',
  },
  {
    id: 'connection-refused',
    title: 'Connection refused (RST from a closed port)',
    story: 'Nothing listens on the port: the SYN is answered with RST,ACK and connect() fails with ECONNREFUSED.',
  },
  {
    id: 'abort',
    title: 'Abort (RST during a connection)',
    story:
      'The client sends a request; the server aborts instead of answering (e.g. it closes with unread data, or SO_LINGER with timeout 0): it sends RST and the client sees "connection reset by peer".',
  },
];

/** RFC 9293 §3.4.2: MSL is "arbitrarily defined to be 2 minutes". */
export const RFC_MSL_MS = 120_000;
/** Linux waits a fixed 60 s in TIME-WAIT (TCP_TIMEWAIT_LEN), whatever MSL would say. */
export const LINUX_TIME_WAIT_MS = 60_000;
/** RFC 6298 §2.1: initial RTO of 1 second. */
export const INITIAL_RTO_MS = 1000;
/** RFC 6298 §2.5: a maximum value may be placed on RTO provided it is at least 60 seconds. */
export const MAX_RTO_MS = 60_000;
/** RFC 6298 §2.4: RTO is rounded up to 1 second when below it. */
export const MIN_RTO_MS = 1000;

export interface ConnectionParams {
  scenario: ConnectionScenario;
  /** Initial sequence numbers; when absent they come from `seed`. */
  clientIsn?: number;
  serverIsn?: number;
  /** Seed for ISNs not given (default 1). */
  seed?: number;
  /** Round-trip time in ms (default 100); each segment takes rtt/2 to arrive. */
  rttMs?: number;
  /** Maximum segment size for data (default 1460). */
  mss?: number;
  /** Maximum segment lifetime in ms (default 120,000 — RFC 9293 §3.4.2). */
  mslMs?: number;
  /** TIME-WAIT duration in ms (default 2·MSL; Linux uses a fixed 60,000). */
  timeWaitMs?: number;
  /** Ids of segments to drop (0-based, in the order this run sends them). */
  drop?: number[];
  /** Initial retransmission timeout (default 1000 ms, RFC 6298 §2.1). */
  initialRtoMs?: number;
  /** Retransmissions of one segment before giving up (default 5). */
  maxRetransmits?: number;
  /** Bytes the client sends (half-close, abort; default 100). */
  requestBytes?: number;
  /** Bytes the server answers with in half-close (default 3000). */
  responseBytes?: number;
  /** How long an application waits before its next step (close after connecting, close after EOF; default 50 ms). */
  appDelayMs?: number;
}

export type ConnectionSide = 'client' | 'server';
type Side = ConnectionSide;
export interface ConnectionStates {
  client: TcpState;
  server: TcpState;
}

export interface WireSegment {
  /** 0-based, in sending order: the number `drop` refers to. */
  id: number;
  from: Side;
  to: Side;
  flags: FlagName[];
  /** Absolute sequence number. */
  seq: number;
  /** Absolute acknowledgment number (only when ACK is set). */
  ack?: number;
  /** Payload bytes (SYN and FIN not counted; they take one sequence number each). */
  len: number;
  /** seq relative to the sender's ISN; ack relative to the receiver's ISN (as tcpdump shows them). */
  relSeq: number;
  relAck?: number;
  /** Sent at (ms). */
  t: number;
  /** Arrived at (ms); absent when dropped. */
  arriveAt?: number;
  dropped: boolean;
  retransmission: boolean;
  /** Both states after the receiver processed it (after sending, when dropped). */
  stateAfter: ConnectionStates;
  /** Why this segment was sent and what it caused. */
  note: string;
}

export interface ConnectionEvent {
  t: number;
  type: 'send' | 'arrive' | 'drop' | 'timer' | 'app';
  /** Who acted: the sender (send/drop), the receiver (arrive), the timer's owner, the application's side. */
  side: Side;
  segmentId?: number;
  stateAfter: ConnectionStates;
  note: string;
}

export interface StateChange {
  t: number;
  side: Side;
  from: TcpState;
  to: TcpState;
  why: string;
}

export interface ConnectionRun {
  scenario: ConnectionScenario;
  clientIsn: number;
  serverIsn: number;
  rttMs: number;
  timeWaitMs: number;
  segments: WireSegment[];
  events: ConnectionEvent[];
  stateChanges: StateChange[];
  final: ConnectionStates;
  /** Time of the last event (ms). */
  endAt: number;
  /** What each application saw: "connect() returned", "read() returned 0 (EOF)", "ECONNREFUSED"… */
  appOutcomes: Array<{ t: number; side: Side; text: string }>;
}

interface Unacked {
  seq: number;
  /** Sequence space: payload + SYN + FIN. */
  space: number;
  flags: FlagName[];
  len: number;
  sentAt: number;
  retransmitted: boolean;
}

interface Incoming {
  id: number;
  flags: FlagName[];
  seq: number;
  ack?: number;
  len: number;
}

interface Ep {
  side: Side;
  state: TcpState;
  iss: number;
  sndUna: number;
  sndNxt: number;
  irs?: number;
  rcvNxt?: number;
  finSeq?: number;
  unacked: Unacked[];
  ooo: Incoming[];
  rto: number;
  srtt?: number;
  rttvar?: number;
  retries: number;
  rtxToken: number;
  twToken: number;
  eofSeen: boolean;
  passiveOpen: boolean;
}

const has = (flags: readonly FlagName[], f: FlagName) => flags.includes(f);

export function validateConnectionParams(p: ConnectionParams): ParamError[] {
  const errors: ParamError[] = [];
  if (!CONNECTION_SCENARIOS.some((s) => s.id === p.scenario)) {
    errors.push({
      field: 'scenario',
      value: p.scenario,
      message: `scenario must be one of ${CONNECTION_SCENARIOS.map((s) => s.id).join(', ')}.`,
    });
  }
  for (const f of ['clientIsn', 'serverIsn'] as const) {
    if (p[f] !== undefined) checkNumber(errors, f, p[f], { min: 0, max: 4294967295, integer: true });
  }
  if (p.seed !== undefined) checkNumber(errors, 'seed', p.seed, { integer: true });
  if (p.rttMs !== undefined) checkNumber(errors, 'rttMs', p.rttMs, { min: 0, max: 60_000, minExclusive: true });
  if (p.mss !== undefined) checkNumber(errors, 'mss', p.mss, { min: 1, max: 65_495, integer: true });
  if (p.mslMs !== undefined) checkNumber(errors, 'mslMs', p.mslMs, { min: 0, max: 3_600_000, minExclusive: true });
  if (p.timeWaitMs !== undefined) checkNumber(errors, 'timeWaitMs', p.timeWaitMs, { min: 0, max: 7_200_000 });
  if (p.initialRtoMs !== undefined) checkNumber(errors, 'initialRtoMs', p.initialRtoMs, { min: 1, max: MAX_RTO_MS });
  if (p.maxRetransmits !== undefined)
    checkNumber(errors, 'maxRetransmits', p.maxRetransmits, { min: 0, max: 15, integer: true });
  if (p.requestBytes !== undefined)
    checkNumber(errors, 'requestBytes', p.requestBytes, { min: 1, max: 1_000_000, integer: true });
  if (p.responseBytes !== undefined)
    checkNumber(errors, 'responseBytes', p.responseBytes, { min: 1, max: 1_000_000, integer: true });
  if (p.appDelayMs !== undefined) checkNumber(errors, 'appDelayMs', p.appDelayMs, { min: 0, max: 600_000 });
  if (p.drop !== undefined) {
    if (!Array.isArray(p.drop))
      errors.push({ field: 'drop', value: p.drop, message: 'drop must be a list of segment ids.' });
    else p.drop.forEach((d, i) => checkNumber(errors, `drop[${i}]`, d, { min: 0, max: 10_000, integer: true }));
  }
  return errors;
}

/** Run a scenario. Returns `{ok: false, errors}` for bad parameters (never throws on them). */
export function simulateConnection(params: ConnectionParams): SimResult<ConnectionRun> {
  const errors = validateConnectionParams(params);
  if (errors.length) return fail(errors);

  const rng = createRng(params.seed ?? 1);
  const clientIsn = params.clientIsn ?? rng.int(0, 4294967295);
  const serverIsn = params.serverIsn ?? rng.int(0, 4294967295);
  const rtt = params.rttMs ?? 100;
  const owd = rtt / 2;
  const mss = params.mss ?? 1460;
  const msl = params.mslMs ?? RFC_MSL_MS;
  const timeWaitMs = params.timeWaitMs ?? 2 * msl;
  const initialRto = params.initialRtoMs ?? INITIAL_RTO_MS;
  const maxRetransmits = params.maxRetransmits ?? 5;
  const drops = new Set(params.drop ?? []);
  const appDelay = params.appDelayMs ?? 50;
  const requestBytes = params.requestBytes ?? 100;
  const responseBytes = params.responseBytes ?? 3000;
  const scenario = params.scenario;

  // --- event queue (time, then insertion order: deterministic) ----------------------------------
  type Task = { t: number; n: number; run: () => void };
  const queue: Task[] = [];
  let counter = 0;
  let now = 0;
  const at = (t: number, run: () => void) => {
    queue.push({ t, n: counter++, run });
  };

  const segments: WireSegment[] = [];
  const events: ConnectionEvent[] = [];
  const stateChanges: StateChange[] = [];
  const appOutcomes: ConnectionRun['appOutcomes'] = [];

  const mk = (side: Side, iss: number): Ep => ({
    side,
    state: 'CLOSED',
    iss,
    sndUna: iss,
    sndNxt: iss,
    unacked: [],
    ooo: [],
    rto: initialRto,
    retries: 0,
    rtxToken: 0,
    twToken: 0,
    eofSeen: false,
    passiveOpen: false,
  });
  const eps: Record<Side, Ep> = { client: mk('client', clientIsn), server: mk('server', serverIsn) };
  const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');
  const states = (): ConnectionStates => ({ client: eps.client.state, server: eps.server.state });
  const log = (type: ConnectionEvent['type'], side: Side, note: string, segmentId?: number) => {
    const e: ConnectionEvent = { t: now, type, side, stateAfter: states(), note };
    if (segmentId !== undefined) e.segmentId = segmentId;
    events.push(e);
  };
  const setState = (ep: Ep, to: TcpState, why: string) => {
    if (ep.state === to) return;
    stateChanges.push({ t: now, side: ep.side, from: ep.state, to, why });
    ep.state = to;
  };
  const outcome = (side: Side, text: string) => appOutcomes.push({ t: now, side, text });

  // --- sending ---------------------------------------------------------------------------------
  const transmit = (
    ep: Ep,
    flags: FlagName[],
    seq: number,
    len: number,
    note: string,
    retransmission = false,
    noTcb = false,
  ) => {
    const peer = eps[other(ep.side)];
    const ack = has(flags, 'ACK') ? ep.rcvNxt : undefined;
    const id = segments.length;
    const dropped = drops.has(id);
    const seg: WireSegment = {
      id,
      from: ep.side,
      to: peer.side,
      flags,
      seq,
      len,
      // Without a TCB there is no ISN to count from: tcpdump shows such a RST's seq as is (e.g. 0).
      relSeq: noTcb ? seq : seqSub(seq, ep.iss),
      t: now,
      dropped,
      retransmission,
      stateAfter: states(),
      note,
    };
    if (ack !== undefined) {
      seg.ack = ack;
      // Relative to the peer's ISN, as tcpdump shows it (our rcvNxt counts from the ISN we received).
      seg.relAck = seqSub(ack, ep.irs ?? ack);
      if (ep.irs === undefined) seg.relAck = 0;
    }
    segments.push(seg);
    if (dropped) {
      seg.note += ' — dropped by the network.';
      log('drop', ep.side, `Segment #${id} (${flagText(flags)}) is lost on the way.`, id);
      return;
    }
    log('send', ep.side, `${ep.side} sends #${id} ${flagText(flags)}: ${note}`, id);
    const incoming: Incoming = { id, flags, seq, len };
    if (ack !== undefined) incoming.ack = ack;
    at(now + owd, () => {
      seg.arriveAt = now;
      receive(peer, incoming);
      seg.stateAfter = states();
    });
  };

  /** Send something that occupies sequence space (SYN, data, FIN) and keep it for retransmission. */
  const sendTracked = (ep: Ep, flags: FlagName[], len: number, note: string) => {
    const seq = ep.sndNxt;
    const space = len + (has(flags, 'SYN') ? 1 : 0) + (has(flags, 'FIN') ? 1 : 0);
    ep.sndNxt = seqAdd(ep.sndNxt, space);
    ep.unacked.push({ seq, space, flags, len, sentAt: now, retransmitted: false });
    transmit(ep, flags, seq, len, note);
    if (ep.unacked.length === 1) armRtx(ep);
  };

  const sendAck = (ep: Ep, note: string) => transmit(ep, ['ACK'], ep.sndNxt, 0, note);

  const armRtx = (ep: Ep) => {
    const token = ++ep.rtxToken;
    const fireAt = now + ep.rto;
    at(fireAt, () => {
      if (token !== ep.rtxToken || ep.unacked.length === 0 || ep.state === 'CLOSED') return;
      const first = ep.unacked[0] as Unacked;
      if (ep.retries >= maxRetransmits) {
        const before = ep.state;
        setState(ep, 'CLOSED', `gave up after ${maxRetransmits} retransmissions`);
        log(
          'timer',
          ep.side,
          `${ep.side}: no ACK after ${maxRetransmits} retransmissions — gives up (${before === 'SYN-SENT' ? 'connect() fails with ETIMEDOUT' : 'the connection times out'}).`,
        );
        outcome(
          ep.side,
          before === 'SYN-SENT' ? 'connect() failed: ETIMEDOUT (connection timed out)' : 'the connection timed out',
        );
        return;
      }
      ep.retries++;
      const oldRto = ep.rto;
      ep.rto = Math.min(ep.rto * 2, MAX_RTO_MS); // RFC 6298 §5.5: back off the timer
      first.retransmitted = true;
      log(
        'timer',
        ep.side,
        `${ep.side}: retransmission timer expired after ${formatMs(oldRto)} (RFC 6298 §5.4); RTO doubles to ${formatMs(ep.rto)} (§5.5).`,
      );
      transmit(
        ep,
        first.flags,
        first.seq,
        first.len,
        `retransmission #${ep.retries} of ${flagText(first.flags)} seq ${seqSub(first.seq, ep.iss)} (relative): no ACK arrived within ${formatMs(oldRto)}${oldRto === MIN_RTO_MS ? " (RFC 6298's 1 s floor, §2.4; Linux's floor is 200 ms)" : ''}.`,
        true,
      );
      armRtx(ep);
    });
  };

  /** RFC 6298 §2.2–2.3 RTT estimator, fed only by segments sent once (Karn's algorithm, §3). */
  const sampleRtt = (ep: Ep, r: number) => {
    if (ep.srtt === undefined || ep.rttvar === undefined) {
      ep.srtt = r;
      ep.rttvar = r / 2;
    } else {
      ep.rttvar = 0.75 * ep.rttvar + 0.25 * Math.abs(ep.srtt - r);
      ep.srtt = 0.875 * ep.srtt + 0.125 * r;
    }
    ep.rto = Math.min(Math.max(ep.srtt + Math.max(1, 4 * ep.rttvar), MIN_RTO_MS), MAX_RTO_MS);
  };

  const startTimeWait = (ep: Ep) => {
    const token = ++ep.twToken;
    at(now + timeWaitMs, () => {
      if (token !== ep.twToken || ep.state !== 'TIME-WAIT') return;
      setState(ep, 'CLOSED', `TIME-WAIT of ${formatMs(timeWaitMs)} is over`);
      log(
        'timer',
        ep.side,
        `${ep.side}: TIME-WAIT (${formatMs(timeWaitMs)}${timeWaitMs === 2 * msl ? ' = 2·MSL' : ''}) expires → CLOSED. Until now the 4-tuple could not be reused, so stray old segments could not join a new connection.`,
      );
    });
  };

  // --- applications ------------------------------------------------------------------------------
  const appConnect = (ep: Ep) => {
    log('app', ep.side, `${ep.side} application calls connect().`);
    setState(ep, 'SYN-SENT', 'active open: sent SYN');
    sendTracked(ep, ['SYN'], 0, `active open with ISN ${ep.iss}; the SYN consumes one sequence number.`);
  };
  const appListen = (ep: Ep) => {
    ep.passiveOpen = true;
    setState(ep, 'LISTEN', 'passive open: listen()');
    log('app', ep.side, `${ep.side} application calls listen(): waits for a SYN.`);
  };
  const appSend = (ep: Ep, n: number, what: string) => {
    log('app', ep.side, `${ep.side} application writes ${bytes(n)} (${what}).`);
    let left = n;
    while (left > 0) {
      const len = Math.min(left, mss);
      left -= len;
      const from = seqSub(ep.sndNxt, ep.iss);
      sendTracked(
        ep,
        left === 0 ? ['PSH', 'ACK'] : ['ACK'],
        len,
        `${bytes(len)} of ${what}: relative seq ${from}:${from + len}.`,
      );
    }
  };
  const appClose = (ep: Ep, how = 'close()') => {
    log('app', ep.side, `${ep.side} application calls ${how}.`);
    if (ep.state === 'ESTABLISHED' || ep.state === 'SYN-RECEIVED') {
      setState(ep, 'FIN-WAIT-1', `${how}: sent FIN`);
      ep.finSeq = ep.sndNxt;
      sendTracked(
        ep,
        ['FIN', 'ACK'],
        0,
        `${how}: no more data from the ${ep.side}. The FIN takes sequence number ${seqSub(ep.sndNxt, ep.iss)} (relative).`,
      );
    } else if (ep.state === 'CLOSE-WAIT') {
      setState(ep, 'LAST-ACK', `${how} after the peer closed: sent FIN`);
      ep.finSeq = ep.sndNxt;
      sendTracked(ep, ['FIN', 'ACK'], 0, `${how} after the peer's FIN: the ${ep.side} closes its direction too.`);
    } else if (ep.state === 'SYN-SENT' || ep.state === 'LISTEN') {
      setState(ep, 'CLOSED', `${how} before the connection opened`);
      ep.unacked = [];
    }
  };
  const appAbort = (ep: Ep, why: string) => {
    log('app', ep.side, `${ep.side} aborts: ${why}.`);
    // RFC 9293 §3.10.5 ABORT: send <SEQ=SND.NXT><CTL=RST>, delete the TCB.
    const seq = ep.sndNxt;
    ep.unacked = [];
    ep.rtxToken++;
    setState(ep, 'CLOSED', 'aborted: sent RST');
    transmit(
      ep,
      ['RST'],
      seq,
      0,
      `abort: RST with seq = SND.NXT; the connection is dropped at once, unread and unsent data are discarded (RFC 9293 §3.10.5).`,
    );
  };

  // Scenario hooks.
  const onEstablished = (ep: Ep) => {
    if (ep.side === 'client') outcome('client', 'connect() returned: the connection is open');
    else outcome('server', 'accept() returned a connected socket');
    if (scenario === 'four-way-close' && ep.side === 'client') at(now + appDelay, () => appClose(ep));
    if (scenario === 'simultaneous-close' && ep.side === 'server') {
      at(now + appDelay, () => {
        appClose(eps.client);
        appClose(eps.server);
      });
    }
    if (scenario === 'half-close' && ep.side === 'client') {
      at(now + appDelay, () => {
        appSend(ep, requestBytes, 'the request');
        appClose(ep, 'shutdown(SHUT_WR)');
      });
    }
    if (scenario === 'abort' && ep.side === 'client')
      at(now + appDelay, () => appSend(ep, requestBytes, 'the request'));
  };
  const onData = (ep: Ep) => {
    if (scenario === 'abort' && ep.side === 'server' && ep.state === 'ESTABLISHED') {
      at(now + appDelay, () => {
        if (eps.server.state !== 'CLOSED')
          appAbort(eps.server, 'the server application closes with the request unread (or with SO_LINGER timeout 0)');
      });
    }
  };
  const onEof = (ep: Ep) => {
    outcome(ep.side, 'read() returned 0: end of stream (the peer sent FIN)');
    if ((scenario === 'four-way-close' || scenario === 'half-close') && ep.side === 'server') {
      at(now + appDelay, () => {
        if (scenario === 'half-close') appSend(eps.server, responseBytes, 'the response');
        appClose(eps.server);
      });
    }
  };

  // --- receiving (RFC 9293 §3.10.7, simplified) --------------------------------------------------------
  const receive = (ep: Ep, seg: Incoming) => {
    const f = (x: FlagName) => has(seg.flags, x);
    const segSpace = seg.len + (f('SYN') ? 1 : 0) + (f('FIN') ? 1 : 0);
    const label = `#${seg.id} ${flagText(seg.flags)}`;

    if (ep.state === 'CLOSED') {
      // §3.10.7.1: no TCB. Anything but a RST is answered with a RST.
      log('arrive', ep.side, `${label} reaches a CLOSED ${ep.side}: no socket is listening on this port.`, seg.id);
      if (f('RST')) return;
      if (!f('ACK')) {
        ep.rcvNxt = seqAdd(seg.seq, segSpace);
        ep.irs = seg.seq;
        transmit(
          ep,
          ['RST', 'ACK'],
          0,
          0,
          `nothing listens here: answer <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (RFC 9293 §3.10.7.1).`,
          false,
          true,
        );
      } else {
        transmit(
          ep,
          ['RST'],
          seg.ack ?? 0,
          0,
          `no connection: answer <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.1).`,
          false,
          true,
        );
      }
      return;
    }

    if (ep.state === 'LISTEN') {
      if (f('RST')) return;
      if (f('ACK')) {
        transmit(
          ep,
          ['RST'],
          seg.ack ?? 0,
          0,
          'an ACK to a listening socket: answer RST (RFC 9293 §3.10.7.2).',
          false,
          true,
        );
        return;
      }
      if (f('SYN')) {
        ep.irs = seg.seq;
        ep.rcvNxt = seqAdd(seg.seq, 1);
        setState(ep, 'SYN-RECEIVED', 'received SYN, sent SYN-ACK');
        log('arrive', ep.side, `${label} arrives: the ${ep.side} records the client's ISN ${seg.seq}.`, seg.id);
        sendTracked(
          ep,
          ['SYN', 'ACK'],
          0,
          `ack = client ISN + 1 = ${ep.rcvNxt} acknowledges the SYN; seq = server ISN ${ep.iss}.`,
        );
      }
      return;
    }

    if (ep.state === 'SYN-SENT') {
      const ackOk = f('ACK') && seg.ack === seqAdd(ep.iss, 1);
      if (f('ACK') && !ackOk) {
        log('arrive', ep.side, `${label} acknowledges something this side never sent.`, seg.id);
        if (!f('RST'))
          transmit(
            ep,
            ['RST'],
            seg.ack ?? 0,
            0,
            'unacceptable ACK in SYN-SENT: answer RST (RFC 9293 §3.10.7.3).',
            false,
            true,
          );
        return;
      }
      if (f('RST')) {
        if (!ackOk) return;
        ep.unacked = [];
        ep.rtxToken++;
        setState(ep, 'CLOSED', 'RST in answer to its SYN: connection refused');
        log(
          'arrive',
          ep.side,
          `${label}: the SYN was refused — connect() fails with ECONNREFUSED ("connection refused").`,
          seg.id,
        );
        outcome(ep.side, 'connect() failed: ECONNREFUSED (connection refused)');
        return;
      }
      if (f('SYN')) {
        ep.irs = seg.seq;
        ep.rcvNxt = seqAdd(seg.seq, 1);
        if (ackOk) {
          ackUpTo(ep, seg.ack as number);
          setState(ep, 'ESTABLISHED', 'SYN-ACK acknowledged its SYN');
          log('arrive', ep.side, `${label}: our SYN is acknowledged and the peer's ISN is ${seg.seq}.`, seg.id);
          sendAck(
            ep,
            `ack = server ISN + 1 = ${ep.rcvNxt}: both ISNs are now acknowledged, the handshake is complete.`,
          );
          onEstablished(ep);
        } else {
          // Simultaneous open: §3.10.7.3 — enter SYN-RECEIVED and send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
          setState(ep, 'SYN-RECEIVED', 'simultaneous open: received a SYN while its own SYN is out');
          log('arrive', ep.side, `${label}: a SYN while our own SYN is unanswered — simultaneous open.`, seg.id);
          const syn = ep.unacked[0];
          if (syn) {
            syn.flags = ['SYN', 'ACK'];
            syn.retransmitted = true;
          }
          transmit(
            ep,
            ['SYN', 'ACK'],
            ep.iss,
            0,
            `simultaneous open: SYN-ACK with our ISN ${ep.iss} again, now acknowledging the peer's SYN (ack ${ep.rcvNxt}).`,
            true,
          );
        }
      }
      return;
    }

    // Synchronized states (and SYN-RECEIVED).
    if (f('SYN') && ep.irs !== undefined && seg.seq === ep.irs) {
      if (ep.state === 'SYN-RECEIVED' && !f('ACK')) {
        log('arrive', ep.side, `${label}: the SYN again (our SYN-ACK was probably lost).`, seg.id);
        const synAck = ep.unacked[0];
        if (synAck) synAck.retransmitted = true;
        transmit(ep, ['SYN', 'ACK'], ep.iss, 0, 'answers the repeated SYN with the SYN-ACK again.', true);
        return;
      }
      if (!(ep.state === 'SYN-RECEIVED' && f('ACK'))) {
        log('arrive', ep.side, `${label}: a duplicate of a SYN already acknowledged (our ACK was lost).`, seg.id);
        sendAck(ep, 'repeats the ACK for the duplicate SYN-ACK.');
        return;
      }
    }

    if (f('RST')) {
      if (ep.rcvNxt !== undefined && seg.seq !== ep.rcvNxt) {
        log('arrive', ep.side, `${label}: RST outside the expected sequence number, ignored (RFC 5961 §3).`, seg.id);
        return;
      }
      ep.unacked = [];
      ep.rtxToken++;
      if (ep.state === 'SYN-RECEIVED' && ep.passiveOpen) {
        setState(ep, 'LISTEN', 'RST during the handshake: back to LISTEN');
        log('arrive', ep.side, `${label}: the handshake is reset; the listening socket goes on listening.`, seg.id);
        return;
      }
      setState(ep, 'CLOSED', 'RST received');
      log(
        'arrive',
        ep.side,
        `${label}: the connection is reset — reads and writes now fail with ECONNRESET ("connection reset by peer").`,
        seg.id,
      );
      outcome(ep.side, 'read() failed: ECONNRESET (connection reset by peer)');
      return;
    }

    const notes: string[] = [];
    // ACK processing.
    if (f('ACK') && seg.ack !== undefined) {
      if (seqGt(seg.ack, ep.sndUna) && seqGe(ep.sndNxt, seg.ack)) {
        ackUpTo(ep, seg.ack);
        if (ep.state === 'SYN-RECEIVED') {
          setState(ep, 'ESTABLISHED', 'its SYN-ACK is acknowledged');
          notes.push('handshake complete');
          onEstablished(ep);
        }
        const finAcked = ep.finSeq !== undefined && seqGe(seg.ack, seqAdd(ep.finSeq, 1));
        if (finAcked) {
          if (ep.state === 'FIN-WAIT-1') {
            setState(ep, 'FIN-WAIT-2', 'its FIN is acknowledged');
            notes.push('our FIN is acknowledged; the other direction stays open until the peer closes');
          } else if (ep.state === 'CLOSING') {
            setState(ep, 'TIME-WAIT', 'its FIN is acknowledged after a simultaneous close');
            notes.push(`both FINs acknowledged; wait ${formatMs(timeWaitMs)} in TIME-WAIT`);
            startTimeWait(ep);
          } else if (ep.state === 'LAST-ACK') {
            setState(ep, 'CLOSED', 'its FIN is acknowledged');
            log(
              'arrive',
              ep.side,
              `${label}: the last ACK — the ${ep.side} is done (no TIME-WAIT for the side that closed second).`,
              seg.id,
            );
            return;
          }
        }
      }
    }

    // Payload and FIN. A SYN-ACK seen in SYN-RECEIVED (simultaneous open) repeats a SYN we already
    // acknowledged: only what follows the SYN counts (RFC 9293 §3.5, Figure 7: no reply needed).
    const synDone = f('SYN') && ep.irs !== undefined && seg.seq === ep.irs;
    const dataSeq = synDone ? seqAdd(seg.seq, 1) : seg.seq;
    const dataSpace = synDone ? segSpace - 1 : segSpace;
    if (dataSpace > 0 && ep.rcvNxt !== undefined) {
      if (dataSeq === ep.rcvNxt) {
        acceptInOrder(ep, seg, notes);
        // Deliver anything that was waiting behind the gap.
        let progressed = true;
        while (progressed) {
          progressed = false;
          const i = ep.ooo.findIndex((s) => s.seq === ep.rcvNxt);
          if (i >= 0) {
            const next = ep.ooo.splice(i, 1)[0] as Incoming;
            acceptInOrder(ep, next, notes);
            progressed = true;
          }
        }
        log('arrive', ep.side, `${label} arrives${notes.length ? `: ${notes.join('; ')}` : ''}.`, seg.id);
        sendAck(ep, `ack ${seqSub(ep.rcvNxt, ep.irs ?? 0)} (relative): everything before it has arrived.`);
      } else if (seqGt(dataSeq, ep.rcvNxt)) {
        if (!ep.ooo.some((s) => s.seq === seg.seq)) ep.ooo.push(seg);
        log(
          'arrive',
          ep.side,
          `${label} arrives out of order (a segment before it is missing); kept for later.`,
          seg.id,
        );
        sendAck(ep, `duplicate ACK: still expecting relative ${seqSub(ep.rcvNxt, ep.irs ?? 0)}.`);
      } else {
        // Old data or a repeated FIN.
        if (ep.state === 'TIME-WAIT' && f('FIN')) {
          log(
            'arrive',
            ep.side,
            `${label}: the peer's FIN again — our last ACK was lost. ACK it again and restart the TIME-WAIT timer (RFC 9293 §3.10.7.4). This is why TIME-WAIT exists.`,
            seg.id,
          );
          startTimeWait(ep);
          sendAck(ep, 'repeats the last ACK.');
        } else {
          log('arrive', ep.side, `${label}: a duplicate of data already received.`, seg.id);
          sendAck(ep, 'repeats the ACK for a duplicate.');
        }
      }
      return;
    }
    log('arrive', ep.side, `${label} arrives${notes.length ? `: ${notes.join('; ')}` : ''}.`, seg.id);
  };

  const acceptInOrder = (ep: Ep, seg: Incoming, notes: string[]) => {
    const f = (x: FlagName) => has(seg.flags, x);
    ep.rcvNxt = seqAdd(seg.seq, seg.len + (f('FIN') ? 1 : 0));
    if (seg.len > 0) {
      notes.push(`${bytes(seg.len)} delivered to the application`);
      onData(ep);
    }
    if (f('FIN')) {
      if (ep.state === 'ESTABLISHED' || ep.state === 'SYN-RECEIVED') {
        setState(ep, 'CLOSE-WAIT', 'received FIN');
        notes.push('FIN: the peer will send no more; this side may still send until its application closes');
      } else if (ep.state === 'FIN-WAIT-1') {
        setState(ep, 'CLOSING', 'received FIN before its own FIN was acknowledged');
        notes.push('the FINs crossed (simultaneous close)');
      } else if (ep.state === 'FIN-WAIT-2') {
        setState(ep, 'TIME-WAIT', 'received FIN');
        notes.push(`the peer closed too; wait ${formatMs(timeWaitMs)} in TIME-WAIT`);
        startTimeWait(ep);
      }
      if (!ep.eofSeen) {
        ep.eofSeen = true;
        at(now, () => onEof(ep));
      }
    }
  };

  const ackUpTo = (ep: Ep, ack: number) => {
    const wasUna = ep.sndUna;
    ep.sndUna = ack;
    let sampled = false;
    while (ep.unacked.length) {
      const u = ep.unacked[0] as Unacked;
      if (seqLt(seqAdd(u.seq, u.space - 1), ack)) {
        if (!u.retransmitted && !sampled) {
          sampleRtt(ep, now - u.sentAt);
          sampled = true;
        }
        ep.unacked.shift();
      } else break;
    }
    if (ack !== wasUna) ep.retries = 0;
    ep.rtxToken++;
    if (ep.unacked.length) armRtx(ep);
  };

  // --- scenario start ---------------------------------------------------------------------------------
  switch (scenario) {
    case 'connection-refused':
      at(0, () => {
        log('app', 'server', 'No server application: nothing listens on the port (the server side is CLOSED).');
        appConnect(eps.client);
      });
      break;
    case 'simultaneous-open':
      at(0, () => {
        appConnect(eps.client);
        appConnect(eps.server);
      });
      break;
    default:
      at(0, () => {
        appListen(eps.server);
        appConnect(eps.client);
      });
  }

  // Run. A generous bound protects against a runaway model.
  let steps = 0;
  while (queue.length && steps++ < 100_000) {
    queue.sort((a, b) => a.t - b.t || a.n - b.n);
    const task = queue.shift() as Task;
    now = task.t;
    task.run();
  }

  return ok({
    scenario,
    clientIsn,
    serverIsn,
    rttMs: rtt,
    timeWaitMs,
    segments,
    events,
    stateChanges,
    final: states(),
    endAt: now,
    appOutcomes,
  });
}

function flagText(flags: readonly FlagName[]): string {
  const order: FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'];
  return order.filter((f) => flags.includes(f)).join('-') || 'no flags';
}
