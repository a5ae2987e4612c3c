import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, parseCli, resolveConfig } from '../../lab/config';
import { createOriginPolicy, normaliseOrigin, ownOrigins } from '../../lab/origin';

describe('parseCli', () => {
  it('uses the defaults: 127.0.0.1:8787, TCP echo on 8788, dist/', () => {
    const { config, build, help } = parseCli([], {});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      tcpEchoPort: 8788,
      siteDir: 'dist',
      allowOrigins: [],
    });
    expect(build).toBe(true);
    expect(help).toBe(false);
  });

  it('reads PORT, HOST and LAB_ALLOW_ORIGINS; flags win over the environment', () => {
    const env = { PORT: '9000', HOST: '::1', LAB_ALLOW_ORIGINS: 'https://a.example, https://b.example/' };
    expect(parseCli([], env).config).toMatchObject({
      port: 9000,
      host: '::1',
      tcpEchoPort: 9001,
      allowOrigins: ['https://a.example', 'https://b.example'],
    });
    const { config } = parseCli(['--port', '9100', '--allow-origin', 'https://c.example:8443/x'], env);
    expect(config.port).toBe(9100);
    expect(config.allowOrigins).toEqual(['https://a.example', 'https://b.example', 'https://c.example:8443']);
  });

  it('turns the TCP echo and the site off, and skips the build', () => {
    const { config, build } = parseCli(['--tcp-echo-port', 'off', '--site-dir', 'none', '--no-build'], {});
    expect(config.tcpEchoPort).toBeNull();
    expect(config.siteDir).toBeNull();
    expect(build).toBe(false);
  });

  it('accepts permessage-deflate by default; --deflate off turns it off, anything else is an error', () => {
    expect(parseCli([], {}).config.deflate).toBe(true);
    expect(parseCli(['--deflate', 'off'], {}).config.deflate).toBe(false);
    expect(parseCli(['--deflate', 'on'], {}).config.deflate).toBe(true);
    expect(() => parseCli(['--deflate', 'maybe'], {})).toThrow(/--deflate must be "on" or "off", got "maybe"/);
  });

  it('names the bad value', () => {
    expect(() => parseCli(['--port', '99999'], {})).toThrow(
      new ConfigError('--port must be an integer from 0 to 65535, got "99999"'),
    );
    expect(() => parseCli(['--allow-origin', 'not a url'], {})).toThrow(/--allow-origin needs an origin/);
    expect(() => parseCli(['--bogus'], {})).toThrow(ConfigError);
  });

  it('port 0 puts the TCP echo on any free port too', () => {
    expect(resolveConfig({ port: 0 }).tcpEchoPort).toBe(0);
    expect(resolveConfig({ port: 0, tcpEchoPort: null }).tcpEchoPort).toBeNull();
    expect(resolveConfig({}).maxMessageBytes).toBe(DEFAULT_CONFIG.maxMessageBytes);
  });
});

describe('origin policy', () => {
  const policy = createOriginPolicy(ownOrigins('127.0.0.1', 8787), ['https://wire-notebook.example']);

  it('allows its own origin in every loopback spelling, and configured ones', () => {
    expect(policy.allowed).toEqual([
      'http://127.0.0.1:8787',
      'http://localhost:8787',
      'http://[::1]:8787',
      'https://wire-notebook.example',
    ]);
    for (const origin of ['http://127.0.0.1:8787', 'http://LOCALHOST:8787', 'https://wire-notebook.example:443']) {
      expect(policy.isAllowed(origin)).toBe(true);
    }
  });

  it('refuses other ports, schemes, hosts and the opaque "null" origin', () => {
    for (const origin of [
      'http://127.0.0.1:8788',
      'https://127.0.0.1:8787',
      'http://evil.example',
      'null',
      'garbage',
    ]) {
      expect(policy.isAllowed(origin)).toBe(false);
      expect(policy.check({ origin }).ok).toBe(false);
    }
  });

  it('allows requests without Origin unless a browser says they are cross-site', () => {
    expect(policy.check({})).toEqual({ ok: true, origin: null });
    expect(policy.check({ 'sec-fetch-site': 'same-origin' }).ok).toBe(true);
    expect(policy.check({ 'sec-fetch-site': 'none' }).ok).toBe(true);
    expect(policy.check({ 'sec-fetch-site': 'cross-site' }).ok).toBe(false);
  });

  it('normalises like a browser serialises origins', () => {
    expect(normaliseOrigin('HTTP://Example.COM:80')).toBe('http://example.com');
    expect(normaliseOrigin('null')).toBeNull();
  });
});
