/**
 * Numbers and figures of the lessons "Sockets and layers" and the two TCP connection lessons, computed at build time by the
 * project's TCP models (src/protocol/tcp/) from real captures, so the prose cannot drift from them:
 * `<Fact name="mss1500" />`, `<SegmentTable capture="http" from={1} to={3} />`, `<ConnectionLadder … />`.
 *
 * Pure functions of their inputs; the .astro components only lay the results out.
 */
import { groupInt } from '../../../explain/format';
import {
  LINUX_TIME_WAIT_MS,
  mssForMtu,
  parseTcpdump,
  perPacketOverhead,
  RFC_MSL_MS,
  INITIAL_RTO_MS,
  simulateConnection,
  tcpdumpFlagString,
  TCP_TIMESTAMPS_OPTION_BYTES,
  type ConnectionParams,
  type ConnectionRun,
  type Segment,
  type WireSegment,
} from '../../../protocol/tcp';
import { explainTcpdump, type AnalyzedSegment, type OptionInfo } from '../../../protocol/capture/segments';
import { parseHex } from '../../../protocol/hex';
import { keepaliveGiveUpSeconds, LIBUV_KEEPALIVE_PROBES, LINUX_KEEPALIVE } from '../../../protocol/tcp/keepalive';
import { LINUX_SYN_DEFAULTS, synRetrySchedule, type SynRetryParams } from '../../../protocol/tcp/syn-retries';
import { HELLO_SUMMARY, HELLO_TCPDUMP_X } from '../../../../content/captures/chromium-loopback';
import { REFERENCE_ARP } from '../../../../content/captures/tcpdump-lines';
import { LOOPBACK_NC, LOOPBACK_REFUSED, REFERENCE_HTTP, REFERENCE_RST } from '../../../widgets/tcpdump/examples';

// ---------------------------------------------------------------------------------------------------------------
// Formatting

/** 0.0833 → "8.3". */
export function percent(fraction: number, digits = 1): string {
  return (fraction * 100).toFixed(digits);
}

// ---------------------------------------------------------------------------------------------------------------
// Captures

/** The tcpdump captures the two lessons show, by name. All real output (see the source of each constant). */
export const CAPTURES = {
  /** Reference article: a phone fetching a page from 10.2.200.140:8080 (handshake, request, response, close). */
  http: REFERENCE_HTTP,
  /** Reference article: a SYN to a port nobody listens on, answered with RST. */
  refused: REFERENCE_RST,
  /** Linux loopback: nc to the lab's echo port 8788, "hello" and "bye", then both close. */
  nc: LOOPBACK_NC,
  /** Linux loopback: nc to a port with no listener. */
  'refused-loopback': LOOPBACK_REFUSED,
  /** Reference article: an ARP request and its reply. */
  arp: REFERENCE_ARP,
  /** Loopback: the packet carrying a browser's WebSocket "Hello" frame (summary line). */
  hello: HELLO_SUMMARY,
} as const;
export type CaptureName = keyof typeof CAPTURES;

/** How a figure names each capture to screen readers (figure labels must differ on a page). */
export const CAPTURE_TITLES: Readonly<Record<CaptureName, string>> = {
  http: 'the reference HTTP connection',
  refused: 'the reference refused connection',
  nc: 'the loopback nc session',
  'refused-loopback': 'the loopback refused connection',
  arp: 'the reference ARP exchange',
  hello: 'the loopback WebSocket packet',
};

/** "lines 1–3 of the reference HTTP connection". */
export function linesTitle(name: CaptureName, from = 1, to?: number): string {
  const last = to ?? CAPTURES[name].split('\n').length;
  return `${from === last ? `line ${from}` : `lines ${from}–${last}`} of ${CAPTURE_TITLES[name]}`;
}

/** Lines `from`…`to` (1-based, inclusive) of a capture; the whole capture without a range. */
export function captureLines(name: CaptureName, from = 1, to?: number): string[] {
  const lines = CAPTURES[name].split('\n');
  const end = to ?? lines.length;
  if (from < 1 || end > lines.length || from > end)
    throw new Error(`capture ${name} has ${lines.length} lines; asked for ${from}–${end}`);
  return lines.slice(from - 1, end);
}

