/**
 * The opening handshake over raw sockets: good requests get 101 with the right accept key, bad ones
 * an HTTP answer that says what is wrong; stalled clients are dropped; the connection limit holds.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningLab } from '../../lab/server';
import { RawClient, startTestLab, upgradeHead } from './helpers';

let lab: RunningLab;
beforeAll(async () => {
  lab = await startTestLab({ handshakeTimeoutMs: 300, allowOrigins: ['https://wire-notebook.example'] });
});
afterAll(() => lab.close());

/** Sends `head` and returns the response head and body (the lab closes refused connections). */
async function exchange(head: string): Promise<{ head: string; body: string; client: RawClient }> {
  const client = await RawClient.connect(lab.port);
  client.write(head);
  const responseHead = await client.readHead();
  const length = Number(/content-length: (\d+)/i.exec(responseHead)?.[1] ?? 0);
  const body = (await client.take(length)).toString('utf8');
  return { head: responseHead, body, client };
}

describe('good handshakes', () => {
  it("answers 101 with the accept key of RFC 6455 §1.3's example", async () => {
    const { head, client } = await exchange(upgradeHead(lab.port, '/lab/ws/echo'));
    expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(head).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n');
    client.destroy();
  });

  it.each([
    ['its own origin', (port: number) => `http://127.0.0.1:${port}`],
    ['the localhost spelling of its own origin', (port: number) => `http://localhost:${port}`],
    ['a configured extra origin', () => 'https://wire-notebook.example'],
  ])('accepts %s', async (_, origin) => {
    const { head, client } = await exchange(upgradeHead(lab.port, '/lab/ws/echo', { Origin: origin(lab.port) }));
    expect(head).toMatch(/^HTTP\/1\.1 101/);
    client.destroy();
  });
});

