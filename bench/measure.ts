/** Timing helpers shared by the benchmarks: best-of-N throughput with a warm-up, inputs prepared outside the clock. */
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  name: string;
  unit: string;
  ours: number;
  reference: number;
  referenceName: string;
  /** An optional floor to compare against (e.g. a plain memory copy). */
  baseline?: number;
  baselineName?: string;
  /** Extra columns (latency percentiles…) printed as given. */
  notes?: string;
}

/**
 * Runs `fn` on fresh inputs until about `budgetMs` has passed (at least 5 runs, after 2 warm-ups) and
 * returns the best throughput in MB/s (10^6 bytes per second). Best-of-N is least disturbed by other load.
 */
export function measure<T>(prepare: () => T, fn: (input: T) => void, bytes: number, budgetMs = 1500): number {
  for (let i = 0; i < 2; i++) fn(prepare());
  let best = Infinity;
  const deadline = performance.now() + budgetMs;
  for (let runs = 0; runs < 5 || performance.now() < deadline; runs++) {
    const input = prepare();
    const start = performance.now();
    fn(input);
    best = Math.min(best, performance.now() - start);
    if (runs > 500) break;
  }
  return bytes / 1e6 / (best / 1000);
}

export function formatTable(rows: BenchRow[]): string {
  const lines = [
    '| benchmark | ours | reference | ratio (ours / reference) | baseline |',
    '| --- | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const base =
      r.baseline !== undefined
        ? `${r.baselineName}: ${r.baseline.toFixed(0)} ${r.unit} (ours = ${((r.ours / r.baseline) * 100).toFixed(0)}%)`
        : (r.notes ?? '');
    lines.push(
      `| ${r.name} | ${r.ours.toFixed(1)} ${r.unit} | ${r.reference.toFixed(1)} ${r.unit} (${r.referenceName}) | ${(r.ours / r.reference).toFixed(2)}× | ${base} |`,
    );
  }
  return lines.join('\n');
}