function analysis(name: CaptureName) {
  const explained = explainTcpdump(CAPTURES[name]);
  if (explained.errors.length)
    throw new Error(`capture ${name}: ${explained.errors[0]!.reason} (line ${explained.errors[0]!.line})`);
  return explained;
}

/** The analysed segment printed on line `line` of a capture. */
export function segmentOnLine(name: CaptureName, line: number): AnalyzedSegment {
  const s = analysis(name).analysis.segments.find((seg) => seg.line === line);
  if (!s) throw new Error(`capture ${name} has no TCP segment on line ${line}`);
  return s;
}

function parsedOnLine(name: CaptureName, line: number): Segment {
  const s = parseTcpdump(CAPTURES[name]).segments.find((seg) => seg.line === line);
  if (!s) throw new Error(`capture ${name} has no TCP segment on line ${line}`);
  return s;
}

export interface NumberCell {
  absolute?: number;
  relative?: number;
}

export interface SegmentRow {
  line: number;
  from: 'client' | 'server';
  label: string;
  flags: string;
  seq: NumberCell;
  ack: NumberCell;
  /** Sequence numbers this segment takes: payload + SYN + FIN. */
  space: number;
  payload: number;
  client: string;
  server: string;
  why: string;
}

function numberCell(n: AnalyzedSegment['seq']): NumberCell {
  if (!n || n.absolute === undefined) return {};
  return { absolute: n.absolute, ...(n.relative !== undefined ? { relative: n.relative } : {}) };
}

/** Every TCP segment on lines from…to of a capture, explained by the conversation analyser. */
export function segmentRows(name: CaptureName, from = 1, to?: number): SegmentRow[] {
  const last = to ?? Number.MAX_SAFE_INTEGER;
  return analysis(name)
    .analysis.segments.filter((s) => s.line >= from && s.line <= last)
    .map((s) => ({
      line: s.line,
      from: s.from,
      label: s.label,
      flags: s.flagsText,
      seq: numberCell(s.seq),
      ack: numberCell(s.ack),
      space: s.seqSpace,
      payload: s.payloadBytes,
      client: s.stateAfter.client,
      server: s.stateAfter.server,
      why: s.why[0] ?? '',
    }));
}

/** The options of the segment on `line`, each with its size and meaning (RFC 9293 §3.2, RFC 7323, RFC 2018). */
export function optionRows(name: CaptureName, line: number): OptionInfo[] {
  return segmentOnLine(name, line).options;
}

// ---------------------------------------------------------------------------------------------------------------
// A real packet, byte by byte: IPv4 header (RFC 791 §3.1), TCP header (RFC 9293 §3.1), payload

export interface PacketField {
  layer: 'ipv4' | 'tcp' | 'payload';
  name: string;
  /** Byte offset in the packet and length in bytes (fields smaller than a byte share their byte). */
  offset: number;
  length: number;
  value: string;
}

export interface PacketView {
  bytes: Uint8Array;
  ipHeaderLength: number;
  tcpHeaderLength: number;
  payloadLength: number;
  totalLength: number;
  ttl: number;
  fields: PacketField[];
}

