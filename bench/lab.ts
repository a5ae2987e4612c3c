/**
 * Lab echo benchmark: the lab's /lab/ws/echo (project codec) against a `ws` echo server, each in its
 * own process, under the same load client. The client is neither: raw `net` sockets writing
 * pre-encoded masked frames and reading the echoes with a minimal frame parser, so both servers face
 * byte-identical traffic. Messages on a connection are pipelined (several in flight); latency is from
 * write to echo. `runLabBench()` returns rows for bench/index.ts; `tsx bench/lab.ts` prints them.
 * `LAB_BENCH_CPU_PROF=/tmp/prof tsx bench/lab.ts` also writes a V8 CPU profile of each server.
 */
import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './measure';

export type ServerKind = 'lab' | 'ws' | 'ws-deflate';

export interface Scenario {
  name: string;
  connections: number;
  /** Messages in flight per connection (pipelining). */
  inFlight: number;
  messageBytes: number;
  durationMs: number;
  /**
   * permessage-deflate (RFC 7692): the client offers `permessage-deflate; client_no_context_takeover` and
   * sends compressible text compressed (RSV1), so one pre-encoded frame is valid for every message; the
   * reference is ws with perMessageDeflate. Both servers echo messages of 1024 bytes or more compressed.
   */
  deflate?: boolean;
}

export interface LoadResult {
  server: ServerKind;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  megabytesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU time (user + system) per echoed message, in microseconds. */
  serverCpuUsPerMessage: number;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'small messages, 50 connections × 32 pipelined (64 B)',
    connections: 50,
    inFlight: 32,
    messageBytes: 64,
    durationMs: 3000,
  },
  {
    name: 'request/response, 50 connections × 1 in flight (64 B)',
    connections: 50,
    inFlight: 1,
    messageBytes: 64,
    durationMs: 2000,
  },
  {
    name: 'large messages, 8 connections × 4 pipelined (64 KiB)',
    connections: 8,
    inFlight: 4,
    messageBytes: 65536,
    durationMs: 2000,
  },
  {
    name: 'compressed small messages, 50 connections × 32 pipelined (64 B text)',
    connections: 50,
    inFlight: 32,
    messageBytes: 64,
    durationMs: 3000,
    deflate: true,
  },
  {
    name: 'compressed large messages, 8 connections × 4 pipelined (64 KiB compressible text)',
    connections: 8,
    inFlight: 4,
    messageBytes: 65536,
    durationMs: 2000,
    deflate: true,
  },
];

const WARMUP_MS = 500;

// ---------------------------------------------------------------------------------------------------
// Server processes

interface ServerProcess {
  kind: ServerKind;
  port: number;
  child: ChildProcess;
  cpu(): Promise<number>;
  stop(): void;
}

