/**
 * A real browser against the lab: Chromium's own WebSocket talks to /lab/ws/inspect, and the page
 * receives the exact bytes Chromium put on the wire — its upgrade request, its masked frames and the Pong it
 * sends by itself when the lab pings — and the bytes the lab wrote back, which the project codec then decodes. Also: another site's page is refused (Origin, RFC 6455 §10.2).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { decodeFrames } from '../../src/protocol/websocket';
import {
  formatInspectCommand,
  parseInspectReport,
  type HeadEcho,
  type InspectFrame,
  type InspectHandshake,
  type InspectServerFrame,
} from '../../src/lab-client/messages';
import { startLab, type RunningLab } from '../../lab/server';
import { browserAvailable, launchChromium } from './browser';

describe.runIf(browserAvailable())('the lab seen from Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(inject('baseUrl'));
  });
  afterAll(() => browser?.close());

  it('shows the page its own upgrade request and masked frames, the bytes the lab sent back, and a real Ping/Pong', async () => {
    const pingData = 'are you there?';
    const messages = await page.evaluate(
      async (command) => {
        const ws = new WebSocket(`ws://${location.host}/lab/ws/inspect`);
        ws.binaryType = 'arraybuffer';
        const out: string[] = [];
        const isClientFrameReport = (m: string) => m.startsWith('{"lab":"inspect","type":"frame"');
        // Resolves once `count` client-frame reports have arrived and, for data frames, the echo of the last one.
        let waiting: { count: number; echoed: boolean; resolve: () => void } | null = null;
        const settled = () => {
          if (!waiting) return;
          const frames = out.filter(isClientFrameReport).length;
          const answered = !waiting.echoed || !(out.at(-1) ?? '').startsWith('{"lab"');
          if (frames >= waiting.count && answered) waiting.resolve();
        };
        const until = (count: number, echoed: boolean) =>
          new Promise<void>((resolve, reject) => {
            waiting = { count, echoed, resolve };
            setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(out)}`)), 15_000);
            settled();
          });
        ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
          out.push(
            typeof event.data === 'string' ? event.data : `binary:${Array.from(new Uint8Array(event.data)).join(',')}`,
          );
          settled();
        };
        await new Promise<void>((resolve, reject) => {
          ws.onopen = () => resolve();
          ws.onerror = () => reject(new Error('WebSocket error'));
        });
        ws.send('Hello');
        ws.send(new Uint8Array([1, 2, 3, 250]));
        await until(2, true);
        // The browser API cannot send a Ping; the lab can, when asked by a text message (itself reported as a
        // frame, not echoed), and the browser answers with a Pong by itself.
        ws.send(command);
        await until(4, false);
        ws.close(1000, 'done');
        return out;
      },
      formatInspectCommand({ lab: 'inspect', command: 'ping', data: pingData }),
    );

    const reports = messages.map((m) => parseInspectReport(m));
    const handshake = reports[0] as InspectHandshake;
    expect(handshake.type).toBe('handshake');
    expect(handshake.exact).toBe(true);
    expect(handshake.requestHead).toMatch(/^GET \/lab\/ws\/inspect HTTP\/1\.1\r\n/);
    expect(handshake.requestHead).toMatch(/\r\nSec-WebSocket-Version: 13\r\n/);
    expect(handshake.requestHead).toMatch(/\r\nOrigin: http:\/\/127\.0\.0\.1:\d+\r\n/);
    expect(handshake.requestHead).toMatch(/\r\nSec-WebSocket-Key: [A-Za-z0-9+/]{22}==\r\n/);

    const clientFrames = reports.filter((r): r is InspectFrame => r?.type === 'frame');
    const serverFrames = reports.filter((r): r is InspectServerFrame => r?.type === 'server-frame');
    const echoes = messages.filter((_, i) => reports[i] === undefined);
    expect(clientFrames).toHaveLength(4);

    const hello = decodeFrames(Buffer.from(clientFrames[0]!.hex, 'hex'), { from: 'client' });
    expect(hello.violations).toEqual([]);
    expect(hello.frames[0]).toMatchObject({ fin: true, opcode: 1, masked: true, payloadLength: 5 });
    expect(new TextDecoder().decode(hello.frames[0]?.payload)).toBe('Hello');
    // Chromium draws a fresh mask key per frame (RFC 6455 §5.3): the wire bytes differ from "Hello".
    expect(clientFrames[0]!.hex.slice(12)).not.toBe(Buffer.from('Hello').toString('hex'));

    const binary = decodeFrames(Buffer.from(clientFrames[1]!.hex, 'hex'), { from: 'client' }).frames[0];
    expect(binary?.opcode).toBe(2);
    expect([...(binary?.payload ?? [])]).toEqual([1, 2, 3, 250]);
    expect(echoes).toEqual(['Hello', 'binary:1,2,3,250']);

    // What the lab reports sending is what the browser received: unmasked frames carrying the echoes (§5.1).
    const sent = serverFrames.map((r) => decodeFrames(Buffer.from(r.hex, 'hex'), { from: 'server' }));
    expect(serverFrames.map((r) => r.cause)).toEqual(['echo', 'echo', 'ping']);
    expect(sent.map((d) => d.violations)).toEqual([[], [], []]);
    expect(new TextDecoder().decode(sent[0]!.frames[0]?.payload)).toBe('Hello');
    expect([...(sent[1]!.frames[0]?.payload ?? [])]).toEqual([1, 2, 3, 250]);
    expect(sent[2]!.frames[0]).toMatchObject({ opcode: 9, masked: false });
    expect(new TextDecoder().decode(sent[2]!.frames[0]?.payload)).toBe(pingData);

    // Chromium's own Pong, masked like every client frame, carrying the Ping's data (§5.5.2–5.5.3).
    const pong = decodeFrames(Buffer.from(clientFrames[3]!.hex, 'hex'), { from: 'client' });
    expect(pong.violations).toEqual([]);
    expect(pong.frames[0]).toMatchObject({ opcode: 10, masked: true });
    expect(new TextDecoder().decode(pong.frames[0]?.payload)).toBe(pingData);
  });

  it("echoes the browser's real request head on /lab/http/head", async () => {
    const echo = (await page.evaluate(async () =>
      (await fetch('/lab/http/head', { headers: { Accept: 'application/json' } })).json(),
    )) as HeadEcho;
    expect(echo.exact).toBe(true);
    expect(echo.head).toMatch(/^GET \/lab\/http\/head HTTP\/1\.1\r\n/);
    expect(echo.headers.some(([name]) => name.toLowerCase() === 'user-agent')).toBe(true);
  });

  describe('another origin', () => {
    let other: RunningLab;
    beforeAll(async () => {
      other = await startLab({ port: 0, tcpEchoPort: null, siteDir: null });
    });
    afterAll(() => other?.close());

    it('cannot open a WebSocket to a lab that does not list it (403, cross-site WebSocket hijacking)', async () => {
      const outcome = await page.evaluate(async (url) => {
        const ws = new WebSocket(url);
        return new Promise<string>((resolve) => {
          ws.onopen = () => resolve('open');
          ws.onclose = (event) => resolve(`closed ${event.code}`);
        });
      }, `ws://127.0.0.1:${other.port}/lab/ws/echo`);
      expect(outcome).toBe('closed 1006');
      expect(other.webSocketCount).toBe(0);
    });
  });
});
