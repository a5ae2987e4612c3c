/**
 * View logic of the handshake/teardown diagram: runs simulateConnection and turns its segments into
 * sequence-diagram rows, steps, timer bars and the events between steps. Every number and sentence
 * about TCP comes from the core's run; this file only picks words for labels and formats times.
 */
import {
  CONNECTION_SCENARIOS,
  LINUX_TIME_WAIT_MS,
  simulateConnection,
  tcpdumpFlagString,
  type ConnectionEvent,
  type ConnectionParams,
  type ConnectionRun,
  type ConnectionScenario,
  type ConnectionStates,
  type ParamError,
  type WireSegment,
} from '../../protocol/tcp';
import { formatMs } from '../../protocol/tcp/format';
import type { SeqRow, SeqTone } from '../shared/plot/SequenceDiagram';
import type { SeqFooter } from '../shared/plot/sequence-layout';

export type TimeWaitChoice = 'rfc' | 'linux';

export interface ConnectionInputs {
  scenario: ConnectionScenario;
  drop: readonly number[];
  /** Round-trip time as typed (ms); empty = the model's default. */
  rttMs?: number | undefined;
  timeWait: TimeWaitChoice;
}

export function isScenario(v: unknown): v is ConnectionScenario {
  return typeof v === 'string' && CONNECTION_SCENARIOS.some((s) => s.id === v);
}

/** The run for these inputs: `{ok: true, run}` or the model's parameter errors. */
export function runConnection(
  inputs: ConnectionInputs,
): { ok: true; run: ConnectionRun } | { ok: false; errors: ParamError[] } {
  const params: ConnectionParams = { scenario: inputs.scenario, drop: [...inputs.drop] };
  if (inputs.rttMs !== undefined) params.rttMs = inputs.rttMs;
  if (inputs.timeWait === 'linux') params.timeWaitMs = LINUX_TIME_WAIT_MS;
  const r = simulateConnection(params);
  return r.ok ? { ok: true, run: r.value } : { ok: false, errors: r.errors };
}

/**
 * Toggle the loss of segment `id`. Segments sent before it are unaffected by the change; those after it
 * may be different segments in the new run (a retransmission appears, ids shift), so their drops are cleared.
 */
export function toggleDrop(drop: readonly number[], id: number): number[] {
  const kept = drop.filter((d) => d < id);
  return drop.includes(id) ? kept : [...kept, id];
}

/** "[S.] seq 0 ack 1", "[P.] seq 1:101 ack 1 len 100" — relative numbers, as tcpdump prints them. */
export function segmentLabel(s: WireSegment): string {
  const parts = [`[${tcpdumpFlagString(s.flags)}]`];
  parts.push(`seq ${s.len > 0 ? `${s.relSeq}:${s.relSeq + s.len}` : s.relSeq}`);
  if (s.relAck !== undefined) parts.push(`ack ${s.relAck}`);
  if (s.len > 0) parts.push(`len ${s.len}`);
  if (s.retransmission) parts.push('(again)');
  return parts.join(' ');
}

/** Flag names for prose: "SYN-ACK", "FIN-ACK", "RST". */
export function flagWords(s: WireSegment): string {
  const order = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'] as const;
  return order.filter((f) => s.flags.includes(f)).join('-') || 'no flags';
}

export function toneOf(s: WireSegment): SeqTone {
  if (s.dropped || s.flags.includes('RST')) return 'danger';
  if (s.retransmission) return 'warn';
  if (s.flags.includes('SYN')) return 'accent';
  if (s.flags.includes('FIN')) return 'warn';
  if (s.len > 0) return 'ok';
  return 'default';
}

/** A pause worth marking in the diagram (a retransmission timeout, an application's delay of a second or more). */
const GAP_MS = 500;

