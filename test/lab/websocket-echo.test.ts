/**
 * /lab/ws/echo and /lab/ws/inspect against `ws` as an independent client: if the lab's codec and
 * `ws` disagree about any byte, these fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { type RawData } from 'ws';
import { decodeFrames } from '../../src/protocol/websocket';
import { parseInspectReport, type InspectFrame, type InspectReport } from '../../src/lab-protocol/messages';
import type { RunningLab } from '../../lab/server';
import { startTestLab } from './helpers';

let lab: RunningLab;
beforeAll(async () => {
  lab = await startTestLab();
});
afterAll(() => lab.close());

function open(path: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}${path}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve) =>
    ws.once('message', (data: RawData, isBinary: boolean) => resolve({ data: data as Buffer, isBinary })),
  );
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe('/lab/ws/echo with ws as the client', () => {
  it('echoes a text message as text', async () => {
    const ws = await open('/lab/ws/echo');
    const reply = nextMessage(ws);
    ws.send('Hello, wire — ünïcödé ✓');
    const { data, isBinary } = await reply;
    expect(isBinary).toBe(false);
    expect(data.toString('utf8')).toBe('Hello, wire — ünïcödé ✓');
    ws.close();
  });

  it('echoes a binary message as binary, every byte value', async () => {
    const ws = await open('/lab/ws/echo');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const reply = nextMessage(ws);
    ws.send(bytes);
    const { data, isBinary } = await reply;
    expect(isBinary).toBe(true);
    expect(Buffer.compare(data, bytes)).toBe(0);
    ws.close();
  });

  it('reassembles a fragmented message (RFC 6455 §5.4) and answers a ping sent between fragments', async () => {
    const ws = await open('/lab/ws/echo');
    const reply = nextMessage(ws);
    const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve));
    ws.send('frag-one ', { fin: false });
    ws.ping('mid-message'); // control frames may be interleaved (§5.4)
    ws.send('frag-two ', { fin: false });
    ws.send('frag-three', { fin: true });
    expect((await pong).toString()).toBe('mid-message');
    expect((await reply).data.toString()).toBe('frag-one frag-two frag-three');
    ws.close();
  });

  it('echoes 1 MiB intact', async () => {
    const ws = await open('/lab/ws/echo');
    const big = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 8)) & 0xff;
    const reply = nextMessage(ws);
    ws.send(big);
    const { data } = await reply;
    expect(data.length).toBe(big.length);
    expect(Buffer.compare(data, big)).toBe(0);
    ws.close();
  });

  it('answers ping with pong carrying the same payload (§5.5.2, §5.5.3)', async () => {
    const ws = await open('/lab/ws/echo');
    const pong = new Promise<Buffer>((resolve) => ws.once('pong', resolve));
    ws.ping(Buffer.from([0, 1, 2, 0xfe, 0xff]));
    expect([...(await pong)]).toEqual([0, 1, 2, 0xfe, 0xff]);
    ws.close();
  });

  it('completes the close handshake echoing the code (§5.5.1)', async () => {
    const ws = await open('/lab/ws/echo');
    const done = closed(ws);
    ws.close(4321, 'done here');
    expect((await done).code).toBe(4321);
  });

  it('answers a Close without a code with an empty Close (1005 is never sent)', async () => {
    const ws = await open('/lab/ws/echo');
    const done = closed(ws);
    ws.close();
    expect((await done).code).toBe(1005); // ws reports "no status received" for an empty Close body
  });

  it('keeps the connection open across idle periods when the client answers pings', async () => {
    const idleLab = await startTestLab({ idleTimeoutMs: 100, pongTimeoutMs: 2000 });
    const ws = new WebSocket(`ws://127.0.0.1:${idleLab.port}/lab/ws/echo`);
    let pings = 0;
    ws.on('ping', () => pings++); // ws answers each ping with a pong by itself
    await new Promise((resolve) => ws.once('open', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    const reply = nextMessage(ws);
    ws.send('still here');
    expect((await reply).data.toString()).toBe('still here');
    ws.close();
    await idleLab.close();
  });
});

describe('/lab/ws/inspect', () => {
  async function collect(ws: WebSocket, count: number): Promise<Array<InspectReport | string>> {
    const out: Array<InspectReport | string> = [];
    return new Promise((resolve) => {
      ws.on('message', (data: RawData, isBinary: boolean) => {
        const text = isBinary ? `binary:${(data as Buffer).toString('hex')}` : (data as Buffer).toString('utf8');
        out.push(parseInspectReport(text) ?? text);
        if (out.length === count) resolve(out);
      });
    });
  }

  it('reports the raw upgrade request, then each frame still masked, before echoing it', async () => {
    // Uncompressed frames here (no permessage-deflate offer); compressed ones: websocket-deflate.test.ts.
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}/lab/ws/inspect`, {
      headers: { 'X-Custom-Header': 'Mixed  Spacing' },
      perMessageDeflate: false,
    });
    const messages = collect(ws, 7);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send('Hello');
    ws.send(Buffer.from([0xde, 0xad]));
    const [handshake, frame1, sent1, echo1, frame2, sent2, echo2] = await messages;

    expect(handshake).toMatchObject({ lab: 'inspect', type: 'handshake', exact: true, t: 0 });
    const head = (handshake as { requestHead: string }).requestHead;
    expect(head).toMatch(/^GET \/lab\/ws\/inspect HTTP\/1\.1\r\n/);
    expect(head).toContain('X-Custom-Header: Mixed  Spacing\r\n'); // exact bytes: the double space survives
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    expect((handshake as { responseHead: string }).responseHead).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);

    // The page decodes the browser's real bytes with the codec: masked, and unmasking gives what was sent.
    const f1 = frame1 as InspectFrame;
    expect(f1).toMatchObject({ type: 'frame', seq: 0, offset: 0, length: 11, truncated: false });
    const decoded = decodeFrames(Buffer.from(f1.hex, 'hex'), { from: 'client' });
    expect(decoded.violations).toEqual([]);
    expect(decoded.frames[0]?.masked).toBe(true);
    expect(new TextDecoder().decode(decoded.frames[0]?.payload)).toBe('Hello');
    expect(f1.t).toBeGreaterThanOrEqual(f1.firstByteT);
    // Before each echo, the bytes the lab wrote for it: one final unmasked frame (§5.1).
    expect(sent1).toMatchObject({
      type: 'server-frame',
      seq: 0,
      cause: 'echo',
      length: 7,
      hex: '810548656c6c6f',
      truncated: false,
    });
    expect(echo1).toBe('Hello');

    const f2 = frame2 as InspectFrame;
    expect(f2).toMatchObject({ seq: 1, offset: 11, length: 8 });
    expect(f2.hex.slice(0, 4)).toBe('8282');
    expect(sent2).toMatchObject({ type: 'server-frame', seq: 1, cause: 'echo', hex: '8202dead' });
    expect(echo2).toBe('binary:dead');
    ws.close();
  });

  it('with ?echo=0 sends reports only, and truncates the hex of a long frame', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}/lab/ws/inspect?echo=0`, { perMessageDeflate: false });
    const messages = collect(ws, 3);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(Buffer.alloc(200_000, 7));
    ws.send('short');
    const [, big, short] = (await messages) as InspectFrame[];
    expect(big).toMatchObject({ type: 'frame', length: 200_014, truncated: true });
    expect(big?.hex.length).toBe(65536 * 2);
    expect(big?.hex.slice(0, 4)).toBe('82ff'); // binary, FIN, MASK + 127: 64-bit length follows
    expect(big?.reads).toBeGreaterThanOrEqual(1);
    expect(short).toMatchObject({ type: 'frame', offset: 200_014, length: 11, truncated: false });
    ws.close();
  });
});
