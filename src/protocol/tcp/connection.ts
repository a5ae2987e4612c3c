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
 *
 * How it is built: each side is an `Endpoint` (the TCB of RFC 9293 §3.3.1). A segment that arrives
 * goes to the handler for its receiver's state (`ARRIVAL_HANDLERS`); what close() does and what an
 * ACK of our FIN or the peer's FIN do are tables by state too. `SCENARIO_SCRIPTS` says what each
 * scenario's applications do; `ConnectionSimulation` holds the clock, the link and the record.
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

/** The scenarios that close the connection with FINs and so end in TIME-WAIT on at least one side. */
export const CLOSING_SCENARIOS: readonly ConnectionScenario[] = ['four-way-close', 'simultaneous-close', 'half-close'];

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

/** A segment that occupies sequence space (SYN, data, FIN) and waits for its ACK: the retransmission queue. */
interface QueuedSegment {
  seq: number;
  /** Sequence space: payload + SYN + FIN. */
  space: number;
  flags: FlagName[];
  len: number;
  sentAt: number;
  /** Sent more than once: its ACK gives no RTT sample (Karn's algorithm, RFC 6298 §3). */
  retransmitted: boolean;
}

/** A segment as its receiver sees it. */
interface ArrivingSegment {
  id: number;
  flags: FlagName[];
  seq: number;
  ack?: number;
  len: number;
}

/** One side of the connection: the TCB variables of RFC 9293 §3.3.1 and the simulator's timers. */
interface Endpoint {
  side: Side;
  state: TcpState;
  /** Initial send sequence number (ISS). */
  iss: number;
  /** SND.UNA: the oldest sequence number not yet acknowledged. */
  sndUna: number;
  /** SND.NXT: the next sequence number to send. */
  sndNxt: number;
  /** IRS: the peer's initial sequence number, once its SYN arrived. */
  irs?: number;
  /** RCV.NXT: the next sequence number expected from the peer. */
  rcvNxt?: number;
  /** The sequence number our FIN took, once sent. */
  finSeq?: number;
  retransmissionQueue: QueuedSegment[];
  /** Segments that arrived beyond a gap, delivered once the gap fills. */
  outOfOrder: ArrivingSegment[];
  /** Retransmission timeout and the RTT estimator's state (RFC 6298 §2). */
  rto: number;
  srtt?: number;
  rttvar?: number;
  /** Retransmissions of the oldest queued segment so far. */
  retransmissions: number;
  /** Incremented to cancel a pending retransmission or TIME-WAIT timer. */
  retransmitTimerGeneration: number;
  timeWaitTimerGeneration: number;
  /** The application has been told about the end of the stream (read() returned 0). */
  endOfStreamDelivered: boolean;
  /** Opened by listen(): a reset handshake returns to LISTEN (RFC 9293 §3.10.7.4). */
  passiveOpen: boolean;
}

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
  const msl = params.mslMs ?? RFC_MSL_MS;
  const settings: Settings = {
    scenario: params.scenario,
    rttMs: params.rttMs ?? 100,
    mss: params.mss ?? 1460,
    msl,
    timeWaitMs: params.timeWaitMs ?? 2 * msl,
    initialRtoMs: params.initialRtoMs ?? INITIAL_RTO_MS,
    maxRetransmits: params.maxRetransmits ?? 5,
    drops: new Set(params.drop ?? []),
    appDelayMs: params.appDelayMs ?? 50,
    requestBytes: params.requestBytes ?? 100,
    responseBytes: params.responseBytes ?? 3000,
  };
  const simulation = new ConnectionSimulation(settings, clientIsn, serverIsn);
  SCENARIO_SCRIPTS[settings.scenario].start(simulation);
  simulation.runUntilIdle();
  return ok({
    scenario: settings.scenario,
    clientIsn,
    serverIsn,
    rttMs: settings.rttMs,
    timeWaitMs: settings.timeWaitMs,
    segments: simulation.segments,
    events: simulation.events,
    stateChanges: simulation.stateChanges,
    final: simulation.states(),
    endAt: simulation.now,
    appOutcomes: simulation.appOutcomes,
  });
}

/** The parameters with their defaults filled in. */
interface Settings {
  scenario: ConnectionScenario;
  rttMs: number;
  mss: number;
  msl: number;
  timeWaitMs: number;
  initialRtoMs: number;
  maxRetransmits: number;
  drops: ReadonlySet<number>;
  appDelayMs: number;
  requestBytes: number;
  responseBytes: number;
}

// ---------------------------------------------------------------------------------------------
// Scenarios: what the applications do, and when

/** A scenario's applications: how they start, and how they react to what their sockets report. */
interface ScenarioScript {
  start(sim: ConnectionSimulation): void;
  /** The connection is open on `ep` (connect() or accept() returned). */
  onEstablished?(sim: ConnectionSimulation, ep: Endpoint): void;
  /** Data was delivered to `ep`'s application. */
  onData?(sim: ConnectionSimulation, ep: Endpoint): void;
  /** `ep`'s application read the end of the stream. */
  onEndOfStream?(sim: ConnectionSimulation, ep: Endpoint): void;
}

