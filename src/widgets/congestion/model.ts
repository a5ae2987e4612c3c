/**
 * View logic of the congestion-control widget: the form (text as typed) → simulateReno parameters, the
 * URL-fragment form of the setup, and the plot's geometry (bands per round, cwnd and ssthresh paths, the
 * rwnd line). All congestion-control arithmetic is the model's (RenoRound); here it is only scaled to pixels.
 */
import {
  simulateReno,
  type InitialWindowRule,
  type LossKind,
  type RenoParams,
  type RenoPhase,
  type RenoRun,
} from '../../protocol/tcp/reno';
import { type ParamError } from '../../protocol/tcp/types';
import { numberFromText } from '../shared/form-fields';
import { linearScale, niceCeil, ticks, ticksForLength, type LinearScale } from '../shared/plot/scale';

export type IwChoice = InitialWindowRule | '3' | '10';

export const IW_CHOICES: ReadonlyArray<{ id: IwChoice; label: string }> = [
  { id: 'rfc5681', label: 'RFC 5681 (2–4 MSS)' },
  { id: 'rfc3390', label: 'RFC 3390 (≈ 3 MSS)' },
  { id: 'rfc6928', label: 'RFC 6928 (≈ 10 MSS)' },
  { id: '3', label: '3 segments' },
  { id: '10', label: '10 segments' },
];

export function isIwChoice(v: unknown): v is IwChoice {
  return typeof v === 'string' && IW_CHOICES.some((c) => c.id === v);
}

export interface LossRow {
  /** Stable key for React while rows are edited. */
  key: number;
  round: string;
  kind: LossKind;
}

export interface CcForm {
  mss: string;
  iw: IwChoice;
  /** Empty: "arbitrarily high" (the model then uses the receive window). */
  ssthresh: string;
  rwnd: string;
  rtt: string;
  rounds: string;
  losses: LossRow[];
  /** Also run CUBIC (RFC 9438) on the same losses and plot it beside Reno. */
  cubic?: boolean;
}

export const DEFAULT_CC_FORM: CcForm = {
  mss: '1460',
  iw: 'rfc5681',
  ssthresh: '',
  rwnd: '65535',
  rtt: '100',
  rounds: '30',
  losses: [
    { key: 1, round: '7', kind: 'triple-dup-ack' },
    { key: 2, round: '18', kind: 'timeout' },
  ],
};

export function formToParams(form: CcForm): RenoParams {
  const p: RenoParams = { initialWindowSegments: form.iw === '3' ? 3 : form.iw === '10' ? 10 : form.iw };
  const num = (t: string) => numberFromText(t);
  const mss = num(form.mss);
  if (mss !== undefined) p.mss = mss;
  const ss = num(form.ssthresh);
  if (ss !== undefined) p.initialSsthresh = ss;
  const rwnd = num(form.rwnd);
  if (rwnd !== undefined) p.rwnd = rwnd;
  const rtt = num(form.rtt);
  if (rtt !== undefined) p.rttMs = rtt;
  const rounds = num(form.rounds);
  if (rounds !== undefined) p.rounds = rounds;
  // An empty round is passed as NaN so the model names the row ("losses[1].round must be a finite number").
  p.losses = form.losses.map((l) => ({ round: num(l.round) ?? Number.NaN, kind: l.kind }));
  return p;
}

export type CcResult = { ok: true; run: RenoRun } | { ok: false; errors: ParamError[] };

export function runReno(form: CcForm): CcResult {
  const r = simulateReno(formToParams(form));
  return r.ok ? { ok: true, run: r.value } : { ok: false, errors: r.errors };
}

/** Add a loss at `round` or remove the one there (clicking the plot). */
export function toggleLossAt(losses: readonly LossRow[], round: number, kind: LossKind): LossRow[] {
  const i = losses.findIndex((l) => Number(l.round) === round && l.round.trim() !== '');
  if (i >= 0) return losses.filter((_, k) => k !== i);
  const key = Math.max(0, ...losses.map((l) => l.key)) + 1;
  return [...losses, { key, round: String(round), kind }].sort((a, b) => Number(a.round) - Number(b.round));
}

