/**
 * The capture module's segment explainer, fed by tcpdump's text lines (`parseTcpdump`): it explains a
 * capture segment by segment: who sent it, what every flag and option means,
 * absolute and relative sequence numbers, payload size, the scaled window, what kind of segment it is
 * and the state of both sides afterwards — each with a short "why" a widget can show on hover.
 *
 * ## Relative or absolute numbers? (documented heuristic)
 * tcpdump prints a segment's seq/ack as absolute numbers when the segment carries SYN, has no ACK, or is
 * the first ACK-carrying segment of its connection that tcpdump sees; after that it prints numbers
 * relative to each side's first number (the ISN when the SYN was captured) — unless run with `-S`,
 * which prints absolute numbers everywhere. In `numbering: 'auto'` (the default) each printed value is
 * read as whichever interpretation puts it closer to that side's known ISN: `v` itself when read as
 * relative, `(v − ISN) mod 2^32` when read as absolute. Real captures cover far less than 2^31 bytes, so
 * the wrong reading is always the huge one. A side's first number, when its SYN was not captured, is
 * taken as absolute (tcpdump prints it so) and becomes the base. `numbering: 'tcpdump'` applies
 * tcpdump's rule exactly; `numbering: 'absolute'` is for `-S` captures.
 *
 * ## Timestamps
 * `-ttt` prints the delta from the previous packet in the same hh:mm:ss.ffffff shape as a clock. In
 * `timestamps: 'auto'` the times are read as deltas when the first one is exactly 00:00:00.000000 and
 * some later one is smaller than its predecessor; otherwise as clock times (a midnight rollover is
 * handled).
 *
 * States are inferred by an observer at the capture point: each segment is treated as sent and received
 * at the moment it appears, and transitions follow RFC 9293 §3.10.
 */

import { FLAG_INFO, STATE_MEANING, tcpdumpFlagString, type FlagInfo, type FlagName, type TcpState } from '../tcp/types';
import { parseTcpdump, type Endpoint, type Segment, type TcpOption, type TcpdumpParseResult } from '../tcp/tcpdump';
import { seqAdd, seqGe, seqGt, seqLe, seqSub } from '../tcp/seq';
import { bytes, formatInt } from '../tcp/format';
import { clientByPort, clientOfSyn, connectionKey } from './roles';

export type SegmentKind =
  | 'syn'
  | 'syn-ack'
  | 'handshake-ack'
  | 'data'
  | 'pure-ack'
  | 'fin'
  | 'rst'
  | 'retransmission'
  | 'duplicate-ack'
  | 'window-update'
  | 'zero-window'
  | 'zero-window-probe'
  | 'keep-alive';

export const KIND_MEANING: Readonly<Record<SegmentKind, string>> = {
  syn: "Handshake step 1: SYN opens the connection and carries the client's initial sequence number (ISN).",
  'syn-ack':
    "Handshake step 2: SYN-ACK acknowledges the client's SYN (ack = client ISN + 1) and carries the server's ISN.",
  'handshake-ack': "Handshake step 3: ACK of the server's SYN (ack = server ISN + 1). Both ISNs are now acknowledged.",
  data: 'Carries payload bytes.',
  'pure-ack': 'Acknowledges data without carrying any.',
  fin: 'FIN: this side will send no more data (it may keep receiving).',
  rst: 'RST: the connection is aborted, or was refused.',
  retransmission:
    'Resends sequence numbers this side already sent (a loss was detected, or the capture saw it out of order).',
  'duplicate-ack':
    'Same ack and window again while data is outstanding: the receiver is missing a segment. Three in a row trigger fast retransmit (RFC 5681 §3.2).',
  'window-update': 'Nothing new acknowledged; only the advertised receive window changed.',
  'zero-window':
    "Advertises a receive window of 0: the receiver's buffer is full, the sender must pause (RFC 9293 §3.8.6.1).",
  'zero-window-probe': 'One byte sent into a zero window to ask whether it has opened (RFC 9293 §3.8.6.1).',
  'keep-alive':
    'Keep-alive probe: seq one below the next byte, so the peer answers with an ACK if it is still there (RFC 1122 §4.2.3.6).',
};

export interface NumberInfo {
  /** As tcpdump printed it (undefined when tcpdump did not print it and we inferred it). */
  printed?: number;
  absolute?: number;
  /** Relative to the ISN of the side whose sequence space this number is in. */
  relative?: number;
  /** How the printed value was read. */
  readAs: 'absolute' | 'relative' | 'inferred';
}

export interface WindowInfo {
  /** The 16-bit field as sent. */
  raw: number;
  /** The shift that applies (undefined when scaling is unknown or off). */
  shift?: number;
  /** Receive window in bytes: raw << shift, or raw when no scaling applies. Undefined when unknown. */
  bytes?: number;
  why: string;
}

export interface OptionInfo {
  kind: TcpOption['kind'];
  text: string;
  /** Bytes this option takes in the TCP header (undefined for options we do not know). */
  size?: number;
  explanation: string;
  rule: string;
}

