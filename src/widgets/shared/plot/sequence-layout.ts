/**
 * Geometry of a two-lifeline sequence diagram (client on the left, server on the right): one row per
 * segment with its label above a slanted arrow, and each side's state written beside its lifeline when
 * it changes. Pure: the SVG component only draws what this returns, and tests check the numbers.
 *
 * The height depends only on the rows (labels are wrapped for a fixed width), never on the measured
 * width, so a figure does not change height when it learns its real width after hydration.
 */
import { monoTextWidth } from './scale';

export type Lane = 'left' | 'right';

export interface SeqRowInput {
  from: Lane;
  /** The arrow's label, e.g. "[S.] seq 0 ack 1"; wrapped at spaces when it is too long. */
  label: string;
  /** Lost on the way: the arrow stops part-way with a cross. */
  dropped?: boolean;
  /** Both sides' states after this row; drawn only where they change. */
  leftState?: string;
  rightState?: string;
  /** A note drawn across the diagram before this row, e.g. "1 s later". */
  gapBefore?: string;
}

export interface SeqFooter {
  lane: Lane;
  /** The row after which the bar starts (e.g. where TIME-WAIT begins). */
  afterRow: number;
  text: string;
}

export interface SeqLayoutOptions {
  width: number;
  initialLeftState?: string;
  initialRightState?: string;
  footers?: readonly SeqFooter[];
}

