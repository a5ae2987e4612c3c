/**
 * `npm run capture -- FILE [--json] [--full]`: opens a pcap, pcapng or tcpdump/Wireshark text capture and
 * prints each TCP connection's conversation — HTTP heads, the WebSocket upgrade and 101, every message in
 * both directions, violations and TCP notes. The file is read as a stream, and each message is formatted as
 * it completes and parked in a spool (a temporary file past a few MiB), so memory stays bounded however many
 * messages the capture holds. By default each message keeps its first 256 bytes (`--full` keeps whole
 * messages). `--json` prints the shape in docs/capture.md.
 * A file that is not a capture exits 1 with one line saying what was expected.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createCaptureAnalysis } from '../src/protocol/capture/analyser';
import { captureInflaters } from '../src/protocol/capture/deflate';
import { pakoBackend } from '../src/protocol/websocket/pako-backend';
import {
  jsonMessagePiece,
  MessageSpool,
  textMessagePiece,
  writeJsonReport,
  writeTextReport,
  type Write,
} from './capture-report';

const USAGE = 'usage: npm run capture -- FILE [--json] [--full]';

/**
 * Runs the CLI. `out` receives the report in pieces (joined, they are stdout); `err` receives whole lines
 * without their newline.
 */
export async function runCapture(args: string[], out: Write, err: (s: string) => void): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => f !== '--json' && f !== '--full');
  if (files.length !== 1 || unknown.length > 0) {
    err(unknown.length > 0 ? `capture: unknown option ${unknown[0]}; ${USAGE}` : `capture: ${USAGE}`);
    return 2;
  }
  const file = files[0]!;
  const json = flags.has('--json');
  const spool = new MessageSpool();
  const analysis = createCaptureAnalysis({
    previewBytes: flags.has('--full') ? Infinity : 256,
    inflate: captureInflaters(pakoBackend),
    onMessage: (m, c) => spool.add(c.id, json ? jsonMessagePiece(m, spool.count(c.id)) : textMessagePiece(m)),
  });
  try {
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
    // Strings are gathered into writes of about 64 KiB (one write per message would be slow); spooled blocks
    // go out as the bytes they are.
    let buffered = '';
    const write: Write = (piece) => {
      if (typeof piece !== 'string') {
        out(buffered);
        buffered = '';
        out(piece);
        return;
      }
      buffered += piece;
      if (buffered.length >= 1 << 16) {
        out(buffered);
        buffered = '';
      }
    };
    const pieces = (c: { id: number }): Iterable<string | Uint8Array> => spool.pieces(c.id);
    if (json) writeJsonReport(result, write, pieces);
    else writeTextReport(basename(file), result, write, pieces);
    out(`${buffered}\n`);
    if (result.error !== undefined)
      err(`capture: warning: reading stopped at byte ${result.error.offset}: ${result.error.message}`);
    return 0;
  } finally {
    spool.close();
  }
}

if (process.argv[1] !== undefined && /capture\.ts$/.test(process.argv[1])) {
  runCapture(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(`${s}\n`),
  ).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`capture: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
