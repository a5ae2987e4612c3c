/** Query parameters of experiments, clamped to sane ranges so a page cannot make the lab misbehave. */
import type { LatencySummary } from '../../src/lab-protocol/messages';

export interface IntRange {
  min: number;
  max: number;
  default: number;
}

/** Reads integer parameters; anything missing keeps its default, anything else is clamped and noted. */
export function readParams<K extends string>(
  query: URLSearchParams,
  ranges: Record<K, IntRange>,
): { values: Record<K, number>; adjusted: string[] } {
  const values = {} as Record<K, number>;
  const adjusted: string[] = [];
  for (const name of Object.keys(ranges) as K[]) {
    const range = ranges[name];
    const text = query.get(name);
    if (text === null || text === '') {
      values[name] = range.default;
      continue;
    }
    const number = Number(text);
    if (!Number.isFinite(number)) {
      values[name] = range.default;
      adjusted.push(name);
      continue;
    }
    const clamped = Math.min(range.max, Math.max(range.min, Math.round(number)));
    if (clamped !== number) adjusted.push(name);
    values[name] = clamped;
  }
  return { values, adjusted };
}

/** Nearest-rank percentiles and friends, rounded to microseconds. */
export function summarise(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const rank = (p: number) =>
    round(n === 0 ? 0 : (sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))] ?? 0));
  const mean = n === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / n;
  return {
    n,
    min: round(sorted[0] ?? 0),
    p50: rank(50),
    p90: rank(90),
    p99: rank(99),
    max: round(sorted[n - 1] ?? 0),
    mean: round(mean),
  };
}

export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