export interface AnalyzedSegment {
  /** Index in the `segments` passed in. */
  index: number;
  line: number;
  /** Index into `Analysis.connections`. */
  connection: number;
  /** Seconds since the first segment of the capture (undefined without timestamps). */
  time?: number;
  /** Seconds since the previous segment of the capture. */
  delta?: number;
  from: 'client' | 'server';
  to: 'client' | 'server';
  /** e.g. "client 10.2.200.11.63826 → server 10.2.200.140.8080". */
  direction: string;
  flags: FlagInfo[];
  /** tcpdump's letters, e.g. "S." */
  flagsText: string;
  /** Sequence number of the first byte (or of the SYN/FIN). Inferred for pure ACKs. */
  seq?: NumberInfo;
  /** One past the last sequence number this segment occupies (seq + payload + SYN + FIN). */
  seqEnd?: NumberInfo;
  ack?: NumberInfo;
  payloadBytes: number;
  payloadWhy: string;
  /** Sequence numbers consumed: payload + 1 for SYN + 1 for FIN (RFC 9293 §3.4). */
  seqSpace: number;
  window?: WindowInfo;
  options: OptionInfo[];
  /** TCP header size computed from the options (20 + options, padded to 4), when all sizes are known. */
  tcpHeaderBytes?: number;
  kinds: SegmentKind[];
  /** Human label, e.g. "SYN-ACK" or "Data (retransmission)". */
  label: string;
  stateAfter: { client: TcpState; server: TcpState };
  /** Why each thing changed; first the kind, then state changes, then remarks. */
  why: string[];
  payloadText?: string;
}

export interface ConnectionInfo {
  index: number;
  client: Endpoint;
  server: Endpoint;
  /** How we decided who is the client: the SYN sender, the side with the well-known port, or the first sender. */
  rolesFrom: 'syn' | 'port' | 'first-sender';
  clientIsn?: number;
  serverIsn?: number;
  /** wscale each side announced in its SYN (undefined: no SYN captured or no option). */
  clientWscale?: number;
  serverWscale?: number;
  windowScaling: 'on' | 'off' | 'unknown';
  mss: { client?: number; server?: number };
  why: string[];
}

export interface AnalyzeOptions {
  numbering?: 'auto' | 'tcpdump' | 'absolute';
  timestamps?: 'auto' | 'clock' | 'delta';
}

export interface Analysis {
  segments: AnalyzedSegment[];
  connections: ConnectionInfo[];
  /** How numbers and timestamps were read, and anything else worth knowing about the capture. */
  notes: string[];
}

interface Side {
  endpoint: Endpoint;
  role: 'client' | 'server';
  /** Base of relative numbering (the ISN when the SYN was seen). */
  base?: number;
  baseIsIsn: boolean;
  synSeen: boolean;
  wscale?: number;
  mss?: number;
  /** One past the highest sequence number sent. */
  nextSeq?: number;
  lastAck?: number;
  lastWindow?: number;
  finSeq?: number;
  state: TcpState;
  dupAcks: number;
  /** This side has acknowledged the peer's SYN. */
  ackedPeerSyn: boolean;
}

interface Conn {
  info: ConnectionInfo;
  client: Side;
  server: Side;
  sawAckSegment: boolean;
  /** Rows analysed before the server sent anything: its LISTEN state there is an assumption. */
  rowsBeforeServerSpoke: AnalyzedSegment[];
  serverSpoke: boolean;
}

const MAX_SHIFT = 14; // RFC 7323 §2.3

