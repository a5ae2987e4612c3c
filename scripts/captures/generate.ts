/**
 * Writes a large synthetic pcap of WebSocket traffic for benchmarks (never committed):
 *
 *   npx tsx scripts/captures/generate.ts OUT.pcap [MEGABYTES=160] [CONNECTIONS=4]
 *
 * Each connection: the TCP handshake, a valid upgrade (accept key computed by the core), then client text
 * messages (masked) and the server's echoes (unmasked), several frames per segment and some frames split
 * across segments, segments of at most 1448 bytes (Ethernet MSS with timestamps), ACKs every few segments,
 * and a close and FIN at the end. Sequence numbers start near 2^32 so they wrap. Connections interleave.
 * Written in pieces: memory stays small whatever the size.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { computeAcceptKeySync } from '../../src/protocol/websocket/handshake-response';
import { encodeFrame } from '../../src/protocol/websocket/encoder';

const [out, mbArg, connArg] = process.argv.slice(2);
if (out === undefined) {
  console.error('usage: npx tsx scripts/captures/generate.ts OUT.pcap [MEGABYTES] [CONNECTIONS]');
  process.exit(2);
}
const target = Number(mbArg ?? 160) * 1e6;
const connections = Number(connArg ?? 4);
const MSS = 1448;
const fd = openSync(out, 'w');
let pending: Buffer[] = [];
let pendingBytes = 0;
let written = 0;
const flush = (): void => {
  writeSync(fd, Buffer.concat(pending));
  pending = [];
  pendingBytes = 0;
};
const write = (b: Buffer): void => {
  pending.push(b);
  pendingBytes += b.length;
  written += b.length;
  if (pendingBytes > 1 << 20) flush();
};

const header = Buffer.alloc(24);
header.writeUInt32LE(0xa1b2c3d4, 0);
header.writeUInt16LE(2, 4);
header.writeUInt16LE(4, 6);
header.writeUInt32LE(262144, 16);
header.writeUInt32LE(1, 20);
write(header);

let time = 1_700_000_000 * 1e6;
function packet(c: Conn, fromClient: boolean, flags: number, payload: Uint8Array): void {
  const side = fromClient ? c.client : c.server;
  const peer = fromClient ? c.server : c.client;
  const ipLen = 20 + 32 + payload.length;
  const b = Buffer.alloc(16 + 14 + ipLen);
  time += 7;
  b.writeUInt32LE(Math.floor(time / 1e6), 0);
  b.writeUInt32LE(time % 1e6, 4);
  b.writeUInt32LE(14 + ipLen, 8);
  b.writeUInt32LE(14 + ipLen, 12);
  b.writeUInt16BE(0x0800, 16 + 12);
  const ip = 16 + 14;
  b[ip] = 0x45;
  b.writeUInt16BE(ipLen, ip + 2);
  b[ip + 8] = 64;
  b[ip + 9] = 6;
  b.writeUInt32BE(0x7f000001, ip + 12);
  b.writeUInt32BE(0x7f000001, ip + 16);
  const t = ip + 20;
  b.writeUInt16BE(side.port, t);
  b.writeUInt16BE(peer.port, t + 2);
  b.writeUInt32BE(side.seq >>> 0, t + 4);
  b.writeUInt32BE(peer.seq >>> 0, t + 8);
  b[t + 12] = 8 << 4;
  b[t + 13] = flags;
  b.writeUInt16BE(512, t + 14);
  b.set([1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 1], t + 20);
  b.set(payload, t + 32);
  side.seq = (side.seq + payload.length + (flags & 0x03 ? 1 : 0)) >>> 0;
  write(b);
}

interface Conn {
  client: { port: number; seq: number; out: Uint8Array[]; outBytes: number };
  server: { port: number; seq: number; out: Uint8Array[]; outBytes: number };
  n: number;
}

const key = 'dGhlIHNhbXBsZSBub25jZQ==';
const enc = new TextEncoder();
const conns: Conn[] = Array.from({ length: connections }, (_, i) => ({
  client: { port: 40000 + i, seq: 0xfffff000 - i * 7919, out: [], outBytes: 0 },
  server: { port: 8787, seq: 0xffff0000 + i * 104729, out: [], outBytes: 0 },
  n: 0,
}));
for (const c of conns) {
  packet(c, true, 0x02, new Uint8Array(0));
  packet(c, false, 0x12, new Uint8Array(0));
  packet(c, true, 0x10, new Uint8Array(0));
  packet(
    c,
    true,
    0x18,
    enc.encode(
      `GET /lab/ws/echo HTTP/1.1\r\nHost: 127.0.0.1:8787\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    ),
  );
  packet(
    c,
    false,
    0x18,
    enc.encode(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${computeAcceptKeySync(key)}\r\n\r\n`,
    ),
  );
}

/** Sends what a side has queued as segments of at most MSS bytes (frames split where they fall). */
function drain(c: Conn, fromClient: boolean): void {
  const side = fromClient ? c.client : c.server;
  const all = Buffer.concat(side.out);
  side.out = [];
  side.outBytes = 0;
  for (let i = 0; i < all.length; i += MSS) packet(c, fromClient, 0x18, all.subarray(i, i + MSS));
  packet(c, !fromClient, 0x10, new Uint8Array(0));
}

const mask = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
while (written < target) {
  for (const c of conns) {
    const size = 20 + ((c.n * 7919) % 400);
    const text = `message ${c.n} `.padEnd(size, 'x');
    const frame = encodeFrame({ opcode: 1, payload: enc.encode(text), maskKey: mask });
    const echo = encodeFrame({ opcode: 1, payload: enc.encode(text) });
    c.client.out.push(frame);
    c.client.outBytes += frame.length;
    c.server.out.push(echo);
    c.server.outBytes += echo.length;
    c.n++;
    if (c.client.outBytes > 3000) {
      drain(c, true);
      drain(c, false);
    }
  }
}
for (const c of conns) {
  drain(c, true);
  drain(c, false);
  c.client.out.push(encodeFrame({ opcode: 8, payload: Uint8Array.of(0x03, 0xe8), maskKey: mask }));
  drain(c, true);
  c.server.out.push(encodeFrame({ opcode: 8, payload: Uint8Array.of(0x03, 0xe8) }));
  drain(c, false);
  packet(c, false, 0x11, new Uint8Array(0));
  packet(c, true, 0x11, new Uint8Array(0));
}
flush();
closeSync(fd);
console.log(
  `${out}: ${written} bytes, ${conns.reduce((n, c) => n + c.n, 0) * 2} messages in ${connections} connections`,
);
