/**
 * Backpressure: a reader that stops reading. Its kernel receive buffer fills, its TCP advertises a
 * shrinking and finally zero window (RFC 9293 §3.8.6), the writer's kernel send buffer fills, then
 * Node's user-space buffer: write() returns false once `writableLength` reaches the high-water mark.
 * A well-behaved writer stops there and resumes on 'drain', which comes only after the reader reads.
 */
import type { BackpressurePhase, BackpressureResult } from '../../src/lab-protocol/messages';
import type net from 'node:net';
import { sleep, waitFor, withTimeout } from './loopback';
import { readParams, roundMs } from './params';
import type { Experiment } from './types';

/** No 'drain' for this long while the reader is paused: the pipe is full. */
const SETTLE_MS = 200;
const FINISH_TIMEOUT_MS = 30_000;

export const backpressure: Experiment<'backpressure'> = {
  name: 'backpressure',
  parse(query) {
    const { values, adjusted } = readParams(query, {
      chunk: { min: 1024, max: 1024 * 1024, default: 65536 },
      pauseMs: { min: 0, max: 5000, default: 1000 },
      maxBytes: { min: 1024 * 1024, max: 256 * 1024 * 1024, default: 64 * 1024 * 1024 },
      highWaterMark: { min: 1024, max: 1024 * 1024, default: 16384 },
    });
    return { params: values, adjusted };
  },
  async run(params, { scope, progress }) {
    let reader: net.Socket | undefined;
    let readerReady: () => void = () => {};
    const accepted = new Promise<void>((resolve) => (readerReady = resolve));
    // pauseOnConnect: the accepted socket does not read from the kernel until resumed.
    const { port } = await scope.listen({ pauseOnConnect: true }, (socket) => {
      reader = socket;
      readerReady();
    });
    const writer = await scope.connect(port, { writableHighWaterMark: params.highWaterMark });
    await withTimeout(accepted, 5000, scope.signal, () => 'the reader was not accepted');
    const readerSocket = reader as unknown as net.Socket;

    const chunk = Buffer.alloc(params.chunk, 0x78);
    const start = performance.now();
    let written = 0;
    let read = 0;
    let lastProgress = 0;
    const report = (phase: BackpressurePhase, force = false) => {
      if (!force && performance.now() - lastProgress < 100) return;
      lastProgress = performance.now();
      progress({ phase, t: roundMs(performance.now() - start), written, queued: writer.writableLength, read });
    };

    // Phase 1: fill. Keep writing while write() says yes or 'drain' still comes without any reading.
    let firstFalse: { accepted: number; queued: number } | null = null;
    let capReached = false;
    let waitingForDrain = false;
    for (;;) {
      if (written >= params.maxBytes) {
        capReached = true;
        break;
      }
      const ok = writer.write(chunk);
      written += chunk.length;
      report('filling');
      if (ok) continue;
      firstFalse ??= { accepted: written, queued: writer.writableLength };
      if (!(await waitFor(writer, 'drain', SETTLE_MS, scope.signal))) {
        waitingForDrain = true;
        break;
      }
    }
    const stalled = { accepted: written, queued: writer.writableLength };
    report('stalled', true);

    // Phase 2: the reader resumes after pauseMs; the writer gets 'drain' once its buffer empties.
    await sleep(params.pauseMs, scope.signal);
    const drained = waitingForDrain
      ? waitFor(writer, 'drain', FINISH_TIMEOUT_MS, scope.signal)
      : Promise.resolve(false);
    const resumedAt = performance.now();
    let readBeforeDrain: number | null = null;
    let drainAfterResumeMs: number | null = null;
    const ended = new Promise<void>((resolve) => readerSocket.once('end', resolve));
    readerSocket.on('data', (data: Buffer) => {
      read += data.length;
      report('reading');
    });
    readerSocket.resume();
    report('reading', true);
    if (await drained) {
      drainAfterResumeMs = roundMs(performance.now() - resumedAt);
      readBeforeDrain = read;
      report('drained', true);
    }
    writer.end();
    await withTimeout(ended, FINISH_TIMEOUT_MS, scope.signal, () => `the reader got ${read} of ${written} bytes`);
    report('finished', true);

    return {
      params,
      acceptedBeforeFirstFalse: firstFalse?.accepted ?? written,
      queuedAtFirstFalse: firstFalse?.queued ?? 0,
      acceptedWhenStalled: stalled.accepted,
      queuedWhenStalled: stalled.queued,
      kernelHeldWhenStalled: stalled.accepted - stalled.queued,
      capReached,
      drainAfterResumeMs,
      readBeforeDrain,
      totalWritten: written,
      totalRead: read,
    } satisfies BackpressureResult;
  },
};
