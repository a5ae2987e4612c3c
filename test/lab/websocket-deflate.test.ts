/**
 * permessage-deflate on the lab (RFC 7692): negotiation in the handshake, echoes against ws with
 * perMessageDeflate for every parameter set, compressed frames built by hand with Node's zlib (not the
 * codec under test), the failures and their close codes, inspect reports, and a bomb against the lab
 * running as its own process.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseInspectReport, type InspectMessage, type InspectServerFrame } from '../../src/lab-protocol/messages';
import type { RunningLab } from '../../lab/server';
import { clientFrame, RawClient, startTestLab } from './helpers';

const OFFER = { 'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits' };
const TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);
/** What a client's compressor sends for `data` (§7.2.1): raw DEFLATE, sync flush, tail removed. */
const compress = (data: Buffer | string): Buffer => {
  const out = deflateRawSync(data, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
  return out.subarray(0, out.length - 4);
};

/** One server frame's fields, read by hand. */
function parseServerFrame(bytes: Buffer): { fin: boolean; rsv1: boolean; opcode: number; payload: Buffer } {
  const len7 = bytes[1]! & 0x7f;
  return {
    fin: (bytes[0]! & 0x80) !== 0,
    rsv1: (bytes[0]! & 0x40) !== 0,
    opcode: bytes[0]! & 0x0f,
    payload: bytes.subarray(len7 === 126 ? 4 : len7 === 127 ? 10 : 2),
  };
}

let lab: RunningLab;
let small: RunningLab;
let off: RunningLab;
beforeAll(async () => {
  lab = await startTestLab();
  small = await startTestLab({ maxMessageBytes: 4096 });
  off = await startTestLab({ deflate: false });
});
afterAll(async () => {
  await Promise.all([lab.close(), small.close(), off.close()]);
});

describe('negotiation in the handshake', () => {
  it('accepts Chromium’s offer, answering as ws does', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/echo', OFFER);
    expect(client.responseHead).toContain('\r\nSec-WebSocket-Extensions: permessage-deflate\r\n');
    client.destroy();
  });

  it('declines a bad offer and takes the next one', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/echo', {
      'Sec-WebSocket-Extensions': 'permessage-deflate; foo=1, permessage-deflate; server_no_context_takeover',
    });
    expect(client.responseHead).toContain(
      '\r\nSec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n',
    );
    client.destroy();
  });

  it('answers without the extension when it is off (--deflate off) or nothing good is offered', async () => {
    const a = await RawClient.open(off.port, '/lab/ws/echo', OFFER);
    expect(a.responseHead).not.toContain('Sec-WebSocket-Extensions');
    const b = await RawClient.open(lab.port, '/lab/ws/echo', {
      'Sec-WebSocket-Extensions': 'permessage-deflate; server_max_window_bits=7',
    });
    expect(b.responseHead).not.toContain('Sec-WebSocket-Extensions');
    a.destroy();
    b.destroy();
  });
});

/** ws client options whose offers cover the parameter sets of Autobahn's groups 12 and 13. */
const PARAMS: Array<[string, Record<string, unknown>]> = [
  ['default offer', {}],
  ['server_no_context_takeover', { serverNoContextTakeover: true }],
  ['client_no_context_takeover', { clientNoContextTakeover: true }],
  ['server_max_window_bits=8', { serverMaxWindowBits: 8 }],
  ['client_max_window_bits=9', { clientMaxWindowBits: 9 }],
  [
    'all of them',
    { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 9, clientMaxWindowBits: 8 },
  ],
];
const SIZES = [16, 64, 256, 1024, 4096, 16384, 65536, 262144];

function payload(size: number, binary: boolean, seed: number): Buffer {
  if (!binary) return textOf(size, seed);
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = i % 5 === 0 ? x >>> 24 : i & 0x1f;
  }
  return b;
}
/** ASCII text, so any prefix is valid UTF-8. */
const textOf = (size: number, seed: number) =>
  Buffer.from(`#${seed} ${'Hello, lab! '.repeat(Math.ceil(size / 12))}`.slice(0, size));

