/**
 * The lab's settings: defaults, command-line flags and environment variables. Flags win over the
 * environment, the environment over defaults. `startLab` takes the same settings as a partial object.
 */
import { parseArgs } from 'node:util';
import { LAB_CLOSE_TIMEOUT_MS, LAB_IDLE_TIMEOUT_MS, LAB_MAX_MESSAGE_BYTES } from '../src/lab-protocol/defaults';
import { normaliseAllowedHosts } from './host';

export interface LabConfig {
  /** HTTP + WebSocket port (0 = any free port). */
  port: number;
  /** Address to bind; loopback unless you really mean to expose the lab. */
  host: string;
  /** Plain TCP echo port; default port + 1 (or any free port when port is 0); null = off. */
  tcpEchoPort: number | null;
  /** The built site to serve; null = lab routes only. */
  siteDir: string | null;
  /** Extra page origins allowed to use the lab, e.g. "https://wire-notebook.example". */
  allowOrigins: string[];
  /**
   * Extra host names the lab answers to, besides IP addresses, localhost and *.localhost (see
   * lab/host.ts: the guard against DNS rebinding), e.g. "lab.example.test".
   */
  allowHosts: string[];
  /** Largest WebSocket message (and frame payload) accepted; above it the lab closes with 1009. */
  maxMessageBytes: number;
  /** Open WebSocket connections at most; further handshakes get 503. */
  maxConnections: number;
  /** A client must finish its request head within this time, or the socket is dropped. */
  handshakeTimeoutMs: number;
  /** After this long without a byte from a WebSocket client, the lab pings it. */
  idleTimeoutMs: number;
  /** …and if no pong (or any byte) follows within this time, closes with 1001 and drops it. */
  pongTimeoutMs: number;
  /** After the lab sends Close, how long it waits for the peer's Close before dropping the socket. */
  closeTimeoutMs: number;
  /** Stop reading from a WebSocket client while this many bytes wait to be written to it. */
  writeHighWaterMark: number;
  /** Node's limit on an HTTP request head (its default is 16 KiB); above it: 431. */
  maxHeaderSize: number;
  /** Experiments running at once at most; more get 503. */
  maxExperiments: number;
  /** Accept permessage-deflate (RFC 7692) when a client offers it. */
  deflate: boolean;
}

export const DEFAULT_CONFIG: LabConfig = {
  port: 8787,
  host: '127.0.0.1',
  tcpEchoPort: 8788,
  siteDir: 'dist',
  allowOrigins: [],
  allowHosts: [],
  maxMessageBytes: LAB_MAX_MESSAGE_BYTES,
  maxConnections: 1024,
  handshakeTimeoutMs: 10_000,
  idleTimeoutMs: LAB_IDLE_TIMEOUT_MS,
  pongTimeoutMs: 10_000,
  closeTimeoutMs: LAB_CLOSE_TIMEOUT_MS,
  writeHighWaterMark: 1024 * 1024,
  // Above the largest limit endpoint (/lab/http/limit/32k) so those endpoints, not Node, answer.
  maxHeaderSize: 64 * 1024,
  maxExperiments: 4,
  deflate: true,
};

/** Fills in defaults; the TCP echo port follows the HTTP port unless given. */
export function resolveConfig(options: Partial<LabConfig> = {}): LabConfig {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<LabConfig>;
  const port = defined.port ?? DEFAULT_CONFIG.port;
  const tcpEchoPort = 'tcpEchoPort' in defined ? (defined.tcpEchoPort ?? null) : port === 0 ? 0 : port + 1;
  return { ...DEFAULT_CONFIG, ...defined, port, tcpEchoPort };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const USAGE = `Usage: npm start -- [options]     (or: tsx lab/main.ts [options])

Serves the built site and the lab on one origin.

  --port N              HTTP + WebSocket port (env PORT; default 8787; 0 = any free port)
  --host ADDR           address to bind (env HOST; default 127.0.0.1 — loopback only)
  --tcp-echo-port N     plain TCP echo for nc/tcpdump (env TCP_ECHO_PORT; default port+1; "off" disables)
  --site-dir DIR        built site to serve (env LAB_SITE_DIR; default dist; "none" = lab routes only)
  --allow-origin URL    extra page origin allowed to use the lab; repeat or comma-separate
                        (env LAB_ALLOW_ORIGINS, comma-separated)
  --allow-host NAME     extra host name the lab answers to; repeat or comma-separate
                        (env LAB_ALLOW_HOSTS, comma-separated). IP addresses, localhost
                        and *.localhost are always allowed; other names get 403 (DNS rebinding)
  --max-message BYTES   largest WebSocket message (default 16777216; above it: close 1009)
  --max-connections N   open WebSocket connections (default 1024; above it: 503)
  --deflate on|off      accept permessage-deflate when offered (default on)
  --no-build            do not build the site first, even if dist/ is missing or stale
  --help                this text
`;

export interface CliOptions {
  config: LabConfig;
  /** Build the site first when dist/ is missing or older than its sources. */
  build: boolean;
  help: boolean;
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function origins(list: string[]): string[] {
  return list
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      try {
        return new URL(item).origin;
      } catch {
        throw new ConfigError(`--allow-origin needs an origin such as https://wire-notebook.example, got "${item}"`);
      }
    });
}

function hostNames(list: string[]): string[] {
  const items = list
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const result = normaliseAllowedHosts(items);
  if ('bad' in result) {
    throw new ConfigError(
      `--allow-host needs a bare host name such as lab.example.test (no scheme, path or port), got "${result.bad}"`,
    );
  }
  return result.names;
}

/** Reads flags and environment. Throws ConfigError with a message fit for the terminal. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'tcp-echo-port': { type: 'string' },
        'site-dir': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        'max-message': { type: 'string' },
        'max-connections': { type: 'string' },
        deflate: { type: 'string' },
        'no-build': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const options: Partial<LabConfig> = {};
  const port = values.port ?? env.PORT;
  if (port !== undefined) options.port = integer('--port', port, 0, 65535);
  const host = values.host ?? env.HOST;
  if (host !== undefined && host !== '') options.host = host;
  const echo = values['tcp-echo-port'] ?? env.TCP_ECHO_PORT;
  if (echo !== undefined) options.tcpEchoPort = echo === 'off' ? null : integer('--tcp-echo-port', echo, 0, 65535);
  const siteDir = values['site-dir'] ?? env.LAB_SITE_DIR;
  if (siteDir !== undefined) options.siteDir = siteDir === 'none' ? null : siteDir;
  options.allowOrigins = origins([
    ...(env.LAB_ALLOW_ORIGINS ? [env.LAB_ALLOW_ORIGINS] : []),
    ...(values['allow-origin'] ?? []),
  ]);
  options.allowHosts = hostNames([
    ...(env.LAB_ALLOW_HOSTS ? [env.LAB_ALLOW_HOSTS] : []),
    ...(values['allow-host'] ?? []),
  ]);
  if (values['max-message'] !== undefined)
    options.maxMessageBytes = integer('--max-message', values['max-message'], 125, 2 ** 31);
  if (values['max-connections'] !== undefined) {
    options.maxConnections = integer('--max-connections', values['max-connections'], 1, 100_000);
  }
  const deflate = values.deflate;
  if (deflate !== undefined) {
    if (deflate !== 'on' && deflate !== 'off')
      throw new ConfigError(`--deflate must be "on" or "off", got "${deflate}"`);
    options.deflate = deflate === 'on';
  }
  return { config: resolveConfig(options), build: values['no-build'] !== true, help: values.help === true };
}
