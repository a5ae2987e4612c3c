/**
 * Test helpers for the lab: a lab on a free loopback port, and a raw TCP client that speaks just
 * enough HTTP and WebSocket by hand to send broken bytes and read the server's exact answer.
 */
import net from 'node:net';
import { startLab, type LabOptions, type RunningLab } from '../../lab/server';

/** A lab on 127.0.0.1:0 with short time-outs, no site and a TCP echo on a free port. */
export function startTestLab(options: LabOptions = {}): Promise<RunningLab> {
  return startLab({
    port: 0,
    host: '127.0.0.1',
    tcpEchoPort: 0,
    siteDir: null,
    handshakeTimeoutMs: 2000,
    closeTimeoutMs: 1000,
    ...options,
  });
}

/** A handshake request head for `path` (RFC 6455 §4.1), with the key of the RFC's own example. */
export function upgradeHead(port: number, path: string, extra: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    ...extra,
  };
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`);
  return `GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** A raw socket that collects everything it receives. */
export class RawClient {
  readonly socket: net.Socket;
  received = Buffer.alloc(0);
  ended = false;
  closed = false;
  private waiters: Array<() => void> = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    socket.on('end', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ port, host });
      socket.once('connect', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Connects and completes a WebSocket handshake; `received` then holds only what follows the 101. */
  static async open(port: number, path = '/lab/ws/echo', extra: Record<string, string> = {}): Promise<RawClient> {
    const client = await RawClient.connect(port);
    client.socket.write(upgradeHead(port, path, extra));
    const head = await client.readHead();
    if (!head.startsWith('HTTP/1.1 101')) throw new Error(`handshake refused: ${head}`);
    client.responseHead = head;
    return client;
  }

  /** The 101 response head, after open(). */
  responseHead = '';

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `ready()` holds, the socket closes, or `ms` pass (then rejects). */
  async until(ready: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ready()) {
      if (this.closed) {
        if (ready()) return;
        throw new Error(`socket closed before ${what}; received ${this.received.toString('hex')}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; received ${this.received.length} bytes`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Reads an HTTP response head and removes it from `received`. */
  async readHead(ms = 3000): Promise<string> {
    await this.until(() => this.received.includes('\r\n\r\n'), ms, 'an HTTP response head');
    const end = this.received.indexOf('\r\n\r\n') + 4;
    const head = this.received.subarray(0, end).toString('latin1');
    this.received = this.received.subarray(end);
    return head;
  }

  /** Waits for the peer to close the connection (FIN or reset). */
  async waitClosed(ms = 3000): Promise<void> {
    await this.until(() => this.ended || this.closed, ms, 'the connection to close');
  }

  /** Takes `n` bytes off the front of `received`, waiting for them. */
  async take(n: number, ms = 3000): Promise<Buffer> {
    await this.until(() => this.received.length >= n, ms, `${n} bytes`);
    const out = this.received.subarray(0, n);
    this.received = this.received.subarray(n);
    return out;
  }

  /** Takes one server frame off `received`, its bytes exactly as they arrived (server frames are unmasked, RFC 6455 §5.1). */
  async readFrameBytes(ms = 3000): Promise<Buffer> {
    await this.until(() => this.received.length >= 2, ms, 'a frame header');
    const b1 = this.received[1] ?? 0;
    if (b1 & 0x80) throw new Error('server frame is masked');
    const len7 = b1 & 0x7f;
    const extended = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
    await this.until(() => this.received.length >= 2 + extended, ms, 'an extended length');
    const length =
      len7 === 126 ? this.received.readUInt16BE(2) : len7 === 127 ? Number(this.received.readBigUInt64BE(2)) : len7;
    return Buffer.from(await this.take(2 + extended + length, ms));
  }

  /** Reads one server frame by hand. */
  async readFrame(ms = 3000): Promise<{ fin: boolean; opcode: number; payload: Buffer }> {
    const bytes = await this.readFrameBytes(ms);
    const len7 = (bytes[1] ?? 0) & 0x7f;
    const payload = bytes.subarray(len7 === 126 ? 4 : len7 === 127 ? 10 : 2);
    return { fin: ((bytes[0] ?? 0) & 0x80) !== 0, opcode: (bytes[0] ?? 0) & 0x0f, payload };
  }

  /** Reads frames until a Close, and returns its status code (undefined when its body is empty). */
  async readClose(ms = 3000): Promise<{ code: number | undefined; reason: string }> {
    for (;;) {
      const frame = await this.readFrame(ms);
      if (frame.opcode !== 0x8) continue;
      return {
        code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : undefined,
        reason: frame.payload.subarray(2).toString('utf8'),
      };
    }
  }

  write(bytes: Uint8Array | string): void {
    this.socket.write(bytes);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** A masked client frame built by hand (RFC 6455 §5.2), independent of the codec under test. */
export function clientFrame(
  opcode: number,
  payload: Uint8Array | string,
  { fin = true, rsv1 = false, mask = [0x37, 0xfa, 0x21, 0x3d] } = {},
): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const n = data.length;
  const header = n <= 125 ? Buffer.from([0, 0x80 | n]) : n <= 0xffff ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n > 125 && n <= 0xffff) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(n, 2);
  } else if (n > 0xffff) {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  header[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  const masked = Buffer.alloc(n);
  for (let i = 0; i < n; i++) masked[i] = (data[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, Buffer.from(mask), masked]);
}

/** Reads a Server-Sent Events stream to its end: [{ type, data }]. */
export async function readEventStream(
  url: string,
  init: RequestInit = {},
): Promise<Array<{ type: string; data: unknown }>> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data: '))
    .map((block) => {
      const lines = block.split('\n');
      const type = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = JSON.parse(lines.find((l) => l.startsWith('data: '))?.slice(6) ?? 'null') as unknown;
      return { type, data };
    });
}