/** The first round ≥ `from` without a loss, for "Add a loss". */
export function nextFreeRound(losses: readonly LossRow[], from: number, rounds: number): number {
  const used = new Set(losses.map((l) => Number(l.round)));
  for (let r = from; r < rounds; r++) if (!used.has(r)) return r;
  for (let r = 0; r < from; r++) if (!used.has(r)) return r;
  return from;
}

// --- URL fragment: cc-mss, cc-iw, cc-ss, cc-rwnd, cc-rtt, cc-n, cc-loss ("7d,18t") --------------------

export const CC_HASH_KEYS = ['cc-mss', 'cc-iw', 'cc-ss', 'cc-rwnd', 'cc-rtt', 'cc-n', 'cc-loss', 'cc-cubic'] as const;

function lossesText(losses: readonly LossRow[]): string {
  return losses.map((l) => `${l.round.trim()}${l.kind === 'timeout' ? 't' : 'd'}`).join(',');
}

/** Values for the fragment; a value equal to the default is left out (undefined). */
export function ccHashValues(
  form: CcForm,
  defaults: CcForm = DEFAULT_CC_FORM,
): Record<(typeof CC_HASH_KEYS)[number], string | undefined> {
  const v = (a: string, b: string) => (a === b ? undefined : a);
  const loss = lossesText(form.losses);
  return {
    'cc-mss': v(form.mss, defaults.mss),
    'cc-iw': v(form.iw, defaults.iw),
    'cc-ss': v(form.ssthresh, defaults.ssthresh),
    'cc-rwnd': v(form.rwnd, defaults.rwnd),
    'cc-rtt': v(form.rtt, defaults.rtt),
    'cc-n': v(form.rounds, defaults.rounds),
    // "none" keeps "no losses" distinct from "the default losses".
    'cc-loss': loss === lossesText(defaults.losses) ? undefined : loss === '' ? 'none' : loss,
    'cc-cubic': (form.cubic ?? false) === (defaults.cubic ?? false) ? undefined : form.cubic ? '1' : '0',
  };
}

/** The form a fragment describes (keys missing from it keep the current values). */
export function ccFormFromHash(params: Record<string, string>, base: CcForm): CcForm {
  const f: CcForm = { ...base };
  if (params['cc-mss'] !== undefined) f.mss = params['cc-mss'];
  if (isIwChoice(params['cc-iw'])) f.iw = params['cc-iw'];
  if (params['cc-ss'] !== undefined) f.ssthresh = params['cc-ss'];
  if (params['cc-rwnd'] !== undefined) f.rwnd = params['cc-rwnd'];
  if (params['cc-rtt'] !== undefined) f.rtt = params['cc-rtt'];
  if (params['cc-n'] !== undefined) f.rounds = params['cc-n'];
  if (params['cc-cubic'] !== undefined) f.cubic = params['cc-cubic'] === '1';
  const loss = params['cc-loss'];
  if (loss !== undefined) {
    f.losses =
      loss === 'none' || loss === ''
        ? []
        : loss
            .split(',')
            .map((item, i) => {
              const m = /^\s*(\d+)\s*([td])\s*$/.exec(item);
              return m
                ? { key: i + 1, round: m[1] as string, kind: (m[2] === 't' ? 'timeout' : 'triple-dup-ack') as LossKind }
                : undefined;
            })
            .filter((x): x is LossRow => x !== undefined);
  }
  return f;
}

export function ccHashString(form: CcForm): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(ccHashValues(form))) if (v !== undefined) params.set(k, v);
  const s = params.toString();
  return s === '' ? '' : `#${s}`;
}

// --- plot -------------------------------------------------------------------------------------------

export const CC_PLOT = { height: 300, left: 46, right: 14, top: 28, bottom: 46 } as const;

export interface CcGeometry {
  width: number;
  height: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Left edge of round r's band. */
  bandX: (round: number) => number;
  bandWidth: number;
  /** Segments → pixels (y grows downwards). */
  y: LinearScale;
  yMax: number;
  yTicks: number[];
  xTicks: number[];
  cwndPath: string;
  ssthreshPath: string;
  /** The comparison run's cwnd (CUBIC on the same losses), when one is given. */
  otherPath?: string;
  otherPoints?: Array<{ round: number; x: number; y: number }>;
  /** The rwnd line, undefined when rwnd is above the top of the plot. */
  rwndY?: number;
  points: Array<{ round: number; x: number; y: number }>;
}

