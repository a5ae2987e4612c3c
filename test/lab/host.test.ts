/**
 * The Host allow-list (lab/host.ts), the guard against DNS rebinding: the parser and policy on their
 * own, then over real sockets on every kind of route — the site, /lab/* routes, an experiment and
 * the WebSocket upgrade. A rebound page's requests come from the browser with `Host: <its name>`,
 * so these tests send such heads by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseCli } from '../../lab/config';
import { createHostPolicy, hostFields, normaliseAllowedHosts, parseHost } from '../../lab/host';
import type { RunningLab } from '../../lab/server';
import { RawClient, startTestLab, upgradeHead } from './helpers';

const raw = (host: string) => ['Host', host, 'Accept', '*/*'];

describe('parseHost (RFC 9110 §7.2)', () => {
  it.each([
    ['127.0.0.1:8787', { kind: 'ip', name: '127.0.0.1', port: '8787' }],
    ['127.0.0.1', { kind: 'ip', name: '127.0.0.1', port: null }],
    ['[::1]:8787', { kind: 'ip', name: '[::1]', port: '8787' }],
    ['[::FFFF:127.0.0.1]', { kind: 'ip', name: '[::ffff:127.0.0.1]', port: null }],
    // The WHATWG URL parser reads these as the address a browser would connect to.
    ['127.1:80', { kind: 'ip', name: '127.0.0.1', port: '80' }],
    ['0x7f.0.0.1', { kind: 'ip', name: '127.0.0.1', port: null }],
    ['LocalHost.:8787', { kind: 'name', name: 'localhost', port: '8787' }],
    ['Evil.Example', { kind: 'name', name: 'evil.example', port: null }],
  ])('%s', (value, expected) => {
    expect(parseHost(value)).toEqual(expected);
  });

  it.each(['', '[::1', '[not-v6]', 'a b', 'evil.example/x', 'user@127.0.0.1', '127.0.0.1:80x', '::1'])(
    'refuses %j',
    (value) => {
      expect(parseHost(value)).toBeNull();
    },
  );
});

describe('host policy', () => {
  const policy = createHostPolicy(['Lab.Example.Test', '::1', '0.0.0.0', 'localhost']);

  it('keeps only names that need adding', () => {
    expect(policy.names).toEqual(['lab.example.test']);
  });

  it.each([
    '127.0.0.1:8787',
    '[::1]:8787',
    '10.0.0.5',
    'localhost',
    'localhost:8787',
    'wire.localhost:8787',
    'lab.example.test:8787',
    'LAB.example.test.',
  ])('serves Host %s', (host) => {
    expect(policy.check(raw(host), '/')).toEqual({ ok: true });
  });

  it('refuses a foreign name with one line naming the flag to add', () => {
    const verdict = policy.check(raw('Evil.Example:8787'), '/lab/status');
    expect(verdict).toMatchObject({ ok: false, status: 403, problem: 'foreign' });
    const reason = verdict.ok ? '' : verdict.reason;
    expect(reason).toContain('--allow-host evil.example');
    expect(reason).not.toContain('\n');
  });

  it.each([
    ['localhost.evil.example', 'a name that only starts like localhost'],
    ['evil-localhost', 'a name that only ends like localhost'],
    ['example.test', 'the parent of an allowed name'],
    ['sub.lab.example.test', 'a child of an allowed name'],
  ])('refuses %s (%s)', (host) => {
    expect(policy.check(raw(host), '/')).toMatchObject({ ok: false, status: 403 });
  });

  it('answers 400 for no Host, two Hosts and a malformed one', () => {
    expect(policy.check(['Accept', '*/*'], '/')).toMatchObject({ ok: false, status: 400, problem: 'missing' });
    expect(policy.check(['Host', ''], '/')).toMatchObject({ ok: false, status: 400, problem: 'missing' });
    expect(policy.check(['Host', '127.0.0.1', 'host', 'evil.example'], '/')).toMatchObject({
      ok: false,
      status: 400,
      problem: 'duplicate',
    });
    expect(policy.check(raw('evil.example/x'), '/')).toMatchObject({ ok: false, status: 400, problem: 'invalid' });
  });

  it('uses the authority of an absolute-form target instead of Host (RFC 9112 §3.2.2)', () => {
    expect(policy.check(raw('127.0.0.1'), 'http://evil.example/lab/status')).toMatchObject({ status: 403 });
    expect(policy.check(raw('evil.example'), 'http://127.0.0.1:8787/')).toEqual({ ok: true });
  });

  it('reads every Host field from a raw header list, whatever its case', () => {
    expect(hostFields(['HOST', ' a ', 'X', 'y', 'host', 'b'])).toEqual(['a', 'b']);
  });

  it('normalises --allow-host names, and names the first item that is not a bare name', () => {
    expect(normaliseAllowedHosts(['A.example', 'a.example.', '127.0.0.1', 'x.localhost'])).toEqual({
      names: ['a.example'],
    });
    expect(normaliseAllowedHosts(['a.example', 'http://b.example'])).toEqual({ bad: 'http://b.example' });
    expect(normaliseAllowedHosts(['b.example:8787'])).toEqual({ bad: 'b.example:8787' });
  });
});

