/**
 * View logic of the tcpdump reader: turns the core's explanation (explainTcpdump) into table rows,
 * badges and sequence-diagram rows, and keeps the pasted text in the URL fragment. Every protocol fact
 * (numbers, windows, kinds, states, the why texts) comes from the core; this file only chooses words
 * for labels and formats numbers.
 */
import {
  explainTcpdump,
  KIND_MEANING,
  type AnalyzedSegment,
  type AnalyzeOptions,
  type ConnectionInfo,
  type NumberInfo,
  type SegmentKind,
} from '../../protocol/capture/segments';
import { formatInt } from '../../protocol/tcp/format';
import type { SeqRow, SeqTone } from '../shared/plot/SequenceDiagram';

export type Numbering = NonNullable<AnalyzeOptions['numbering']>;
export const NUMBERING_CHOICES: ReadonlyArray<{ id: Numbering; label: string; hint: string }> = [
  {
    id: 'auto',
    label: 'Work it out',
    hint: 'Each number is read as relative or absolute, whichever is closer to that side’s ISN.',
  },
  {
    id: 'tcpdump',
    label: 'tcpdump’s default rule',
    hint: 'Absolute in SYNs and in the first ACK, relative after that (tcpdump without -S).',
  },
  { id: 'absolute', label: 'All absolute (-S)', hint: 'For captures taken with tcpdump -S.' },
];

export function isNumbering(v: unknown): v is Numbering {
  return v === 'auto' || v === 'tcpdump' || v === 'absolute';
}

export interface Badge {
  kind: SegmentKind;
  /** Short label on the badge. */
  label: string;
  tone: SeqTone;
  /** The core's meaning of the kind. */
  meaning: string;
}

/** Badge wording for each kind the core recognises (handshake steps share one label). */
const BADGES: Readonly<Record<SegmentKind, { label: string; tone: SeqTone }>> = {
  syn: { label: 'handshake 1/3', tone: 'accent' },
  'syn-ack': { label: 'handshake 2/3', tone: 'accent' },
  'handshake-ack': { label: 'handshake 3/3', tone: 'accent' },
  data: { label: 'data', tone: 'ok' },
  'pure-ack': { label: 'pure ACK', tone: 'muted' },
  fin: { label: 'FIN', tone: 'warn' },
  rst: { label: 'RST', tone: 'danger' },
  retransmission: { label: 'retransmission', tone: 'danger' },
  'duplicate-ack': { label: 'dup ACK', tone: 'warn' },
  'window-update': { label: 'window update', tone: 'muted' },
  'zero-window': { label: 'zero window', tone: 'danger' },
  'zero-window-probe': { label: 'window probe', tone: 'warn' },
  'keep-alive': { label: 'keep-alive', tone: 'muted' },
};

export function badgesFor(kinds: readonly SegmentKind[]): Badge[] {
  return kinds.map((kind) => ({ kind, ...BADGES[kind], meaning: KIND_MEANING[kind] }));
}

/** The arrow's colour in the diagram: the most telling kind wins. */
export function toneFor(kinds: readonly SegmentKind[]): SeqTone {
  const order: SegmentKind[] = [
    'rst',
    'retransmission',
    'zero-window',
    'duplicate-ack',
    'fin',
    'syn',
    'syn-ack',
    'handshake-ack',
    'data',
    'pure-ack',
  ];
  for (const k of order) if (kinds.includes(k)) return BADGES[k].tone;
  return 'default';
}

/** "0.038546 s" (relative to the first segment) or "—" without timestamps. */
export function timeText(seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  return `${seconds.toFixed(6)} s`;
}

/** Relative number as the main text, absolute as the second, e.g. {main: "1", sub: "2153742605"}. */
export function numberText(n: NumberInfo | undefined): { main: string; sub?: string; readAs?: NumberInfo['readAs'] } {
  if (!n) return { main: '—' };
  const out: { main: string; sub?: string; readAs?: NumberInfo['readAs'] } = {
    main: n.relative !== undefined ? String(n.relative) : '?',
    readAs: n.readAs,
  };
  if (n.absolute !== undefined) out.sub = String(n.absolute);
  return out;
}

/** What tcpdump prints for the sequence range: "0", "1:404" (relative). */
function relRange(s: AnalyzedSegment): string | undefined {
  const a = s.seq?.relative;
  if (a === undefined) return undefined;
  if (s.payloadBytes > 0) return `${a}:${a + s.payloadBytes}`;
  return String(a);
}

