import { describe, expect, it } from 'vitest';
import { hostKind, isLabStatus, LAB_DEFAULT_ORIGIN, labOriginFor, labProbePlan } from '../../src/site/lab';

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

describe('labProbePlan', () => {
  it('served by the lab itself: only the same-origin endpoint', () => {
    expect(labProbePlan(loc('http://127.0.0.1:8787/lessons/x/'), { optedIn: false })).toEqual({
      urls: ['/lab/status'],
      needsConsent: false,
    });
  });

  it('served locally by something else (dev, preview, lab on another port): same origin, then the default lab', () => {
    expect(labProbePlan(loc('http://localhost:4321/'), { optedIn: false })).toEqual({
      urls: ['/lab/status', `${LAB_DEFAULT_ORIGIN}/lab/status`],
      needsConsent: false,
    });
  });

  it('served from a public host: nothing until the reader opts in, then only the default lab', () => {
    expect(labProbePlan(loc('https://notebook.example.org/'), { optedIn: false })).toEqual({
      urls: [],
      needsConsent: true,
    });
    expect(labProbePlan(loc('https://notebook.example.org/'), { optedIn: true })).toEqual({
      urls: [`${LAB_DEFAULT_ORIGIN}/lab/status`],
      needsConsent: false,
    });
  });

  it('opened as a file: treated like a public host (no same origin to ask)', () => {
    expect(labProbePlan({ protocol: 'file:', hostname: '', origin: 'null' }, { optedIn: false }).needsConsent).toBe(
      true,
    );
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
