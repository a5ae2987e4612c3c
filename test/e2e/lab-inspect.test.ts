/**
 * A real browser against the lab: Chromium's own WebSocket talks to /lab/ws/inspect, and the page
 * receives the exact bytes Chromium put on the wire — its upgrade request and its masked frames —
 * which the project codec then decodes. Also: another site's page is refused (Origin, RFC 6455 §10.2).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { decodeFrames } from '../../src/protocol/websocket';
import type { HeadEcho, InspectFrame, InspectHandshake } from '../../src/lab-client/messages';
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

  it('shows the page its own upgrade request and masked frames, which the codec decodes', async () => {
    const messages = await page.evaluate(async () => {
      const ws = new WebSocket(`ws://${location.host}/lab/ws/inspect`);
      ws.binaryType = 'arraybuffer';
      const out: string[] = [];
      await new Promise<void>((resolve, reject) => {
        ws.onopen = () => {
          ws.send('Hello');
          ws.send(new Uint8Array([1, 2, 3, 250]));
        };
        ws.onerror = () => reject(new Error('WebSocket error'));
        ws.onmessage = (event: MessageEvent<string | ArrayBuffer>) => {
          out.push(typeof event.data === 'string' ? event.data : `binary:${Array.from(new Uint8Array(event.data)).join(',')}`);
          if (out.length === 5) resolve();
        };
      });
      ws.close(1000, 'done');
      return out;
    });
    const [handshakeText, frame1Text, echo1, frame2Text, echo2] = messages;
    const handshake = JSON.parse(handshakeText ?? '') as InspectHandshake;
    expect(handshake.exact).toBe(true);
    expect(handshake.requestHead).toMatch(/^GET \/lab\/ws\/inspect HTTP\/1\.1\r\n/);
    expect(handshake.requestHead).toMatch(/\r\nSec-WebSocket-Version: 13\r\n/);
    expect(handshake.requestHead).toMatch(/\r\nOrigin: http:\/\/127\.0\.0\.1:\d+\r\n/);
    expect(handshake.requestHead).toMatch(/\r\nSec-WebSocket-Key: [A-Za-z0-9+/]{22}==\r\n/);

    const frame1 = JSON.parse(frame1Text ?? '') as InspectFrame;
    const decoded = decodeFrames(Buffer.from(frame1.hex, 'hex'), { from: 'client' });
    expect(decoded.violations).toEqual([]);
    expect(decoded.frames[0]).toMatchObject({ fin: true, opcode: 1, masked: true, payloadLength: 5 });
    expect(new TextDecoder().decode(decoded.frames[0]?.payload)).toBe('Hello');
    // Chromium draws a fresh mask key per frame (RFC 6455 §5.3): the wire bytes differ from "Hello".
    expect(frame1.hex.slice(12)).not.toBe(Buffer.from('Hello').toString('hex'));
    expect(echo1).toBe('Hello');

    const frame2 = JSON.parse(frame2Text ?? '') as InspectFrame;
    const binary = decodeFrames(Buffer.from(frame2.hex, 'hex'), { from: 'client' }).frames[0];
    expect(binary?.opcode).toBe(2);
    expect([...(binary?.payload ?? [])]).toEqual([1, 2, 3, 250]);
    expect(echo2).toBe('binary:1,2,3,250');
  });

  it('echoes the browser\'s real request head on /lab/http/head', async () => {
    const echo = (await page.evaluate(async () => (await fetch('/lab/http/head', { headers: { Accept: 'application/json' } })).json())) as HeadEcho;
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
