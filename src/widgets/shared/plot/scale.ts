/**
 * Small, dependency-free plotting arithmetic shared by the TCP widgets' SVG figures: linear scales,
 * "nice" axis ticks and a nearest-index lookup for pointer positions. Pure functions, unit-tested.
 */

export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** Pixel → value (inverse of the scale). */
  invert(px: number): number;
}

/** Maps `domain` linearly onto `range`; a zero-width domain maps everything to the range's start. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const k = span === 0 ? 0 : (r1 - r0) / span;
  const scale = ((v: number) => r0 + (v - d0) * k) as LinearScale;
  Object.defineProperty(scale, 'domain', { value: [d0, d1] });
  Object.defineProperty(scale, 'range', { value: [r0, r1] });
  Object.defineProperty(scale, 'invert', { value: (px: number) => (k === 0 ? d0 : d0 + (px - r0) / k) });
  return scale;
}

/** A step of 1, 2 or 5 × 10^k such that about `maxTicks` steps cover `span`. */
export function niceStep(span: number, maxTicks: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, maxTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  const nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return nice * power;
}

/** Tick values from the first multiple of the step ≥ min to max (inclusive), at most about maxTicks + 1. */
export function ticks(min: number, max: number, maxTicks: number, opts: { integer?: boolean } = {}): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
  if (max === min) return [min];
  let step = niceStep(max - min, maxTicks);
  if (opts.integer) step = Math.max(1, Math.round(step));
  const out: number[] = [];
  const first = Math.ceil(min / step - 1e-9) * step;
  for (let v = first; v <= max + step * 1e-9; v += step) out.push(roundTo(v, step));
  return out;
}

/** ticks() for an axis `length` px long, with about one label every `spacing` px (at least two steps). */
export function ticksForLength(
  min: number,
  max: number,
  length: number,
  spacing: number,
  opts: { integer?: boolean } = {},
): number[] {
  return ticks(min, max, Math.max(2, Math.floor(length / spacing)), opts);
}

/** The smallest "nice" number (a multiple of niceStep) that is ≥ value; at least `floor`. */
export function niceCeil(value: number, maxTicks = 5, floor = 1): number {
  const v = Math.max(value, floor);
  const step = niceStep(v, maxTicks);
  return Math.ceil(v / step - 1e-9) * step;
}

/** Index (0…count−1) of the band of equal width under pixel `px`, or undefined outside [x0, x1). */
export function bandAt(px: number, x0: number, x1: number, count: number): number | undefined {
  if (count <= 0 || x1 <= x0 || px < x0 || px >= x1) return undefined;
  return Math.min(count - 1, Math.floor(((px - x0) / (x1 - x0)) * count));
}

/** Rounds away floating-point noise from v, to the precision of `step`. */
function roundTo(v: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(decimals));
}

/** Rough width in px of text in a monospace font of `fontSize` px (0.6 em per character). */
export function monoTextWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.6;
}

/** Rough width in px of text in the body (proportional) font: about 0.55 em per character on average. */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.55;
}
