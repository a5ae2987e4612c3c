/**
 * Makes the real captures in content/captures/ (run as root: tcpdump needs it):
 *
 *   npx tsx scripts/captures/make.ts [ipv4] [ipv6] [any] [large] [deflate] [deflate-context] [wss] [ip-layers]   (none named: all)
 *
 * Each capture is headless Chromium (playwright-core, /usr/bin/chromium) opening a WebSocket to the lab's
 * echo endpoint on loopback while tcpdump records it. Chromium first loads /lab/status over plain HTTP, so
 * each file also holds one ordinary HTTP connection. Files:
 *
 * - chromium-ipv4.pcap       `tcpdump -i lo`, 127.0.0.1: "Hello", a binary message, Close 1000 "bye"
 * - chromium-ipv4.pcapng     the same file through `editcap -F pcapng`
 * - chromium-ipv6.pcap       `tcpdump -i lo`, ::1
 * - chromium-any.pcap        `tcpdump -i any -y LINUX_SLL2` (Linux cooked v2)
 * - chromium-large.pcap      a 3000-byte text message over several segments. Chromium connects through
 *                            scripts/captures/split-proxy.py, which relays its bytes unchanged to the lab
 *                            in 1000-byte writes; the capture records the relay ⇄ lab leg only (on
 *                            loopback tcpdump sees packets before GSO cuts them, so a small MSS alone
 *                            would still show one 3074-byte packet)
 * - chromium-merged.pcapng   `mergecap` of the ipv4 and any captures: two interfaces, two link types
 * - chromium-deflate.pcap    Chromium to a `ws` server (not the lab) with perMessageDeflate: both sides
 *                            negotiate permessage-deflate and send "Hello" compressed (RSV1)
 * - chromium-deflate-context.pcap  the same, with "Hello" sent twice: both sides keep their compression
 *                            context (RFC 7692 §7.2.3.2), so each second "Hello" refers back to the first
 * - chromium-reordered.pcap  chromium-large.pcap rewritten by scripts/captures/reorder.ts (this machine has
 *                            no netem): two client data segments swapped, one duplicated
 * - chromium-null.pcap       chromium-ipv4.pcap rewritten by scripts/captures/null-link.ts to macOS's lo0
 *                            link type (BSD loopback, LINKTYPE_NULL); a Linux machine cannot capture one
 * - chromium-wss.pcap       Chromium to a `ws` echo server over TLS (wss://, a key and self-signed certificate
 *                            made with openssl for the run, never kept; Chromium told to ignore the certificate
 *                            error): the capture shows only TLS records
 * - ip-layers.pcap           `tcpdump -i lo` while scripts/captures/ip-layers.py sends hand-built packets
 *                            through raw sockets: IPv4 options, IPv4 fragments, IPv6 extension headers and
 *                            IPv6 fragments, each answered by the kernel's RST
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { startLab } from '../../lab/server';
import { analyseCapture } from '../../src/protocol/capture/analyser';
import { CHROMIUM_FLAGS, chromiumPath } from '../chromium';
import { nullLinkCapture } from './null-link';
import { reorderCapture } from './reorder';

const OUT = join(import.meta.dirname, '../../content/captures');
async function waitFor(child: ChildProcess, stream: 'stdout' | 'stderr', text: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child[stream]!.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${child.spawnfile} exited (${code}) before "${text}": ${seen}`)));
  });
}

async function tcpdump(args: string[]): Promise<() => Promise<void>> {
  const child = spawn('tcpdump', ['-U', '-n', '--immediate-mode', '-Z', 'root', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await waitFor(child, 'stderr', 'listening on');
  return async () => {
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    await once(child, 'exit');
  };
}

/**
 * Runs in the page: the WebSocket conversation every capture records. A string, not a function: tsx's
 * transform would add helpers to a function that do not exist in the page.
 */