const ip4 = (b: Uint8Array, at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

/** Reads the fields a lesson talks about from an IPv4 packet carrying TCP (as `tcpdump -X` prints it). */
export function readIpv4Tcp(packet: Uint8Array): PacketView {
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const version = packet[0]! >> 4;
  if (version !== 4) throw new Error(`not IPv4: version ${version}`);
  if (packet[9] !== 6) throw new Error(`not TCP: protocol ${packet[9]}`);
  const ihl = (packet[0]! & 0x0f) * 4;
  const totalLength = view.getUint16(2);
  if (totalLength !== packet.length) throw new Error(`total length ${totalLength} but ${packet.length} bytes captured`);
  const t = ihl;
  const dataOffset = (packet[t + 12]! >> 4) * 4;
  const flagsByte = packet[t + 13]!;
  const FLAG_BITS: Array<[number, string]> = [
    [0x80, 'CWR'],
    [0x40, 'ECE'],
    [0x20, 'URG'],
    [0x10, 'ACK'],
    [0x08, 'PSH'],
    [0x04, 'RST'],
    [0x02, 'SYN'],
    [0x01, 'FIN'],
  ];
  const flags = FLAG_BITS.filter(([bit]) => flagsByte & bit).map(([, name]) => name);
  const payloadLength = totalLength - ihl - dataOffset;
  const fields: PacketField[] = [
    { layer: 'ipv4', name: 'Version, header length', offset: 0, length: 1, value: `IPv${version}, ${ihl} bytes` },
    { layer: 'ipv4', name: 'Total length', offset: 2, length: 2, value: `${totalLength} bytes` },
    { layer: 'ipv4', name: 'Time to live (TTL)', offset: 8, length: 1, value: String(packet[8]) },
    { layer: 'ipv4', name: 'Protocol', offset: 9, length: 1, value: `${packet[9]} (TCP)` },
    { layer: 'ipv4', name: 'Source address', offset: 12, length: 4, value: ip4(packet, 12) },
    { layer: 'ipv4', name: 'Destination address', offset: 16, length: 4, value: ip4(packet, 16) },
    { layer: 'tcp', name: 'Source port', offset: t, length: 2, value: String(view.getUint16(t)) },
    { layer: 'tcp', name: 'Destination port', offset: t + 2, length: 2, value: String(view.getUint16(t + 2)) },
    { layer: 'tcp', name: 'Sequence number', offset: t + 4, length: 4, value: String(view.getUint32(t + 4)) },
    { layer: 'tcp', name: 'Acknowledgment number', offset: t + 8, length: 4, value: String(view.getUint32(t + 8)) },
    { layer: 'tcp', name: 'Data offset (header length)', offset: t + 12, length: 1, value: `${dataOffset} bytes` },
    { layer: 'tcp', name: 'Flags', offset: t + 13, length: 1, value: flags.join(', ') },
    { layer: 'tcp', name: 'Window', offset: t + 14, length: 2, value: String(view.getUint16(t + 14)) },
    { layer: 'tcp', name: 'Options', offset: t + 20, length: dataOffset - 20, value: `${dataOffset - 20} bytes` },
    {
      layer: 'payload',
      name: 'Payload',
      offset: ihl + dataOffset,
      length: payloadLength,
      value: `${payloadLength} bytes`,
    },
  ];
  return {
    bytes: packet,
    ipHeaderLength: ihl,
    tcpHeaderLength: dataOffset,
    payloadLength,
    totalLength,
    ttl: packet[8]!,
    fields,
  };
}

/** The captured packet that carried a browser's WebSocket "Hello" (content/captures/chromium-loopback.ts). */
export function helloPacket(): PacketView {
  return readIpv4Tcp(parseHex(HELLO_TCPDUMP_X));
}

// ---------------------------------------------------------------------------------------------------------------
// Encapsulation and MSS (perPacketOverhead, mssForMtu)

export interface LayerRow {
  name: string;
  bytes: number;
  /** Byte range in an Ethernet frame as tcpdump shows it (no preamble, no FCS). */
  start: number;
  end: number;
  why: string;
}

/** Layers of one Ethernet frame carrying `payload` bytes of TCP data, outermost first (the order on the wire). */
export function encapsulation(
  payload: number,
  tcpOptionsBytes: number,
): { rows: LayerRow[]; total: number; overhead: number; efficiency: number } {
  const o = perPacketOverhead(payload, { ethernet: 'header', tcpOptionsBytes });
  const wireOrder = ['Ethernet header', 'IPv4 header', 'TCP header'];
  const layers = wireOrder.map((name) => {
    const layer = o.layers.find((l) => l.name === name);
    if (!layer) throw new Error(`perPacketOverhead has no ${name}`);
    return layer;
  });
  const rows: LayerRow[] = [];
  let at = 0;
  for (const l of [
    ...layers,
    { name: 'Payload', bytes: payload, why: 'The application’s bytes: what write() handed to the socket.' },
  ]) {
    rows.push({ name: l.name, bytes: l.bytes, start: at, end: at + l.bytes, why: l.why });
    at += l.bytes;
  }
  return { rows, total: o.total, overhead: o.overhead, efficiency: o.efficiency };
}

export interface MssRow {
  mtu: number;
  ipv6: boolean;
  timestamps: boolean;
  mss: number;
  /** Ethernet frame (header included, as tcpdump counts it) carrying one full segment. */
  frame: number;
}

export function mssRows(configs: ReadonlyArray<{ mtu: number; ipv6?: boolean; timestamps?: boolean }>): MssRow[] {
  return configs.map(({ mtu, ipv6 = false, timestamps = false }) => {
    const mss = mssForMtu(mtu, { ipv6, timestamps });
    const frame = perPacketOverhead(mss, {
      ipv6,
      ethernet: 'header',
      tcpOptionsBytes: timestamps ? TCP_TIMESTAMPS_OPTION_BYTES : 0,
    }).total;
    return { mtu, ipv6, timestamps, mss, frame };
  });
}

/** Bytes of one option kind in a capture's SYN (mss, wscale…) — read by the parser. */
function synOption<K extends 'mss' | 'wscale'>(name: CaptureName, line: number, kind: K): number {
  const o = parsedOnLine(name, line).options.find((opt) => opt.kind === kind);
  if (!o) throw new Error(`capture ${name} line ${line} has no ${kind} option`);
  return o.kind === 'mss' ? o.value : o.kind === 'wscale' ? o.shift : NaN;
}

// ---------------------------------------------------------------------------------------------------------------
// Connections (simulateConnection)

export function runConnection(params: ConnectionParams): ConnectionRun {
  const r = simulateConnection(params);
  if (!r.ok) throw new Error(`simulateConnection: ${r.errors.map((e) => e.message).join(' ')}`);
  return r.value;
}

export interface LadderRow {
  id: number;
  t: number;
  from: 'client' | 'server';
  flags: string;
  seq: number;
  ack?: number;
  len: number;
  dropped: boolean;
  retransmission: boolean;
  client: string;
  server: string;
  note: string;
}

/** The segments of a modelled connection, numbers relative to each side's ISN (as tcpdump shows them). */
export function ladderRows(run: ConnectionRun, limit?: number): LadderRow[] {
  return run.segments.slice(0, limit).map((s) => ({
    id: s.id,
    t: s.t,
    from: s.from,
    flags: tcpdumpFlagString(s.flags),
    seq: s.relSeq,
    ...(s.relAck !== undefined ? { ack: s.relAck } : {}),
    len: s.len,
    dropped: s.dropped,
    retransmission: s.retransmission,
    client: s.stateAfter.client,
    server: s.stateAfter.server,
    note: s.note,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Lab predictions (shown by the lab-experiment island next to the measured result)

export interface PredictionRow {
  label: string;
  value: string;
}

/** Message boundaries: what TCP promises for `writes` writes of `size` bytes, and what it does not (RFC 9293 §3.7). */
export function boundariesPrediction(writes: number, size: number): PredictionRow[] {
  const alone = perPacketOverhead(size, { tcpOptionsBytes: TCP_TIMESTAMPS_OPTION_BYTES });
  return [
    { label: 'Bytes the server reads in total', value: `${groupInt(writes * size)}, in the order written` },
    {
      label: 'read() calls on the server',
      value: `anything from 1 to ${groupInt(writes * size)}: the stream keeps no boundaries`,
    },
    {
      label: 'If every write went out alone',
      value: `${groupInt(writes)} segments of ${groupInt(alone.total)} bytes (IPv4 + TCP with timestamps + ${groupInt(size)})`,
    },
  ];
}

/** Connection refused: what the model's `connection-refused` scenario shows. */
export function refusedPrediction(): PredictionRow[] {
  const run = runConnection({ scenario: 'connection-refused', clientIsn: 1000, serverIsn: 5000, rttMs: 1 });
  const rst = run.segments.find((s) => s.flags.includes('RST'));
  const outcome = run.appOutcomes.find((o) => o.side === 'client');
  if (!rst || !outcome) throw new Error('the connection-refused scenario sent no RST');
  return [
    {
      label: 'Answer to the SYN',
      value: `${tcpdumpFlagString(rst.flags)} (RST + ACK), seq ${rst.seq}, ack = the SYN’s seq + 1`,
    },
    { label: 'What connect() reports', value: outcome.text },
    { label: 'How long it takes', value: 'one round trip: a RST is final, nothing is retransmitted' },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Facts stated in prose

const http = () => analysis('http').analysis;
const httpConn = () => http().connections[0]!;

export const TCP_FACTS = {
  // Sockets and layers
  ethernetHeader: () => String(encapsulation(0, 0).rows[0]!.bytes),
  ipv4Header: () => String(encapsulation(0, 0).rows[1]!.bytes),
  tcpHeader: () => String(encapsulation(0, 0).rows[2]!.bytes),
  ipv6Header: () => String(perPacketOverhead(0, { ipv6: true }).layers.find((l) => l.name === 'IPv6 header')!.bytes),
  timestampOption: () => String(TCP_TIMESTAMPS_OPTION_BYTES),
  tcpHeaderWithTimestamps: () => String(encapsulation(0, TCP_TIMESTAMPS_OPTION_BYTES).rows[2]!.bytes),
  /** The 4-bit data offset counts 32-bit words: at most 15 × 4 = 60 header bytes, 40 of them options. */
  tcpHeaderMax: () => String((2 ** 4 - 1) * 4),
  tcpOptionsMax: () => String((2 ** 4 - 1) * 4 - 20),
  mss1500: () => groupInt(mssForMtu(1500)),
  mss1500Timestamps: () => groupInt(mssForMtu(1500, { timestamps: true })),
  mss1500Ipv6: () => groupInt(mssForMtu(1500, { ipv6: true })),
  fullFrameTimestamps: () => groupInt(mssRows([{ mtu: 1500, timestamps: true }])[0]!.frame),
  /** RFC 9293 §3.7.1: without an MSS option, assume 536 (576 − 40). */
  defaultMssIpv4: () => String(mssForMtu(576)),
  /** The IPv4 total-length field is 16 bits. */
  ipv4MaxPacket: () => groupInt(2 ** 16 - 1),
  loopbackMss: () => groupInt(synOption('nc', 1, 'mss')),
  loopbackMssComputed: () => groupInt(mssForMtu(2 ** 16 - 1)),
  ncClientPort: () => String(parsedOnLine('nc', 1).src.port),
  ncServerPort: () => String(parsedOnLine('nc', 1).dst.port),
  ncHelloBytes: () => String(segmentOnLine('nc', 4).payloadBytes),
  ncHelloFrame: () => String(encapsulation(segmentOnLine('nc', 4).payloadBytes, TCP_TIMESTAMPS_OPTION_BYTES).total),
  ncHelloEfficiency: () =>
    percent(encapsulation(segmentOnLine('nc', 4).payloadBytes, TCP_TIMESTAMPS_OPTION_BYTES).efficiency),
  ncByeBytes: () => String(segmentOnLine('nc', 8).payloadBytes),
  helloPacketTtl: () => String(helloPacket().ttl),
  helloPacketTotal: () => String(helloPacket().totalLength),
  helloPacketPayload: () => String(helloPacket().payloadLength),

  // Opening and closing: the reference connection
  refClientIsn: () => String(httpConn().clientIsn),
  refServerIsn: () => String(httpConn().serverIsn),
  refSynAckAck: () => String(segmentOnLine('http', 2).ack?.absolute),
  refAckAck: () => String(segmentOnLine('http', 3).ack?.absolute),
  refMss: () => groupInt(httpConn().mss.client ?? NaN),
  refWscale: () => String(httpConn().clientWscale),
  refWin: () => groupInt(parsedOnLine('http', 3).window ?? NaN),
  refWinScaled: () => groupInt(segmentOnLine('http', 3).window?.bytes ?? NaN),
  refSynWin: () => groupInt(segmentOnLine('http', 1).window?.bytes ?? NaN),
  // The raw fields as tcpdump prints them (no digit grouping), for quoting capture text.
  refWinField: () => String(parsedOnLine('http', 3).window),
  refSynWinField: () => String(parsedOnLine('http', 1).window),
  refSynHeader: () => String(segmentOnLine('http', 1).tcpHeaderBytes),
  refRequestBytes: () => String(segmentOnLine('http', 5).payloadBytes),
  refRequestEnd: () => String(segmentOnLine('http', 5).seqEnd?.relative),
  refFinSeq: () => String(segmentOnLine('http', 11).seq?.relative),
  refFinAck: () => String(segmentOnLine('http', 12).ack?.relative),
  refServerFinSeq: () => String(segmentOnLine('http', 13).seq?.relative),
  refLastAck: () => String(segmentOnLine('http', 14).ack?.relative),
  refCloseGap: () =>
    String(Math.round((segmentOnLine('http', 11).time ?? NaN) - (segmentOnLine('http', 10).time ?? NaN))),
  refRstAck: () => String(segmentOnLine('refused', 2).ack?.absolute),
  refRstSynSeq: () => String(segmentOnLine('refused', 1).seq?.absolute),
  loopbackWscale: () => String(synOption('nc', 1, 'wscale')),
  loopbackSynHeader: () => String(segmentOnLine('nc', 1).tcpHeaderBytes),

  // Opening and closing: timers
  mslSeconds: () => String(RFC_MSL_MS / 1000),
  twoMslSeconds: () => String((2 * RFC_MSL_MS) / 1000),
  linuxTimeWaitSeconds: () => String(LINUX_TIME_WAIT_MS / 1000),
  initialRtoSeconds: () => String(INITIAL_RTO_MS / 1000),
  keepaliveGiveUp: () => keepaliveGiveUpSeconds(LINUX_KEEPALIVE).toLocaleString('en-US'),
  keepaliveGiveUpHours: () => (keepaliveGiveUpSeconds(LINUX_KEEPALIVE) / 3600).toFixed(1),
  /** Node's setKeepAlive(true, 30000): 30 s idle, then libuv's probes (1 s apart, 10 of them). */
  nodeKeepaliveGiveUp: () => String(keepaliveGiveUpSeconds({ idle: 30, ...LIBUV_KEEPALIVE_PROBES })),

  // Opening: a SYN nobody answers (syn-retries.ts)
  synRetries: () => String(LINUX_SYN_DEFAULTS.retries),
  synLinearTimeouts: () => String(LINUX_SYN_DEFAULTS.linearTimeouts),
  synRetransmissionsLinux: () => String(synSchedule(LINUX_SYN_DEFAULTS).sentAtMs.length - 1),
  synTimesLinux: () => seconds(synSchedule(LINUX_SYN_DEFAULTS).sentAtMs),
  synGiveUpLinux: () => String(synSchedule(LINUX_SYN_DEFAULTS).giveUpAtMs / 1000),
  synTimesTextbook: () => seconds(synSchedule({ ...LINUX_SYN_DEFAULTS, linearTimeouts: 0 }).sentAtMs),
  synGiveUpTextbook: () => String(synSchedule({ ...LINUX_SYN_DEFAULTS, linearTimeouts: 0 }).giveUpAtMs / 1000),
} as const;

function synSchedule(p: SynRetryParams) {
  const r = synRetrySchedule(p);
  if (!r.ok) throw new Error(`synRetrySchedule: ${r.error}`);
  return r.value;
}

/** [0, 1000, 3000] → "0, 1 and 3". */
function seconds(ms: number[]): string {
  const s = ms.map((m) => String(m / 1000));
  return `${s.slice(0, -1).join(', ')} and ${s.at(-1)}`;
}

export type TcpFactName = keyof typeof TCP_FACTS;

/**
 * The reference capture's handshake replayed by the connection model with the capture's own ISNs: the three
 * segments the handshake figure draws (RFC 9293 §3.5, Figure 6). The model's numbers must equal the capture's.
 */
export function referenceHandshake(): { clientIsn: number; serverIsn: number; segments: WireSegment[] } {
  const { clientIsn, serverIsn } = httpConn();
  if (clientIsn === undefined || serverIsn === undefined) throw new Error('reference capture: no ISNs');
  const run = runConnection({ scenario: 'three-way-open', clientIsn, serverIsn });
  const segments = run.segments.slice(0, 3);
  segments.forEach((s, i) => {
    const captured = segmentOnLine('http', i + 1);
    // tcpdump prints no seq for a pure ACK; compare what it printed.
    const seqDiffers = captured.seq?.absolute !== undefined && captured.seq.absolute !== s.seq;
    if (seqDiffers || captured.ack?.absolute !== s.ack) {
      throw new Error(`reference handshake: the model's segment ${i + 1} differs from the capture`);
    }
  });
  return { clientIsn, serverIsn, segments };
}