/** The usual start: the server listens, then the client connects. */
const listenThenConnect = (sim: ConnectionSimulation): void =>
  sim.at(0, () => {
    sim.listen(sim.server);
    sim.connect(sim.client);
  });

/** The server answers EOF by closing (half-close: after sending its response). */
const serverClosesAfterEndOfStream = (sim: ConnectionSimulation, ep: Endpoint): void => {
  if (ep.side !== 'server') return;
  sim.after(sim.settings.appDelayMs, () => {
    if (sim.settings.scenario === 'half-close') sim.write(sim.server, sim.settings.responseBytes, 'the response');
    sim.close(sim.server);
  });
};

const SCENARIO_SCRIPTS: Readonly<Record<ConnectionScenario, ScenarioScript>> = {
  'three-way-open': { start: listenThenConnect },
  'four-way-close': {
    start: listenThenConnect,
    onEstablished: (sim, ep) => {
      if (ep.side === 'client') sim.after(sim.settings.appDelayMs, () => sim.close(ep));
    },
    onEndOfStream: serverClosesAfterEndOfStream,
  },
  'simultaneous-open': {
    start: (sim) =>
      sim.at(0, () => {
        sim.connect(sim.client);
        sim.connect(sim.server);
      }),
  },
  'simultaneous-close': {
    start: listenThenConnect,
    onEstablished: (sim, ep) => {
      if (ep.side !== 'server') return;
      sim.after(sim.settings.appDelayMs, () => {
        sim.close(sim.client);
        sim.close(sim.server);
      });
    },
  },
  'half-close': {
    start: listenThenConnect,
    onEstablished: (sim, ep) => {
      if (ep.side !== 'client') return;
      sim.after(sim.settings.appDelayMs, () => {
        sim.write(ep, sim.settings.requestBytes, 'the request');
        sim.close(ep, 'shutdown(SHUT_WR)');
      });
    },
    onEndOfStream: serverClosesAfterEndOfStream,
  },
  'connection-refused': {
    start: (sim) =>
      sim.at(0, () => {
        sim.log('app', 'server', 'No server application: nothing listens on the port (the server side is CLOSED).');
        sim.connect(sim.client);
      }),
  },
  abort: {
    start: listenThenConnect,
    onEstablished: (sim, ep) => {
      if (ep.side === 'client')
        sim.after(sim.settings.appDelayMs, () => sim.write(ep, sim.settings.requestBytes, 'the request'));
    },
    onData: (sim, ep) => {
      if (ep.side !== 'server' || ep.state !== 'ESTABLISHED') return;
      sim.after(sim.settings.appDelayMs, () => {
        if (sim.server.state !== 'CLOSED')
          sim.abort(sim.server, 'the server application closes with the request unread (or with SO_LINGER timeout 0)');
      });
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Segment arrival: one handler per state (RFC 9293 §3.10.7)

type ArrivalHandler = (sim: ConnectionSimulation, ep: Endpoint, seg: ArrivingSegment) => void;

/** RFC 9293 §3.10.7.1: no TCB. Anything but a RST is answered with a RST. */
const arriveWhenClosed: ArrivalHandler = (sim, ep, seg) => {
  sim.log('arrive', ep.side, `${label(seg)} reaches a CLOSED ${ep.side}: no socket is listening on this port.`, seg.id);
  if (has(seg.flags, 'RST')) return;
  if (!has(seg.flags, 'ACK')) {
    ep.rcvNxt = seqAdd(seg.seq, sequenceSpace(seg));
    ep.irs = seg.seq;
    sim.transmit(
      ep,
      ['RST', 'ACK'],
      0,
      0,
      `nothing listens here: answer <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (RFC 9293 §3.10.7.1).`,
      { withoutTcb: true },
    );
  } else {
    sim.transmit(ep, ['RST'], seg.ack ?? 0, 0, `no connection: answer <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.1).`, {
      withoutTcb: true,
    });
  }
};

/** RFC 9293 §3.10.7.2: a listening socket ignores RST, refuses an ACK, and answers a SYN with SYN-ACK. */
const arriveInListen: ArrivalHandler = (sim, ep, seg) => {
  if (has(seg.flags, 'RST')) return;
  if (has(seg.flags, 'ACK')) {
    sim.transmit(ep, ['RST'], seg.ack ?? 0, 0, 'an ACK to a listening socket: answer RST (RFC 9293 §3.10.7.2).', {
      withoutTcb: true,
    });
    return;
  }
  if (!has(seg.flags, 'SYN')) return;
  ep.irs = seg.seq;
  ep.rcvNxt = seqAdd(seg.seq, 1);
  sim.enter(ep, 'SYN-RECEIVED', 'received SYN, sent SYN-ACK');
  sim.log('arrive', ep.side, `${label(seg)} arrives: the ${ep.side} records the client's ISN ${seg.seq}.`, seg.id);
  sim.sendInSequence(
    ep,
    ['SYN', 'ACK'],
    0,
    `ack = client ISN + 1 = ${ep.rcvNxt} acknowledges the SYN; seq = server ISN ${ep.iss}.`,
  );
};

/**
 * RFC 9293 §3.10.7.3: waiting for the answer to our SYN. An ACK must acknowledge exactly the SYN; a
 * RST with that ACK refuses the connection; a SYN-ACK opens it; a bare SYN is a simultaneous open.
 */
const arriveInSynSent: ArrivalHandler = (sim, ep, seg) => {
  const acksOurSyn = has(seg.flags, 'ACK') && seg.ack === seqAdd(ep.iss, 1);
  if (has(seg.flags, 'ACK') && !acksOurSyn) {
    sim.log('arrive', ep.side, `${label(seg)} acknowledges something this side never sent.`, seg.id);
    if (!has(seg.flags, 'RST'))
      sim.transmit(ep, ['RST'], seg.ack ?? 0, 0, 'unacceptable ACK in SYN-SENT: answer RST (RFC 9293 §3.10.7.3).', {
        withoutTcb: true,
      });
    return;
  }
  if (has(seg.flags, 'RST')) {
    if (!acksOurSyn) return;
    sim.dropTransmissionState(ep);
    sim.enter(ep, 'CLOSED', 'RST in answer to its SYN: connection refused');
    sim.log(
      'arrive',
      ep.side,
      `${label(seg)}: the SYN was refused — connect() fails with ECONNREFUSED ("connection refused").`,
      seg.id,
    );
    sim.tell(ep.side, 'connect() failed: ECONNREFUSED (connection refused)');
    return;
  }
  if (!has(seg.flags, 'SYN')) return;
  ep.irs = seg.seq;
  ep.rcvNxt = seqAdd(seg.seq, 1);
  if (acksOurSyn) {
    sim.acknowledge(ep, seg.ack!);
    sim.enter(ep, 'ESTABLISHED', 'SYN-ACK acknowledged its SYN');
    sim.log('arrive', ep.side, `${label(seg)}: our SYN is acknowledged and the peer's ISN is ${seg.seq}.`, seg.id);
    sim.sendAck(ep, `ack = server ISN + 1 = ${ep.rcvNxt}: both ISNs are now acknowledged, the handshake is complete.`);
    sim.established(ep);
    return;
  }
  // Simultaneous open: enter SYN-RECEIVED and send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> (§3.10.7.3).
  sim.enter(ep, 'SYN-RECEIVED', 'simultaneous open: received a SYN while its own SYN is out');
  sim.log('arrive', ep.side, `${label(seg)}: a SYN while our own SYN is unanswered — simultaneous open.`, seg.id);
  const syn = ep.retransmissionQueue[0];
  if (syn) {
    syn.flags = ['SYN', 'ACK'];
    syn.retransmitted = true;
  }
  sim.transmit(
    ep,
    ['SYN', 'ACK'],
    ep.iss,
    0,
    `simultaneous open: SYN-ACK with our ISN ${ep.iss} again, now acknowledging the peer's SYN (ack ${ep.rcvNxt}).`,
    { retransmission: true },
  );
};

/**
 * RFC 9293 §3.10.7.4, the states after SYN-SENT: a repeated SYN, then RST, then the ACK field, then
 * the payload and FIN, in the order the RFC checks them. What an ACK of our FIN and the peer's FIN
 * do depends on the state: `OWN_FIN_ACKED` and `PEER_FIN` below.
 */
const arriveWhenSynchronized: ArrivalHandler = (sim, ep, seg) => {
  if (answerRepeatedSyn(sim, ep, seg)) return;
  if (has(seg.flags, 'RST')) {
    arriveReset(sim, ep, seg);
    return;
  }
  const notes: string[] = [];
  if (processAcknowledgment(sim, ep, seg, notes) === 'closed') return;
  processPayloadAndFin(sim, ep, seg, notes);
};

const ARRIVAL_HANDLERS: Readonly<Record<TcpState, ArrivalHandler>> = {
  CLOSED: arriveWhenClosed,
  LISTEN: arriveInListen,
  'SYN-SENT': arriveInSynSent,
  'SYN-RECEIVED': arriveWhenSynchronized,
  ESTABLISHED: arriveWhenSynchronized,
  'FIN-WAIT-1': arriveWhenSynchronized,
  'FIN-WAIT-2': arriveWhenSynchronized,
  'CLOSE-WAIT': arriveWhenSynchronized,
  CLOSING: arriveWhenSynchronized,
  'LAST-ACK': arriveWhenSynchronized,
  'TIME-WAIT': arriveWhenSynchronized,
};

/**
 * The peer's SYN again. In SYN-RECEIVED without ACK our SYN-ACK was lost: send it again (as Linux
 * does). A SYN-ACK in SYN-RECEIVED is the crossing SYN of a simultaneous open: go on. Anywhere else
 * our ACK of it was lost: ACK again. Returns whether the segment is handled.
 */
function answerRepeatedSyn(sim: ConnectionSimulation, ep: Endpoint, seg: ArrivingSegment): boolean {
  if (!has(seg.flags, 'SYN') || ep.irs === undefined || seg.seq !== ep.irs) return false;
  if (ep.state === 'SYN-RECEIVED' && !has(seg.flags, 'ACK')) {
    sim.log('arrive', ep.side, `${label(seg)}: the SYN again (our SYN-ACK was probably lost).`, seg.id);
    const synAck = ep.retransmissionQueue[0];
    if (synAck) synAck.retransmitted = true;
    sim.transmit(ep, ['SYN', 'ACK'], ep.iss, 0, 'answers the repeated SYN with the SYN-ACK again.', {
      retransmission: true,
    });
    return true;
  }
  if (ep.state === 'SYN-RECEIVED' && has(seg.flags, 'ACK')) return false;
  sim.log('arrive', ep.side, `${label(seg)}: a duplicate of a SYN already acknowledged (our ACK was lost).`, seg.id);
  sim.sendAck(ep, 'repeats the ACK for the duplicate SYN-ACK.');
  return true;
}

/** RFC 9293 §3.10.7.4 second check, with RFC 5961 §3: only a RST at exactly RCV.NXT resets. */
function arriveReset(sim: ConnectionSimulation, ep: Endpoint, seg: ArrivingSegment): void {
  if (ep.rcvNxt !== undefined && seg.seq !== ep.rcvNxt) {
    sim.log(
      'arrive',
      ep.side,
      `${label(seg)}: RST outside the expected sequence number, ignored (RFC 5961 §3).`,
      seg.id,
    );
    return;
  }
  sim.dropTransmissionState(ep);
  if (ep.state === 'SYN-RECEIVED' && ep.passiveOpen) {
    sim.enter(ep, 'LISTEN', 'RST during the handshake: back to LISTEN');
    sim.log(
      'arrive',
      ep.side,
      `${label(seg)}: the handshake is reset; the listening socket goes on listening.`,
      seg.id,
    );
    return;
  }
  sim.enter(ep, 'CLOSED', 'RST received');
  sim.log(
    'arrive',
    ep.side,
    `${label(seg)}: the connection is reset — reads and writes now fail with ECONNRESET ("connection reset by peer").`,
    seg.id,
  );
  sim.tell(ep.side, 'read() failed: ECONNRESET (connection reset by peer)');
}

/** What an ACK covering our FIN does, per state (RFC 9293 §3.10.7.4, fifth check). */
const OWN_FIN_ACKED: Partial<
  Record<TcpState, (sim: ConnectionSimulation, ep: Endpoint, seg: ArrivingSegment, notes: string[]) => 'closed' | void>
> = {
  'FIN-WAIT-1': (sim, ep, _seg, notes) => {
    sim.enter(ep, 'FIN-WAIT-2', 'its FIN is acknowledged');
    notes.push('our FIN is acknowledged; the other direction stays open until the peer closes');
  },
  CLOSING: (sim, ep, _seg, notes) => {
    sim.enter(ep, 'TIME-WAIT', 'its FIN is acknowledged after a simultaneous close');
    notes.push(`both FINs acknowledged; wait ${formatMs(sim.settings.timeWaitMs)} in TIME-WAIT`);
    sim.startTimeWait(ep);
  },
  'LAST-ACK': (sim, ep, seg) => {
    sim.enter(ep, 'CLOSED', 'its FIN is acknowledged');
    sim.log(
      'arrive',
      ep.side,
      `${label(seg)}: the last ACK — the ${ep.side} is done (no TIME-WAIT for the side that closed second).`,
      seg.id,
    );
    return 'closed';
  },
};

/** RFC 9293 §3.10.7.4 fifth check: an ACK of new data moves SND.UNA; it may complete the handshake or a close. */
function processAcknowledgment(
  sim: ConnectionSimulation,
  ep: Endpoint,
  seg: ArrivingSegment,
  notes: string[],
): 'closed' | void {
  if (!has(seg.flags, 'ACK') || seg.ack === undefined) return;
  if (!seqGt(seg.ack, ep.sndUna) || !seqGe(ep.sndNxt, seg.ack)) return;
  sim.acknowledge(ep, seg.ack);
  if (ep.state === 'SYN-RECEIVED') {
    sim.enter(ep, 'ESTABLISHED', 'its SYN-ACK is acknowledged');
    notes.push('handshake complete');
    sim.established(ep);
  }
  const finAcked = ep.finSeq !== undefined && seqGe(seg.ack, seqAdd(ep.finSeq, 1));
  if (finAcked) return OWN_FIN_ACKED[ep.state]?.(sim, ep, seg, notes);
}

/**
 * RFC 9293 §3.10.7.4 seventh and eighth checks: payload and FIN in order are delivered (and what
 * was waiting behind them); beyond a gap they are kept and the ACK repeated; old ones are
 * acknowledged again — in TIME-WAIT a repeated FIN also restarts the timer.
 */
function processPayloadAndFin(sim: ConnectionSimulation, ep: Endpoint, seg: ArrivingSegment, notes: string[]): void {
  // A SYN-ACK seen in SYN-RECEIVED (simultaneous open) repeats a SYN we already acknowledged: only
  // what follows the SYN counts (RFC 9293 §3.5, Figure 7: no reply needed).
  const repeatsSyn = has(seg.flags, 'SYN') && ep.irs !== undefined && seg.seq === ep.irs;
  const dataSeq = repeatsSyn ? seqAdd(seg.seq, 1) : seg.seq;
  const dataSpace = repeatsSyn ? sequenceSpace(seg) - 1 : sequenceSpace(seg);
  if (dataSpace === 0 || ep.rcvNxt === undefined) {
    sim.log('arrive', ep.side, `${label(seg)} arrives${notes.length ? `: ${notes.join('; ')}` : ''}.`, seg.id);
    return;
  }
  const expected = ep.rcvNxt;
  if (dataSeq === expected) {
    deliverInOrder(sim, ep, seg, notes);
    // Deliver anything that was waiting behind the gap.
    for (let i = findNext(ep); i >= 0; i = findNext(ep)) deliverInOrder(sim, ep, ep.outOfOrder.splice(i, 1)[0]!, notes);
    sim.log('arrive', ep.side, `${label(seg)} arrives${notes.length ? `: ${notes.join('; ')}` : ''}.`, seg.id);
    sim.sendAck(ep, `ack ${seqSub(ep.rcvNxt, ep.irs ?? 0)} (relative): everything before it has arrived.`);
  } else if (seqGt(dataSeq, expected)) {
    if (!ep.outOfOrder.some((s) => s.seq === seg.seq)) ep.outOfOrder.push(seg);
    sim.log(
      'arrive',
      ep.side,
      `${label(seg)} arrives out of order (a segment before it is missing); kept for later.`,
      seg.id,
    );
    sim.sendAck(ep, `duplicate ACK: still expecting relative ${seqSub(expected, ep.irs ?? 0)}.`);
  } else if (ep.state === 'TIME-WAIT' && has(seg.flags, 'FIN')) {
    sim.log(
      'arrive',
      ep.side,
      `${label(seg)}: the peer's FIN again — our last ACK was lost. ACK it again and restart the TIME-WAIT timer (RFC 9293 §3.10.7.4). This is why TIME-WAIT exists.`,
      seg.id,
    );
    sim.startTimeWait(ep);
    sim.sendAck(ep, 'repeats the last ACK.');
  } else {
    sim.log('arrive', ep.side, `${label(seg)}: a duplicate of data already received.`, seg.id);
    sim.sendAck(ep, 'repeats the ACK for a duplicate.');
  }
}

/** Index of the kept out-of-order segment that starts at RCV.NXT, or -1. */
function findNext(ep: Endpoint): number {
  return ep.outOfOrder.findIndex((s) => s.seq === ep.rcvNxt);
}

/** What the peer's FIN does, per state (RFC 9293 §3.10.7.4, eighth check). */
const PEER_FIN: Partial<Record<TcpState, (sim: ConnectionSimulation, ep: Endpoint, notes: string[]) => void>> = {
  'SYN-RECEIVED': (sim, ep, notes) => peerFinInEstablished(sim, ep, notes),
  ESTABLISHED: (sim, ep, notes) => peerFinInEstablished(sim, ep, notes),
  'FIN-WAIT-1': (sim, ep, notes) => {
    sim.enter(ep, 'CLOSING', 'received FIN before its own FIN was acknowledged');
    notes.push('the FINs crossed (simultaneous close)');
  },
  'FIN-WAIT-2': (sim, ep, notes) => {
    sim.enter(ep, 'TIME-WAIT', 'received FIN');
    notes.push(`the peer closed too; wait ${formatMs(sim.settings.timeWaitMs)} in TIME-WAIT`);
    sim.startTimeWait(ep);
  },
};

function peerFinInEstablished(sim: ConnectionSimulation, ep: Endpoint, notes: string[]): void {
  sim.enter(ep, 'CLOSE-WAIT', 'received FIN');
  notes.push('FIN: the peer will send no more; this side may still send until its application closes');
}

/** Accept an in-order segment: advance RCV.NXT, hand its bytes to the application, act on its FIN. */
function deliverInOrder(sim: ConnectionSimulation, ep: Endpoint, seg: ArrivingSegment, notes: string[]): void {
  const fin = has(seg.flags, 'FIN');
  ep.rcvNxt = seqAdd(seg.seq, seg.len + (fin ? 1 : 0));
  if (seg.len > 0) {
    notes.push(`${bytes(seg.len)} delivered to the application`);
    SCENARIO_SCRIPTS[sim.settings.scenario].onData?.(sim, ep);
  }
  if (!fin) return;
  PEER_FIN[ep.state]?.(sim, ep, notes);
  if (!ep.endOfStreamDelivered) {
    ep.endOfStreamDelivered = true;
    sim.at(sim.now, () => sim.endOfStream(ep));
  }
}

// ---------------------------------------------------------------------------------------------
// The simulation: clock, link, endpoints, applications

/** What close() does, per state (RFC 9293 §3.10.4). */
const CLOSE_CALL: Partial<Record<TcpState, (sim: ConnectionSimulation, ep: Endpoint, how: string) => void>> = {
  ESTABLISHED: (sim, ep, how) => sendFinFirst(sim, ep, how),
  'SYN-RECEIVED': (sim, ep, how) => sendFinFirst(sim, ep, how),
  'CLOSE-WAIT': (sim, ep, how) => {
    sim.enter(ep, 'LAST-ACK', `${how} after the peer closed: sent FIN`);
    ep.finSeq = ep.sndNxt;
    sim.sendInSequence(ep, ['FIN', 'ACK'], 0, `${how} after the peer's FIN: the ${ep.side} closes its direction too.`);
  },
  'SYN-SENT': (sim, ep, how) => closeBeforeOpen(sim, ep, how),
  LISTEN: (sim, ep, how) => closeBeforeOpen(sim, ep, how),
};

/** close() while open: FIN-WAIT-1, and the FIN takes the next sequence number. */
function sendFinFirst(sim: ConnectionSimulation, ep: Endpoint, how: string): void {
  sim.enter(ep, 'FIN-WAIT-1', `${how}: sent FIN`);
  ep.finSeq = ep.sndNxt;
  sim.sendInSequence(
    ep,
    ['FIN', 'ACK'],
    0,
    `${how}: no more data from the ${ep.side}. The FIN takes sequence number ${seqSub(ep.sndNxt, ep.iss)} (relative).`,
  );
}

function closeBeforeOpen(sim: ConnectionSimulation, ep: Endpoint, how: string): void {
  sim.enter(ep, 'CLOSED', `${how} before the connection opened`);
  ep.retransmissionQueue = [];
}

interface Task {
  t: number;
  /** Scheduling order, to break ties at the same time. */
  order: number;
  run: () => void;
}

class ConnectionSimulation {
  readonly segments: WireSegment[] = [];
  readonly events: ConnectionEvent[] = [];
  readonly stateChanges: StateChange[] = [];
  readonly appOutcomes: ConnectionRun['appOutcomes'] = [];
  readonly client: Endpoint;
  readonly server: Endpoint;
  /** Simulated time (ms). */
  now = 0;
  private readonly tasks: Task[] = [];
  private scheduled = 0;

  constructor(
    readonly settings: Settings,
    clientIsn: number,
    serverIsn: number,
  ) {
    this.client = this.newEndpoint('client', clientIsn);
    this.server = this.newEndpoint('server', serverIsn);
  }

  private newEndpoint(side: Side, iss: number): Endpoint {
    return {
      side,
      state: 'CLOSED',
      iss,
      sndUna: iss,
      sndNxt: iss,
      retransmissionQueue: [],
      outOfOrder: [],
      rto: this.settings.initialRtoMs,
      retransmissions: 0,
      retransmitTimerGeneration: 0,
      timeWaitTimerGeneration: 0,
      endOfStreamDelivered: false,
      passiveOpen: false,
    };
  }

  private peerOf(ep: Endpoint): Endpoint {
    return ep.side === 'client' ? this.server : this.client;
  }

  // --- clock: tasks run in time order, ties in the order they were scheduled (deterministic) -----

  at(t: number, run: () => void): void {
    this.tasks.push({ t, order: this.scheduled++, run });
  }

  after(delayMs: number, run: () => void): void {
    this.at(this.now + delayMs, run);
  }

  /** Runs tasks until none is left. A generous bound protects against a runaway model. */
  runUntilIdle(): void {
    let steps = 0;
    while (this.tasks.length && steps++ < 100_000) {
      this.tasks.sort((a, b) => a.t - b.t || a.order - b.order);
      const task = this.tasks.shift()!;
      this.now = task.t;
      task.run();
    }
  }

  // --- the record --------------------------------------------------------------------------------

  states(): ConnectionStates {
    return { client: this.client.state, server: this.server.state };
  }

  log(type: ConnectionEvent['type'], side: Side, note: string, segmentId?: number): void {
    const event: ConnectionEvent = { t: this.now, type, side, stateAfter: this.states(), note };
    if (segmentId !== undefined) event.segmentId = segmentId;
    this.events.push(event);
  }

  enter(ep: Endpoint, to: TcpState, why: string): void {
    if (ep.state === to) return;
    this.stateChanges.push({ t: this.now, side: ep.side, from: ep.state, to, why });
    ep.state = to;
  }

  /** What an application sees (connect() returned, EOF, an error). */
  tell(side: Side, text: string): void {
    this.appOutcomes.push({ t: this.now, side, text });
  }

  // --- sending -----------------------------------------------------------------------------------

  /**
   * Puts a segment on the link: it arrives rtt/2 later unless its id is in `drop`. `withoutTcb`:
   * a RST from a socket that has no connection, whose seq tcpdump shows as is (not relative).
   */
  transmit(
    ep: Endpoint,
    flags: FlagName[],
    seq: number,
    len: number,
    note: string,
    how: { retransmission?: boolean; withoutTcb?: boolean } = {},
  ): void {
    const peer = this.peerOf(ep);
    const ack = has(flags, 'ACK') ? ep.rcvNxt : undefined;
    const id = this.segments.length;
    const dropped = this.settings.drops.has(id);
    const segment: WireSegment = {
      id,
      from: ep.side,
      to: peer.side,
      flags,
      seq,
      len,
      // Without a TCB there is no ISN to count from: tcpdump shows such a RST's seq as is (e.g. 0).
      relSeq: how.withoutTcb ? seq : seqSub(seq, ep.iss),
      t: this.now,
      dropped,
      retransmission: how.retransmission ?? false,
      stateAfter: this.states(),
      note,
    };
    if (ack !== undefined) {
      segment.ack = ack;
      // Relative to the peer's ISN, as tcpdump shows it (our RCV.NXT counts from the ISN we received).
      segment.relAck = ep.irs === undefined ? 0 : seqSub(ack, ep.irs);
    }
    this.segments.push(segment);
    if (dropped) {
      segment.note += ' — dropped by the network.';
      this.log('drop', ep.side, `Segment #${id} (${flagText(flags)}) is lost on the way.`, id);
      return;
    }
    this.log('send', ep.side, `${ep.side} sends #${id} ${flagText(flags)}: ${note}`, id);
    const arriving: ArrivingSegment = { id, flags, seq, len };
    if (ack !== undefined) arriving.ack = ack;
    this.after(this.settings.rttMs / 2, () => {
      segment.arriveAt = this.now;
      ARRIVAL_HANDLERS[peer.state](this, peer, arriving);
      segment.stateAfter = this.states();
    });
  }

  /** Sends something that occupies sequence space (SYN, data, FIN) and keeps it for retransmission. */
  sendInSequence(ep: Endpoint, flags: FlagName[], len: number, note: string): void {
    const seq = ep.sndNxt;
    const space = len + (has(flags, 'SYN') ? 1 : 0) + (has(flags, 'FIN') ? 1 : 0);
    ep.sndNxt = seqAdd(ep.sndNxt, space);
    ep.retransmissionQueue.push({ seq, space, flags, len, sentAt: this.now, retransmitted: false });
    this.transmit(ep, flags, seq, len, note);
    if (ep.retransmissionQueue.length === 1) this.armRetransmitTimer(ep);
  }

  sendAck(ep: Endpoint, note: string): void {
    this.transmit(ep, ['ACK'], ep.sndNxt, 0, note);
  }

  /** Forget everything unacknowledged and cancel the retransmission timer (RST sent or received). */
  dropTransmissionState(ep: Endpoint): void {
    ep.retransmissionQueue = [];
    ep.retransmitTimerGeneration++;
  }

  // --- acknowledgments and timers (RFC 6298) -----------------------------------------------------

  /** SND.UNA moves to `ack`: drop what it covers, take an RTT sample, restart the timer for the rest. */
  acknowledge(ep: Endpoint, ack: number): void {
    const previousUna = ep.sndUna;
    ep.sndUna = ack;
    let sampled = false;
    while (ep.retransmissionQueue.length) {
      const oldest = ep.retransmissionQueue[0]!;
      if (!seqLt(seqAdd(oldest.seq, oldest.space - 1), ack)) break;
      if (!oldest.retransmitted && !sampled) {
        this.sampleRtt(ep, this.now - oldest.sentAt);
        sampled = true;
      }
      ep.retransmissionQueue.shift();
    }
    if (ack !== previousUna) ep.retransmissions = 0;
    ep.retransmitTimerGeneration++;
    if (ep.retransmissionQueue.length) this.armRetransmitTimer(ep);
  }

  /** RFC 6298 §2.2–2.3 RTT estimator, fed only by segments sent once (Karn's algorithm, §3). */
  private sampleRtt(ep: Endpoint, rtt: number): void {
    if (ep.srtt === undefined || ep.rttvar === undefined) {
      ep.srtt = rtt;
      ep.rttvar = rtt / 2;
    } else {
      ep.rttvar = 0.75 * ep.rttvar + 0.25 * Math.abs(ep.srtt - rtt);
      ep.srtt = 0.875 * ep.srtt + 0.125 * rtt;
    }
    ep.rto = Math.min(Math.max(ep.srtt + Math.max(1, 4 * ep.rttvar), MIN_RTO_MS), MAX_RTO_MS);
  }

  /** One retransmission timer per side, for its oldest unacknowledged segment (RFC 6298 §5). */
  private armRetransmitTimer(ep: Endpoint): void {
    const generation = ++ep.retransmitTimerGeneration;
    this.after(ep.rto, () => {
      if (generation !== ep.retransmitTimerGeneration) return;
      if (ep.retransmissionQueue.length === 0 || ep.state === 'CLOSED') return;
      this.retransmitTimerExpired(ep);
    });
  }

  /** RFC 6298 §5.4–5.6: retransmit the oldest segment and back off, or give up after the limit. */
  private retransmitTimerExpired(ep: Endpoint): void {
    const oldest = ep.retransmissionQueue[0]!;
    const { maxRetransmits } = this.settings;
    if (ep.retransmissions >= maxRetransmits) {
      const connecting = ep.state === 'SYN-SENT';
      this.enter(ep, 'CLOSED', `gave up after ${maxRetransmits} retransmissions`);
      this.log(
        'timer',
        ep.side,
        `${ep.side}: no ACK after ${maxRetransmits} retransmissions — gives up (${connecting ? 'connect() fails with ETIMEDOUT' : 'the connection times out'}).`,
      );
      this.tell(
        ep.side,
        connecting ? 'connect() failed: ETIMEDOUT (connection timed out)' : 'the connection timed out',
      );
      return;
    }
    ep.retransmissions++;
    const oldRto = ep.rto;
    ep.rto = Math.min(ep.rto * 2, MAX_RTO_MS); // RFC 6298 §5.5: back off the timer
    oldest.retransmitted = true;
    this.log(
      'timer',
      ep.side,
      `${ep.side}: retransmission timer expired after ${formatMs(oldRto)} (RFC 6298 §5.4); RTO doubles to ${formatMs(ep.rto)} (§5.5).`,
    );
    this.transmit(
      ep,
      oldest.flags,
      oldest.seq,
      oldest.len,
      `retransmission #${ep.retransmissions} of ${flagText(oldest.flags)} seq ${seqSub(oldest.seq, ep.iss)} (relative): no ACK arrived within ${formatMs(oldRto)}${oldRto === MIN_RTO_MS ? " (RFC 6298's 1 s floor, §2.4; Linux has none: its RTO is SRTT + max(4·RTTVAR, 200 ms))" : ''}.`,
      { retransmission: true },
    );
    this.armRetransmitTimer(ep);
  }

  /** (Re)starts TIME-WAIT (RFC 9293 §3.10.7.4): 2·MSL unless set otherwise, then CLOSED. */
  startTimeWait(ep: Endpoint): void {
    const generation = ++ep.timeWaitTimerGeneration;
    const { timeWaitMs, msl } = this.settings;
    this.after(timeWaitMs, () => {
      if (generation !== ep.timeWaitTimerGeneration || ep.state !== 'TIME-WAIT') return;
      this.enter(ep, 'CLOSED', `TIME-WAIT of ${formatMs(timeWaitMs)} is over`);
      this.log(
        'timer',
        ep.side,
        `${ep.side}: TIME-WAIT (${formatMs(timeWaitMs)}${timeWaitMs === 2 * msl ? ' = 2·MSL' : ''}) expires → CLOSED. Until now the 4-tuple could not be reused, so stray old segments could not join a new connection.`,
      );
    });
  }

  // --- what the applications call, and what they are told ---------------------------------------

  connect(ep: Endpoint): void {
    this.log('app', ep.side, `${ep.side} application calls connect().`);
    this.enter(ep, 'SYN-SENT', 'active open: sent SYN');
    this.sendInSequence(ep, ['SYN'], 0, `active open with ISN ${ep.iss}; the SYN consumes one sequence number.`);
  }

  listen(ep: Endpoint): void {
    ep.passiveOpen = true;
    this.enter(ep, 'LISTEN', 'passive open: listen()');
    this.log('app', ep.side, `${ep.side} application calls listen(): waits for a SYN.`);
  }

  /** write(): `n` bytes cut into segments of at most MSS, PSH on the last. */
  write(ep: Endpoint, n: number, what: string): void {
    this.log('app', ep.side, `${ep.side} application writes ${bytes(n)} (${what}).`);
    for (let left = n; left > 0;) {
      const len = Math.min(left, this.settings.mss);
      left -= len;
      const from = seqSub(ep.sndNxt, ep.iss);
      this.sendInSequence(
        ep,
        left === 0 ? ['PSH', 'ACK'] : ['ACK'],
        len,
        `${bytes(len)} of ${what}: relative seq ${from}:${from + len}.`,
      );
    }
  }

  close(ep: Endpoint, how = 'close()'): void {
    this.log('app', ep.side, `${ep.side} application calls ${how}.`);
    CLOSE_CALL[ep.state]?.(this, ep, how);
  }

  /** RFC 9293 §3.10.5 ABORT: send <SEQ=SND.NXT><CTL=RST>, delete the TCB. */
  abort(ep: Endpoint, why: string): void {
    this.log('app', ep.side, `${ep.side} aborts: ${why}.`);
    const seq = ep.sndNxt;
    this.dropTransmissionState(ep);
    this.enter(ep, 'CLOSED', 'aborted: sent RST');
    this.transmit(
      ep,
      ['RST'],
      seq,
      0,
      `abort: RST with seq = SND.NXT; the connection is dropped at once, unread and unsent data are discarded (RFC 9293 §3.10.5).`,
    );
  }

  /** connect() or accept() returned. */
  established(ep: Endpoint): void {
    this.tell(
      ep.side,
      ep.side === 'client' ? 'connect() returned: the connection is open' : 'accept() returned a connected socket',
    );
    SCENARIO_SCRIPTS[this.settings.scenario].onEstablished?.(this, ep);
  }

  /** read() returned 0: the peer's FIN was reached. */
  endOfStream(ep: Endpoint): void {
    this.tell(ep.side, 'read() returned 0: end of stream (the peer sent FIN)');
    SCENARIO_SCRIPTS[this.settings.scenario].onEndOfStream?.(this, ep);
  }
}

function has(flags: readonly FlagName[], flag: FlagName): boolean {
  return flags.includes(flag);
}

/** Sequence numbers a segment takes: its payload, plus one each for SYN and FIN (RFC 9293 §3.4). */
function sequenceSpace(seg: ArrivingSegment): number {
  return seg.len + (has(seg.flags, 'SYN') ? 1 : 0) + (has(seg.flags, 'FIN') ? 1 : 0);
}

/** "#3 SYN-ACK": a segment as the notes name it. */
function label(seg: ArrivingSegment): string {
  return `#${seg.id} ${flagText(seg.flags)}`;
}

function flagText(flags: readonly FlagName[]): string {
  const order: FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'];
  return order.filter((f) => flags.includes(f)).join('-') || 'no flags';
}