const CONVERSE = `async ([url, large, again]) => {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const got = [];
  const next = () => new Promise((resolve) => {
    ws.onmessage = (e) => {
      got.push(typeof e.data === 'string' ? 'text ' + e.data.length : 'binary ' + e.data.byteLength);
      resolve();
    };
  });
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let p = next();
  ws.send('Hello');
  await p;
  if (again) {
    // Sent twice: with context takeover the second copy is deflated as a reference back to the first.
    p = next();
    ws.send('Hello');
    await p;
  }
  p = next();
  ws.send(new Uint8Array([0, 1, 2, 3, 0xfe, 0xff]));
  await p;
  if (large) {
    // 3000 bytes of text that reads as what it is: line n says its own number.
    let text = '';
    for (let n = 0; text.length < 3000; n++) text += 'line ' + String(n).padStart(3, '0') + ' of a message bigger than one segment\\n';
    p = next();
    ws.send(text.slice(0, 3000));
    await p;
  }
  const closed = new Promise((resolve) => (ws.onclose = resolve));
  ws.close(1000, 'bye');
  await closed;
  return got;
}`;

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
  const run = async (host: string, device: string[], file: string, large = false): Promise<void> => {
    const lab = await startLab({ port: 0, host, siteDir: null, tcpEchoPort: null });
    let wsPort = lab.port;
    let proxy: ChildProcess | undefined;
    if (large) {
      wsPort = lab.port + 1000;
      proxy = spawn(
        'python3',
        [join(import.meta.dirname, 'split-proxy.py'), String(wsPort), host, String(lab.port), '1000'],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await waitFor(proxy, 'stdout', 'ready');
    }
    const stop = await tcpdump([...device, '-w', join(OUT, file), `tcp port ${lab.port}`]);
    const page = await browser.newPage();
    await page.goto(`${lab.origin}/lab/status`);
    const wsUrl = `${lab.origin.replace('http', 'ws').replace(`:${lab.port}`, `:${wsPort}`)}/lab/ws/echo`;
    const got = await page.evaluate<string[]>(`(${CONVERSE})(${JSON.stringify([wsUrl, large])})`);
    await page.close();
    await stop();
    proxy?.kill();
    await lab.close();
    console.log(`${file}: ${got.join(', ')}`);
  };
  /** A capture that missed packets (tcpdump -i any sometimes starts late on an interface) is made again. */
  const complete = (file: string): boolean => {
    const a = analyseCapture(new Uint8Array(readFileSync(join(OUT, file))));
    return a.connections.some(
      (c) => c.websocket?.upgraded === true && c.messages.filter((m) => m.type === 'close').length === 2,
    );
  };
  const make = async (host: string, device: string[], file: string, large = false): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      await run(host, device, file, large);
      if (complete(file)) return;
      if (attempt === 3) throw new Error(`${file}: the capture missed part of the conversation three times`);
      console.log(`${file}: incomplete, capturing again`);
    }
  };
  /** Chromium to a `ws` echo server with permessage-deflate; the page is served by the same server. */
  const deflate = async (file: string, again = false): Promise<void> => {
    const server = createServer((_, res) => res.end('deflate capture'));
    const wss = new WebSocketServer({ server, perMessageDeflate: { threshold: 0 } });
    wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const stop = await tcpdump(['-i', 'lo', '-w', join(OUT, file), `tcp port ${port}`]);
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const got = await page.evaluate<string[]>(
      `(${CONVERSE})(${JSON.stringify([`ws://127.0.0.1:${port}/`, false, again])})`,
    );
    await page.close();
    await stop();
    wss.close();
    server.close();
    console.log(`${file}: ${got.join(', ')}`);
  };
  const only = process.argv.slice(2);
  const want = (name: string): boolean => only.length === 0 || only.includes(name);
  if (want('ipv4')) await make('127.0.0.1', ['-i', 'lo'], 'chromium-ipv4.pcap');
  if (want('ipv6')) await make('::1', ['-i', 'lo'], 'chromium-ipv6.pcap');
  if (want('any')) await make('127.0.0.1', ['-i', 'any', '-y', 'LINUX_SLL2'], 'chromium-any.pcap');
  if (want('large')) await make('127.0.0.1', ['-i', 'lo'], 'chromium-large.pcap', true);
  if (want('deflate')) await deflate('chromium-deflate.pcap');
  if (want('deflate-context')) await deflate('chromium-deflate-context.pcap', true);
  if (want('wss')) {
    const dir = mkdtempSync(join(tmpdir(), 'wn-wss-'));
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    const server = createTlsServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (_, res) => res.end('wss capture'),
    );
    rmSync(dir, { recursive: true });
    const wss = new WebSocketServer({ server });
    wss.on('connection', (ws) => ws.on('message', (data, binary) => ws.send(data, { binary })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const stop = await tcpdump(['-i', 'lo', '-w', join(OUT, 'chromium-wss.pcap'), `tcp port ${port}`]);
    const insecure = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [...CHROMIUM_FLAGS, '--ignore-certificate-errors'],
    });
    const page = await insecure.newPage();
    await page.goto(`https://127.0.0.1:${port}/`);
    const got = await page.evaluate<string[]>(`(${CONVERSE})(${JSON.stringify([`wss://127.0.0.1:${port}/`, false])})`);
    await insecure.close();
    await stop();
    wss.close();
    server.close();
    console.log(`chromium-wss.pcap: ${got.join(', ')}`);
  }
  if (want('ip-layers')) {
    const port = 9419;
    const stop = await tcpdump([
      '-i',
      'lo',
      '-w',
      join(OUT, 'ip-layers.pcap'),
      // The port; fragments (only the first carries the TCP header): IPv4 MF or offset, IPv6 header 44;
      // and IPv6 with a Hop-by-Hop header (0), which the filter's `tcp` does not look past.
      `tcp port ${port} or (ip and ip[6:2] & 0x3fff != 0) or (ip6 and (ip6[6] == 44 or ip6[6] == 0))`,
    ]);
    execFileSync('python3', [join(import.meta.dirname, 'ip-layers.py'), String(port)]);
    await stop();
    console.log('ip-layers.pcap: done');
  }
  await browser.close();
  // The derived files follow their sources, so one new capture does not rewrite the others.
  if (want('ipv4'))
    execFileSync('editcap', ['-F', 'pcapng', join(OUT, 'chromium-ipv4.pcap'), join(OUT, 'chromium-ipv4.pcapng')]);
  if (want('ipv4') || want('any'))
    execFileSync('mergecap', [
      '-F',
      'pcapng',
      '-w',
      join(OUT, 'chromium-merged.pcapng'),
      join(OUT, 'chromium-ipv4.pcap'),
      join(OUT, 'chromium-any.pcap'),
    ]);
  if (want('ipv4')) nullLinkCapture(join(OUT, 'chromium-ipv4.pcap'), join(OUT, 'chromium-null.pcap'));
  if (want('large')) reorderCapture(join(OUT, 'chromium-large.pcap'), join(OUT, 'chromium-reordered.pcap'));
  console.log('done');
}

await main();
