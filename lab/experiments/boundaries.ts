/**
 * TCP carries a byte stream, not messages (RFC 9293 §2.2): the sizes of write() calls are not kept.
 * The client makes many small writes; the server records how its reads were chunked. Reads may join
 * several writes (the kernel queued them together, or Nagle held them) or split one, so protocols on
 * TCP frame their own messages (a length prefix like WebSocket's, or a delimiter).
 */
import type { BoundariesResult, BoundaryRead } from '../../src/lab-protocol/messages';
import { sleep, withTimeout } from './loopback';
import { readParams, roundMs } from './params';
import type { Experiment } from './types';

const MAX_LISTED_READS = 2000;
const FIRST_READ_TEXT = 300;
const TIMEOUT_MS = 30_000;

/** Message i: "<i>" padded with '-' to `size` bytes (cut when longer), ASCII. */
export function boundaryMessage(i: number, size: number): Buffer {
  return Buffer.from(`<${i}>`.padEnd(size, '-').slice(0, size), 'latin1');
}

export const boundaries: Experiment<'boundaries'> = {
  name: 'boundaries',
  parse(query) {
    const { values, adjusted } = readParams(query, {
      writes: { min: 1, max: 2000, default: 100 },
      size: { min: 1, max: 4096, default: 16 },
      gapMs: { min: 0, max: 20, default: 0 },
      noDelay: { min: 0, max: 1, default: 1 },
    });
    return { params: { ...values, noDelay: values.noDelay === 1 }, adjusted };
  },
  async run(params, { scope, progress }) {
    const totalBytes = params.writes * params.size;
    const reads: BoundaryRead[] = [];
    let readCount = 0;
    let bytesRead = 0;
    let onBoundary = 0;
    let firstReadText = '';
    let written = 0;
    let start = 0;
    let lastProgress = 0;
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((resolve) => (resolveDone = resolve));

    const { port } = await scope.listen({}, (socket) => {
      socket.on('data', (chunk: Buffer) => {
        const t = roundMs(performance.now() - start);
        if (readCount === 0) firstReadText = chunk.subarray(0, FIRST_READ_TEXT).toString('latin1');
        if (reads.length < MAX_LISTED_READS) reads.push({ offset: bytesRead, bytes: chunk.length, t });
        readCount += 1;
        bytesRead += chunk.length;
        if (bytesRead % params.size === 0) onBoundary += 1;
        if (performance.now() - lastProgress > 100) {
          lastProgress = performance.now();
          progress({ written, bytesRead, reads: readCount });
        }
      });
      socket.on('end', () => resolveDone());
    });

    const client = await scope.connect(port, { noDelay: params.noDelay });
    client.setNoDelay(params.noDelay);
    const messages = Array.from({ length: params.writes }, (_, i) => boundaryMessage(i, params.size));
    start = performance.now();
    for (const message of messages) {
      scope.throwIfAborted();
      client.write(message);
      written += 1;
      if (params.gapMs > 0) await sleep(params.gapMs, scope.signal);
    }
    client.end();
    await withTimeout(
      done,
      TIMEOUT_MS,
      scope.signal,
      () => `the server read ${bytesRead} of ${totalBytes} bytes in ${TIMEOUT_MS} ms`,
    );
    progress({ written, bytesRead, reads: readCount });
    return {
      params,
      totalBytes,
      reads,
      readCount,
      readsEndingOnBoundary: onBoundary,
      firstReadText,
    } satisfies BoundariesResult;
  },
};