/** Largest value the plot must show, in segments: cwnd everywhere, ssthresh and rwnd when not far above it. */
export function yMaxSegments(run: RenoRun, other?: RenoRun): number {
  const mss = run.mss;
  const cw =
    Math.max(...run.rounds.flatMap((r) => [r.cwnd, r.cwndAfter]), ...(other?.rounds.map((r) => r.cwnd) ?? [])) / mss;
  const rwnd = (run.rounds[0]?.rwnd ?? 0) / mss;
  const ss = Math.max(...run.rounds.flatMap((r) => [r.ssthresh, r.ssthreshAfter])) / mss;
  let top = cw;
  // rwnd and an "arbitrarily high" ssthresh are drawn only when they do not squash the cwnd curve.
  if (rwnd <= cw * 2.5) top = Math.max(top, rwnd);
  if (ss <= cw * 2.5) top = Math.max(top, ss);
  return niceCeil(top * 1.05, 5, 2);
}

export function ccGeometry(run: RenoRun, width: number, other?: RenoRun): CcGeometry {
  const height = CC_PLOT.height;
  const x0 = CC_PLOT.left;
  const x1 = Math.max(x0 + 40, width - CC_PLOT.right);
  const y0 = height - CC_PLOT.bottom;
  const y1 = CC_PLOT.top;
  const n = Math.max(1, run.rounds.length);
  const bandWidth = (x1 - x0) / n;
  const bandX = (r: number) => x0 + r * bandWidth;
  const yMax = yMaxSegments(run, other);
  const y = linearScale([0, yMax], [y0, y1]);
  const clampY = (seg: number) => Math.max(y1, Math.min(y0, y(seg)));
  const mss = run.mss;
  const points = run.rounds.map((r) => ({
    round: r.round,
    x: bandX(r.round) + bandWidth / 2,
    y: clampY(r.cwnd / mss),
  }));
  const cwndPath = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(p.x)},${fmt(p.y)}`).join('');
  const ssthreshPath = run.rounds
    .map(
      (r, i) =>
        `${i === 0 ? 'M' : 'L'}${fmt(bandX(r.round))},${fmt(clampY(r.ssthresh / mss))}H${fmt(bandX(r.round + 1))}`,
    )
    .join('');
  const rwndSeg = (run.rounds[0]?.rwnd ?? 0) / mss;
  const g: CcGeometry = {
    width,
    height,
    x0,
    x1,
    y0,
    y1,
    bandX,
    bandWidth,
    y,
    yMax,
    yTicks: ticks(0, yMax, 5),
    xTicks: ticksForLength(0, n - 1, x1 - x0, 40, { integer: true }),
    cwndPath,
    ssthreshPath,
    points,
  };
  if (rwndSeg <= yMax) g.rwndY = y(rwndSeg);
  if (other) {
    const op = other.rounds
      .filter((r) => r.round < n)
      .map((r) => ({ round: r.round, x: bandX(r.round) + bandWidth / 2, y: clampY(r.cwnd / mss) }));
    g.otherPoints = op;
    g.otherPath = op.map((p, i) => `${i === 0 ? 'M' : 'L'}${fmt(p.x)},${fmt(p.y)}`).join('');
  }
  return g;
}

function fmt(v: number): string {
  return String(Math.round(v * 10) / 10);
}

export const PHASE_LABEL: Readonly<Record<RenoPhase, string>> = {
  'slow-start': 'slow start',
  'congestion-avoidance': 'congestion avoidance',
  'fast-recovery': 'fast recovery',
  timeout: 'timeout (waiting for the RTO)',
};

export const LOSS_LABEL: Readonly<Record<LossKind, string>> = {
  timeout: 'timeout',
  'triple-dup-ack': 'triple duplicate ACK',
};

/** Time at the end of the run (start of the last round + its duration), in ms. */
export function runEndMs(run: RenoRun): number {
  const last = run.rounds[run.rounds.length - 1];
  return last ? last.t + last.durationMs : 0;
}