async function startServer(kind: ServerKind): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./lab-echo-server.ts', import.meta.url));
  // execArgv is inherited: the child runs TypeScript through the same tsx hooks as this process.
  // LAB_BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server there, for finding hot spots.
  const profile = process.env.LAB_BENCH_CPU_PROF;
  const execArgv = profile ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${profile}`] : process.execArgv;
  const child = fork(script, [kind], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return {
    kind,
    port,
    child,
    cpu: () =>
      new Promise((resolve) => {
        child.once('message', (m) => {
          const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu;
          resolve(user + system);
        });
        child.send('cpu');
      }),
    stop: () => child.send('exit'),
  };
}

// ---------------------------------------------------------------------------------------------------
// Load client

/** A binary frame from a client: FIN, opcode 2, masked with a fixed key (RFC 6455 §5.2, §5.3). */
function maskedFrame(size: number): Buffer {
  const header = size <= 125 ? 2 : size <= 0xffff ? 4 : 10;
  const frame = Buffer.alloc(header + 4 + size);
  frame[0] = 0x82;
  if (size <= 125) frame[1] = 0x80 | size;
  else if (size <= 0xffff) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(size, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(size), 2);
  }
  const key = [0x12, 0x34, 0x56, 0x78];
  key.forEach((k, i) => (frame[header + i] = k));
  for (let i = 0; i < size; i++) frame[header + 4 + i] = (i & 0xff) ^ (key[i & 3] ?? 0);
  return frame;
}

/** Compressible text: JSON-like records, `size` bytes. */
function compressibleText(size: number): Buffer {
  let text = '';
  for (let i = 0; text.length < size; i++) text += `{"id":${i},"user":"user${i % 97}","online":${i % 3 === 0}}\n`;
  return Buffer.from(text.slice(0, size));
}

/** A compressed text message from a client: RSV1, DEFLATE with the 00 00 ff ff tail removed (RFC 7692 §7.2.1). */
function compressedMaskedFrame(size: number): Buffer {
  const flushed = deflateRawSync(compressibleText(size), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const payload = flushed.subarray(0, flushed.length - 4);
  const frame = maskedFrame(payload.length);
  frame[0] = 0xc1; // FIN, RSV1, text
  const header = payload.length <= 125 ? 2 : payload.length <= 0xffff ? 4 : 10;
  const key = [0x12, 0x34, 0x56, 0x78];
  for (let i = 0; i < payload.length; i++) frame[header + 4 + i] = (payload[i] ?? 0) ^ (key[i & 3] ?? 0);
  return frame;
}

class Latencies {
  values = new Float64Array(1 << 16);
  length = 0;
  push(ms: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = ms;
  }
  percentile(p: number): number {
    const sorted = this.values.slice(0, this.length).sort();
    return sorted[Math.min(this.length - 1, Math.ceil((p / 100) * this.length) - 1)] ?? NaN;
  }
}

class LoadConnection {
  private buffered = Buffer.alloc(0);
  /** Send times of the messages in flight, oldest first (echoes come back in order). */
  private readonly sent: number[] = [];
  running = true;
  recording = false;
  count = 0;

  constructor(
    private readonly socket: net.Socket,
    private readonly frames: Buffer[],
    private readonly latencies: Latencies,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  static async open(port: number, frames: Buffer[], latencies: Latencies, deflate = false): Promise<LoadConnection> {
    const socket = net.createConnection({ port, host: '127.0.0.1' });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `GET /lab/ws/echo HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
        (deflate ? 'Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover\r\n' : '') +
        '\r\n',
    );
    let head = Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const text = head.subarray(0, end).toString();
        if (!text.startsWith('HTTP/1.1 101')) reject(new Error(text));
        else if (deflate && !/\r\nSec-WebSocket-Extensions: permessage-deflate/i.test(text))
          reject(new Error(`permessage-deflate not accepted: ${text}`));
        else resolve();
      };
      socket.on('data', onData);
    });
    return new LoadConnection(socket, frames, latencies);
  }

  start(inFlight: number): void {
    this.send(inFlight);
  }

  private send(n: number): void {
    const now = performance.now();
    for (let i = 0; i < n; i++) this.sent.push(now);
    this.socket.write(this.frames[n] ?? Buffer.concat(Array.from({ length: n }, () => this.frames[1] as Buffer)));
  }

  /** Counts complete server frames (unmasked, §5.1) and sends one new message per echo. */
  private onData(chunk: Buffer): void {
    let data = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    let echoes = 0;
    const now = performance.now();
    for (;;) {
      if (data.length < 2) break;
      let length = (data[1] ?? 0) & 0x7f;
      let header = 2;
      if (length === 126) {
        if (data.length < 4) break;
        length = data.readUInt16BE(2);
        header = 4;
      } else if (length === 127) {
        if (data.length < 10) break;
        length = Number(data.readBigUInt64BE(2));
        header = 10;
      }
      if (data.length < header + length) break;
      data = data.subarray(header + length);
      const sentAt = this.sent.shift() ?? now;
      if (this.recording) {
        this.latencies.push(now - sentAt);
        this.count++;
      }
      echoes++;
    }
    this.buffered = data.length === 0 ? Buffer.alloc(0) : Buffer.from(data);
    if (echoes > 0 && this.running) this.send(echoes);
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Drives `scenario` against a server and measures it. */
export async function runLoad(server: ServerProcess, scenario: Scenario): Promise<LoadResult> {
  const one =
    scenario.deflate === true ? compressedMaskedFrame(scenario.messageBytes) : maskedFrame(scenario.messageBytes);
  // frames[n] = n frames back to back, so a batch of echoes is answered with one write.
  const frames = Array.from({ length: scenario.inFlight + 1 }, (_, n) =>
    Buffer.concat(Array.from({ length: n }, () => one)),
  );
  const latencies = new Latencies();
  const connections = await Promise.all(
    Array.from({ length: scenario.connections }, () =>
      LoadConnection.open(server.port, frames, latencies, scenario.deflate === true),
    ),
  );
  for (const c of connections) c.start(scenario.inFlight);
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const cpuBefore = await server.cpu();
  const start = performance.now();
  for (const c of connections) c.recording = true;
  await new Promise((resolve) => setTimeout(resolve, scenario.durationMs));
  for (const c of connections) c.recording = false;
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = await server.cpu();
  for (const c of connections) {
    c.running = false;
    c.close();
  }
  const messages = connections.reduce((sum, c) => sum + c.count, 0);
  return {
    server: server.kind,
    messages,
    seconds,
    messagesPerSecond: messages / seconds,
    megabytesPerSecond: (messages * scenario.messageBytes) / 1e6 / seconds,
    p50Ms: latencies.percentile(50),
    p99Ms: latencies.percentile(99),
    serverCpuUsPerMessage: (cpuAfter - cpuBefore) / Math.max(1, messages),
  };
}

function best(results: LoadResult[]): LoadResult {
  return results.reduce((a, b) => (b.messagesPerSecond > a.messagesPerSecond ? b : a));
}

/** Each scenario, each server twice (alternating, best run kept), as rows for the benchmark table. */
export async function runLabBench(scenarios: Scenario[] = SCENARIOS, rounds = 2): Promise<BenchRow[]> {
  const servers = {
    lab: await startServer('lab'),
    ws: await startServer('ws'),
    'ws-deflate': await startServer('ws-deflate'),
  };
  const rows: BenchRow[] = [];
  try {
    for (const scenario of scenarios) {
      const referenceKind = scenario.deflate === true ? 'ws-deflate' : 'ws';
      const runs: Record<ServerKind, LoadResult[]> = { lab: [], ws: [], 'ws-deflate': [] };
      for (let round = 0; round < rounds; round++) {
        for (const kind of ['lab', referenceKind] as const) runs[kind].push(await runLoad(servers[kind], scenario));
      }
      const ours = best(runs.lab);
      const reference = best(runs[referenceKind]);
      const referenceName = scenario.deflate === true ? 'ws, perMessageDeflate' : 'ws';
      const detail = (r: LoadResult) =>
        `p50 ${r.p50Ms.toFixed(2)} / p99 ${r.p99Ms.toFixed(2)} ms, ${r.serverCpuUsPerMessage.toFixed(1)} µs CPU/msg`;
      const large = scenario.messageBytes >= 4096;
      rows.push({
        name: `echo: ${scenario.name}`,
        unit: large ? 'MB/s' : 'msg/s',
        ours: large ? ours.megabytesPerSecond : ours.messagesPerSecond,
        reference: large ? reference.megabytesPerSecond : reference.messagesPerSecond,
        referenceName,
        notes: `lab ${detail(ours)}; ws ${detail(reference)}`,
      });
      rows.push({
        name: `p99 latency (lower is better): ${scenario.name}`,
        unit: 'ms',
        ours: ours.p99Ms,
        reference: reference.p99Ms,
        referenceName,
      });
    }
  } finally {
    servers.lab.stop();
    servers.ws.stop();
    servers['ws-deflate'].stop();
  }
  return rows;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { formatTable } = await import('./measure');
  console.log(formatTable(await runLabBench()));
}
