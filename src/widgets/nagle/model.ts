/**
 * View logic of the Nagle timeline: form text → simulateNagle parameters, presets, the timeline's
 * geometry (two lanes, one slanted line per segment, Nagle holds and delayed-ACK waits as bars), and
 * `nagleCombinations`, the write-write-read pattern under all four settings (from writeWriteRead) for
 * the widget's summary and for a lesson to quote. Timing and reasons are the model's.
 */
import {
  simulateNagle,
  writeWriteRead,
  type NagleParams,
  type NagleRun,
  type TimelineSegment,
  type WriteWriteReadParams,
} from '../../protocol/tcp/nagle';
import { type ParamError } from '../../protocol/tcp/types';
import { formatMs } from '../../protocol/tcp/format';
import { numberFromText } from '../shared/form-fields';
import { placeLabels } from '../shared/plot/labels';
import { linearScale, niceCeil, textWidth, ticksForLength, type LinearScale } from '../shared/plot/scale';

export interface WriteRow {
  key: number;
  t: string;
  bytes: string;
}

export interface NagleForm {
  writes: WriteRow[];
  rtt: string;
  mss: string;
  nagle: boolean;
  delayedAck: boolean;
  delayedAckMs: string;
  /** Bytes the server answers with once the whole request is in; empty = no answer. */
  response: string;
}

export type NaglePreset = 'write-write-read' | 'typing' | 'bulk';

export const PRESETS: ReadonlyArray<{ id: NaglePreset; title: string; story: string }> = [
  {
    id: 'write-write-read',
    title: 'write-write-read (header, then body, then wait for the answer)',
    story: 'The client writes a 200-byte header and a 100-byte body separately, then waits for a 100-byte answer.',
  },
  {
    id: 'typing',
    title: 'typing (one byte every 15 ms)',
    story: 'An interactive client sends each keystroke as it is typed, the case Nagle’s algorithm was made for.',
  },
  {
    id: 'bulk',
    title: 'one large write (3,000 bytes)',
    story: 'A bulk write: full-sized segments leave at once whatever the settings; only the small remainder can wait.',
  },
];

export function presetForm(id: NaglePreset, base?: Partial<NagleForm>): NagleForm {
  const common = { rtt: '20', mss: '1460', nagle: true, delayedAck: true, delayedAckMs: '40', ...base };
  switch (id) {
    case 'typing':
      return {
        ...common,
        rtt: base?.rtt ?? '40',
        writes: Array.from({ length: 8 }, (_, i) => ({ key: i + 1, t: String(i * 15), bytes: '1' })),
        response: '8',
      };
    case 'bulk':
      return { ...common, writes: [{ key: 1, t: '0', bytes: '3000' }], response: '100' };
    default:
      return {
        ...common,
        writes: [
          { key: 1, t: '0', bytes: '200' },
          { key: 2, t: '0', bytes: '100' },
        ],
        response: '100',
      };
  }
}

export function formToParams(form: NagleForm): NagleParams {
  const p: NagleParams = {
    // An empty field is passed as NaN so the model names it ("writes[1].bytes must be a finite number").
    writes: form.writes.map((w) => ({
      t: numberFromText(w.t) ?? Number.NaN,
      bytes: numberFromText(w.bytes) ?? Number.NaN,
    })),
    nagle: form.nagle,
    delayedAck: form.delayedAck,
  };
  const rtt = numberFromText(form.rtt);
  if (rtt !== undefined) p.rttMs = rtt;
  const mss = numberFromText(form.mss);
  if (mss !== undefined) p.mss = mss;
  const d = numberFromText(form.delayedAckMs);
  if (d !== undefined) p.delayedAckMs = d;
  const resp = numberFromText(form.response);
  if (resp !== undefined) p.response = { bytes: resp };
  return p;
}

export type NagleResult = { ok: true; run: NagleRun } | { ok: false; errors: ParamError[] };

export function runNagle(form: NagleForm): NagleResult {
  const r = simulateNagle(formToParams(form));
  return r.ok ? { ok: true, run: r.value } : { ok: false, errors: r.errors };
}

export interface Combination {
  nagle: boolean;
  delayedAck: boolean;
  totalMs: number;
  extraMs: number;
  idealMs: number;
  why: string;
}

/**
 * The write-write-read round under all four settings of Nagle × delayed ACK (writeWriteRead), e.g. to
 * quote in a lesson: `nagleCombinations({ rttMs: 20, delayedAckMs: 40 })` → four rows, the stall only in
 * the row where both are on. Returns the model's errors for bad parameters.
 */
export function nagleCombinations(
  p: Omit<WriteWriteReadParams, 'nagle' | 'delayedAck'> = {},
): { ok: true; rows: Combination[] } | { ok: false; errors: ParamError[] } {
  const rows: Combination[] = [];
  for (const nagle of [true, false]) {
    for (const delayedAck of [true, false]) {
      const r = writeWriteRead({ ...p, nagle, delayedAck });
      if (!r.ok) return { ok: false, errors: r.errors };
      rows.push({
        nagle,
        delayedAck,
        totalMs: r.value.totalMs,
        extraMs: r.value.extraMs,
        idealMs: r.value.idealMs,
        why: r.value.why,
      });
    }
  }
  return { ok: true, rows };
}

