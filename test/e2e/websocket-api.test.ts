// What the lesson "WebSocket messages and closing" says about the browser's WebSocket API, checked in real
// Chromium against the same exercise definitions the lesson uses: close() throws SyntaxError above 123 bytes of
// reason and InvalidAccessError for codes outside 1000 and 3000–4999; bufferedAmount counts UTF-8 bytes queued.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WebSocketServer } from 'ws';
import handshake from '../../src/exercises/lessons/websocket-handshake';
import messages from '../../src/exercises/lessons/websocket-messages';
import type { ValueVariant } from '../../src/exercises/types';
import { resolveVariant } from '../../src/exercises/variant';
import { browserAvailable, launchChromium } from './browser';

const SEEDS = Array.from({ length: 60 }, (_, i) => (i * 2654435761) >>> 0);

describe.runIf(browserAvailable())('the WebSocket API in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: WebSocketServer;
  let url: string;
  const base = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium();
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    page = await browser.newPage();
    await page.goto(new URL('lessons/websocket-messages/', base).href);
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('close() accepts the longest reason the exercise computes, and throws SyntaxError one character later', async () => {
    const checked = new Set<string>();
    for (const seed of SEEDS) {
      const v = resolveVariant(messages['close-reason-chars'], seed) as ValueVariant;
      const char = v.prompt.match(/\((.)\)/u)?.[1] ?? 'a';
      if (checked.has(char)) continue;
      checked.add(char);
      const result = await page.evaluate(
        async ({ url, char, max }) => {
          const attempt = async (n: number) => {
            const ws = new WebSocket(url);
            await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
            try {
              ws.close(1000, char.repeat(n));
              return 'closed';
            } catch (e) {
              ws.close();
              return (e as DOMException).name;
            }
          };
          return { atMax: await attempt(max), above: await attempt(max + 1) };
        },
        { url, char, max: v.answer.value as number },
      );
      expect(result, char).toEqual({ atMax: 'closed', above: 'SyntaxError' });
    }
    expect(checked.size).toBeGreaterThanOrEqual(4);
  });

  it('close() throws InvalidAccessError for codes a page may not send', async () => {
    const names = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
      const tryClose = (code: number) => {
        try {
          ws.close(code);
          return 'closed';
        } catch (e) {
          return (e as DOMException).name;
        }
      };
      return [1001, 1002, 2999, 5000].map(tryClose).concat(tryClose(3000));
    }, url);
    expect(names).toEqual([
      'InvalidAccessError',
      'InvalidAccessError',
      'InvalidAccessError',
      'InvalidAccessError',
      'closed',
    ]);
  });

  it('bufferedAmount right after send() is the UTF-8 byte count the exercise expects', async () => {
    for (const seed of SEEDS.slice(0, 12)) {
      const v = resolveVariant(messages['buffered-amount'], seed) as ValueVariant;
      const texts = [...v.prompt.matchAll(/ws\.send\('([^']*)'\)/g)].map((m) => m[1]!);
      const amount = await page.evaluate(
        async ({ url, texts }) => {
          const ws = new WebSocket(url);
          await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
          for (const t of texts) ws.send(t);
          const queued = ws.bufferedAmount; // same task: nothing has been handed to the network yet
          ws.close();
          return queued;
        },
        { url, texts },
      );
      expect(amount, texts.join(' | ')).toBe(v.answer.value);
    }
  });

  it('new WebSocket() throws SyntaxError for exactly the protocol-token candidates the exercise rejects', async () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const v = resolveVariant(handshake['protocol-token'], seed) as ValueVariant;
      const candidates = v.figure!.split('\n').map((l) => l.replace(/^\d+\. /, ''));
      const outcomes = await page.evaluate(
        ({ url, candidates }) =>
          candidates.map((c) => {
            try {
              new WebSocket(url, ['chat.v1', c]).close();
              return 'ok';
            } catch (e) {
              return (e as DOMException).name;
            }
          }),
        { url, candidates },
      );
      expect(outcomes, candidates.join(' | ')).toEqual(
        candidates.map((_, i) => (i + 1 === v.answer.value ? 'ok' : 'SyntaxError')),
      );
    }
  });
});