describe('bad handshakes get a status that says what is wrong', () => {
  it('400 listing a missing key', async () => {
    const { head, body } = await exchange(upgradeHead(lab.port, '/lab/ws/echo', { 'Sec-WebSocket-Key': '' }));
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(body).toContain('MISSING_KEY');
  });

  it('400 for a key that is not 16 bytes of base64, and every other problem too', async () => {
    const { head, body } = await exchange(
      upgradeHead(lab.port, '/lab/ws/echo', { 'Sec-WebSocket-Key': 'c2hvcnQ=', Host: '' }),
    );
    expect(head).toMatch(/^HTTP\/1\.1 400/);
    expect(body).toContain('INVALID_KEY');
    expect(body).toContain('MISSING_HOST');
  });

  it('400 for a method other than GET', async () => {
    const { head, body } = await exchange(upgradeHead(lab.port, '/lab/ws/echo').replace(/^GET/, 'POST'));
    expect(head).toMatch(/^HTTP\/1\.1 400/);
    expect(body).toContain('METHOD_NOT_GET');
  });

  it('426 with Sec-WebSocket-Version: 13 for another version (RFC 6455 §4.4)', async () => {
    const { head, body } = await exchange(upgradeHead(lab.port, '/lab/ws/echo', { 'Sec-WebSocket-Version': '8' }));
    expect(head).toMatch(/^HTTP\/1\.1 426 Upgrade Required\r\n/);
    expect(head).toContain('Sec-WebSocket-Version: 13\r\n');
    expect(body).toContain('UNSUPPORTED_VERSION');
  });

  it('403 for an Origin that is not allowed (RFC 6455 §10.2)', async () => {
    const { head, body } = await exchange(upgradeHead(lab.port, '/lab/ws/echo', { Origin: 'https://evil.example' }));
    expect(head).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(body).toContain('ORIGIN_NOT_ALLOWED');
    expect(body).toContain('https://evil.example');
  });

  it('403 for another port on loopback: a different origin', async () => {
    const { head } = await exchange(
      upgradeHead(lab.port, '/lab/ws/echo', { Origin: `http://127.0.0.1:${lab.port + 1}` }),
    );
    expect(head).toMatch(/^HTTP\/1\.1 403/);
  });

  it('404 for an upgrade to a path with no WebSocket endpoint', async () => {
    const { head, body } = await exchange(upgradeHead(lab.port, '/lab/ws/nope'));
    expect(head).toMatch(/^HTTP\/1\.1 404/);
    expect(body).toContain('/lab/ws/echo');
  });

  it('a plain GET to a WebSocket path is told what is missing', async () => {
    const response = await fetch(`http://127.0.0.1:${lab.port}/lab/ws/echo`);
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('MISSING_UPGRADE');
    expect(body).toContain('MISSING_KEY');
  });

  it('a request Node cannot parse gets 400 with the reason', async () => {
    // A loopback Host, as everywhere in these tests: the lab refuses other names (DNS rebinding guard, lab/host.ts).
    const { head, body } = await exchange('GET /lab/ws/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400/);
    expect(body).toMatch(/Malformed HTTP request/);
  });
});

describe('time-outs and limits', () => {
  it('a refused client that keeps its side open does not leave a socket behind', async () => {
    const socket = net.createConnection({ port: lab.port, host: '127.0.0.1', allowHalfOpen: true });
    socket.on('error', () => {});
    socket.on('data', () => {});
    const ended = new Promise((resolve) => socket.once('end', resolve));
    socket.write(upgradeHead(lab.port, '/lab/ws/echo', { Origin: 'https://evil.example' }));
    await ended; // the lab sent its 403 and FIN; we never send ours
    const connections = () => new Promise<number>((resolve) => lab.server.getConnections((_, n) => resolve(n)));
    await expect.poll(connections, { timeout: 5000 }).toBe(0);
    socket.destroy();
  });

  it('drops a client that sends half a request head and stalls', async () => {
    const client = await RawClient.connect(lab.port);
    client.write('GET /lab/ws/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr');
    const started = Date.now();
    await client.waitClosed(3000);
    expect(Date.now() - started).toBeLessThan(2500); // 300 ms configured, checked by the lab's own timer
    expect(client.received.toString('latin1')).toMatch(/^HTTP\/1\.1 408/);
  });

  it('drops a client that connects and sends nothing', async () => {
    const client = await RawClient.connect(lab.port);
    await client.waitClosed(3000);
    expect(client.received.toString('latin1')).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers 503 beyond the connection limit, and accepts again when a slot frees', async () => {
    const small = await startTestLab({ maxConnections: 2 });
    const url = `ws://127.0.0.1:${small.port}/lab/ws/echo`;
    const openWs = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
        ws.once('error', reject);
      });
    const a = await openWs();
    const b = await openWs();
    await expect(openWs()).rejects.toThrow('status 503');
    const aClosed = new Promise((resolve) => a.once('close', resolve));
    a.close();
    await aClosed;
    await expect.poll(() => small.webSocketCount).toBe(1);
    const c = await openWs();
    expect(small.webSocketCount).toBe(2);
    b.close();
    c.close();
    await small.close();
  });

  it('500 concurrent connections each get their own echo', async () => {
    // Its own lab with the default head deadline: opening 500 clients from this one process can keep
    // some request heads waiting longer than the 300 ms the time-out tests above use.
    const lab = await startTestLab({ handshakeTimeoutMs: 10_000 });
    const count = 500;
    const sockets = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<WebSocket>((resolve, reject) => {
            const ws = new WebSocket(`ws://127.0.0.1:${lab.port}/lab/ws/echo`);
            ws.once('open', () => resolve(ws));
            ws.once('error', reject);
          }),
      ),
    );
    expect(lab.webSocketCount).toBe(count);
    const echoes = await Promise.all(
      sockets.map(
        (ws, i) =>
          new Promise<string>((resolve) => {
            ws.once('message', (data: Buffer) => resolve(data.toString()));
            ws.send(`connection ${i} says ${'x'.repeat(i % 200)}`);
          }),
      ),
    );
    echoes.forEach((echo, i) => expect(echo).toBe(`connection ${i} says ${'x'.repeat(i % 200)}`));
    await Promise.all(
      sockets.map((ws) => {
        const closed = new Promise((resolve) => ws.once('close', resolve));
        ws.close(1000);
        return closed;
      }),
    );
    await expect.poll(() => lab.webSocketCount).toBe(0);
    await lab.close();
  }, 30_000);
});