/** Explain every segment. Segments from several connections are grouped by their address/port pairs. */
export function analyzeConversation(segments: readonly Segment[], options: AnalyzeOptions = {}): Analysis {
  const numbering = options.numbering ?? 'auto';
  const notes: string[] = [];
  const times = readTimes(segments, options.timestamps ?? 'auto', notes);
  const conns = new Map<string, Conn>();
  const connections: ConnectionInfo[] = [];
  const out: AnalyzedSegment[] = [];

  segments.forEach((seg, index) => {
    const key = connKey(seg);
    let conn = conns.get(key);
    if (!conn) {
      conn = newConnection(seg, connections.length);
      conns.set(key, conn);
      connections.push(conn.info);
    }
    const fromClient = seg.src.text === conn.client.endpoint.text;
    const me = fromClient ? conn.client : conn.server;
    const peer = fromClient ? conn.server : conn.client;
    const has = (f: FlagName) => seg.flags.includes(f);
    const why: string[] = [];

    // --- Numbers -------------------------------------------------------------------------------
    const isSyn = has('SYN');
    const printedAbsoluteByTcpdump = isSyn || !has('ACK') || !conn.sawAckSegment;
    if (has('ACK')) conn.sawAckSegment = true;

    let seqInfo: NumberInfo | undefined;
    if (seg.seq !== undefined) {
      if (isSyn) {
        me.base = seg.seq;
        me.baseIsIsn = true;
        me.synSeen = true;
        seqInfo = { printed: seg.seq, absolute: seg.seq, relative: 0, readAs: 'absolute' };
      } else {
        seqInfo = readNumber(seg.seq, me, numbering, printedAbsoluteByTcpdump, 0);
      }
    } else if (me.nextSeq !== undefined) {
      seqInfo = { absolute: me.nextSeq, relative: rel(me.nextSeq, me), readAs: 'inferred' };
    }
    const ackInfo =
      seg.ack !== undefined && has('ACK')
        ? readNumber(seg.ack, peer, numbering, printedAbsoluteByTcpdump, 1)
        : undefined;

    const seqSpace = seg.length + (isSyn ? 1 : 0) + (has('FIN') ? 1 : 0);
    let seqEnd: NumberInfo | undefined;
    if (seqInfo?.absolute !== undefined) {
      const endAbs = seqAdd(seqInfo.absolute, seqSpace);
      seqEnd = { absolute: endAbs, relative: rel(endAbs, me), readAs: seqInfo.readAs };
    } else if (seqInfo?.relative !== undefined) {
      seqEnd = { relative: seqInfo.relative + seqSpace, readAs: seqInfo.readAs };
    }

    // --- Payload ---------------------------------------------------------------------------------
    let payloadWhy: string;
    if (seg.seq !== undefined && seg.seqEnd !== undefined) {
      const which = seqInfo?.readAs === 'relative' ? 'relative ' : '';
      payloadWhy = `${which}seq ${seg.seq}:${seg.seqEnd} is ${formatInt(seg.seqEnd)} − ${formatInt(seg.seq)} = ${bytes(seg.length)} (the range includes ${seg.seq} and stops before ${seg.seqEnd}).`;
    } else if (seg.length === 0) {
      payloadWhy = 'No payload (length 0).';
    } else {
      payloadWhy = `${bytes(seg.length)} of payload.`;
    }

    // --- Options and SYN bookkeeping -------------------------------------------------------------------
    if (isSyn) {
      const ws = seg.options.find((o) => o.kind === 'wscale');
      if (ws && ws.kind === 'wscale') me.wscale = ws.shift;
      const mss = seg.options.find((o) => o.kind === 'mss');
      if (mss && mss.kind === 'mss') me.mss = mss.value;
      if (me.role === 'client') {
        conn.info.clientIsn = seg.seq;
        conn.info.clientWscale = me.wscale;
        conn.info.mss.client = me.mss;
      } else {
        conn.info.serverIsn = seg.seq;
        conn.info.serverWscale = me.wscale;
        conn.info.mss.server = me.mss;
      }
      conn.info.windowScaling =
        conn.client.synSeen && conn.server.synSeen
          ? conn.client.wscale !== undefined && conn.server.wscale !== undefined
            ? 'on'
            : 'off'
          : 'unknown';
    }
    const optionInfos = seg.options.map((o) =>
      explainOption(o, { me, peer, numbering, printedAbsoluteByTcpdump, ack: ackInfo }),
    );
    let tcpHeaderBytes: number | undefined;
    if (optionInfos.every((o) => o.size !== undefined)) {
      const optBytes = optionInfos.reduce((n, o) => n + (o.size ?? 0), 0);
      tcpHeaderBytes = 20 + Math.ceil(optBytes / 4) * 4;
    }

    // --- Window ----------------------------------------------------------------------------------
    const window = seg.window === undefined ? undefined : explainWindow(seg.window, isSyn, me, peer, conn);

    // --- Kind --------------------------------------------------------------------------------------
    const kinds: SegmentKind[] = [];
    const pureAck = seg.length === 0 && !isSyn && !has('FIN') && !has('RST');
    const segSeqAbs = seqInfo?.absolute;
    const alreadySent = (end: number | undefined) =>
      end !== undefined && me.nextSeq !== undefined && seqLe(end, me.nextSeq);
    const keepAlive =
      !isSyn &&
      !has('FIN') &&
      !has('RST') &&
      seg.length <= 1 &&
      seg.seq !== undefined &&
      segSeqAbs !== undefined &&
      me.nextSeq !== undefined &&
      seqSub(me.nextSeq, segSeqAbs) === 1;

    if (has('RST')) kinds.push('rst');
    if (isSyn) kinds.push(has('ACK') ? 'syn-ack' : 'syn');
    if (keepAlive) kinds.push('keep-alive');
    else {
      if (seg.length > 0) kinds.push('data');
      if (seqSpace > 0 && alreadySent(seqEnd?.absolute) && !has('RST')) kinds.push('retransmission');
      if (
        seg.length === 1 &&
        peer.lastWindow === 0 &&
        segSeqAbs !== undefined &&
        me.nextSeq !== undefined &&
        segSeqAbs === me.nextSeq
      )
        kinds.push('zero-window-probe');
    }
    if (has('FIN')) kinds.push('fin');
    if (pureAck && !keepAlive && ackInfo?.absolute !== undefined) {
      const ackAbs = ackInfo.absolute;
      const acksPeerSyn =
        !me.ackedPeerSyn && peer.synSeen && peer.base !== undefined && ackAbs === seqAdd(peer.base, 1);
      const sameAck = me.lastAck !== undefined && ackAbs === me.lastAck;
      const outstanding = peer.nextSeq !== undefined && seqGt(peer.nextSeq, ackAbs);
      if (acksPeerSyn && me.role === 'client') kinds.push('handshake-ack');
      else if (sameAck && seg.window !== undefined && seg.window === me.lastWindow && outstanding) {
        me.dupAcks++;
        kinds.push('duplicate-ack');
      } else if (sameAck && seg.window !== undefined && me.lastWindow !== undefined && seg.window !== me.lastWindow) {
        kinds.push('window-update');
      } else kinds.push('pure-ack');
    } else if (pureAck && !keepAlive) kinds.push('pure-ack');
    if (!kinds.includes('duplicate-ack')) {
      if (ackInfo?.absolute !== undefined && me.lastAck !== ackInfo.absolute) me.dupAcks = 0;
    }
    if (seg.window === 0 && !has('RST')) kinds.push('zero-window');

    why.push(...kinds.map((k) => kindWhy(k, seg, me, seqInfo, ackInfo)));

    // --- States ------------------------------------------------------------------------------------
    const refusedByClosedPort = has('RST') && me.role === 'server' && !conn.serverSpoke && peer.state === 'SYN-SENT';
    const stateWhy = applyStates(seg, me, peer, ackInfo?.absolute, refusedByClosedPort);
    why.push(...stateWhy);
    if (refusedByClosedPort) {
      // The server's earlier state was an assumption (LISTEN); the RST shows the port was closed.
      for (const row of conn.rowsBeforeServerSpoke) {
        row.stateAfter.server = 'CLOSED';
        row.why.push('server: corrected to CLOSED — the RST that followed shows nothing was listening on this port.');
      }
    }
    if (me.role === 'server') conn.serverSpoke = true;
    if (has('PSH'))
      why.push(
        'PSH: the sender asks the receiver to hand the data to the application now (not "urgent" — that is URG).',
      );
    if (seg.checksum?.status === 'incorrect') {
      why.push(
        `Checksum shown as incorrect: normal on loopback and with checksum offload — the capture sees the segment before the checksum is filled in.`,
      );
    }
    if (seg.truncated)
      why.push('tcpdump printed [|tcp]: the capture stopped before the end of the TCP header (snap length).');

    // --- Bookkeeping for later segments ---------------------------------------------------------------
    if (seqEnd?.absolute !== undefined && seqSpace > 0) {
      me.nextSeq =
        me.nextSeq === undefined ? seqEnd.absolute : seqGe(seqEnd.absolute, me.nextSeq) ? seqEnd.absolute : me.nextSeq;
    } else if (seqInfo?.absolute !== undefined && me.nextSeq === undefined) {
      me.nextSeq = seqInfo.absolute;
    }
    if (has('FIN') && seqInfo?.absolute !== undefined) me.finSeq = seqAdd(seqInfo.absolute, seg.length);
    if (ackInfo?.absolute !== undefined) {
      if (peer.synSeen && peer.base !== undefined && seqGe(ackInfo.absolute, seqAdd(peer.base, 1)))
        me.ackedPeerSyn = true;
      me.lastAck = ackInfo.absolute;
    }
    if (seg.window !== undefined) me.lastWindow = seg.window;

    const t = times[index];
    const prev = index > 0 ? times[index - 1] : undefined;
    const analyzed: AnalyzedSegment = {
      index,
      line: seg.line,
      connection: conn.info.index,
      from: me.role,
      to: peer.role,
      direction: `${me.role} ${seg.src.text} → ${peer.role} ${seg.dst.text}`,
      flags: orderFlags(seg.flags).map((f) => FLAG_INFO[f]),
      flagsText: seg.flagsText || tcpdumpFlagString(seg.flags),
      payloadBytes: seg.length,
      payloadWhy,
      seqSpace,
      options: optionInfos,
      kinds,
      label: labelFor(kinds),
      stateAfter: { client: conn.client.state, server: conn.server.state },
      why,
    };
    if (t !== undefined) analyzed.time = t;
    if (t !== undefined && prev !== undefined) analyzed.delta = round6(t - prev);
    if (seqInfo) analyzed.seq = seqInfo;
    if (seqEnd) analyzed.seqEnd = seqEnd;
    if (ackInfo) analyzed.ack = ackInfo;
    if (window) analyzed.window = window;
    if (tcpHeaderBytes !== undefined) analyzed.tcpHeaderBytes = tcpHeaderBytes;
    if (seg.payloadText !== undefined) analyzed.payloadText = seg.payloadText;
    out.push(analyzed);
    if (!conn.serverSpoke) conn.rowsBeforeServerSpoke.push(analyzed);
  });

  for (const c of conns.values()) {
    const info = c.info;
    if (info.rolesFrom !== 'syn') {
      info.why.push(
        info.rolesFrom === 'port'
          ? 'The SYN is not in the capture; the side with the well-known (lower) port is taken as the server.'
          : 'The SYN is not in the capture; the first sender is taken as the client.',
      );
    }
    if (info.windowScaling === 'unknown')
      info.why.push(
        'Window scale unknown: both SYNs are needed to know the shift (RFC 7323 §2.2), so raw windows are shown.',
      );
  }
  if (numbering === 'auto')
    notes.push(
      "Sequence numbers: each printed value was read as relative or absolute, whichever lies closer to that side's ISN (tcpdump prints relative numbers unless run with -S).",
    );
  return { segments: out, connections, notes };
}

