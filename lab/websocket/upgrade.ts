/**
 * The opening handshake (RFC 6455 §4.2). Node's HTTP parser finds the request head and emits
 * 'upgrade'; the project's handshake module checks the raw head against every rule and builds the
 * answer: 101 with Sec-WebSocket-Accept, or 400 listing the problems, 426 with
 * "Sec-WebSocket-Version: 13" (§4.4), 403 for an Origin not on the allow-list (§10.2). Before all
 * that, a Host name the lab does not answer to gets 403 (DNS rebinding, ../host.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  buildHandshakeResponse,
  negotiateDeflate,
  validateHandshakeRequest,
  type HandshakeValidation,
} from '../../src/protocol/websocket';
import { labDeflateBackend } from './zlib-deflate';
import type { InspectHandshake } from '../../src/lab-protocol/messages';
import type { LabContext } from '../context';
import { takeRawHead, untapRawBytes, type RawHead } from '../http/raw-head';
import { endSocket, sendText, writeRawResponse } from '../http/respond';
import { WebSocketConnection } from './connection';
import { webSocketRoute, type WebSocketRoute } from './routes';

function validate(ctx: LabContext, head: string): HandshakeValidation {
  return validateHandshakeRequest(head, {
    maxHeadBytes: ctx.config.maxHeaderSize,
    allowedOrigins: (origin) => ctx.origins.isAllowed(origin),
  });
}

function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://lab.invalid');
  } catch {
    return undefined;
  }
}

/** Node's 'upgrade' event: answer the handshake and, if it is good, hand the socket to a connection. */
export function createUpgradeHandler(ctx: LabContext): (req: IncomingMessage, socket: Socket, head: Buffer) => void {
  return (req, socket, head) => {
    const t0 = performance.now();
    const receivedAt = Date.now();
    // No 'data' listener until the connection takes over: bytes that arrive meanwhile stay queued.
    socket.pause();
    const raw = takeRawHead(req);
    untapRawBytes(socket);
    socket.on('error', () => socket.destroy());

    const host = ctx.hosts.check(req.rawHeaders, req.url);
    // A missing or repeated Host is one of the handshake's own problems (§4.2.1 item 2): the 400
    // below lists it with every other one.
    if (!host.ok && host.problem !== 'missing' && host.problem !== 'duplicate') {
      writeRawResponse(socket, host.status, `${host.status === 403 ? 'Forbidden' : 'Bad Request'}: ${host.reason}\n`);
      return;
    }
    const url = requestUrl(req);
    const route = url === undefined ? undefined : webSocketRoute(url);
    if (route === undefined) {
      writeRawResponse(
        socket,
        404,
        `No WebSocket endpoint at ${req.url ?? ''}. Try /lab/ws/echo or /lab/ws/inspect.\n`,
      );
      return;
    }
    const validation = validate(ctx, raw.text);
    if (!host.ok && validation.ok) {
      // Not reached while the handshake rules require Host; kept so the lab never upgrades without one.
      writeRawResponse(socket, 400, `Bad Request: ${host.reason}\n`);
      return;
    }
    if (!validation.ok) {
      buildHandshakeResponse(validation).then(
        (response) => endSocket(socket, Buffer.from(response.wire, 'utf8')),
        () => socket.destroy(),
      );
      return;
    }
    if (!ctx.websockets.reserve()) {
      // A 503 here rather than accepting and closing with 1013 (Try Again Later): cheaper for both.
      writeRawResponse(
        socket,
        503,
        `The lab has ${ctx.websockets.max} open WebSocket connections, its limit. Try again later.\n`,
        { 'Retry-After': '5' },
      );
      return;
    }
    void accept(ctx, { socket, head, route, validation, raw, t0, receivedAt });
  };
}

interface Accepted {
  socket: Socket;
  head: Buffer;
  route: WebSocketRoute;
  validation: HandshakeValidation;
  raw: RawHead;
  t0: number;
  receivedAt: number;
}

/** 101 Switching Protocols (§4.2.2 step 5), then the socket belongs to a WebSocketConnection. */
async function accept(
  ctx: LabContext,
  { socket, head, route, validation, raw, t0, receivedAt }: Accepted,
): Promise<void> {
  let registered = false;
  try {
    // permessage-deflate when offered and not turned off (RFC 7692 §5); a declined offer is simply not answered.
    const deflate = ctx.config.deflate ? negotiateDeflate(validation.request.extensions).accepted : undefined;
    const response = await buildHandshakeResponse(
      validation,
      deflate === undefined ? {} : { extraHeaders: [['Sec-WebSocket-Extensions', deflate.response]] },
    );
    if (socket.destroyed || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.write(response.wire, 'latin1');
    const connection = new WebSocketConnection(socket, {
      echo: route.echo,
      inspect: route.inspect,
      maxMessageBytes: ctx.config.maxMessageBytes,
      idleTimeoutMs: ctx.config.idleTimeoutMs,
      pongTimeoutMs: ctx.config.pongTimeoutMs,
      closeTimeoutMs: ctx.config.closeTimeoutMs,
      writeHighWaterMark: ctx.config.writeHighWaterMark,
      t0,
      deflate: deflate === undefined ? undefined : { params: deflate.params, backend: labDeflateBackend },
    });
    ctx.websockets.add(connection);
    registered = true;
    if (route.inspect) {
      const report: InspectHandshake = {
        lab: 'inspect',
        type: 'handshake',
        t: 0,
        receivedAt,
        requestHead: raw.text,
        exact: raw.exact,
        responseHead: response.head,
        remote: { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 },
      };
      if (deflate !== undefined) report.extension = deflate.response;
      connection.sendReport(report);
    }
    connection.feed(head);
    socket.resume();
  } catch (error) {
    console.error('lab: WebSocket handshake failed:', error);
    socket.destroy();
  } finally {
    if (!registered) ctx.websockets.release();
  }
}

/**
 * A request to a WebSocket path that Node did not treat as an upgrade (no "Connection: Upgrade" or
 * no Upgrade field): answer with what is missing, from the same checks.
 */
export async function answerPlainRequest(
  ctx: LabContext,
  req: IncomingMessage,
  res: ServerResponse,
  cors: Record<string, string>,
): Promise<void> {
  const raw = takeRawHead(req);
  const response = await buildHandshakeResponse(validate(ctx, raw.text));
  if (response.status === 101) {
    sendText(
      res,
      400,
      'The handshake fields look right, but the HTTP server did not see an upgrade request (check the Connection header).\n',
      cors,
    );
    return;
  }
  const headers: Record<string, string> = { ...cors, 'Cache-Control': 'no-store' };
  for (const [name, value] of response.headers) headers[name] = value;
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : response.body);
}
