/**
 * The built site, served by sirv (path resolution, traversal checks, ETags and ranges are its job,
 * not ours). Astro's hashed assets under /_astro/ never change, so browsers may keep them for good.
 * `npm run build` writes .br and .gz copies beside each text file (scripts/precompress.ts); sirv picks the one
 * the request's Accept-Encoding allows and says so in Content-Encoding and Vary.
 *
 * Every answer from the site carries `Server-Timing: lab;desc="wire-notebook/<version>"`
 * (src/lab-protocol/served-by.ts): a page reads it from its navigation entry and knows the lab served it
 * without asking /lab/status. It is set before sirv runs because sirv's 304 path skips `setHeaders`,
 * and a revalidated reload must carry it too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { labServerTiming } from '../../src/lab-protocol/served-by';
import { sendText } from './respond';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** A handler for `siteDir`, or null when there is no built site there. */
export function createStaticHandler(siteDir: string | null): StaticHandler | null {
  if (siteDir === null || !existsSync(join(siteDir, 'index.html'))) return null;
  const serve = sirv(siteDir, {
    dev: false,
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const notFoundPath = join(siteDir, '404.html');
  const notFound = existsSync(notFoundPath) ? readFileSync(notFoundPath) : null;
  const timing = labServerTiming();
  return (req, res) => {
    res.setHeader('Server-Timing', timing);
    serve(req, res, () => {
      if (notFound === null) return sendText(res, 404, `Not found: ${req.url ?? ''}\n`);
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': notFound.length });
      res.end(req.method === 'HEAD' ? undefined : notFound);
    });
  };
}

/** What "/" says when the lab runs without a built site. */
export function noSiteHandler(req: IncomingMessage, res: ServerResponse): void {
  const text =
    req.url === '/'
      ? 'Wire Notebook lab: running without the site (build it with `npm run build`, then restart).\nLab routes: /lab/status, /lab/ws/echo, /lab/ws/inspect, /lab/http/head, /lab/http/limit/8k, /lab/tcp/nagle …\n'
      : `Not found: ${req.url ?? ''} (the lab runs without the built site)\n`;
  sendText(res, req.url === '/' ? 200 : 404, text);
}
