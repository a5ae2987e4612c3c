import { describe, expect, it } from 'vitest';
import { checkRequestAgainstServers, HTTP_LIMITS, limitsFor } from '../../../src/protocol/http/limits';

describe('HTTP_LIMITS table', () => {
  it('has unique ids, and every entry a source URL', () => {
    const ids = HTTP_LIMITS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of HTTP_LIMITS) expect(l.source.url).toMatch(/^https:\/\//);
  });

  it('states the standards as minimums, never maximums', () => {
    for (const l of HTTP_LIMITS.filter((x) => x.kind === 'standard' && x.value !== undefined)) {
      expect(l.valueIs === 'minimum-to-support' || l.valueIs === 'count-minimum').toBe(true);
    }
    expect(HTTP_LIMITS.find((l) => l.id === 'rfc9112-request-line')).toMatchObject({
      value: 8000,
      valueIs: 'minimum-to-support',
    });
    expect(HTTP_LIMITS.find((l) => l.id === 'rfc6265-cookie-size')).toMatchObject({ value: 4096 });
    expect(HTTP_LIMITS.find((l) => l.id === 'rfc6265-cookies-per-domain')).toMatchObject({ value: 50 });
    expect(HTTP_LIMITS.find((l) => l.id === 'rfc6265-cookies-total')).toMatchObject({ value: 3000 });
  });

  it("records each server's default and the status it answers", () => {
    const pick = (id: string) => {
      const l = HTTP_LIMITS.find((x) => x.id === id)!;
      return [l.default, l.value, l.status];
    };
    expect(pick('nginx-request-line')).toEqual(['4 8k', 8192, 414]);
    expect(pick('nginx-header-field')).toEqual(['4 8k', 8192, 400]);
    expect(pick('apache-request-line')).toEqual(['8190', 8190, 414]);
    expect(pick('apache-field-size')).toEqual(['8190', 8190, 400]);
    expect(pick('tomcat-header-size')).toEqual(['8192', 8192, 400]);
    expect(pick('node-max-header-size')[1]).toBe(16384);
    expect(pick('node-max-header-size')[2]).toBe(431);
  });

  it("browsers allow more cookies per domain than RFC 6265's minimum", () => {
    const perDomain = HTTP_LIMITS.filter(
      (l) => l.kind === 'browser' && /per (registrable|base) domain/.test(l.counts ?? ''),
    );
    expect(perDomain.length).toBeGreaterThan(0);
    for (const l of perDomain) expect(l.value!).toBeGreaterThan(50);
  });

  it('limitsFor lists standards first', () => {
    const kinds = limitsFor('request-line').map((l) => l.kind);
    expect(kinds[0]).toBe('standard');
    expect(kinds).toContain('server');
  });
});

describe('checkRequestAgainstServers', () => {
  const host = { name: 'Host', value: 'x' };

  it('a small request passes everywhere', () => {
    expect(checkRequestAgainstServers('GET / HTTP/1.1', [host]).some((c) => c.exceeded)).toBe(false);
  });

  it('a 9,000-byte URL: 414 from nginx and Apache, 400 from Tomcat, Node.js still fine', () => {
    const line = `GET /${'a'.repeat(9000)} HTTP/1.1`;
    const res = checkRequestAgainstServers(line, [host]);
    const exceeded = res.filter((c) => c.exceeded).map((c) => `${c.entry.who} ${c.entry.status}`);
    expect(exceeded).toEqual(['nginx 414', 'Apache httpd 414', 'Apache Tomcat 400']);
  });

  it('a 10 KB Cookie: 400 from nginx ("Request Header Or Cookie Too Large"), Apache and Tomcat', () => {
    const res = checkRequestAgainstServers('GET / HTTP/1.1', [
      host,
      { name: 'Cookie', value: 'a='.padEnd(10_000, 'b') },
    ]);
    expect(res.filter((c) => c.exceeded).map((c) => `${c.entry.who} ${c.entry.status}`)).toEqual([
      'nginx 400',
      'Apache httpd 400',
      'Apache Tomcat 400',
    ]);
  });

  it('Node.js: URL + names + values must stay below 16,384 (measured: 16,383 passes, 16,384 gets 431)', () => {
    // "/" (1) + "Host" (4) + "x" (1) + "X" (1) + value
    const at = (n: number) =>
      checkRequestAgainstServers('GET / HTTP/1.1', [host, { name: 'X', value: 'c'.repeat(n) }]).find(
        (c) => c.entry.who === 'Node.js',
      )!;
    expect(at(16376).exceeded).toBe(false);
    expect(at(16377).exceeded).toBe(true);
    expect(at(16377).why).toBe(
      "URL + header names + values is 16384 bytes, over Node.js's 16384: 431 Request Header Fields Too Large",
    );
  });

  it('more than 100 fields: Apache answers 400', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `X-${i}`, value: '1' }));
    const apache = checkRequestAgainstServers('GET / HTTP/1.1', many).find((c) => c.entry.id === 'apache-field-count')!;
    expect(apache.exceeded).toBe(true);
  });
});

describe('the Node.js entry matches the Node.js running these tests', () => {
  it('http.maxHeaderSize is the table value, and the threshold and status are as recorded', async () => {
    const http = await import('node:http');
    const net = await import('node:net');
    const entry = HTTP_LIMITS.find((l) => l.id === 'node-max-header-size')!;
    expect(http.maxHeaderSize).toBe(entry.value);
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const statusFor = (raw: string) =>
      new Promise<string>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => s.end(raw));
        let out = '';
        s.on('data', (d) => (out += d.toString()));
        s.on('close', () => resolve(out.split('\r\n')[0] ?? ''));
        s.on('error', () => resolve('error'));
      });
    try {
      // URL "/" + "Host" + "x" + "X" = 7 bytes, plus the value.
      const request = (n: number) => `GET / HTTP/1.1\r\nHost: x\r\nX: ${'c'.repeat(n)}\r\n\r\n`;
      expect(await statusFor(request(entry.value! - 8))).toBe('HTTP/1.1 200 OK');
      expect(await statusFor(request(entry.value! - 7))).toBe(`HTTP/1.1 ${entry.status} ${entry.statusText}`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