describe('echo against ws with perMessageDeflate (Autobahn 12/13-shaped)', () => {
  it.each(PARAMS)('%s: 16 B to 256 KiB, text and binary', async (_name, options) => {
    // threshold 0: ws compresses every message it sends, however small.
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}/lab/ws/echo`, {
      perMessageDeflate: { ...options, threshold: 0 },
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    expect(ws.extensions).toContain('permessage-deflate');
    let seed = 0;
    for (const binary of [false, true]) {
      for (const size of SIZES) {
        const sent = payload(size, binary, seed++);
        const echo = new Promise<[Buffer, boolean]>((resolve) =>
          ws.once('message', (d, b) => resolve([d as Buffer, b])),
        );
        ws.send(sent, { binary });
        const [got, isBinary] = await echo;
        expect(isBinary).toBe(binary);
        expect(got.equals(sent), `${binary ? 'binary' : 'text'} ${size}`).toBe(true);
      }
    }
    ws.close();
  });
});

describe('compressed frames built by hand (Node zlib)', () => {
  it('inflates RFC 7692’s "Hello" (§7.2.3.1) and echoes a short message uncompressed, RSV1 clear', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/echo', OFFER);
    client.write(clientFrame(0x1, Buffer.from('f248cdc9c90700', 'hex'), { rsv1: true }));
    const echo = parseServerFrame(await client.readFrameBytes());
    expect(echo).toMatchObject({ fin: true, rsv1: false, opcode: 0x1 });
    expect(echo.payload.toString()).toBe('Hello');
    client.destroy();
  });

  it('echoes a long message compressed: RSV1 on its one frame, no 00 00 ff ff tail', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/echo', OFFER);
    const text = 'compress me '.repeat(200);
    // Sent in two fragments: RSV1 only on the first (§6.1).
    const c = compress(text);
    client.write(
      Buffer.concat([
        clientFrame(0x1, c.subarray(0, 10), { fin: false, rsv1: true }),
        clientFrame(0x0, c.subarray(10)),
      ]),
    );
    const echo = parseServerFrame(await client.readFrameBytes());
    expect(echo).toMatchObject({ fin: true, rsv1: true, opcode: 0x1 });
    expect(echo.payload.length).toBeLessThan(text.length / 10);
    expect(echo.payload.subarray(-4).equals(TAIL)).toBe(false);
    expect(inflateRawSync(Buffer.concat([echo.payload, TAIL]), { finishFlush: 2 }).toString()).toBe(text);
    client.destroy();
  });
});

describe('failures with permessage-deflate negotiated', () => {
  const cases: Array<{ name: string; bytes: () => Buffer; code: number; id: string; lab?: () => RunningLab }> = [
    {
      // §6.1: only the first frame of a message may carry RSV1.
      name: 'RSV1 on a continuation frame',
      bytes: () =>
        Buffer.concat([
          clientFrame(0x1, compress('abc'), { fin: false, rsv1: true }),
          clientFrame(0x0, Buffer.alloc(0), { rsv1: true }),
        ]),
      code: 1002,
      id: 'RSV_BITS_SET',
    },
    { name: 'RSV1 on a ping', bytes: () => clientFrame(0x9, 'x', { rsv1: true }), code: 1002, id: 'RSV_BITS_SET' },
    {
      // BTYPE 11 is reserved in DEFLATE (RFC 1951 §3.2.3): not a compressed message.
      name: 'a corrupt DEFLATE stream',
      bytes: () => clientFrame(0x2, Buffer.from([0xff, 0xff, 0xff]), { rsv1: true }),
      code: 1007,
      id: 'DEFLATE_STREAM_INVALID',
    },
    {
      name: 'text that is not UTF-8 once inflated',
      bytes: () => clientFrame(0x1, compress(Buffer.from([0x61, 0xc3, 0x28])), { rsv1: true }),
      code: 1007,
      id: 'INVALID_UTF8',
    },
    {
      // 100 KB of zeros compress to ~100 bytes; this lab takes 4096-byte messages.
      name: 'a message that inflates past the limit',
      bytes: () => clientFrame(0x2, compress(Buffer.alloc(100_000)), { rsv1: true }),
      code: 1009,
      id: 'INFLATED_TOO_BIG',
      lab: () => small,
    },
  ];
  it.each(cases)('$name → $code', async ({ bytes, code, id, lab: which }) => {
    const client = await RawClient.open((which?.() ?? lab).port, '/lab/ws/echo', OFFER);
    client.write(bytes());
    const close = await client.readClose();
    expect(close.code).toBe(code);
    expect(close.reason.startsWith(id)).toBe(true);
    await client.waitClosed();
    client.destroy();
  });

  it('RSV1 without the extension is still 1002', async () => {
    const client = await RawClient.open(off.port, '/lab/ws/echo', OFFER);
    client.write(clientFrame(0x1, compress('Hello'), { rsv1: true }));
    expect(await client.readClose()).toMatchObject({ code: 1002 });
    client.destroy();
  });
});

describe('/lab/ws/inspect with permessage-deflate', () => {
  it('reports the extension, the compressed frame, the inflated message and the compressed echo', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/inspect', OFFER);
    const reports: unknown[] = [];
    const text = 'inspect me '.repeat(150);
    const frame = clientFrame(0x1, compress(text), { rsv1: true });
    client.write(frame);
    // handshake, frame, message, server-frame, then the echo itself.
    for (let i = 0; i < 4; i++)
      reports.push(parseInspectReport(parseServerFrame(await client.readFrameBytes()).payload.toString()));
    const echoBytes = await client.readFrameBytes();
    const echo = parseServerFrame(echoBytes);
    expect(reports[0]).toMatchObject({ type: 'handshake', extension: 'permessage-deflate' });
    expect(reports[1]).toMatchObject({ type: 'frame', seq: 0, length: frame.length, hex: frame.toString('hex') });
    const message = reports[2] as InspectMessage;
    expect(message).toMatchObject({ type: 'message', seq: 0, opcode: 1, length: text.length, truncated: false });
    expect(message.compressedLength).toBe(compress(text).length);
    expect(Buffer.from(message.hex, 'hex').toString()).toBe(text);
    const sent = reports[3] as InspectServerFrame;
    expect(sent).toMatchObject({ type: 'server-frame', cause: 'echo', inflated: { length: text.length } });
    // The report carries the exact compressed bytes written, and the message before compression.
    expect(sent.hex).toBe(echoBytes.toString('hex'));
    expect(Buffer.from(sent.inflated!.hex, 'hex').toString()).toBe(text);
    expect(echo.rsv1).toBe(true);
    client.destroy();
  });
});

describe('a bomb against the lab as its own process', () => {
  it('closes a 256 KiB frame that inflates to 256 MiB with 1009, peak RSS under 200 MB', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'lab/main.ts',
        '--no-build',
        '--site-dir',
        'none',
        '--tcp-echo-port',
        'off',
        '--port',
        String(port),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes(String(port)) && resolve());
        child.once('exit', (code) => reject(new Error(`lab exited with ${code}`)));
      });
      const bomb = deflateRawSync(Buffer.alloc(256 * 1024 * 1024), { level: 9, finishFlush: 2 });
      expect(bomb.length).toBeGreaterThan(200_000);
      expect(bomb.length).toBeLessThan(300_000);
      const client = await RawClient.open(port, '/lab/ws/echo', OFFER);
      client.write(clientFrame(0x2, bomb.subarray(0, bomb.length - 4), { rsv1: true }));
      const close = await client.readClose(10_000);
      expect(close.code).toBe(1009);
      expect(close.reason.startsWith('INFLATED_TOO_BIG')).toBe(true);
      client.destroy();
      // VmHWM: the process's peak resident set size.
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
      expect(peakKb).toBeGreaterThan(10_000);
      console.log(`lab peak RSS during the bomb: ${(peakKb / 1024).toFixed(1)} MiB`);
      expect(peakKb * 1024).toBeLessThan(200 * 1000 * 1000);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
