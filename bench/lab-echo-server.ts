/**
 * A WebSocket echo server in its own process for bench/lab.ts: `lab` (the lab, on the project codec)
 * or `ws` (the `ws` library, the reference). Reports its port over IPC, then its CPU time when asked.
 */
import { WebSocketServer } from 'ws';
import { startLab } from '../lab/server';

const kind = process.argv[2];
let port: number;
if (kind === 'lab') {
  const lab = await startLab({
    port: 0,
    tcpEchoPort: null,
    siteDir: null,
    maxConnections: 10_000,
    idleTimeoutMs: 600_000,
  });
  port = lab.port;
} else if (kind === 'ws' || kind === 'ws-deflate') {
  // ws-deflate: permessage-deflate with ws's defaults (threshold 1024 bytes, zlib level 6), like the lab's.
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    perMessageDeflate: kind === 'ws-deflate',
    maxPayload: 16 * 1024 * 1024,
  });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  await new Promise((resolve) => wss.once('listening', resolve));
  port = (wss.address() as { port: number }).port;
} else {
  throw new Error(`usage: lab-echo-server.ts lab|ws|ws-deflate (got ${kind})`);
}
process.send?.({ port });
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  if (message === 'exit') process.exit(0);
});
