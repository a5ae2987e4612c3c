// Temporary minimal lab: serves the built site. The lab issue grows this into the full server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface LabOptions {
  port?: number;
  host?: string;
  siteDir?: string;
}

export interface RunningLab {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startLab({ port = 8787, host = '127.0.0.1', siteDir = 'dist' }: LabOptions = {}): Promise<RunningLab> {
  const serve = sirv(siteDir, { dev: false, etag: true });
  const server = createServer((req, res) => serve(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