/** Parse tcpdump output and explain it in one call. */
export function explainTcpdump(
  text: string,
  options: AnalyzeOptions = {},
): TcpdumpParseResult & { analysis: Analysis } {
  const parsed = parseTcpdump(text);
  return { ...parsed, analysis: analyzeConversation(parsed.segments, options) };
}

/** Flags in reading order: SYN, FIN, RST, PSH, ACK, URG, ECE, CWR. */
export function orderFlags(flags: readonly FlagName[]): FlagName[] {
  const order: FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];
  return order.filter((f) => flags.includes(f));
}

function connKey(seg: Segment): string {
  return connectionKey(seg.src.text, seg.dst.text);
}

function newSide(endpoint: Endpoint, role: 'client' | 'server', state: TcpState): Side {
  return { endpoint, role, baseIsIsn: false, synSeen: false, state, dupAcks: 0, ackedPeerSyn: false };
}

function newConnection(first: Segment, index: number): Conn {
  const synOnly = first.flags.includes('SYN') && !first.flags.includes('ACK');
  const synAck = first.flags.includes('SYN') && first.flags.includes('ACK');
  // Endpoint 0 is the sender of the first segment, as in the capture analyser.
  const ends = [first.src, first.dst] as const;
  let clientAt: 0 | 1;
  let rolesFrom: ConnectionInfo['rolesFrom'];
  if (synOnly || synAck) {
    clientAt = clientOfSyn(0, synAck);
    rolesFrom = 'syn';
  } else {
    const byPort = clientByPort(first.src.port, first.dst.port);
    clientAt = byPort ?? 0;
    rolesFrom = byPort !== undefined ? 'port' : 'first-sender';
  }
  const clientEp = ends[clientAt];
  const serverEp = ends[1 - clientAt]!;
  const midStream = !synOnly && !synAck;
  const client = newSide(clientEp, 'client', midStream ? 'ESTABLISHED' : synAck ? 'SYN-SENT' : 'CLOSED');
  const server = newSide(serverEp, 'server', midStream ? 'ESTABLISHED' : 'LISTEN');
  const info: ConnectionInfo = {
    index,
    client: clientEp,
    server: serverEp,
    rolesFrom,
    windowScaling: 'unknown',
    mss: {},
    why: [],
  };
  if (midStream) info.why.push('The capture starts mid-connection: both sides are assumed ESTABLISHED.');
  else if (synOnly) info.why.push('Server state before the SYN is assumed LISTEN (a passive open).');
  return { info, client, server, sawAckSegment: false, rowsBeforeServerSpoke: [], serverSpoke: false };
}