describe('--allow-host and LAB_ALLOW_HOSTS', () => {
  it('reads both, the environment first, comma-separated or repeated', () => {
    const env = { LAB_ALLOW_HOSTS: 'one.example, Two.example.' };
    expect(parseCli([], env).config.allowHosts).toEqual(['one.example', 'two.example']);
    expect(
      parseCli(['--allow-host', 'three.example', '--allow-host', 'four.example,five.example'], env).config,
    ).toMatchObject({ allowHosts: ['one.example', 'two.example', 'three.example', 'four.example', 'five.example'] });
    expect(parseCli([], {}).config.allowHosts).toEqual([]);
  });

  it('names a value that is not a bare host name', () => {
    expect(() => parseCli(['--allow-host', 'https://lab.example'], {})).toThrow(/--allow-host needs a bare host name/);
    expect(() => parseCli([], { LAB_ALLOW_HOSTS: 'lab.example:8787' })).toThrow(/"lab\.example:8787"/);
  });
});

/** Sends `head` on a fresh connection and returns the answer's head and body. */
async function exchange(port: number, head: string, host = '127.0.0.1'): Promise<{ head: string; body: string }> {
  const client = await RawClient.connect(port, host);
  client.write(head);
  const responseHead = await client.readHead();
  const length = Number(/content-length: (\d+)/i.exec(responseHead)?.[1] ?? 0);
  const body = (await client.take(length)).toString('utf8');
  client.destroy();
  return { head: responseHead, body };
}

