/**
 * The lab: one Node HTTP server on loopback that serves the built site and the lab routes on the same
 * origin, answers WebSocket upgrades with the project codec, runs socket experiments, and a plain TCP
 * echo next to it. `startLab` is used by `npm start` (lab/main.ts), the e2e setup and the lab tests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolveConfig, type LabConfig } from './config';
import type { LabContext } from './context';
import { ExperimentRunner } from './experiments/runner';
import { tapRawBytes } from './http/raw-head';
import { sendText, writeRawResponse } from './http/respond';
import { createRequestHandler } from './http/routes';
import { createStaticHandler } from './http/static';
import { createHostPolicy } from './host';
import { createOriginPolicy, ownOrigins } from './origin';
import { startTcpEcho, type TcpEcho } from './tcp-echo';
import { createUpgradeHandler } from './websocket/upgrade';
import { ConnectionRegistry } from './websocket/registry';

export type LabOptions = Partial<LabConfig>;

export interface RunningLab {
  /** e.g. "http://127.0.0.1:8787/" (with the trailing slash). */
  url: string;
  /** The lab's origin, e.g. "http://127.0.0.1:8787". */
  origin: string;
  port: number;
  /** The plain TCP echo port, or null when it is off. */
  tcpEchoPort: number | null;
  server: Server;
  config: LabConfig;
  /** Whether a built site is being served. */
  servesSite: boolean;
  /** Open WebSocket connections right now. */
  readonly webSocketCount: number;
  /** Closes WebSockets with 1001, stops experiments, ends every socket; resolves when all are closed. */
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * A client that connects and does not finish its first request head in time is dropped with 408.
 * Later requests on a kept-alive connection are covered by Node's headersTimeout.
 */
function armHeadTimer(socket: Socket, ms: number): void {
  const timer = setTimeout(() => {
    writeRawResponse(socket, 408, `The request head did not arrive within ${ms} ms; closing.\n`);
    setTimeout(() => socket.destroy(), 500).unref();
  }, ms);
  timer.unref();
  headTimers.set(socket, timer);
  socket.once('close', () => clearTimeout(timer));
}
const headTimers = new WeakMap<Socket, NodeJS.Timeout>();
function clearHeadTimer(socket: Socket): void {
  clearTimeout(headTimers.get(socket));
  headTimers.delete(socket);
}

export async function startLab(options: LabOptions = {}): Promise<RunningLab> {
  const config = resolveConfig(options);
  const serveSite = createStaticHandler(config.siteDir);
  const ctx: LabContext = {
    config,
    origin: '',
    // A host name given to --host is the name the lab was asked to answer to; addresses need no entry.
    hosts: createHostPolicy([...config.allowHosts, config.host]),
    origins: createOriginPolicy([], []),
    websockets: new ConnectionRegistry(config.maxConnections),
    experiments: new ExperimentRunner(config.maxExperiments),
    tcpEchoPort: null,
    servesSite: serveSite !== null,
    startedAt: performance.now(),
  };

  const server = createServer({
    // Above the largest /lab/http/limit endpoint, so the endpoints (not Node's 16 KiB default) decide.
    maxHeaderSize: config.maxHeaderSize,
    headersTimeout: config.handshakeTimeoutMs,
    requestTimeout: Math.max(config.handshakeTimeoutMs, 30_000),
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(config.handshakeTimeoutMs / 2))),
    keepAliveTimeout: 5_000,
  });
  server.maxConnections = config.maxConnections + 256;
  const handleRequest = createRequestHandler(ctx, serveSite);
  const handleUpgrade = createUpgradeHandler(ctx);

  server.on('connection', (socket: Socket) => {
    socket.on('error', () => socket.destroy());
    tapRawBytes(socket, config.maxHeaderSize + 128 * 1024);
    armHeadTimer(socket, config.handshakeTimeoutMs);
  });
  // A bug in one handler answers 500 (or drops that socket); it never takes the lab down.
  server.on('request', (req, res) => {
    clearHeadTimer(req.socket);
    try {
      handleRequest(req, res);
    } catch (error) {
      console.error('lab: request handler failed:', error);
      if (!res.headersSent) sendText(res, 500, 'The lab failed to handle this request.\n');
      else res.destroy();
    }
  });
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    clearHeadTimer(socket);
    try {
      handleUpgrade(req, socket, head);
    } catch (error) {
      console.error('lab: upgrade handler failed:', error);
      socket.destroy();
    }
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Node's parser refused the bytes; say why instead of a bare status line.
    const answered =
      (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (error.code === 'ECONNRESET' || !socket.writable || answered) return void socket.destroy();
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      writeRawResponse(
        socket,
        431,
        `The request head exceeds the lab's limit of ${config.maxHeaderSize} bytes (RFC 6585 §5).\n`,
      );
    } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      writeRawResponse(socket, 408, 'The request did not arrive in time.\n');
    } else {
      const reason = (error as { reason?: string }).reason ?? error.message;
      writeRawResponse(socket, 400, `Malformed HTTP request: ${reason} (${error.code ?? 'parse error'}).\n`);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => console.error('lab: server error:', error));
  const port = (server.address() as AddressInfo).port;
  ctx.origin = `http://${hostForUrl(config.host)}:${port}`;
  ctx.origins = createOriginPolicy(ownOrigins(config.host, port, ctx.hosts.names), config.allowOrigins);

  let echo: TcpEcho | null = null;
  if (config.tcpEchoPort !== null) {
    try {
      echo = await startTcpEcho({
        port: config.tcpEchoPort,
        host: config.host,
        maxConnections: config.maxConnections,
        idleTimeoutMs: 5 * 60_000,
      });
    } catch (error) {
      server.close();
      throw error;
    }
    ctx.tcpEchoPort = echo.port;
  }

  let closing: Promise<void> | undefined;
  return {
    url: `${ctx.origin}/`,
    origin: ctx.origin,
    port,
    tcpEchoPort: ctx.tcpEchoPort,
    server,
    config,
    servesSite: ctx.servesSite,
    get webSocketCount() {
      return ctx.websockets.size;
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        ctx.experiments.abortAll();
        // RFC 6455 §7.4.1: 1001 Going Away, "a server going down".
        await Promise.all([ctx.websockets.closeAll(1001, 'lab shutting down', config.closeTimeoutMs), echo?.close()]);
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
