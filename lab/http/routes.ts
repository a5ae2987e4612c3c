/**
 * Plain HTTP requests: every one behind the Host allow-list (../host.ts), then /lab/* routes
 * (behind the Origin allow-list) and everything else from the built site. Handlers are small
 * functions in their own modules; this only dispatches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabRefusal } from '../../src/lab-protocol/messages';
import type { LabContext } from '../context';
import { normaliseOrigin } from '../origin';
import { isExperimentName } from '../experiments/runner';
import { answerPlainRequest } from '../websocket/upgrade';
import { webSocketRoute } from '../websocket/routes';
import { handleHeadEcho } from './head';
import { handleLimit, LIMITS } from './limits';
import { corsHeaders, sendJson, sendText } from './respond';
import { noSiteHandler, type StaticHandler } from './static';
import { handleStatus } from './status';

/** CORS preflight (Fetch standard) for allowed origins, including Chrome's Private Network Access. */
function preflight(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
  const headers: Record<string, string> = {
    ...cors,
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
    'Access-Control-Max-Age': '600',
  };
  const requested = req.headers['access-control-request-headers'];
  if (requested !== undefined) headers['Access-Control-Allow-Headers'] = requested;
  if (req.headers['access-control-request-private-network'] === 'true')
    headers['Access-Control-Allow-Private-Network'] = 'true';
  res.writeHead(204, headers);
  res.end();
}

/**
 * A refused page may read why, on /lab/status only: the 403 carries CORS for its origin and names the flag
 * that admits it. It reveals no more than that a lab runs here, which a refused connection attempt shows too.
 */
function refuseStatus(req: IncomingMessage, res: ServerResponse, reason: string): void {
  const origin = normaliseOrigin(req.headers.origin ?? '');
  if (origin === null) {
    sendText(res, 403, `Forbidden: ${reason}\n`);
    return;
  }
  const body: LabRefusal = {
    lab: 'wire-notebook',
    refused: 'origin',
    origin,
    allowWith: `npm start -- --allow-origin ${origin}`,
  };
  sendJson(res, 403, body, { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
}

export function createRequestHandler(
  ctx: LabContext,
  serveSite: StaticHandler | null,
): (req: IncomingMessage, res: ServerResponse) => void {
  const site = serveSite ?? noSiteHandler;
  return (req, res) => {
    // First, for the site too: a rebound name must not even read the pages (DNS rebinding).
    const host = ctx.hosts.check(req.rawHeaders, req.url);
    if (!host.ok) {
      const close: Record<string, string> = host.status === 400 ? { Connection: 'close' } : {};
      sendText(res, host.status, `${host.status === 403 ? 'Forbidden' : 'Bad Request'}: ${host.reason}\n`, close);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://lab.invalid');
    } catch {
      sendText(res, 400, `Cannot parse the request target ${JSON.stringify(req.url)}.\n`);
      return;
    }
    if (!url.pathname.startsWith('/lab/')) {
      site(req, res);
      return;
    }
    const verdict = ctx.origins.check(req.headers);
    if (!verdict.ok) {
      if (url.pathname === '/lab/status' && req.method === 'GET') return refuseStatus(req, res, verdict.reason);
      sendText(res, 403, `Forbidden: ${verdict.reason}\n`);
      return;
    }
    const cors = corsHeaders(verdict.origin);
    if (req.method === 'OPTIONS') return preflight(req, res, cors);
    // Bodies are never needed (except as part of /lab/http/head's request); drain them for keep-alive.
    req.resume();

    const path = url.pathname;
    if (path === '/lab/http/head') return handleHeadEcho(req, res, url, cors);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, `${req.method ?? ''} is not allowed here; use GET.\n`, { ...cors, Allow: 'GET, HEAD' });
      return;
    }
    if (path === '/lab/status') return handleStatus(res, ctx, cors);
    if (path.startsWith('/lab/http/limit/') && handleLimit(req, res, path.slice('/lab/http/limit/'.length), cors))
      return;
    if (path.startsWith('/lab/tcp/')) {
      const name = path.slice('/lab/tcp/'.length);
      if (isExperimentName(name)) {
        ctx.experiments.handle(name, url.searchParams, req, res, cors).catch(() => res.destroy());
        return;
      }
    }
    if (webSocketRoute(url) !== undefined) {
      answerPlainRequest(ctx, req, res, cors).catch(() => res.destroy());
      return;
    }
    sendJson(
      res,
      404,
      {
        error: `No lab route at ${path}.`,
        routes: [
          '/lab/status',
          '/lab/ws/echo',
          '/lab/ws/inspect',
          '/lab/http/head',
          ...Object.keys(LIMITS).map((k) => `/lab/http/limit/${k}`),
          '/lab/tcp/nagle',
          '/lab/tcp/boundaries',
          '/lab/tcp/backpressure',
          '/lab/tcp/refused',
        ],
      },
      cors,
    );
  };
}
