import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findLab,
  labOrigins,
  hostKind,
  isLabStatus,
  isLoopbackOrigin,
  LAB_DEFAULT_ORIGIN,
  labFindPlan,
  labOriginFor,
  mayNeedLocalNetworkPermission,
  parseLabParam,
  permissionNote,
  versionNote,
} from '../../src/lab-protocol/discovery';

const loc = (url: string) => {
  const u = new URL(url);
  return { protocol: u.protocol, hostname: u.hostname, origin: u.origin };
};

describe('hostKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['localhost', 'loopback'],
    ['app.localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.0.0.7', 'private'],
    ['192.168.1.20', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.1', 'private'],
    ['172.32.0.1', 'public'],
    ['printer.local', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['example.github.io', 'public'],
    ['8.8.8.8', 'public'],
    ['127.example.com', 'public'],
  ])('%s is %s', (host, kind) => {
    expect(hostKind(host)).toBe(kind);
  });
});

describe('labFindPlan', () => {
  const none = { servedBy: { lab: false } as const, chosenOrigin: null, automatic: false, clicked: false };
  const status = `${LAB_DEFAULT_ORIGIN}/lab/status`;

  it('served by the lab (its Server-Timing metric): nothing to ask, until the reader asks again', () => {
    const served = { ...none, servedBy: { lab: true, version: '2' } as const };
    expect(labFindPlan(loc('http://127.0.0.1:8787/lessons/x/'), served)).toEqual({
      kind: 'served',
      origin: 'http://127.0.0.1:8787',
      version: '2',
    });
    expect(labFindPlan(loc('http://127.0.0.1:8787/'), { ...served, clicked: true })).toEqual({
      kind: 'probe',
      urls: ['/lab/status'],
    });
  });

  it.each([
    'http://127.0.0.1:8000/',
    'http://localhost:4321/',
    'http://192.168.1.20/',
    'https://notebook.example.org/',
  ])('served by anything else (%s): no request until Connect, then the default lab only', (url) => {
    expect(labFindPlan(loc(url), none)).toEqual({ kind: 'ask' });
    expect(labFindPlan(loc(url), { ...none, clicked: true })).toEqual({ kind: 'probe', urls: [status] });
    expect(labFindPlan(loc(url), { ...none, automatic: true })).toEqual({ kind: 'probe', urls: [status] });
  });

  it('cannot tell who served it (no Server-Timing outside a secure context): its own server first, on Connect', () => {
    const unknown = { ...none, servedBy: undefined };
    expect(labFindPlan(loc('http://192.168.1.20:8787/'), unknown)).toEqual({ kind: 'ask' });
    expect(labFindPlan(loc('http://192.168.1.20:8787/'), { ...unknown, clicked: true })).toEqual({
      kind: 'probe',
      urls: ['/lab/status', status],
    });
    expect(labFindPlan(loc('http://notebook.example.org/'), { ...unknown, clicked: true })).toEqual({
      kind: 'probe',
      urls: [status],
    });
  });

  it('a lab chosen with ?lab= is the only address tried', () => {
    const chosen = { ...none, chosenOrigin: 'http://127.0.0.1:9000', clicked: true };
    expect(labFindPlan(loc('https://notebook.example.org/'), chosen)).toEqual({
      kind: 'probe',
      urls: ['http://127.0.0.1:9000/lab/status'],
    });
    // Served by a lab on 8787 but pointed at another one: that one is asked, on Connect.
    const elsewhere = { ...chosen, servedBy: { lab: true, version: '2' } as const, clicked: false };
    expect(labFindPlan(loc('http://127.0.0.1:8787/'), elsewhere)).toEqual({ kind: 'ask' });
  });

  it('opened as a file: waits for Connect like any other page', () => {
    expect(labFindPlan({ protocol: 'file:', hostname: '', origin: 'null' }, { ...none, servedBy: undefined })).toEqual({
      kind: 'ask',
    });
  });
});

