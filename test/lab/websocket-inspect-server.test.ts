/**
 * /lab/ws/inspect reports the frames the lab sends (`server-frame`) and sends a Ping when the page asks
 * (`ping` command). Checked against what independent peers saw on real sockets: a raw `net` client that
 * keeps every byte it received, and `ws`, which answers a Ping with a Pong by itself as a browser does.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket, { type RawData } from 'ws';
import {
  formatInspectCommand,
  HEX_LIMIT,
  parseInspectReport,
  type InspectFrame,
  type InspectReport,
  type InspectServerFrame,
} from '../../src/lab-protocol/messages';
import { encodeFrame } from '../../src/protocol/websocket';
import type { RunningLab } from '../../lab/server';
import { clientFrame, RawClient, startTestLab } from './helpers';

let lab: RunningLab;
beforeAll(async () => {
  lab = await startTestLab();
});
afterAll(() => lab.close());

/** A raw client on /lab/ws/inspect, past the handshake report. */
async function openInspect(query = ''): Promise<RawClient> {
  const client = await RawClient.open(lab.port, `/lab/ws/inspect${query}`);
  client.socket.setNoDelay(true);
  expect(await readReport(client)).toMatchObject({ type: 'handshake' });
  return client;
}

async function readReport(client: RawClient): Promise<InspectReport> {
  const frame = await client.readFrame();
  const report = parseInspectReport(frame.payload.toString('utf8'));
  if (frame.opcode !== 0x1 || report === undefined)
    throw new Error(`expected a report, got opcode ${frame.opcode}: ${frame.payload.toString('hex').slice(0, 80)}`);
  return report;
}

/** Reads a `server-frame` report and then the frame it describes, as the client received it. */
async function readReported(client: RawClient): Promise<{ report: InspectServerFrame; wire: Buffer }> {
  const report = await readReport(client);
  if (report.type !== 'server-frame')
    throw new Error(`expected a server-frame report, got ${JSON.stringify(report).slice(0, 200)}`);
  return { report, wire: await client.readFrameBytes() };
}

const MASK = [0x9e, 0x2c, 0x51, 0x07];
/** RFC 6455 §5.3: unmasking is the same XOR as masking, done here by hand rather than by the codec. */
const unmask = (bytes: Buffer, key: Buffer): Buffer => Buffer.from(bytes.map((b, i) => b ^ (key[i % 4] ?? 0)));

describe('server-frame reports: the bytes the lab wrote', () => {
  it('equal what a raw client received, for echoes at every length boundary, and equal encodeFrame', async () => {
    const client = await openInspect();
    for (const length of [0, 5, 125, 126, 65535, 65536]) {
      const payload = Buffer.alloc(length);
      for (let i = 0; i < length; i++) payload[i] = (i * 7 + length) & 0xff;
      client.write(clientFrame(0x2, payload, { mask: MASK }));
      expect(await readReport(client)).toMatchObject({ type: 'frame', length: clientFrame(0x2, payload).length });
      const { report, wire } = await readReported(client);
      expect(report).toMatchObject({ cause: 'echo', length: wire.length });
      // What the lab reported is what arrived, and the header-only path built what encodeFrame builds.
      const expected = Buffer.from(encodeFrame({ opcode: 0x2, payload }));
      expect(Buffer.compare(wire, expected), `echo of ${length} bytes`).toBe(0);
      if (wire.length <= HEX_LIMIT) {
        expect(report.truncated).toBe(false);
        expect(report.hex).toBe(wire.toString('hex'));
      } else {
        // 65536 + 10 bytes: the report keeps the first HEX_LIMIT of them and says the frame is longer.
        expect(report.truncated).toBe(true);
        expect(report.hex).toBe(wire.subarray(0, HEX_LIMIT).toString('hex'));
      }
    }
    client.destroy();
  });

  it('numbers the lab’s frames, and reports its Close just before it (nothing may follow a Close, §5.5.1)', async () => {
    const client = await openInspect();
    client.write(clientFrame(0x1, 'one'));
    await readReport(client);
    const first = await readReported(client);
    client.write(clientFrame(0x8, Buffer.from([0x03, 0xe8, 0x62, 0x79, 0x65]))); // 1000 "bye"
    await readReport(client);
    const close = await readReported(client);
    expect(first.report.seq).toBe(0);
    expect(close.report).toMatchObject({ seq: 1, cause: 'close', hex: '880203e8', truncated: false }); // the code echoed, §5.5.1
    expect(close.wire.toString('hex')).toBe(close.report.hex);
    expect(close.report.t).toBeGreaterThanOrEqual(first.report.t);
    await client.waitClosed();
    expect(client.received.length).toBe(0);
  });

  it('reports the Pong answering a client’s Ping', async () => {
    const client = await openInspect('?echo=0');
    client.write(clientFrame(0x9, 'are you there?'));
    await readReport(client);
    const { report, wire } = await readReported(client);
    expect(report.cause).toBe('pong');
    expect(wire.toString('hex')).toBe(`8a0e${Buffer.from('are you there?').toString('hex')}`);
    expect(report.hex).toBe(wire.toString('hex'));
    client.destroy();
  });

  it('are not sent on /lab/ws/echo', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/echo');
    client.write(clientFrame(0x1, 'plain'));
    expect((await client.readFrameBytes()).toString('hex')).toBe('8105706c61696e');
    client.destroy();
  });
});

