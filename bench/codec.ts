/**
 * Codec benchmarks: our decoder and masking next to `ws`'s Receiver / JS masking and a plain Buffer copy,
 * measured in the same process and run, so the ratios compare like with like on this machine.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { applyMask, createDecoder, encodeFrame, Opcode } from '../src/protocol';
import { deflateRawSync, inflateRawSync, constants as zlibConstants } from 'node:zlib';
import { MessageInflater } from '../src/protocol/websocket/deflate';
import { pakoBackend } from '../src/protocol/websocket/pako-backend';
import { measure, type BenchRow } from './measure';
import type { Writable } from 'node:stream';

const require = createRequire(import.meta.url);
// ws's pure-JS unmask (what ws runs when the optional native `bufferutil` is absent, as here).
// The subpath is not in ws's "exports", so resolve it from the package root.
const wsRoot = dirname(require.resolve('ws/package.json'));
// ws's CommonJS export carries its Receiver class (not declared by @types/ws).
const Receiver = require('ws').Receiver as new (options: { isServer: boolean; maxPayload: number }) => Writable;
const wsBufferUtil = require(join(wsRoot, 'lib/buffer-util.js')) as { unmask: (buf: Buffer, mask: Buffer) => void };

/** A stream of `count` masked client frames of `size` bytes, cut into `chunkSize` socket reads. */
function maskedStream(count: number, size: number, opcode: number, chunkSize: number): Buffer[] {
  const payload =
    opcode === Opcode.Text ? new TextEncoder().encode('x'.repeat(size)) : new Uint8Array(randomBytes(size));
  const frames: Uint8Array[] = [];
  for (let i = 0; i < count; i++)
    frames.push(encodeFrame({ opcode, payload, maskKey: new Uint8Array(randomBytes(4)) }));
  const whole = Buffer.concat(frames);
  const chunks: Buffer[] = [];
  for (let i = 0; i < whole.length; i += chunkSize) chunks.push(whole.subarray(i, i + chunkSize));
  return chunks;
}

function ourDecode(chunks: Buffer[], expected: number): void {
  // zeroCopy: payloads are views into the socket's buffers, unmasked in place — exactly what ws does.
  const decoder = createDecoder({ from: 'client', maxPayload: 64 * 1024 * 1024, zeroCopy: true });
  let frames = 0;
  for (const chunk of chunks) {
    const result = decoder.push(chunk);
    frames += result.frames.length;
    if (result.violations.length) throw new Error(result.violations[0]!.message);
  }
  if (frames !== expected) throw new Error(`decoded ${frames} frames, expected ${expected}`);
}

function wsDecode(chunks: Buffer[], expected: number): void {
  const receiver = new Receiver({ isServer: true, maxPayload: 64 * 1024 * 1024 });
  let messages = 0;
  receiver.on('message', () => messages++);
  receiver.on('error', (e: Error) => {
    throw e;
  });
  for (const chunk of chunks) receiver.write(chunk);
  if (messages !== expected) throw new Error(`ws decoded ${messages} messages, expected ${expected}`);
}

/** Fresh copies of the input for each run: both decoders unmask in place. */
function copies(chunks: Buffer[]): () => Buffer[] {
  return () => chunks.map((c) => Buffer.from(c));
}

export function runCodecBench(): BenchRow[] {
  const rows: BenchRow[] = [];
  const cases = [
    {
      name: 'decode 20k masked 32-byte binary frames (16 KiB reads)',
      count: 20_000,
      size: 32,
      opcode: Opcode.Binary,
      chunk: 16 * 1024,
    },
    {
      name: 'decode 20k masked 32-byte text frames (16 KiB reads)',
      count: 20_000,
      size: 32,
      opcode: Opcode.Text,
      chunk: 16 * 1024,
    },
    {
      name: 'decode 10k masked 200-byte frames (1460-byte reads)',
      count: 10_000,
      size: 200,
      opcode: Opcode.Binary,
      chunk: 1460,
    },
    {
      name: 'decode 16 masked 1 MiB binary frames (64 KiB reads)',
      count: 16,
      size: 1024 * 1024,
      opcode: Opcode.Binary,
      chunk: 64 * 1024,
    },
  ];
  for (const c of cases) {
    const chunks = maskedStream(c.count, c.size, c.opcode, c.chunk);
    const bytes = chunks.reduce((n, b) => n + b.length, 0);
    const fresh = copies(chunks);
    rows.push({
      name: c.name,
      unit: 'MB/s',
      ours: measure(fresh, (input) => ourDecode(input, c.count), bytes),
      reference: measure(fresh, (input) => wsDecode(input, c.count), bytes),
      referenceName: 'ws Receiver',
    });
  }

  const mib = Buffer.from(randomBytes(1024 * 1024));
  const key = Buffer.from([0x37, 0xfa, 0x21, 0x3d]);
  const fresh = () => [Buffer.from(mib)];
  const copy = measure(fresh, ([b]) => void Buffer.from(b!), mib.length);
  rows.push({
    name: 'unmask 1 MiB',
    unit: 'MB/s',
    ours: measure(fresh, ([b]) => void applyMask(b!, key), mib.length),
    reference: measure(fresh, ([b]) => wsBufferUtil.unmask(b!, key), mib.length),
    referenceName: 'ws JS unmask',
    baseline: copy,
    baselineName: 'Buffer copy',
  });

  // permessage-deflate: inflate one 1 MiB compressible message (JSON-like text), as a receiver does (§7.2.2):
  // the core's MessageInflater over pako (limit checks included) next to Node's zlib (C) inflating the same bytes.
  const text = Buffer.from(
    Array.from({ length: 40_000 }, (_, i) => `{"id":${i},"user":"user${i % 97}","online":${i % 3 === 0}}`).join('\n'),
  ).subarray(0, 1024 * 1024);
  const flushed = deflateRawSync(text, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const compressed = flushed.subarray(0, flushed.length - 4);
  const tail = Buffer.from([0x00, 0x00, 0xff, 0xff]);
  rows.push({
    name: `inflate a 1 MiB text message (${Math.round(compressed.length / 1024)} KiB compressed)`,
    unit: 'MB/s',
    ours: measure(
      () => new MessageInflater(pakoBackend, { windowBits: 15, noContextTakeover: false, maxMessageBytes: 2 ** 24 }),
      (inflater) => {
        const r = inflater.push(compressed, true, true);
        if (!r.ok || !r.done || r.message.length !== text.length) throw new Error('inflate failed');
      },
      text.length,
    ),
    reference: measure(
      () => Buffer.concat([compressed, tail]),
      (input) => void inflateRawSync(input, { finishFlush: zlibConstants.Z_SYNC_FLUSH }),
      text.length,
    ),
    referenceName: 'Node zlib',
  });
  return rows;
}
