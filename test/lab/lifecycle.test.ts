/**
 * The lab's life and its defences: shutdown closes every WebSocket with 1001, idle clients that do
 * not answer pings are dropped, a client that does not read cannot make the lab buffer without bound,
 * broken clients leave nothing behind; and the plain TCP echo.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { clientFrame, RawClient, startTestLab } from './helpers';

describe('shutdown', () => {
  it('closes every WebSocket with 1001, ends experiments and sockets, and stops listening', async () => {
    const lab = await startTestLab({ closeTimeoutMs: 5000 }); // time for the clients to answer, even on a busy machine
    const sockets = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const ws = new WebSocket(`ws://127.0.0.1:${lab.port}/lab/ws/echo`);
        await new Promise((resolve) => ws.once('open', resolve));
        return ws;
      }),
    );
    const viaWs = sockets.map((ws) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code))));
    const raw = await RawClient.open(lab.port, '/lab/ws/inspect');
    const echoClient = await new Promise<net.Socket>((resolve) => {
      const s = net.createConnection({ port: lab.tcpEchoPort ?? 0, host: '127.0.0.1' }, () => resolve(s));
    });
    const echoEnded = new Promise((resolve) => echoClient.once('end', resolve));
    const sse = await fetch(`http://127.0.0.1:${lab.port}/lab/tcp/nagle?rounds=100`);
    const sseText = sse.text();

    const closing = lab.close();
    // The raw client sees the Close frame with 1001 and answers it, as a client should (§5.5.1).
    const close = await raw.readClose();
    expect(close).toEqual({ code: 1001, reason: 'lab shutting down' });
    raw.write(clientFrame(0x8, Buffer.from([0x03, 0xe9])));
    await raw.waitClosed();
    expect(await Promise.all(viaWs)).toEqual([1001, 1001, 1001]);
    await echoEnded;
    expect(await sseText).toContain('event: error');
    await closing;
    expect(lab.webSocketCount).toBe(0);
    await expect(RawClient.connect(lab.port)).rejects.toThrow(/ECONNREFUSED/);
  }, 15_000);

  it('does not wait longer than closeTimeoutMs for a client that never answers the Close', async () => {
    const lab = await startTestLab({ closeTimeoutMs: 300 });
    const raw = await RawClient.open(lab.port);
    const started = Date.now();
    await lab.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await raw.readClose()).code).toBe(1001);
    await raw.waitClosed();
  });
});

describe('idle connections', () => {
  it('pings an idle client and closes with 1001 when no pong comes', async () => {
    const lab = await startTestLab({ idleTimeoutMs: 150, pongTimeoutMs: 150 });
    const raw = await RawClient.open(lab.port);
    const ping = await raw.readFrame();
    expect(ping.opcode).toBe(0x9);
    const close = await raw.readClose(); // we stay silent
    expect(close.code).toBe(1001);
    expect(close.reason).toMatch(/no pong/);
    await raw.waitClosed();
    await expect.poll(() => lab.webSocketCount).toBe(0);
    await lab.close();
  });
});

describe('a client that does not read', () => {
  it('stops being read from, so the lab does not buffer its echoes without bound', async () => {
    const lab = await startTestLab({ writeHighWaterMark: 64 * 1024, maxMessageBytes: 1024 * 1024 });
    const raw = await RawClient.open(lab.port);
    raw.socket.pause(); // never read the echoes
    const frame = clientFrame(0x2, Buffer.alloc(256 * 1024, 1));
    let sent = 0;
    // 64 MiB offered; kernel buffers on both sides hold a few MiB at most.
    for (let i = 0; i < 256; i++) {
      if (!raw.socket.write(frame)) await new Promise((resolve) => setTimeout(resolve, 5));
      sent += frame.length;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stuck = raw.socket.writableLength;
    expect(stuck).toBeGreaterThan(16 * 1024 * 1024); // most of it never left our side
    expect(sent - stuck).toBeLessThan(48 * 1024 * 1024);
    // The lab is still fine for everyone else.
    expect((await fetch(`http://127.0.0.1:${lab.port}/lab/status`)).status).toBe(200);
    raw.destroy();
    await expect.poll(() => lab.webSocketCount).toBe(0);
    await lab.close();
  }, 20_000);

  it('a client that resets mid-frame leaves no connection behind', async () => {
    const lab = await startTestLab();
    const raw = await RawClient.open(lab.port);
    raw.write(clientFrame(0x2, Buffer.alloc(5000)).subarray(0, 1000));
    await expect.poll(() => lab.webSocketCount).toBe(1);
    raw.socket.resetAndDestroy();
    await expect.poll(() => lab.webSocketCount).toBe(0);
    await lab.close();
  });
});

describe('TCP echo', () => {
  it('echoes bytes and half-closes after the client does', async () => {
    const lab = await startTestLab();
    const socket = net.createConnection({ port: lab.tcpEchoPort ?? 0, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => socket.once('end', resolve));
    socket.end('hello over plain TCP\n');
    await ended;
    expect(Buffer.concat(chunks).toString()).toBe('hello over plain TCP\n');
    await lab.close();
  });

  it('can be turned off', async () => {
    const lab = await startTestLab({ tcpEchoPort: null });
    expect(lab.tcpEchoPort).toBeNull();
    await lab.close();
  });
});
