/**
 * The full fuzz run of the capture reader and analyser: 100,000 mutations of the real captures in
 * content/captures/ (bytes overwritten, the end cut off, pushed in random chunk sizes), each read,
 * analysed and inflated through the public API. Any exception fails the benchmark with the seed and the
 * mutation that threw. The unit tests run a few hundred of these (test/protocol/capture/); this is the
 * count the capture issue asks for, too slow for `npm test`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCaptureAnalysis } from '../src/protocol/capture/analyser';
import { captureInflaters } from '../src/protocol/capture/deflate';
import { pakoBackend } from '../src/protocol/websocket/pako-backend';

const CAPTURES = join(import.meta.dirname, '../content/captures');

export interface FuzzResult {
  mutations: number;
  seed: number;
  seconds: number;
  files: number;
}

/** xorshift32: a seeded generator, so a failing run can be repeated from its seed. */
function generator(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

export function runCaptureFuzz(mutations = Number(process.env.BENCH_FUZZ_RUNS ?? 100_000)): FuzzResult {
  const seed = Number(process.env.BENCH_FUZZ_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0);
  const files = readdirSync(CAPTURES)
    .filter((f) => /\.pcap(ng)?$/.test(f))
    .map((f) => new Uint8Array(readFileSync(join(CAPTURES, f))));
  const inflate = captureInflaters(pakoBackend);
  const random = generator(seed);
  const start = performance.now();
  for (let i = 0; i < mutations; i++) {
    const src = files[random(files.length)]!;
    const b = src.slice(0, Math.max(1, src.length - random(256)));
    const edits = 1 + random(8);
    for (let e = 0; e < edits; e++) b[random(b.length)] = random(256);
    const chunk = 1 + random(4096);
    try {
      const a = createCaptureAnalysis({ inflate, frameBytes: random(2) * 1024 });
      for (let at = 0; at < b.length; at += chunk) a.push(b.subarray(at, at + chunk));
      a.end();
    } catch (error) {
      throw new Error(`capture fuzz: mutation ${i} of seed ${seed} threw: ${(error as Error).stack ?? error}`);
    }
  }
  return { mutations, seed, seconds: (performance.now() - start) / 1000, files: files.length };
}

if (process.argv[1]?.endsWith('capture-fuzz.ts')) {
  const r = runCaptureFuzz();
  console.log(
    `${r.mutations} mutations of ${r.files} captures, none threw (seed ${r.seed}, ${r.seconds.toFixed(1)} s)`,
  );
}