const get = (path: string, host: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}\r\n`;

describe('over real sockets', () => {
  let lab: RunningLab;
  let site: string;
  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'lab-host-'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>home</title>');
    lab = await startTestLab({ siteDir: site });
  });
  afterAll(async () => {
    await lab.close();
    rmSync(site, { recursive: true, force: true });
  });

  const evil = () => `evil.example:${lab.port}`;

  it.each([
    ['/lab/status', ''],
    ['/lab/http/head', ''],
    ['/lab/tcp/refused', 'Accept: text/event-stream\r\n'],
    ['/', ''],
    ['/lab/ws/echo', ''],
  ])('refuses a foreign Host on %s with 403 and the flag to add', async (path, extra) => {
    const { head, body } = await exchange(lab.port, get(path, evil(), extra));
    expect(head).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(head).toMatch(/\r\ncontent-type: text\/plain/i);
    expect(body).toMatch(/^Forbidden: Host "evil\.example:\d+" .*--allow-host evil\.example to add it\.\n$/);
    expect(body).not.toContain('home');
  });

  it('refuses a foreign Host on the WebSocket upgrade, even with the lab’s own Origin', async () => {
    const { head, body } = await exchange(
      lab.port,
      upgradeHead(lab.port, '/lab/ws/echo', { Host: evil(), Origin: lab.origin }),
    );
    expect(head).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(body).toContain('--allow-host evil.example');
    expect(lab.webSocketCount).toBe(0);
  });

  it('refuses an experiment before it starts: the stream never opens', async () => {
    const { head, body } = await exchange(lab.port, get('/lab/tcp/nagle', evil(), 'Accept: text/event-stream\r\n'));
    expect(head).not.toMatch(/text\/event-stream/);
    expect(body).not.toContain('event:');
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'wire.localhost'])(
    'serves Host %s on the site, /lab/status and the upgrade',
    async (name) => {
      const host = `${name}:${lab.port}`;
      expect((await exchange(lab.port, get('/', host))).body).toContain('<title>home</title>');
      const status = await exchange(lab.port, get('/lab/status', host));
      expect(status.head).toMatch(/^HTTP\/1\.1 200/);
      expect(JSON.parse(status.body)).toMatchObject({ lab: 'wire-notebook' });
      const client = await RawClient.connect(lab.port);
      client.write(upgradeHead(lab.port, '/lab/ws/echo', { Host: host }));
      expect(await client.readHead()).toMatch(/^HTTP\/1\.1 101/);
      client.destroy();
    },
  );

  it('serves ws (an independent client) that names 127.0.0.1 in its Host', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${lab.port}/lab/ws/echo`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.close();
  });

  it('answers 400 to an HTTP/1.0 request without Host, as Node does to HTTP/1.1', async () => {
    const old = await exchange(lab.port, 'GET /lab/status HTTP/1.0\r\n\r\n');
    expect(old.head).toMatch(/^HTTP\/1\.1 400/);
    expect(old.body).toContain('no Host header');
    const current = await exchange(lab.port, 'GET /lab/status HTTP/1.1\r\n\r\n');
    expect(current.head).toMatch(/^HTTP\/1\.1 400/);
  });

  it('answers 400 to an upgrade without Host, listing it among the handshake’s problems', async () => {
    const { head, body } = await exchange(lab.port, upgradeHead(lab.port, '/lab/ws/echo', { Host: '' }));
    expect(head).toMatch(/^HTTP\/1\.1 400/);
    expect(body).toContain('MISSING_HOST');
  });

  it('answers 403 to a foreign name in an absolute-form target (RFC 9112 §3.2.2)', async () => {
    const { head } = await exchange(lab.port, get('http://evil.example/lab/status', `127.0.0.1:${lab.port}`));
    expect(head).toMatch(/^HTTP\/1\.1 403/);
  });

  it('--allow-host admits that name and its pages’ origin, and only that name', async () => {
    const { config } = parseCli(['--allow-host', 'lab.example.test'], {});
    const allowing = await startTestLab({ allowHosts: config.allowHosts });
    try {
      const host = `lab.example.test:${allowing.port}`;
      const status = await exchange(allowing.port, get('/lab/status', host));
      expect(status.head).toMatch(/^HTTP\/1\.1 200/);
      const client = await RawClient.connect(allowing.port);
      // A page the lab serves under that name is its own page: its Origin is accepted too.
      client.write(upgradeHead(allowing.port, '/lab/ws/echo', { Host: host, Origin: `http://${host}` }));
      expect(await client.readHead()).toMatch(/^HTTP\/1\.1 101/);
      client.destroy();
      expect((await exchange(allowing.port, get('/lab/status', 'other.example.test'))).head).toMatch(/^HTTP\/1\.1 403/);
    } finally {
      await allowing.close();
    }
  });
});

/** Whether this machine has an IPv6 loopback address (containers sometimes do not). */
const hasIPv6Loopback = Object.values(networkInterfaces())
  .flat()
  .some((entry) => entry?.family === 'IPv6' && entry.address === '::1');

describe.skipIf(!hasIPv6Loopback)('a lab bound to ::1', () => {
  it('serves Host [::1] over an IPv6 loopback socket and refuses a foreign name there too', async () => {
    const lab = await startTestLab({ host: '::1', tcpEchoPort: null });
    try {
      const ok = await exchange(lab.port, get('/lab/status', `[::1]:${lab.port}`), '::1');
      expect(ok.head).toMatch(/^HTTP\/1\.1 200/);
      const refused = await exchange(lab.port, get('/lab/status', `evil.example:${lab.port}`), '::1');
      expect(refused.head).toMatch(/^HTTP\/1\.1 403/);
    } finally {
      await lab.close();
    }
  });
});