export interface TextPos {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface SeqRowLayout {
  index: number;
  top: number;
  bottom: number;
  gap?: TextPos;
  labelLines: TextPos[];
  arrow: { x1: number; y1: number; x2: number; y2: number };
  /** Arrowhead polygon points ("x,y x,y x,y"); absent for a dropped segment. */
  head?: string;
  /** Where a dropped segment stops (draw a cross there). */
  lostAt?: { x: number; y: number };
  states: { left?: TextPos; right?: TextPos };
}

export interface SeqBar {
  lane: Lane;
  x: number;
  y1: number;
  y2: number;
  label: TextPos;
}

export interface SeqLayout {
  width: number;
  height: number;
  leftX: number;
  rightX: number;
  names: { left: TextPos; right: TextPos };
  lifelineTop: number;
  lifelineBottom: number;
  initialStates: { left?: TextPos; right?: TextPos };
  rows: SeqRowLayout[];
  bars: SeqBar[];
}

export const SEQ = {
  /** Font sizes (px) of arrow labels and of state names. */
  labelFont: 12,
  stateFont: 11,
  lineHeight: 15,
  /** How far an arrow drops while it crosses (time passes). */
  slant: 14,
  edge: 10,
  /** Labels are wrapped as if the diagram were this wide, so the height never depends on the real width. */
  wrapWidth: 300,
  minWidth: 240,
} as const;

/** Splits `text` at spaces into lines no wider than `maxPx` (a single long word stays whole). */
export function wrapLabel(text: string, maxPx: number, fontSize: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line === '' ? w : `${line} ${w}`;
    if (line !== '' && monoTextWidth(next, fontSize) > maxPx) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines.length ? lines : [''];
}

/** Points of a filled arrowhead at (x2, y2) pointing away from (x1, y1). */
export function arrowHead(x1: number, y1: number, x2: number, y2: number, size = 7): string {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const p = (ang: number) => `${round(x2 - size * Math.cos(ang))},${round(y2 - size * Math.sin(ang))}`;
  return `${round(x2)},${round(y2)} ${p(a - 0.45)} ${p(a + 0.45)}`;
}

export function layoutSequence(rows: readonly SeqRowInput[], opts: SeqLayoutOptions): SeqLayout {
  const width = Math.max(SEQ.minWidth, Math.round(opts.width));
  const leftX = SEQ.edge;
  const rightX = width - SEQ.edge;
  const mid = (leftX + rightX) / 2;
  const wrapPx = SEQ.wrapWidth - 2 * SEQ.edge - 24;

  const names = {
    left: { x: leftX, y: 14, text: '', anchor: 'start' as const },
    right: { x: rightX, y: 14, text: '', anchor: 'end' as const },
  };
  let y = 22;
  const lifelineTop = y;
  const initialStates: SeqLayout['initialStates'] = {};
  if (opts.initialLeftState !== undefined || opts.initialRightState !== undefined) {
    if (opts.initialLeftState)
      initialStates.left = { x: leftX + 6, y: y + 14, text: opts.initialLeftState, anchor: 'start' };
    if (opts.initialRightState)
      initialStates.right = { x: rightX - 6, y: y + 14, text: opts.initialRightState, anchor: 'end' };
    y += 20;
  }

  let prevLeft = opts.initialLeftState;
  let prevRight = opts.initialRightState;
  const out: SeqRowLayout[] = [];
  rows.forEach((row, index) => {
    const top = y;
    let gap: TextPos | undefined;
    if (row.gapBefore) {
      gap = { x: mid, y: y + 13, text: row.gapBefore, anchor: 'middle' };
      y += 18;
    }
    const labelLines = wrapLabel(row.label, wrapPx, SEQ.labelFont).map((text) => {
      y += SEQ.lineHeight;
      return { x: mid, y: y - 3, text, anchor: 'middle' as const };
    });
    const fromX = row.from === 'left' ? leftX : rightX;
    const toX = row.from === 'left' ? rightX : leftX;
    const y1 = y + 3;
    const y2 = y1 + SEQ.slant;
    let arrow = { x1: fromX, y1, x2: toX, y2 };
    let head: string | undefined;
    let lostAt: SeqRowLayout['lostAt'];
    if (row.dropped) {
      const f = 0.6;
      arrow = { x1: fromX, y1, x2: round(fromX + (toX - fromX) * f), y2: round(y1 + (y2 - y1) * f) };
      lostAt = { x: arrow.x2, y: arrow.y2 };
    } else {
      head = arrowHead(fromX, y1, toX, y2);
    }
    y = y2;
    const states: SeqRowLayout['states'] = {};
    const leftChanged = row.leftState !== undefined && row.leftState !== prevLeft;
    const rightChanged = row.rightState !== undefined && row.rightState !== prevRight;
    if (leftChanged || rightChanged) {
      if (leftChanged) states.left = { x: leftX + 6, y: y + 15, text: row.leftState as string, anchor: 'start' };
      if (rightChanged) states.right = { x: rightX - 6, y: y + 15, text: row.rightState as string, anchor: 'end' };
      y += 20;
    } else y += 6;
    if (row.leftState !== undefined) prevLeft = row.leftState;
    if (row.rightState !== undefined) prevRight = row.rightState;
    const r: SeqRowLayout = { index, top, bottom: y, labelLines, arrow, states };
    if (gap) r.gap = gap;
    if (head) r.head = head;
    if (lostAt) r.lostAt = lostAt;
    out.push(r);
  });

  const bars: SeqBar[] = [];
  const footers = (opts.footers ?? []).filter((f) => f.afterRow >= 0 && f.afterRow < out.length);
  if (footers.length) y += 6;
  const barStart = y;
  for (const f of footers) {
    y += 16;
    const row = out[f.afterRow] as SeqRowLayout;
    const x = f.lane === 'left' ? leftX : rightX;
    bars.push({
      lane: f.lane,
      x,
      y1: row.arrow.y2,
      y2: y - 12,
      label: {
        x: f.lane === 'left' ? leftX + 6 : rightX - 6,
        y,
        text: f.text,
        anchor: f.lane === 'left' ? 'start' : 'end',
      },
    });
  }
  // Every bar ends at the last footer line's level, so parallel bars line up.
  for (const b of bars) b.y2 = Math.max(b.y2, barStart);
  y += 10;
  return { width, height: y, leftX, rightX, names, lifelineTop, lifelineBottom: y - 4, initialStates, rows: out, bars };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
