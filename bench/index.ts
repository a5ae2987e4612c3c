/**
 * `npm run bench`: the codec and lab benchmarks side by side with `ws` in the same run; prints a table and
 * writes docs/benchmarks.md with the machine and date. Speed is measured here, never asserted in tests.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { runCaptureBench } from './capture';
import { runCaptureFuzz } from './capture-fuzz';
import { runCodecBench } from './codec';
import { formatTable, type BenchRow } from './measure';

const sections: { title: string; rows: BenchRow[]; note?: string }[] = [];

console.log('codec: decoding and masking (higher is better)…');
const codec = runCodecBench();
console.log(formatTable(codec));
sections.push({ title: 'Codec (throughput, higher is better)', rows: codec });

try {
  const { runLabBench } = (await import('./lab')) as { runLabBench?: () => Promise<BenchRow[]> };
  if (runLabBench) {
    console.log('\nlab: echo server under load…');
    const lab = await runLabBench();
    console.log(formatTable(lab));
    sections.push({
      title: 'Lab echo server (same load client for both servers)',
      rows: lab,
      note:
        'Compressed rows: the lab deflates its echoes with Node zlib at level 1 and sends those under 1,024 bytes ' +
        'uncompressed (RSV1 clear); ws with context takeover compresses every message at level 6. So the 64 B row ' +
        'compares an uncompressed echo with a compressed one, and in the 64 KiB row the lab sends about 20 % more bytes.',
    });
  }
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}

console.log('\ncapture: a large pcap, whole processes (higher is better)…');
const capture = runCaptureBench();
if (capture.length > 0) {
  console.log(formatTable(capture));
  sections.push({
    title: 'Capture reader (whole process, same file)',
    rows: capture,
    note:
      'Peak RSS: the analyser hands each message on as it completes; the CLI formats it at once and parks it in a ' +
      'temporary file in 256 KiB blocks, then writes the report at the end, when every ' +
      "connection's counts are final. Memory therefore does not grow with the number of messages. The outputs " +
      'differ: tshark prints the opcodes of each packet that holds a WebSocket frame, ours a JSON object per ' +
      'message (the whole report is about 1.6 times the size of the pcap).',
  });
}

console.log('\ncapture: fuzzing the reader and analyser with mutated real captures…');
const fuzz = runCaptureFuzz();
const fuzzLine =
  `${fuzz.mutations.toLocaleString('en')} mutations of the ${fuzz.files} real captures in content/captures/ ` +
  `(bytes overwritten, the end cut off, pushed in random chunks), each read and analysed with inflating on: ` +
  `none threw (seed ${fuzz.seed}, ${fuzz.seconds.toFixed(1)} s).`;
console.log(fuzzLine);
sections.push({ title: 'Capture fuzz (no exceptions, not a speed figure)', rows: [], note: fuzzLine });

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const report = [
  '# Benchmarks',
  '',
  'Written by `npm run bench`. Every row measures ours and the reference in the same process and run;',
  'compare ratios, not absolute numbers, across machines.',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
  `- Node.js ${process.version}`,
  `- Load average when the run ended: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} (on ${os.cpus().length} cores; a busy machine makes every figure noisy)`,
  '',
  ...sections.flatMap((s) => [
    `## ${s.title}`,
    '',
    ...(s.rows.length > 0 ? [formatTable(s.rows), ''] : []),
    ...(s.note ? [s.note, ''] : []),
  ]),
].join('\n');
writeFileSync(new URL('../docs/benchmarks.md', import.meta.url), report);
console.log('\nwrote docs/benchmarks.md');
