/**
 * Connection refused: a SYN to a port with no listener is answered with RST (RFC 9293 §3.10.7.1,
 * "If the state is CLOSED … an incoming segment not containing a RST causes a RST to be sent"), and
 * connect() fails with ECONNREFUSED. The lab binds a free loopback port, closes it, and connects to it,
 * so the port is one it owned a moment ago, never someone else's service.
 */
import net from 'node:net';
import type { RefusedAttempt, RefusedResult } from '../../src/lab-protocol/messages';
import { LOOPBACK, type SocketScope } from './loopback';
import { readParams, roundMs, summarise } from './params';
import type { Experiment } from './types';

async function freedPort(scope: SocketScope): Promise<number> {
  const { server, port } = await scope.listen({}, (socket) => socket.destroy());
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function attempt(scope: SocketScope, n: number, port: number): Promise<RefusedAttempt> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = scope.track(net.createConnection({ port, host: LOOPBACK }));
    socket.once('connect', () => {
      socket.destroy();
      resolve({
        attempt: n,
        port,
        code: 'CONNECTED',
        errno: null,
        syscall: null,
        ms: roundMs(performance.now() - start),
      });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve({
        attempt: n,
        port,
        code: error.code ?? 'ERROR',
        errno: error.errno ?? null,
        syscall: error.syscall ?? null,
        ms: roundMs(performance.now() - start),
      });
    });
  });
}

export const refused: Experiment<'refused'> = {
  name: 'refused',
  parse(query) {
    const { values, adjusted } = readParams(query, { attempts: { min: 1, max: 20, default: 3 } });
    return { params: values, adjusted };
  },
  async run(params, { scope, progress }) {
    const attempts: RefusedAttempt[] = [];
    for (let n = 1; n <= params.attempts; n++) {
      scope.throwIfAborted();
      const result = await attempt(scope, n, await freedPort(scope));
      attempts.push(result);
      progress(result);
    }
    return { params, attempts, summary: summarise(attempts.map((a) => a.ms)) } satisfies RefusedResult;
  },
};