/** Sizes for the combinations table: the form's two writes when it is a write-write-read, else the model's defaults. */
export function combinationParams(form: NagleForm): Omit<WriteWriteReadParams, 'nagle' | 'delayedAck'> {
  const p: Omit<WriteWriteReadParams, 'nagle' | 'delayedAck'> = {};
  const rtt = numberFromText(form.rtt);
  if (rtt !== undefined) p.rttMs = rtt;
  const d = numberFromText(form.delayedAckMs);
  if (d !== undefined) p.delayedAckMs = d;
  const mss = numberFromText(form.mss);
  if (mss !== undefined) p.mss = mss;
  const [a, b] = form.writes;
  if (form.writes.length === 2 && a && b && numberFromText(a.t) === 0 && numberFromText(b.t) === 0) {
    const x = numberFromText(a.bytes);
    const y = numberFromText(b.bytes);
    if (x !== undefined) p.firstBytes = x;
    if (y !== undefined) p.secondBytes = y;
    const resp = numberFromText(form.response);
    if (resp !== undefined) p.responseBytes = resp;
  }
  return p;
}

// --- timeline geometry --------------------------------------------------------------------------------

export const TL = {
  height: 214,
  left: 54,
  right: 14,
  clientY: 52,
  serverY: 140,
  axisY: 176,
  labelRows: [84, 98, 112],
} as const;

export interface Bar {
  side: 'client' | 'server';
  kind: 'nagle' | 'delayed-ack';
  from: number;
  to: number;
  x: number;
  width: number;
  y: number;
  text: string;
}

export interface TimelineGeometry {
  width: number;
  x: LinearScale;
  end: number;
  ticks: number[];
  segments: Array<{
    seg: TimelineSegment;
    x1: number;
    y1: number;
    x2: number;
    y2: number;
    label?: { x: number; y: number; text: string };
  }>;
  writes: Array<{ x: number; text: string; labelRow: number }>;
  bars: Bar[];
}

/**
 * Delayed-ACK waits: from the model's `delayed-ack` event to the next segment that side sends (the ACK
 * alone when the timer fires, or riding on data).
 */
export function delayedAckWaits(run: NagleRun): Array<{ side: 'client' | 'server'; from: number; to: number }> {
  const out: Array<{ side: 'client' | 'server'; from: number; to: number }> = [];
  for (const e of run.events) {
    if (e.kind !== 'delayed-ack') continue;
    const next = run.segments.find((s) => s.from === e.side && s.t >= e.t);
    if (next) out.push({ side: e.side, from: e.t, to: next.t });
  }
  return out;
}

export function timelineGeometry(run: NagleRun, width: number): TimelineGeometry {
  const lastT = Math.max(0, ...run.segments.map((s) => s.arriveAt), ...run.writes.map((w) => w.t));
  const end = niceCeil(lastT * 1.04 || 10, 6, 1);
  const x = linearScale([0, end], [TL.left, width - TL.right]);
  const font = 10.5;
  const segs = run.segments.map((seg) => {
    const fromClient = seg.from === 'client';
    return {
      seg,
      x1: x(seg.t),
      y1: fromClient ? TL.clientY : TL.serverY,
      x2: x(seg.arriveAt),
      y2: fromClient ? TL.serverY : TL.clientY,
      text: seg.kind === 'data' ? `${seg.bytes} B` : 'ACK',
    };
  });
  const rows = placeLabels(
    segs.map((s) => ({ x: (s.x1 + s.x2) / 2, width: textWidth(s.text, font) + 4 })),
    TL.labelRows.length,
    3,
  );
  // Writes at the same moment share one marker: "w1+w2".
  const groups: Array<{ t: number; names: string[] }> = [];
  for (const w of run.writes) {
    const g = groups.find((x) => x.t === w.t);
    if (g) g.names.push(`w${w.index + 1}`);
    else groups.push({ t: w.t, names: [`w${w.index + 1}`] });
  }
  const wRows = placeLabels(
    groups.map((g) => ({ x: x(g.t), width: textWidth(g.names.join('+'), font) + 2 })),
    2,
    2,
  );
  const bars: Bar[] = [];
  for (const w of run.writes) {
    if (w.heldMs !== undefined && w.heldMs > 0 && w.lastSentAt !== undefined) {
      bars.push({
        side: 'client',
        kind: 'nagle',
        from: w.t,
        to: w.lastSentAt,
        x: x(w.t),
        width: Math.max(1, x(w.lastSentAt) - x(w.t)),
        y: TL.clientY + 3,
        text: `w${w.index + 1} held by Nagle for ${formatMs(w.heldMs)}`,
      });
    }
  }
  for (const d of delayedAckWaits(run)) {
    bars.push({
      side: d.side,
      kind: 'delayed-ack',
      from: d.from,
      to: d.to,
      x: x(d.from),
      width: Math.max(1, x(d.to) - x(d.from)),
      y: d.side === 'client' ? TL.clientY - 9 : TL.serverY + 3,
      text: `${d.side} delays its ACK for ${formatMs(d.to - d.from)}`,
    });
  }
  return {
    width,
    x,
    end,
    ticks: ticksForLength(0, end, width - TL.left - TL.right, 60),
    segments: segs.map((s, i) => {
      const row = rows[i] ?? -1;
      const out: TimelineGeometry['segments'][number] = { seg: s.seg, x1: s.x1, y1: s.y1, x2: s.x2, y2: s.y2 };
      if (row >= 0) out.label = { x: (s.x1 + s.x2) / 2, y: TL.labelRows[row] as number, text: s.text };
      return out;
    }),
    writes: groups.map((g, i) => ({ x: x(g.t), text: g.names.join('+'), labelRow: wRows[i] ?? -1 })),
    bars,
  };
}