describe('?lab=', () => {
  it.each([
    ['?lab=http://127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ['?lab=http://127.0.0.1:9000/lab/status?x=1', 'http://127.0.0.1:9000'],
    ['?x=1&lab=http%3A%2F%2Flocalhost%3A9100', 'http://localhost:9100'],
    ['?lab=http://[::1]:9000/', 'http://[::1]:9000'],
    ['?lab=http://127.0.0.2:80', 'http://127.0.0.2'],
  ])('%s chooses %s', (search, origin) => {
    expect(parseLabParam(search)).toEqual({ origin });
  });

  it.each([
    '?lab=http://192.168.1.20:8787',
    '?lab=https://evil.example',
    '?lab=javascript:alert(1)',
    '?lab=',
    '?lab=127.0.0.1:9000',
  ])('refuses %s: a link must not aim the page at another machine', (search) => {
    const result = parseLabParam(search);
    expect(result).toHaveProperty('error');
    expect(result && 'error' in result ? result.error : '').toMatch(/only a lab on this machine/);
  });

  it('says nothing without the parameter', () => {
    expect(parseLabParam('?seed=3')).toBeUndefined();
    expect(isLoopbackOrigin('http://localhost:1')).toBe(true);
    expect(isLoopbackOrigin('ws://127.0.0.1:1')).toBe(false);
  });
});

describe('what the badge says', () => {
  it('explains the local-network permission only where the browser may ask for it', () => {
    expect(mayNeedLocalNetworkPermission(loc('https://notebook.example.org/'))).toBe(true);
    expect(mayNeedLocalNetworkPermission(loc('http://192.168.1.20/'))).toBe(true);
    expect(mayNeedLocalNetworkPermission(loc('http://localhost:4321/'))).toBe(false);
    expect(permissionNote('denied')).toMatch(/blocks .* Allow/);
    expect(permissionNote('prompt')).toMatch(/will ask/);
    expect(permissionNote('granted')).toMatch(/lets this site/);
    expect(permissionNote(undefined)).toMatch(/may ask/);
  });

  it('compares the lab version with the one the page was built for', () => {
    expect(versionNote('2', '2')).toBeUndefined();
    expect(versionNote('1', '2')).toMatch(/expects 2.*git pull/);
    expect(versionNote('3', '2')).toMatch(/built for 2/);
  });
});

describe('isLabStatus', () => {
  it("accepts the lab's status and rejects other servers' JSON", () => {
    expect(isLabStatus({ lab: 'wire-notebook', version: '1', origin: 'http://127.0.0.1:8787', uptimeMs: 5 })).toBe(
      true,
    );
    expect(isLabStatus({ ok: true })).toBe(false);
    expect(isLabStatus({ lab: 'other', version: '1', origin: 'x' })).toBe(false);
    expect(isLabStatus({ lab: 'wire-notebook', version: 1, origin: 'x' })).toBe(false);
    expect(isLabStatus(null)).toBe(false);
    expect(isLabStatus('wire-notebook')).toBe(false);
  });
});

describe('labOriginFor', () => {
  it('maps the answering status URL to the lab origin', () => {
    expect(labOriginFor('/lab/status', 'http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
    expect(labOriginFor('http://127.0.0.1:8787/lab/status', 'https://x.org')).toBe('http://127.0.0.1:8787');
  });
});

describe('labOrigins', () => {
  it('tries the page’s own origin first on loopback, then the default lab', () => {
    expect(labOrigins({ protocol: 'http:', hostname: '127.0.0.1', origin: 'http://127.0.0.1:4321' })).toEqual([
      'http://127.0.0.1:4321',
      'http://127.0.0.1:8787',
    ]);
    expect(labOrigins({ protocol: 'http:', hostname: '127.0.0.1', origin: 'http://127.0.0.1:8787' })).toEqual([
      'http://127.0.0.1:8787',
    ]);
  });
  it('uses the badge’s origin when it found one, and only the default from a public site', () => {
    expect(
      labOrigins(
        { protocol: 'https:', hostname: 'example.org', origin: 'https://example.org' },
        'http://127.0.0.1:9999',
      ),
    ).toEqual(['http://127.0.0.1:9999']);
    expect(labOrigins({ protocol: 'https:', hostname: 'example.org', origin: 'https://example.org' })).toEqual([
      'http://127.0.0.1:8787',
    ]);
  });
});

describe('findLab, against real HTTP servers on loopback', () => {
  // One answers as the lab does (lab/http/status.ts), one is some other server on a port, one port is closed.
  const servers: Server[] = [];
  let lab = '';
  let other = '';
  let closed = '';
  const listen = async (answer: (path: string) => [number, string]): Promise<string> => {
    const server = createServer((req, res) => {
      const [status, body] = answer(req.url ?? '');
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  beforeAll(async () => {
    lab = await listen((path) =>
      path === '/lab/status'
        ? [200, JSON.stringify({ lab: 'wire-notebook', origin: 'x', version: '3', experiments: ['refused'] })]
        : [404, '{}'],
    );
    other = await listen(() => [200, JSON.stringify({ hello: 'world' })]);
    closed = await listen(() => [200, '{}']);
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it('skips a closed port and a server that is not the lab, and returns the lab’s origin', async () => {
    expect(await findLab([closed, other, lab], new AbortController().signal)).toBe(lab);
    expect(await findLab([closed, other], new AbortController().signal)).toBeUndefined();
  });

  it('asks `accepts` about the status (e.g. whether the lab runs an experiment)', async () => {
    const runs = (name: string) => (status: Record<string, unknown>) => (status.experiments as string[]).includes(name);
    expect(await findLab([lab], new AbortController().signal, runs('refused'))).toBe(lab);
    expect(await findLab([lab], new AbortController().signal, runs('nagle'))).toBeUndefined();
  });

  it('stops when aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    expect(await findLab([lab], abort.signal)).toBeUndefined();
  });
});
