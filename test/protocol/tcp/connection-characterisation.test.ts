/**
 * Characterisation of the connection simulator: every built-in scenario, a few hand-picked runs
 * (losses, give-up, bad parameters) and 150 fast-check-generated parameter sets, each with the
 * complete result the simulator returned. The stored results were generated from the simulator as
 * it was before its rewrite into explicit endpoint states (commit 6a4b977), so the rewrite is proved
 * to change nothing. To regenerate after an intended change in behaviour:
 * `UPDATE_CONNECTION_RUNS=1 npx vitest run --project unit test/protocol/tcp/connection-characterisation.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONNECTION_SCENARIOS, simulateConnection, type ConnectionParams } from '../../../src/protocol/tcp/connection';

const FIXTURE = new URL('./fixtures/connection-runs.json.gz', import.meta.url);

function characterisationParams(): ConnectionParams[] {
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
  const generated: fc.Arbitrary<ConnectionParams> = fc
    .record({
      scenario: fc.constantFrom(...CONNECTION_SCENARIOS.map((s) => s.id)),
      clientIsn: opt(fc.oneof(fc.nat({ max: 4294967295 }), fc.constantFrom(0, 4294967295, 4294967290))),
      serverIsn: opt(fc.oneof(fc.nat({ max: 4294967295 }), fc.constantFrom(0, 4294967295, 4294967294))),
      seed: opt(fc.integer({ min: -1000, max: 1000 })),
      rttMs: opt(fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constantFrom(0.5, 12.5, 2500))),
      mss: opt(fc.integer({ min: 100, max: 9000 })),
      mslMs: opt(fc.integer({ min: 1, max: 200_000 })),
      timeWaitMs: opt(fc.integer({ min: 0, max: 300_000 })),
      drop: opt(fc.uniqueArray(fc.nat({ max: 20 }), { maxLength: 6 })),
      initialRtoMs: opt(fc.integer({ min: 1, max: 5000 })),
      maxRetransmits: opt(fc.integer({ min: 0, max: 6 })),
      requestBytes: opt(fc.integer({ min: 1, max: 6000 })),
      responseBytes: opt(fc.integer({ min: 1, max: 9000 })),
      appDelayMs: opt(fc.integer({ min: 0, max: 3000 })),
    })
    .map(
      (p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as ConnectionParams,
    );
  return [
    ...CONNECTION_SCENARIOS.map((s) => ({ scenario: s.id })),
    ...CONNECTION_SCENARIOS.map((s) => ({
      scenario: s.id,
      clientIsn: 1000,
      serverIsn: 5000,
      drop: [0, 1, 2, 3, 4, 5],
    })),
    { scenario: 'three-way-open', drop: [0, 1, 2, 3, 4, 5, 6, 7], maxRetransmits: 3 },
    { scenario: 'four-way-close', drop: [6], timeWaitMs: 60_000 },
    { scenario: 'nope' as never },
    { scenario: 'abort', rttMs: -1, mss: 0.5, drop: [-1] },
    ...fc.sample(generated, { numRuns: 150, seed: 19 }),
  ];
}

interface StoredRun {
  params: ConnectionParams;
  result: unknown;
}

if (process.env.UPDATE_CONNECTION_RUNS === '1') {
  const runs = characterisationParams().map((params) => ({ params, result: simulateConnection(params) }));
  writeFileSync(FIXTURE, gzipSync(JSON.stringify(runs), { level: 9 }));
}

const stored = JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString('utf8')) as StoredRun[];

describe('simulateConnection: same results as before the rewrite', () => {
  it('the stored set covers every scenario, losses and bad parameters', () => {
    expect(stored.length).toBe(CONNECTION_SCENARIOS.length * 2 + 4 + 150);
    for (const s of CONNECTION_SCENARIOS) expect(stored.some((r) => r.params.scenario === s.id)).toBe(true);
    expect(stored.filter((r) => (r.result as { ok: boolean }).ok === false).length).toBeGreaterThan(0);
  });

  it.each(stored.map((run, i) => [i, run.params.scenario, run] as const))('run %i (%s)', (_, __, run) => {
    // JSON drops undefined fields; toEqual treats a missing field and an undefined one alike.
    expect(JSON.parse(JSON.stringify(simulateConnection(run.params)))).toEqual(run.result);
  });
});
