/**
 * The lab's HTTP routes: raw head echo, the 414/431 limit endpoints, status with CORS, the Origin
 * rules, and the built site served next to them.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadEcho, LabStatus, LimitReport } from '../../src/lab-protocol/messages';
import type { RunningLab } from '../../lab/server';
import { precompress } from '../../scripts/precompress';
import { labServerTiming } from '../../src/lab-protocol/served-by';
import { RawClient, startTestLab } from './helpers';

let lab: RunningLab;
let site: string;
/** Large enough to be precompressed, repetitive enough to shrink. */
const bigCss = Array.from({ length: 200 }, (_, i) => `.rule-${i} { margin: ${i}px; }`).join('\n');
beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'lab-site-'));
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(join(site, '404.html'), '<!doctype html><title>missing</title>');
  mkdirSync(join(site, 'lessons', 'start-here'), { recursive: true });
  writeFileSync(join(site, 'lessons', 'start-here', 'index.html'), '<!doctype html><title>lesson</title>');
  mkdirSync(join(site, '_astro'));
  writeFileSync(join(site, '_astro', 'app.abc123.js'), 'console.log(1)');
  writeFileSync(join(site, '_astro', 'big.abc123.css'), bigCss);
  precompress(site);
  lab = await startTestLab({ siteDir: site, allowOrigins: ['https://wire-notebook.example'] });
});
afterAll(async () => {
  await lab.close();
  rmSync(site, { recursive: true, force: true });
});

const url = (path: string) => `http://127.0.0.1:${lab.port}${path}`;

async function rawRequest(text: string): Promise<{ head: string; body: string }> {
  const client = await RawClient.connect(lab.port);
  client.write(text);
  const head = await client.readHead();
  const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
  const body = (await client.take(length)).toString('latin1');
  client.destroy();
  return { head, body };
}

describe('/lab/http/head', () => {
  it('echoes the request head byte for byte, odd spacing and case included', async () => {
    const sent =
      'GET /lab/http/head?x=1 HTTP/1.1\r\nhost: 127.0.0.1\r\nX-Odd-Case:   spaced value  \r\nACCEPT: */*\r\n\r\n';
    const { head, body } = await rawRequest(sent);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(body).toBe(sent);
  });

  it('gives JSON with the header lines in order when asked', async () => {
    const response = await fetch(url('/lab/http/head?format=json'), { headers: { 'X-First': 'a', 'X-Second': 'b' } });
    const echo = (await response.json()) as HeadEcho;
    expect(echo.exact).toBe(true);
    expect(echo.method).toBe('GET');
    expect(echo.target).toBe('/lab/http/head?format=json');
    expect(echo.head.startsWith('GET /lab/http/head?format=json HTTP/1.1\r\n')).toBe(true);
    expect(echo.bytes).toBe(echo.head.length);
    const names = echo.headers.map(([name]) => name.toLowerCase());
    expect(names.indexOf('x-first')).toBeLessThan(names.indexOf('x-second'));
  });

  it('finds the right head among pipelined requests on one connection', async () => {
    const client = await RawClient.connect(lab.port);
    // Two loopback spellings tell the heads apart: the lab refuses other names (DNS rebinding guard, lab/host.ts).
    const first = 'GET /lab/http/head?n=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    const second = 'GET /lab/http/head?n=2 HTTP/1.1\r\nHost: localhost\r\n\r\n';
    client.write(first + second);
    for (const expected of [first, second]) {
      const head = await client.readHead();
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
      expect((await client.take(length)).toString('latin1')).toBe(expected);
    }
    client.destroy();
  });
});