function rel(abs: number, side: Side): number | undefined {
  return side.base === undefined ? undefined : seqSub(abs, side.base);
}

/**
 * Read a printed seq/ack value in `side`'s sequence space. `ackAdjust` is 1 for acks: when the base is
 * first learned from an ack, tcpdump uses ack − 1 as the base (so the ack itself prints as relative 1).
 */
function readNumber(
  v: number,
  side: Side,
  numbering: 'auto' | 'tcpdump' | 'absolute',
  printedAbsoluteByTcpdump: boolean,
  ackAdjust: 0 | 1,
): NumberInfo {
  if (side.base === undefined) {
    // First number seen in this space: tcpdump prints it absolute and bases relative numbers on it.
    side.base = seqAdd(v, -ackAdjust);
    side.baseIsIsn = false;
    return { printed: v, absolute: v, relative: ackAdjust, readAs: 'absolute' };
  }
  let asAbsolute: boolean;
  if (numbering === 'absolute') asAbsolute = true;
  else if (numbering === 'tcpdump') asAbsolute = printedAbsoluteByTcpdump;
  else asAbsolute = seqSub(v, side.base) < v;
  if (asAbsolute) return { printed: v, absolute: v, relative: seqSub(v, side.base), readAs: 'absolute' };
  return { printed: v, absolute: seqAdd(side.base, v), relative: v, readAs: 'relative' };
}

