/**
 * The capture reader next to tshark on the same large pcap: each run is a whole process, start-up included,
 * timed with GNU time (elapsed seconds and peak RSS). The pcap is generated here (scripts/captures/generate.ts:
 * 4 WebSocket connections to port 8787) into the temporary folder and removed afterwards; it is never committed.
 * Skipped with a note when tshark or /usr/bin/time is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './measure';

const MEGABYTES = Number(process.env.BENCH_CAPTURE_MB ?? 160);
const RUNS = 3;

interface Run {
  seconds: number;
  rssMiB: number;
}

/** One whole-process run under GNU time; its output is discarded, only time and peak memory are kept. */
function timed(command: string, args: string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr.slice(-500)}`);
  const [seconds, kib] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, rssMiB: kib! / 1024 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function runCaptureBench(): BenchRow[] {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
  } catch {
    console.log('capture: skipped (no tshark on PATH)');
    return [];
  }
  if (!existsSync('/usr/bin/time')) {
    console.log('capture: skipped (no /usr/bin/time)');
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'wn-capture-bench-'));
  try {
    const file = join(dir, 'websocket.pcap');
    execFileSync('npx', ['tsx', 'scripts/captures/generate.ts', file, String(MEGABYTES), '4'], { stdio: 'ignore' });
    const mb = statSync(file).size / 1e6;
    const ours: Run[] = [];
    const theirs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(timed('npx', ['tsx', 'scripts/capture.ts', file, '--json']));
      theirs.push(
        timed('tshark', [
          '-r',
          file,
          '-d',
          'tcp.port==8787,http',
          '-Y',
          'websocket',
          '-T',
          'fields',
          '-e',
          'websocket.opcode',
        ]),
      );
    }
    const ourSeconds = median(ours.map((r) => r.seconds));
    const theirSeconds = median(theirs.map((r) => r.seconds));
    const ourRss = Math.max(...ours.map((r) => r.rssMiB));
    const theirRss = Math.max(...theirs.map((r) => r.rssMiB));
    return [
      {
        name: `capture: ${mb.toFixed(0)} MB pcap, whole process (npm run capture -- --json)`,
        unit: 'MB/s',
        ours: mb / ourSeconds,
        reference: mb / theirSeconds,
        referenceName: 'tshark -Y websocket',
        notes: `median of ${RUNS}: ${ourSeconds.toFixed(2)} s vs ${theirSeconds.toFixed(2)} s; peak RSS ${ourRss.toFixed(0)} MiB vs ${theirRss.toFixed(0)} MiB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