describe('/lab/http/limit/<size>', () => {
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url(path), { headers });
    return { status: response.status, report: (await response.json()) as LimitReport };
  };

  it('answers 200 under the limit with the sizes it measured', async () => {
    const { status, report } = await get('/lab/http/limit/8k', { 'X-Pad': 'a'.repeat(1000) });
    expect(status).toBe(200);
    expect(report.limit).toBe(8192);
    expect(report.headerBytes).toBeGreaterThan(1000);
    expect(report.largestField).toEqual({ name: 'X-Pad', bytes: 'X-Pad: '.length + 1000 + 2 });
  });

  it('answers 431 when the header fields exceed 8 KiB, and says why (RFC 6585 §5)', async () => {
    const { status, report } = await get('/lab/http/limit/8k', { 'X-Pad': 'a'.repeat(9000) });
    expect(status).toBe(431);
    expect(report.explanation).toMatch(/431.*RFC 6585 §5/);
    expect(report.explanation).toContain('X-Pad');
  });

  it('answers 414 when the request target exceeds the limit (RFC 9110 §15.5.15)', async () => {
    const { status, report } = await get(`/lab/http/limit/8k?q=${'b'.repeat(8200)}`);
    expect(status).toBe(414);
    expect(report.targetBytes).toBeGreaterThan(8192);
  });

  it("reaches the 16k endpoint with 12 KiB of headers (above 8k, below Node's default)", async () => {
    expect((await get('/lab/http/limit/16k', { 'X-Pad': 'a'.repeat(12_000) })).status).toBe(200);
    expect((await get('/lab/http/limit/8k', { 'X-Pad': 'a'.repeat(12_000) })).status).toBe(431);
  });

  it('the 16k endpoint, not Node, answers 431 just above 16 KiB (maxHeaderSize is raised)', async () => {
    const { status, report } = await get('/lab/http/limit/16k', { 'X-Pad': 'a'.repeat(17_000) });
    expect(status).toBe(431);
    expect(report.limit).toBe(16384);
    expect((await get('/lab/http/limit/32k', { 'X-Pad': 'a'.repeat(17_000) })).status).toBe(200);
  });

  it("above the lab's own maxHeaderSize Node refuses, and the lab explains", async () => {
    // Hand-written heads name loopback in Host: the lab answers 403 to other names (lab/host.ts).
    const { head, body } = await rawRequest(
      `GET /lab/http/limit/32k HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ${'a'.repeat(70_000)}\r\n\r\n`,
    );
    expect(head).toMatch(/^HTTP\/1\.1 431/);
    expect(body).toContain(String(lab.config.maxHeaderSize));
  });
});