function explainWindow(raw: number, isSyn: boolean, me: Side, peer: Side, conn: Conn): WindowInfo {
  if (isSyn) {
    return {
      raw,
      bytes: raw,
      why: `Window ${formatInt(raw)} bytes: the window field of a SYN is never scaled (RFC 7323 §2.2).`,
    };
  }
  const scaling = conn.info.windowScaling;
  if (scaling === 'on' && me.wscale !== undefined) {
    const announced = me.wscale;
    const shift = Math.min(announced, MAX_SHIFT);
    const scaled = raw * 2 ** shift;
    let why = `win ${formatInt(raw)} × 2^${shift} = ${formatInt(scaled)} bytes: this side announced wscale ${announced} in its SYN and the peer's SYN carried wscale too, so the shift applies (RFC 7323 §2.2).`;
    if (announced > MAX_SHIFT)
      why += ` The announced shift ${announced} is larger than 14; RFC 7323 §2.3 says to use 14 instead.`;
    return { raw, shift, bytes: scaled, why };
  }
  if (scaling === 'off') {
    const who = me.wscale === undefined && peer.wscale === undefined ? 'neither SYN' : 'only one SYN';
    return {
      raw,
      shift: 0,
      bytes: raw,
      why: `Window ${formatInt(raw)} bytes, unscaled: ${who} carried the window scale option, and scaling needs both (RFC 7323 §2.2).`,
    };
  }
  return {
    raw,
    why: `Raw window field ${formatInt(raw)}; the real window may be larger: the shift is announced only in the SYNs, which are not in this capture (RFC 7323 §2.2).`,
  };
}

interface OptionContext {
  me: Side;
  peer: Side;
  numbering: 'auto' | 'tcpdump' | 'absolute';
  printedAbsoluteByTcpdump: boolean;
  ack: NumberInfo | undefined;
}

/** Explain one TCP option (RFC 9293 §3.2, RFC 7323, RFC 2018). */
export function explainOption(o: TcpOption, ctx?: OptionContext): OptionInfo {
  switch (o.kind) {
    case 'mss':
      return {
        kind: o.kind,
        text: o.text,
        size: 4,
        explanation: `Maximum segment size ${formatInt(o.value)}: the largest payload this side will accept per segment${
          o.value === 1460
            ? ' (1500-byte Ethernet MTU − 20 IPv4 − 20 TCP)'
            : o.value === 1440
              ? ' (1500 MTU − 40 IPv6 − 20 TCP)'
              : ''
        }. Sent only in SYNs.`,
        rule: 'RFC 9293 §3.7.1',
      };
    case 'wscale': {
      const shift = Math.min(o.shift, MAX_SHIFT);
      return {
        kind: o.kind,
        text: o.text,
        size: 3,
        explanation:
          `Window scale ${o.shift}: once both SYNs carry this option, this side's window field means value × 2^${shift} bytes (SYN windows excepted). ` +
          (o.shift > MAX_SHIFT
            ? `A shift above 14 is treated as 14 (RFC 7323 §2.3).`
            : `Maximum shift 14 (about 1 GiB).`),
        rule: 'RFC 7323 §2.2–2.3',
      };
    }
    case 'sackOK':
      return {
        kind: o.kind,
        text: o.text,
        size: 2,
        explanation:
          'SACK permitted: this side can receive selective acknowledgments (which blocks arrived past a gap).',
        rule: 'RFC 2018 §2',
      };
    case 'ts':
      return {
        kind: o.kind,
        text: o.text,
        size: 10,
        explanation: `Timestamps: val ${o.val} is the sender's timestamp clock; ecr ${o.ecr} echoes the latest val received from the peer${
          o.ecr === 0 ? ' (0: nothing to echo yet)' : ''
        }. Used to measure RTT and to reject old duplicates (PAWS). With two NOPs it costs 12 header bytes per segment.`,
        rule: 'RFC 7323 §3–§5',
      };
    case 'nop':
      return {
        kind: o.kind,
        text: o.text,
        size: 1,
        explanation: 'No-operation: one byte of padding that aligns the next option.',
        rule: 'RFC 9293 §3.2',
      };
    case 'eol':
      return { kind: o.kind, text: o.text, size: 1, explanation: 'End of option list.', rule: 'RFC 9293 §3.2' };
    case 'sack': {
      const parts = o.blocks.map(([a, b]) => {
        let aAbs = a;
        let bAbs = b;
        let relText = `${a}:${b}`;
        if (ctx) {
          const A = readNumberNoLearn(a, ctx.peer, ctx.numbering, ctx.printedAbsoluteByTcpdump);
          const B = readNumberNoLearn(b, ctx.peer, ctx.numbering, ctx.printedAbsoluteByTcpdump);
          if (A.relative !== undefined && B.relative !== undefined) relText = `relative ${A.relative}:${B.relative}`;
          aAbs = A.absolute ?? a;
          bAbs = B.absolute ?? b;
        }
        return `${relText} (${bytes(seqSub(bAbs, aAbs))})`;
      });
      const ackText =
        ctx?.ack?.relative !== undefined ? ` beyond the cumulative ack (relative ${ctx.ack.relative})` : '';
      return {
        kind: o.kind,
        text: o.text,
        size: 2 + 8 * o.blocks.length,
        explanation: `Selective ACK: these blocks arrived${ackText}, so only the gap before them needs resending: ${parts.join(', ')}.`,
        rule: 'RFC 2018 §3',
      };
    }
    default:
      return {
        kind: 'other',
        text: o.text,
        explanation: 'An option this explainer does not cover.',
        rule: 'RFC 9293 §3.2',
      };
  }
}

