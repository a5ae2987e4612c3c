/**
 * View logic of the sliding-window widget: turns the form's text into simulateSlidingWindow parameters
 * (the model validates them), and one tick of the run into rectangles on a byte axis. The byte counts
 * come from the model (SenderView/ReceiverView); this file only places them.
 */
import {
  simulateSlidingWindow,
  type SenderView,
  type ReceiverView,
  type SlidingWindowParams,
  type SlidingWindowRun,
  type SwTick,
} from '../../protocol/tcp/sliding-window';
import { type ParamError } from '../../protocol/tcp/types';
import { numberFromText } from '../shared/form-fields';
import { linearScale, ticksForLength, type LinearScale } from '../shared/plot/scale';

export interface SwForm {
  totalBytes: string;
  receiveBuffer: string;
  readRate: string;
  pauseFrom: string;
  pauseTo: string;
  mss: string;
  ticks: string;
  sws: boolean;
  dropWindowUpdates: boolean;
}

export const DEFAULT_FORM: SwForm = {
  totalBytes: '20000',
  receiveBuffer: '8000',
  readRate: '1000',
  pauseFrom: '4',
  pauseTo: '16',
  mss: '1000',
  ticks: '40',
  sws: false,
  dropWindowUpdates: false,
};

export type SwResult = { ok: true; run: SlidingWindowRun } | { ok: false; errors: ParamError[] };

/** Form → parameters. The only rule checked here is the form's own: a pause needs both ends. */
export function formToParams(form: SwForm): { params: SlidingWindowParams; errors: ParamError[] } {
  const params: SlidingWindowParams = { sillyWindowAvoidance: form.sws, dropWindowUpdates: form.dropWindowUpdates };
  const errors: ParamError[] = [];
  const set = <K extends keyof SlidingWindowParams>(key: K, text: string) => {
    const n = numberFromText(text);
    if (n !== undefined) params[key] = n as SlidingWindowParams[K];
  };
  set('totalBytes', form.totalBytes);
  set('receiveBuffer', form.receiveBuffer);
  set('readRate', form.readRate);
  set('mss', form.mss);
  set('ticks', form.ticks);
  const from = numberFromText(form.pauseFrom);
  const to = numberFromText(form.pauseTo);
  if (from !== undefined && to !== undefined) params.readPauses = [{ from, to }];
  else if (from !== undefined || to !== undefined) {
    const field = from === undefined ? 'readPauses[0].from' : 'readPauses[0].to';
    errors.push({
      field,
      value: undefined,
      message: 'Give both ticks of the pause, or leave both empty for no pause.',
    });
  }
  return { params, errors };
}

export function runSlidingWindow(form: SwForm): SwResult {
  const { params, errors } = formToParams(form);
  if (errors.length) return { ok: false, errors };
  const r = simulateSlidingWindow(params);
  return r.ok ? { ok: true, run: r.value } : { ok: false, errors: r.errors };
}

export type StripPart =
  'acked' | 'in-flight' | 'usable' | 'not-usable' | 'unwritten' | 'read' | 'buffered' | 'window' | 'beyond';

export interface StripRect {
  part: StripPart;
  from: number;
  to: number;
  x: number;
  width: number;
}

/** Byte range shown on the axis: the whole stream, or further when a window reaches past its end. */
export function byteDomain(run: SlidingWindowRun): number {
  let max = run.totalBytes;
  for (const t of run.ticks) max = Math.max(max, t.sender.windowEnd, t.receiver.received + t.receiver.advertised);
  return Math.max(1, max);
}

function rects(parts: Array<[StripPart, number, number]>, x: LinearScale): StripRect[] {
  return parts
    .filter(([, a, b]) => b > a)
    .map(([part, from, to]) => ({ part, from, to, x: x(from), width: Math.max(0.5, x(to) - x(from)) }));
}

/** The sender's stream, left to right: acknowledged, in flight, usable, not usable (beyond the window), not yet written. */
export function senderRects(s: SenderView, total: number, x: LinearScale): StripRect[] {
  const usableEnd = s.sent + s.usable;
  const notUsableFrom = s.written - s.notUsable;
  return rects(
    [
      ['acked', 0, s.acked],
      ['in-flight', s.acked, s.sent],
      ['usable', s.sent, usableEnd],
      ['not-usable', notUsableFrom, s.written],
      ['unwritten', s.written, total],
    ],
    x,
  );
}

/** The receiver's view of the same stream: read by the application, waiting in the buffer, the window it offers. */
export function receiverRects(r: ReceiverView, x: LinearScale): StripRect[] {
  return rects(
    [
      ['read', 0, r.read],
      ['buffered', r.read, r.received],
      ['window', r.received, r.received + r.advertised],
    ],
    x,
  );
}

export const PART_LABEL: Readonly<Record<StripPart, string>> = {
  acked: 'sent and acknowledged',
  'in-flight': 'sent, not yet acknowledged (in flight)',
  usable: 'may be sent now (usable window)',
  'not-usable': 'written, but outside the window: must wait',
  unwritten: 'not yet written by the application',
  read: 'read by the application',
  buffered: 'received, waiting in the receive buffer',
  window: 'advertised window (free buffer)',
  beyond: '',
};

export interface StripGeometry {
  width: number;
  x: LinearScale;
  ticks: number[];
}

/** Left gutter holds the row names (sender, network, receiver). */
export const SW_PLOT = { left: 66, right: 12, height: 232 } as const;

export function stripGeometry(run: SlidingWindowRun, width: number): StripGeometry {
  const domain = byteDomain(run);
  const x = linearScale([0, domain], [SW_PLOT.left, width - SW_PLOT.right]);
  return { width, x, ticks: ticksForLength(0, domain, width, 90) };
}

/** Per tick: the window the sender believes in, for the small chart under the strips. */
export function windowSeries(
  run: SlidingWindowRun,
): Array<{ tick: number; window: number; zero: boolean; probe: boolean }> {
  return run.ticks.map((t) => ({
    tick: t.tick,
    window: t.sender.window,
    zero: t.sender.window === 0,
    probe: t.events.some((e) => e.kind === 'probe'),
  }));
}

/** One line for a screen reader (and the caption) about a tick. */
export function tickSummary(t: SwTick): string {
  const s = t.sender;
  const r = t.receiver;
  return `Tick ${t.tick}: sender acknowledged ${s.acked}, sent ${s.sent}, window ${s.window}${s.window === 0 ? ' (zero window)' : ''}; receiver has ${r.buffered} bytes buffered of ${r.capacity}, advertises ${r.advertised}.`;
}