describe('/lab/status and the Origin rules', () => {
  it('describes the lab', async () => {
    const status = (await (await fetch(url('/lab/status'))).json()) as LabStatus;
    expect(status.lab).toBe('wire-notebook');
    expect(status.version).toBe('3'); // permessage-deflate and message reports on /lab/ws/inspect
    expect(status.websocket.echo).toBe(`ws://127.0.0.1:${lab.port}/lab/ws/echo`);
    expect(status.tcpEchoPort).toBe(lab.tcpEchoPort);
    expect(status.servesSite).toBe(true);
    expect(status.experiments).toEqual(['nagle', 'boundaries', 'backpressure', 'refused']);
  });

  it('lets an allowed origin read it (CORS) and answers its preflight, Private Network Access included', async () => {
    const origin = 'https://wire-notebook.example';
    const response = await fetch(url('/lab/status'), { headers: { Origin: origin } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    const preflight = await fetch(url('/lab/http/limit/8k'), {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-pad',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-pad');
    expect(preflight.headers.get('access-control-allow-private-network')).toBe('true');
  });

  it('refuses other origins with 403 and no CORS header', async () => {
    const response = await fetch(url('/lab/http/head'), { headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).toContain('--allow-origin');
  });

  it('lets a refused page read the refusal on /lab/status only, with the flag that admits it', async () => {
    const response = await fetch(url('/lab/status'), { headers: { Origin: 'https://notebook.example' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://notebook.example');
    expect(await response.json()).toEqual({
      lab: 'wire-notebook',
      refused: 'origin',
      origin: 'https://notebook.example',
      allowWith: 'npm start -- --allow-origin https://notebook.example',
    });
    // Nothing else the lab knows is in it, and other routes still answer without CORS.
    const other = await fetch(url('/lab/tcp/refused'), { headers: { Origin: 'https://notebook.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a cross-site browser request that carries no Origin (Sec-Fetch-Site)', async () => {
    const response = await fetch(url('/lab/tcp/refused'), { headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(response.status).toBe(403);
  });

  it('allows requests without Origin (nc, curl, same-origin GETs)', async () => {
    expect((await fetch(url('/lab/status'))).status).toBe(200);
  });
});

describe('the built site', () => {
  it('serves pages and assets from siteDir, with long caching for /_astro/', async () => {
    const home = await fetch(url('/'));
    expect(await home.text()).toContain('<title>home</title>');
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(await (await fetch(url('/lessons/start-here/'))).text()).toContain('lesson');
    const asset = await fetch(url('/_astro/app.abc123.js'));
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('sends the precompressed copy the client accepts, Brotli first, and the plain file to clients that accept neither', async () => {
    // Host names loopback: the lab refuses other names, the site included (DNS rebinding guard, lab/host.ts).
    const get = (encoding: string) =>
      rawRequest(
        `GET /_astro/big.abc123.css HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: ${encoding}\r\nConnection: close\r\n\r\n`,
      );
    const brotli = await get('gzip, deflate, br');
    expect(brotli.head).toMatch(/\r\ncontent-encoding: br\r\n/i);
    expect(brotli.head).toMatch(/\r\nvary: accept-encoding\r\n/i);
    expect(brotliDecompressSync(Buffer.from(brotli.body, 'latin1')).toString()).toBe(bigCss);
    const gzip = await get('gzip');
    expect(gzip.head).toMatch(/\r\ncontent-encoding: gzip\r\n/i);
    expect(gunzipSync(Buffer.from(gzip.body, 'latin1')).toString()).toBe(bigCss);
    const plain = await get('identity');
    expect(plain.head).not.toMatch(/content-encoding/i);
    expect(plain.body).toBe(bigCss);
  });

  it("answers 404 with the site's 404 page, and never leaves siteDir", async () => {
    const missing = await fetch(url('/nope/'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('missing');
    // A loopback Host, so the 404 comes from the site and not from the Host guard (lab/host.ts).
    const { head } = await rawRequest('GET /../../../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 404/);
  });

  it('marks every page it serves with its Server-Timing metric: 200, 304, Brotli and the 404 page', async () => {
    // The page reads this from its navigation entry to know the lab served it (src/lab-protocol/served-by.ts).
    const metric = labServerTiming();
    const home = await fetch(url('/'));
    expect(home.headers.get('server-timing')).toBe(metric);
    const brotli = await rawRequest(
      'GET /_astro/big.abc123.css HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: br\r\nConnection: close\r\n\r\n',
    );
    expect(brotli.head).toMatch(/\r\ncontent-encoding: br\r\n/i);
    expect(brotli.head).toContain(`\r\nServer-Timing: ${metric}\r\n`);
    // A revalidated reload: sirv answers 304 without calling setHeaders, so the lab sets the metric first.
    const etag = home.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await rawRequest(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: ${etag}\r\n\r\n`);
    expect(again.head).toMatch(/^HTTP\/1\.1 304/);
    expect(again.head).toContain(`\r\nServer-Timing: ${metric}\r\n`);
    expect((await fetch(url('/nope/'))).headers.get('server-timing')).toBe(metric);
    // Lab routes are not pages.
    expect((await fetch(url('/lab/status'))).headers.get('server-timing')).toBeNull();
  });

  it('unknown /lab/ routes get a JSON 404 listing the routes', async () => {
    const response = await fetch(url('/lab/nothing'));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { routes: string[] }).routes).toContain('/lab/ws/inspect');
  });
});