function readNumberNoLearn(
  v: number,
  side: Side,
  numbering: 'auto' | 'tcpdump' | 'absolute',
  printedAbsolute: boolean,
): NumberInfo {
  if (side.base === undefined) return { printed: v, absolute: v, readAs: 'absolute' };
  const copy = { ...side };
  return readNumber(v, copy, numbering, printedAbsolute, 0);
}

function kindWhy(
  k: SegmentKind,
  seg: Segment,
  me: Side,
  seq: NumberInfo | undefined,
  ack: NumberInfo | undefined,
): string {
  switch (k) {
    case 'syn':
      return `SYN with ISN ${seg.seq ?? '?'}: the SYN consumes one sequence number, so the first data byte will be ISN + 1 (relative 1).`;
    case 'syn-ack':
      return `SYN-ACK: ack ${ack?.absolute ?? seg.ack} = client ISN + 1 acknowledges the SYN; seq ${seg.seq} is the server's own ISN.`;
    case 'handshake-ack':
      return `ACK of the server's SYN (relative ack ${ack?.relative ?? '?'} = server ISN + 1): the three-way handshake is complete. Three segments, so that both ISNs get acknowledged and a stale duplicate SYN can be rejected (RFC 9293 §3.5).`;
    case 'duplicate-ack':
      return `Duplicate ACK #${me.dupAcks}: ack ${ack?.relative ?? ack?.printed} again with the same window while data is outstanding — a later segment arrived but the one starting at this number did not.${
        me.dupAcks >= 3 ? ' The third duplicate triggers fast retransmit (RFC 5681 §3.2).' : ''
      }`;
    case 'retransmission':
      return `Retransmission: these sequence numbers (up to relative ${seq?.relative !== undefined ? seq.relative + Math.max(1, seg.length) : '?'}) were sent before.`;
    default:
      return KIND_MEANING[k];
  }
}

function labelFor(kinds: readonly SegmentKind[]): string {
  const names: Record<SegmentKind, string> = {
    syn: 'SYN',
    'syn-ack': 'SYN-ACK',
    'handshake-ack': 'Handshake ACK',
    data: 'Data',
    'pure-ack': 'ACK',
    fin: 'FIN',
    rst: 'RST',
    retransmission: 'retransmission',
    'duplicate-ack': 'Duplicate ACK',
    'window-update': 'Window update',
    'zero-window': 'zero window',
    'zero-window-probe': 'zero-window probe',
    'keep-alive': 'Keep-alive',
  };
  const [first, ...rest] = kinds;
  if (!first) return 'Segment';
  const head = names[first];
  return rest.length ? `${head} (${rest.map((k) => names[k]).join(', ')})` : head;
}

