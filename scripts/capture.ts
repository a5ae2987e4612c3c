/**
 * `npm run capture -- FILE [--json] [--full]`: opens a pcap, pcapng or tcpdump/Wireshark text capture and
 * prints each TCP connection's conversation — HTTP heads, the WebSocket upgrade and 101, every message in
 * both directions, violations and TCP notes. The file is read as a stream; by default each message keeps
 * its first 256 bytes (`--full` keeps whole messages). `--json` prints the shape in docs/capture.md.
 * A file that is not a capture exits 1 with one line saying what was expected.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createCaptureAnalysis } from '../src/protocol/capture/analyser';
import { captureInflaters } from '../src/protocol/capture/deflate';
import { pakoBackend } from '../src/protocol/websocket/pako-backend';
import { jsonReport, textReport } from './capture-report';

const USAGE = 'usage: npm run capture -- FILE [--json] [--full]';

export async function runCapture(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => f !== '--json' && f !== '--full');
  if (files.length !== 1 || unknown.length > 0) {
    err(unknown.length > 0 ? `capture: unknown option ${unknown[0]}; ${USAGE}` : `capture: ${USAGE}`);
    return 2;
  }
  const file = files[0]!;
  const analysis = createCaptureAnalysis({
    previewBytes: flags.has('--full') ? Infinity : 256,
    inflate: captureInflaters(pakoBackend),
  });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      const b = chunk as Buffer;
      analysis.push(new Uint8Array(b.buffer, b.byteOffset, b.length));
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(
      `capture: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message}`,
    );
    return 1;
  }
  const result = analysis.end();
  if (result.packets === 0 && result.error !== undefined) {
    const what =
      result.error.code === 'NOT_A_CAPTURE'
        ? 'expected a pcap or pcapng file, or tcpdump -X / Wireshark hex dump text'
        : `${result.error.message} (byte ${result.error.offset})`;
    err(`capture: ${file} is not a capture I can read: ${what}`);
    return 1;
  }
  out(flags.has('--json') ? JSON.stringify(jsonReport(result), null, 2) : textReport(basename(file), result));
  if (result.error !== undefined)
    err(`capture: warning: reading stopped at byte ${result.error.offset}: ${result.error.message}`);
  return 0;
}

if (process.argv[1] !== undefined && /capture\.ts$/.test(process.argv[1])) {
  runCapture(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  ).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`capture: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