describe('the ping command', () => {
  it('makes the lab send a Ping; the raw client’s masked Pong is reported byte for byte', async () => {
    const client = await openInspect();
    const command = formatInspectCommand({ lab: 'inspect', command: 'ping', data: 'ping me' });
    client.write(clientFrame(0x1, command));
    // The command's own frame is reported like any frame; it is not echoed.
    const commandFrame = (await readReport(client)) as InspectFrame;
    expect(commandFrame).toMatchObject({ type: 'frame', length: clientFrame(0x1, command).length });
    const { report, wire } = await readReported(client);
    expect(report.cause).toBe('ping');
    expect(wire.toString('hex')).toBe(`8907${Buffer.from('ping me').toString('hex')}`); // FIN, opcode 0x9, unmasked
    expect(report.hex).toBe(wire.toString('hex'));

    const pong = clientFrame(0xa, wire.subarray(2), { mask: MASK }); // §5.5.3: the same application data
    client.write(pong);
    const pongReport = (await readReport(client)) as InspectFrame;
    expect(pongReport).toMatchObject({ type: 'frame', hex: pong.toString('hex'), truncated: false });
    expect(client.received.length).toBe(0); // an answered Pong needs no answer
    client.destroy();
  });

  it('with ws as the peer: ws answers by itself, and its masked Pong carries the ping data', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}/lab/ws/inspect`);
    const reports: InspectReport[] = [];
    const pinged = new Promise<Buffer>((resolve) => ws.once('ping', resolve));
    const pongReported = new Promise<InspectFrame>((resolve) => {
      ws.on('message', (data: RawData) => {
        const report = parseInspectReport((data as Buffer).toString('utf8'));
        if (report === undefined) return;
        reports.push(report);
        if (report.type === 'frame' && report.hex.startsWith('8a')) resolve(report);
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const data = 'Hello ✓'; // 9 bytes of UTF-8
    ws.send(formatInspectCommand({ lab: 'inspect', command: 'ping', data }));
    expect((await pinged).toString('utf8')).toBe(data);
    const pong = Buffer.from((await pongReported).hex, 'hex');
    expect(pong[0]).toBe(0x8a); // FIN, Pong
    expect(pong[1]).toBe(0x80 | 9); // masked (§5.1), 9 bytes
    const key = pong.subarray(2, 6);
    expect(unmask(pong.subarray(6), key).toString('utf8')).toBe(data);
    expect(reports.filter((r) => r.type === 'server-frame').map((r) => (r as InspectServerFrame).cause)).toEqual([
      'ping',
    ]);
    ws.close();
  });

  it('accepts 125 bytes of data and refuses 126 with a clear error, sending nothing (§5.5)', async () => {
    const client = await openInspect();
    client.write(clientFrame(0x1, formatInspectCommand({ lab: 'inspect', command: 'ping', data: 'x'.repeat(126) })));
    await readReport(client);
    expect(await readReport(client)).toMatchObject({
      type: 'command-error',
      command: 'ping',
      message: expect.stringMatching(/126 bytes.*at most 125.*RFC 6455 §5\.5/),
    });
    client.write(clientFrame(0x1, formatInspectCommand({ lab: 'inspect', command: 'ping', data: 'é'.repeat(63) }))); // 126 bytes
    await readReport(client);
    expect(await readReport(client)).toMatchObject({
      type: 'command-error',
      message: expect.stringContaining('126 bytes'),
    });
    client.write(clientFrame(0x1, formatInspectCommand({ lab: 'inspect', command: 'ping', data: 'x'.repeat(125) })));
    await readReport(client);
    const { wire } = await readReported(client);
    expect(wire.subarray(0, 2).toString('hex')).toBe('897d'); // 125 in the 7-bit field
    expect(wire.length).toBe(127);
    client.destroy();
  });

  it('refuses unknown commands and broken ones, and echoes ordinary text that merely mentions them', async () => {
    const client = await openInspect();
    client.write(clientFrame(0x1, '{"lab":"inspect","command":"reboot"}'));
    await readReport(client);
    expect(await readReport(client)).toMatchObject({
      type: 'command-error',
      command: 'reboot',
      message: expect.stringContaining('Unknown command'),
    });
    client.write(clientFrame(0x1, '{"lab":"inspect","command":"ping"'));
    await readReport(client);
    expect(await readReport(client)).toMatchObject({
      type: 'command-error',
      message: expect.stringContaining('not valid JSON'),
    });
    client.write(clientFrame(0x1, '{"lab":"inspect","command":"ping"}'));
    await readReport(client);
    expect(await readReport(client)).toMatchObject({
      type: 'command-error',
      message: expect.stringContaining('needs "data"'),
    });
    const text = ' {"lab":"inspect","command":"ping","data":"x"}'; // not at the start: a message like any other
    client.write(clientFrame(0x1, text));
    await readReport(client);
    const echo = await readReported(client);
    expect(echo.report.cause).toBe('echo');
    expect(echo.wire.subarray(2).toString()).toBe(text);
    client.destroy();
  });

  it('is only a command on /lab/ws/inspect: /lab/ws/echo echoes it', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/echo');
    const command = formatInspectCommand({ lab: 'inspect', command: 'ping', data: 'x' });
    client.write(clientFrame(0x1, command));
    const echo = await client.readFrame();
    expect(echo.opcode).toBe(0x1);
    expect(echo.payload.toString()).toBe(command);
    client.destroy();
  });
});

describe('the send path', () => {
  /** The sizes of the lab's socket writes while it echoes `payload` back to a raw client. */
  async function echoWrites(payload: Buffer): Promise<number[]> {
    const client = await RawClient.open(lab.port, '/lab/ws/echo');
    const spy = vi.spyOn(net.Socket.prototype, 'write'); // calls through, and records
    try {
      client.write(clientFrame(0x2, payload));
      const echo = await client.readFrame();
      expect(Buffer.from(echo.payload).equals(payload)).toBe(true);
      // Only the lab's side of this connection: its peer port is the client's own port.
      return spy.mock.calls
        .filter((_, i) => (spy.mock.contexts[i] as net.Socket).remotePort === client.socket.localPort)
        .map(([chunk]) => (chunk as Uint8Array).length);
    } finally {
      spy.mockRestore(); // also forgets the calls
      client.destroy();
    }
  }

  it('writes a large echo as header, then payload: the payload is never copied into one frame buffer', async () => {
    // 64-bit length header (§5.2), then the payload as it came
    expect(await echoWrites(Buffer.alloc(70_000, 0x5a))).toEqual([10, 70_000]);
  });

  it('writes a small echo as one buffer: copying 5 bytes is cheaper than a two-piece writev', async () => {
    expect(await echoWrites(Buffer.from('Hello'))).toEqual([7]);
  });
});