/** Apply RFC 9293 §3.10 transitions as seen from the capture point; returns the "why" lines. */
function applyStates(
  seg: Segment,
  me: Side,
  peer: Side,
  ackAbs: number | undefined,
  refusedByClosedPort: boolean,
): string[] {
  const why: string[] = [];
  const has = (f: FlagName) => seg.flags.includes(f);
  const move = (side: Side, to: TcpState, reason: string) => {
    if (side.state === to) return;
    why.push(`${side.role}: ${side.state} → ${to} (${reason}).`);
    side.state = to;
  };

  // Sender side: what sending this segment means for the sender.
  if (has('RST')) {
    if (refusedByClosedPort) {
      why.push(
        `server: nothing listens on port ${me.endpoint.port ?? me.endpoint.portName ?? '?'} — it was CLOSED, and a CLOSED port answers a SYN with <SEQ=0><ACK=SYN's seq + 1><CTL=RST,ACK> (RFC 9293 §3.10.7.1).`,
      );
      me.state = 'CLOSED';
    } else move(me, 'CLOSED', 'sent RST: the connection is aborted');
  } else if (has('SYN') && !has('ACK')) {
    if (me.state === 'CLOSED' || me.state === 'LISTEN') move(me, 'SYN-SENT', 'active open: sent SYN');
  } else if (has('SYN') && has('ACK')) {
    if (me.state === 'SYN-SENT') move(me, 'SYN-RECEIVED', 'simultaneous open: got a SYN, answers SYN-ACK');
  }
  if (has('FIN') && !has('RST')) {
    if (me.state === 'ESTABLISHED' || me.state === 'SYN-RECEIVED')
      move(me, 'FIN-WAIT-1', 'application closed: sent FIN');
    else if (me.state === 'CLOSE-WAIT') {
      const peerFinAcked = peer.finSeq !== undefined && ackAbs !== undefined && seqGe(ackAbs, seqAdd(peer.finSeq, 1));
      if (has('ACK') && !peerFinAcked) {
        // Its ack does not cover the peer's FIN: it sent this FIN before that FIN arrived.
        move(
          me,
          'CLOSING',
          "simultaneous close: its ack does not cover the peer's FIN, so the two FINs crossed; it sent FIN from ESTABLISHED (FIN-WAIT-1), then received the peer's FIN",
        );
      } else move(me, 'LAST-ACK', 'application closed after the peer: sent FIN');
    }
  }

  // Receiver side.
  const acksFinOf = (side: Side) =>
    side.finSeq !== undefined && ackAbs !== undefined && seqGe(ackAbs, seqAdd(side.finSeq, 1));
  if (has('RST')) {
    if (peer.state === 'SYN-SENT')
      move(peer, 'CLOSED', 'RST in answer to its SYN: connect() fails with "connection refused"');
    else move(peer, 'CLOSED', 'RST received: the connection is reset ("connection reset by peer")');
    return why;
  }
  if (has('SYN') && !has('ACK')) {
    if (peer.state === 'LISTEN') move(peer, 'SYN-RECEIVED', 'received SYN; it answers SYN-ACK');
    else if (peer.state === 'SYN-SENT')
      move(peer, 'SYN-RECEIVED', 'simultaneous open: received a SYN while its own SYN is out');
  }
  if (has('ACK')) {
    const acksSyn =
      peer.base !== undefined && peer.synSeen && ackAbs !== undefined && seqGe(ackAbs, seqAdd(peer.base, 1));
    if (has('SYN') && peer.state === 'SYN-SENT' && acksSyn)
      move(peer, 'ESTABLISHED', 'SYN-ACK acknowledges its SYN; it answers ACK');
    else if (peer.state === 'SYN-RECEIVED' && acksSyn) move(peer, 'ESTABLISHED', 'its SYN is acknowledged');
    if (peer.state === 'FIN-WAIT-1' && acksFinOf(peer))
      move(peer, 'FIN-WAIT-2', 'its FIN is acknowledged; the other direction stays open');
    else if (peer.state === 'CLOSING' && acksFinOf(peer))
      move(peer, 'TIME-WAIT', 'its FIN is acknowledged; waits 2·MSL');
    else if (peer.state === 'LAST-ACK' && acksFinOf(peer))
      move(peer, 'CLOSED', 'its FIN is acknowledged: the connection is gone');
  }
  if (has('FIN')) {
    if (peer.state === 'ESTABLISHED' || peer.state === 'SYN-RECEIVED')
      move(peer, 'CLOSE-WAIT', 'received FIN; it ACKs and may keep sending until its application closes');
    else if (peer.state === 'FIN-WAIT-1')
      move(peer, 'CLOSING', 'received FIN before its own FIN was acknowledged (simultaneous close)');
    else if (peer.state === 'FIN-WAIT-2')
      move(peer, 'TIME-WAIT', 'received FIN; it ACKs and waits 2·MSL (Linux: 60 s) before CLOSED');
  }
  if (peer.state === 'TIME-WAIT' && why.some((w) => w.includes('→ TIME-WAIT'))) {
    why.push(`TIME-WAIT: ${STATE_MEANING['TIME-WAIT']}`);
  }
  return why;
}

function readTimes(
  segments: readonly Segment[],
  mode: 'auto' | 'clock' | 'delta',
  notes: string[],
): Array<number | undefined> {
  const raw = segments.map((s) => s.time);
  const first = raw.find((t) => t !== undefined);
  if (!first) return raw.map(() => undefined);
  let asDelta = mode === 'delta';
  if (mode === 'auto' && first.format === 'clock' && first.seconds === 0) {
    for (let k = 1; k < raw.length; k++) {
      const a = raw[k - 1];
      const b = raw[k];
      if (a && b && b.seconds < a.seconds) asDelta = true;
    }
  }
  const out: Array<number | undefined> = [];
  if (asDelta) {
    notes.push('Timestamps read as -ttt deltas (time since the previous packet).');
    let acc = 0;
    for (const t of raw) {
      if (t === undefined) out.push(undefined);
      else {
        acc += t.seconds;
        out.push(round6(acc));
      }
    }
    return out;
  }
  let offset = 0;
  let prev: number | undefined;
  for (const t of raw) {
    if (t === undefined) {
      out.push(undefined);
      continue;
    }
    let v = t.seconds + offset;
    if (t.format === 'clock' && prev !== undefined && v < prev - 43200) {
      offset += 86400; // midnight passed
      v += 86400;
      notes.push('The clock passed midnight during the capture; later times are counted on from 24:00.');
    }
    prev = v;
    out.push(round6(v - first.seconds));
  }
  return out;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
