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
  type InspectMessage,
  type InspectServerFrame,
} from '../../src/lab-protocol/messages';
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
    // Chromium offers permessage-deflate on every connection (RFC 7692); the lab accepts it as ws would.
    expect(handshake.requestHead).toMatch(
      /\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n/,
    );
    expect(handshake.extension).toBe('permessage-deflate');
    expect(handshake.responseHead).toMatch(/\r\nSec-WebSocket-Extensions: permessage-deflate\r\n/);

    const clientFrames = reports.filter((r): r is InspectFrame => r?.type === 'frame');
    const serverFrames = reports.filter((r): r is InspectServerFrame => r?.type === 'server-frame');
    const echoes = messages.filter((_, i) => reports[i] === undefined);
    expect(clientFrames).toHaveLength(4);

    // Chromium compresses even "Hello": RSV1 on the frame (RFC 7692 §6.1), a DEFLATE payload, and the lab's
    // `message` report with what it inflated.
    const inflated = reports.filter((r): r is InspectMessage => r?.type === 'message');
    const hello = decodeFrames(Buffer.from(clientFrames[0]!.hex, 'hex'), { from: 'client', allowRsv1: true });
    expect(hello.violations).toEqual([]);
    expect(hello.frames[0]).toMatchObject({ fin: true, rsv1: true, opcode: 1, masked: true });
    expect(inflated[0]).toMatchObject({ seq: 0, opcode: 1, length: 5 });
    expect(Buffer.from(inflated[0]!.hex, 'hex').toString()).toBe('Hello');
    expect(inflated[0]!.compressedLength).toBe(hello.frames[0]!.payloadLength);
    // Without the extension the same bytes break RFC 6455 §5.2.
    expect(
      decodeFrames(Buffer.from(clientFrames[0]!.hex, 'hex'), { from: 'client' }).violations.map((v) => v.id),
    ).toContain('RSV_BITS_SET');

    const binary = decodeFrames(Buffer.from(clientFrames[1]!.hex, 'hex'), { from: 'client', allowRsv1: true })
      .frames[0];
    expect(binary).toMatchObject({ opcode: 2, rsv1: true });
    expect(inflated[1]).toMatchObject({ seq: 1, opcode: 2, length: 4, hex: '010203fa' });
    expect(echoes).toEqual(['Hello', 'binary:1,2,3,250']);

    // What the lab reports sending is what the browser received: unmasked frames carrying the echoes (§5.1),
    // uncompressed because they are under the lab's 1024-byte threshold.
    const sent = serverFrames.map((r) => decodeFrames(Buffer.from(r.hex, 'hex'), { from: 'server' }));
    expect(serverFrames.map((r) => r.cause)).toEqual(['echo', 'echo', 'ping']);
    expect(sent.map((d) => d.violations)).toEqual([[], [], []]);
    expect(new TextDecoder().decode(sent[0]!.frames[0]?.payload)).toBe('Hello');
    expect([...(sent[1]!.frames[0]?.payload ?? [])]).toEqual([1, 2, 3, 250]);
    expect(sent[2]!.frames[0]).toMatchObject({ opcode: 9, masked: false });
    expect(new TextDecoder().decode(sent[2]!.frames[0]?.payload)).toBe(pingData);

    // Chromium's own Pong, masked like every client frame, carrying the Ping's data (§5.5.2–5.5.3).
    const pong = decodeFrames(Buffer.from(clientFrames[3]!.hex, 'hex'), { from: 'client', allowRsv1: true });
    expect(pong.violations).toEqual([]);
    expect(pong.frames[0]).toMatchObject({ opcode: 10, masked: true });
    expect(new TextDecoder().decode(pong.frames[0]?.payload)).toBe(pingData);
  });

  it('Chromium inflates the lab’s compressed echoes, message after message (context takeover)', async () => {
    const result = await page.evaluate(async () => {
      const ws = new WebSocket(`ws://${location.host}/lab/ws/echo`);
      await new Promise<void>((resolve, reject) => {
        ws.onopen = () => resolve();
        ws.onerror = () => reject(new Error('WebSocket error'));
      });
      // Over the lab's 1024-byte threshold, so each echo is compressed; repeats refer back into earlier ones.
      const sent = [0, 1, 2, 3].map((k) => `message ${k}: ` + 'Grüße aus dem Labor, '.repeat(150 + k * 40));
      const echoes: string[] = [];
      const done = new Promise<void>((resolve) => {
        ws.onmessage = (event: MessageEvent<string>) => {
          echoes.push(event.data);
          if (echoes.length === sent.length) resolve();
        };
      });
      for (const m of sent) ws.send(m);
      await done;
      ws.close();
      return {
        extensions: ws.extensions,
        same: echoes.every((e, i) => e === sent[i]),
        lengths: echoes.map((e) => e.length),
      };
    });
    expect(result.extensions).toBe('permessage-deflate');
    expect(result.same).toBe(true);
  });

  it('shows RSV1 and the inflated text of Chromium’s compressed frame in the lab console', async () => {
    const lesson = await browser.newPage();
    try {
      await lesson.goto(new URL('lessons/websocket-framing/', inject('baseUrl')).href);
      const console_ = lesson.locator('[data-widget="lab-console"]');
      await console_.scrollIntoViewIfNeeded();
      // Hydrated: Astro removes the island's ssr attribute.
      await expect
        .poll(() => console_.locator('xpath=ancestor::astro-island').getAttribute('ssr'), { timeout: 30_000 })
        .toBeNull();
      await console_.getByRole('button', { name: /^Connect/ }).click();
      await expect
        .poll(() => console_.getByRole('button', { name: 'Send text' }).isEnabled(), { timeout: 15_000 })
        .toBe(true);
      await console_.getByRole('button', { name: 'Send text' }).click();
      const frame = console_.getByRole('article', { name: 'Frame 1 from your browser' });
      await expect.poll(() => frame.textContent(), { timeout: 15_000 }).toMatch(/RSV1 \(compressed\), masked/);
      const sent = await console_.getByLabel('Text message', { exact: true }).inputValue();
      await expect.poll(() => frame.locator('[data-inflated]').textContent()).toContain(sent);
      expect(await frame.textContent()).not.toMatch(/The decoder reports/);
      expect(await console_.textContent()).toMatch(/Extension accepted: permessage-deflate/);
    } finally {
      await lesson.close();
    }
  });

  it('at 360 px keeps the first frame within a screen of Send text, as one row that opens on click', async () => {
    const lesson = await browser.newPage({ viewport: { width: 360, height: 800 } });
    try {
      await lesson.goto(new URL('lessons/websocket-framing/', inject('baseUrl')).href);
      const console_ = lesson.locator('[data-widget="lab-console"]');
      await console_.scrollIntoViewIfNeeded();
      await expect
        .poll(() => console_.locator('xpath=ancestor::astro-island').getAttribute('ssr'), { timeout: 30_000 })
        .toBeNull();
      await console_.getByRole('button', { name: /^Connect/ }).click();
      const send = console_.getByRole('button', { name: 'Send text' });
      await expect.poll(() => send.isEnabled(), { timeout: 15_000 }).toBe(true);
      await send.click();
      await console_.getByRole('button', { name: 'Send text' }).click();
      const first = console_.getByRole('article', { name: 'Frame 1 from your browser' });
      const second = console_.getByRole('article', { name: 'Frame 2 from your browser' });
      await second.waitFor({ timeout: 15_000 });
      // Oldest first: frame 1 above frame 2, both above Send, and the newest within a screen of it.
      const [a, b, s] = await Promise.all([first.boundingBox(), second.boundingBox(), send.boundingBox()]);
      expect(a!.y).toBeLessThan(b!.y);
      expect(b!.y).toBeLessThan(s!.y);
      expect(s!.y - b!.y).toBeLessThan(800);
      // Folded until chosen: its bytes open under the row.
      const bytes = first.getByRole('group', { name: /Bytes of frame 1 from your browser/ });
      expect(await bytes.isVisible()).toBe(false);
      await first.locator('summary.wn-lab-frame-title').click();
      expect(await bytes.isVisible()).toBe(true);
    } finally {
      await lesson.close();
    }
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
