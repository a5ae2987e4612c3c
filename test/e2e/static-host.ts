/**
 * A plain static server (not the lab) for a built site: what a reader gets from `npx serve dist`, GitHub Pages or
 * any static host. Under a base path, everything outside it is a 404, as on GitHub Pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticHost {
  server: Server;
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, base = '/'): Promise<StaticHost> {
  const files = sirv(dir, { dev: false, etag: true, brotli: true, gzip: true });
  const server = createServer((req, res) => {
    if (!req.url?.startsWith(base)) {
      res.writeHead(404).end('not under the base path');
      return;
    }
    req.url = req.url.slice(base.length - 1);
    files(req, res, () => void res.writeHead(404).end('not found'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