export function connectionRows(run: ConnectionRun): SeqRow[] {
  return run.segments.map((s, i) => {
    const prev = run.segments[i - 1];
    const row: SeqRow = {
      from: s.from === 'client' ? 'left' : 'right',
      label: segmentLabel(s),
      leftState: s.stateAfter.client,
      rightState: s.stateAfter.server,
      tone: toneOf(s),
    };
    if (s.dropped) row.dropped = true;
    if (prev && s.t - prev.t >= GAP_MS) row.gapBefore = `${formatMs(s.t - prev.t)} later`;
    return row;
  });
}

/** Both states just before the first segment (after listen()/connect() were called, before anything is sent). */
export function initialStates(run: ConnectionRun): ConnectionStates {
  const firstSend = run.events.findIndex((e) => e.type === 'send' || e.type === 'drop');
  const before = firstSend > 0 ? run.events[firstSend - 1] : undefined;
  return before ? before.stateAfter : { client: 'CLOSED', server: 'CLOSED' };
}

export interface TimeWaitSpan {
  side: 'client' | 'server';
  /** Row after which the side is in TIME-WAIT. */
  afterRow: number;
  from: number;
  to?: number;
  text: string;
}

/** Each TIME-WAIT the run went through: when it began (at which row) and when its timer expired. */
export function timeWaitSpans(run: ConnectionRun): TimeWaitSpan[] {
  const out: TimeWaitSpan[] = [];
  for (const c of run.stateChanges) {
    if (c.to !== 'TIME-WAIT') continue;
    const afterRow = run.segments.findIndex((s) => s.stateAfter[c.side] === 'TIME-WAIT');
    if (afterRow < 0) continue;
    const end = run.stateChanges.find((d) => d.side === c.side && d.from === 'TIME-WAIT' && d.t >= c.t);
    const span: TimeWaitSpan = {
      side: c.side,
      afterRow,
      from: c.t,
      text: `${c.side} TIME-WAIT ${formatMs(run.timeWaitMs)}${end ? ` → CLOSED at ${formatMs(end.t)}` : ''}`,
    };
    if (end) span.to = end.t;
    out.push(span);
  }
  return out;
}

export function footersFor(run: ConnectionRun): SeqFooter[] {
  return timeWaitSpans(run).map((s) => ({
    lane: s.side === 'client' ? 'left' : 'right',
    afterRow: s.afterRow,
    text: s.text,
  }));
}

/** Timer and application events that happened after the previous segment was sent, up to this one. */
export function eventsBefore(run: ConnectionRun, step: number): ConnectionEvent[] {
  const seg = run.segments[step - 1];
  const prev = run.segments[step - 2];
  if (!seg) return [];
  const from = prev ? prev.t : -Infinity;
  return run.events.filter(
    (e) =>
      (e.type === 'timer' || e.type === 'app') &&
      e.t > from &&
      e.t <= seg.t &&
      !(prev && e.t === prev.t && e.type === 'app'),
  );
}

/** Events after the last segment was sent (timers expiring, TIME-WAIT ending). */
export function eventsAfterLast(run: ConnectionRun): ConnectionEvent[] {
  const last = run.segments[run.segments.length - 1];
  if (!last) return run.events.filter((e) => e.type === 'timer' || e.type === 'app');
  return run.events.filter((e) => (e.type === 'timer' || e.type === 'app') && e.t > last.t);
}

/** Which side's timers are running at step k: TIME-WAIT entered and not yet over. */
export function timersAt(run: ConnectionRun, step: number): string[] {
  if (step < 1) return [];
  return timeWaitSpans(run)
    .filter((s) => s.afterRow <= step - 1)
    .map(
      (s) =>
        `${s.side === 'client' ? 'Client' : 'Server'} in TIME-WAIT since ${formatMs(s.from)}: the timer runs ${formatMs(run.timeWaitMs)}${
          s.to !== undefined ? `, so it becomes CLOSED at ${formatMs(s.to)}` : ''
        }.`,
    );
}

export function timeWaitChoiceText(choice: TimeWaitChoice): string {
  return choice === 'linux' ? `${formatMs(LINUX_TIME_WAIT_MS)} (Linux)` : '2·MSL (RFC 9293)';
}

export { formatMs };