/** The diagram's arrow label: flags as tcpdump prints them, then relative seq/ack and the length. */
export function arrowLabel(s: AnalyzedSegment): string {
  const parts = [`[${s.flagsText}]`];
  const printedSeq = s.seq && s.seq.readAs !== 'inferred';
  const range = relRange(s);
  if (printedSeq && range !== undefined) parts.push(`seq ${range}`);
  if (s.ack?.relative !== undefined) parts.push(`ack ${s.ack.relative}`);
  if (s.payloadBytes > 0) parts.push(`len ${s.payloadBytes}`);
  return parts.join(' ');
}

export interface ReaderView {
  segments: AnalyzedSegment[];
  connections: ConnectionInfo[];
  notes: string[];
  errors: ReturnType<typeof explainTcpdump>['errors'];
  skipped: ReturnType<typeof explainTcpdump>['skipped'];
  /** Lines that held anything at all (for "n of m lines read"). */
  nonEmptyLines: number;
}

export function readCapture(text: string, numbering: Numbering = 'auto'): ReaderView {
  const r = explainTcpdump(text, { numbering });
  return {
    segments: r.analysis.segments,
    connections: r.analysis.connections,
    notes: r.analysis.notes,
    errors: r.errors,
    skipped: r.skipped,
    nonEmptyLines: text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').length,
  };
}

/** Sequence-diagram rows for one connection (client on the left). */
export function diagramRows(view: ReaderView, connection: number): SeqRow[] {
  return view.segments
    .filter((s) => s.connection === connection)
    .map((s) => ({
      from: s.from === 'client' ? 'left' : 'right',
      label: arrowLabel(s),
      leftState: s.stateAfter.client,
      rightState: s.stateAfter.server,
      tone: toneFor(s.kinds),
    }));
}

/** States before the first segment of a connection: what the core assumed (from its first row's why). */
export function endpointName(c: ConnectionInfo, side: 'client' | 'server'): string {
  const ep = c[side];
  return ep.portName ? `${ep.address}:${ep.portName}` : `${ep.address}:${ep.port ?? '?'}`;
}

export function connectionTitle(c: ConnectionInfo): string {
  return `client ${endpointName(c, 'client')} → server ${endpointName(c, 'server')}`;
}

/** One sentence for the diagram's <desc>. */
export function diagramDescription(view: ReaderView, connection: number): string {
  const c = view.connections[connection];
  const segs = view.segments.filter((s) => s.connection === connection);
  if (!c || segs.length === 0) return 'No segments.';
  const last = segs[segs.length - 1] as AnalyzedSegment;
  return `${segs.length} segment${segs.length === 1 ? '' : 's'} between client ${endpointName(c, 'client')} (left) and server ${endpointName(c, 'server')} (right). At the end the client is ${last.stateAfter.client} and the server ${last.stateAfter.server}. The table lists every segment with its fields.`;
}

/** Window cell: "4117 × 32 = 131,744" style pieces from the core's WindowInfo. */
export function windowText(s: AnalyzedSegment): { raw: string; scaled?: string } {
  if (!s.window) return { raw: '—' };
  const raw = formatInt(s.window.raw);
  if (s.window.bytes === undefined) return { raw, scaled: '?' };
  if (s.window.shift && s.window.shift > 0) return { raw, scaled: formatInt(s.window.bytes) };
  return { raw };
}

// ---------------------------------------------------------------------------------------------
// URL fragment: `#cap=<the text>&num=<numbering>`.

/** Longest fragment written; a link longer than this is hard to share and some tools cut it. */
export const MAX_LINK_CHARS = 8000;

export interface CaptureHash {
  /** Value for the `cap` key, or undefined to leave it out (default text, or too long). */
  cap: string | undefined;
  num: string | undefined;
  tooLong: boolean;
  /** Length of the fragment the text would need. */
  length: number;
}

export function captureHash(text: string, numbering: Numbering, defaultText: string): CaptureHash {
  const num = numbering === 'auto' ? undefined : numbering;
  if (text === defaultText) return { cap: undefined, num, tooLong: false, length: 0 };
  const length = new URLSearchParams({ cap: text }).toString().length + 1;
  if (length > MAX_LINK_CHARS) return { cap: undefined, num, tooLong: true, length };
  return { cap: text, num, tooLong: false, length };
}

/** `seg` is the chosen segment's number as the table shows it (from 1); other values are ignored. */
export function captureFromHash(params: Record<string, string>): {
  text?: string;
  numbering?: Numbering;
  segment?: number;
} {
  const out: { text?: string; numbering?: Numbering; segment?: number } = {};
  if (params.cap !== undefined) out.text = params.cap;
  if (isNumbering(params.num)) out.numbering = params.num;
  if (params.seg !== undefined && /^[1-9][0-9]{0,5}$/.test(params.seg)) out.segment = Number(params.seg);
  return out;
}
