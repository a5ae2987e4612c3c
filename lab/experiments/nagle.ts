/**
 * Nagle's algorithm (RFC 896; RFC 1122 §4.2.3.4) against delayed ACK (RFC 1122 §4.2.3.2, RFC 9293
 * §3.8.6.3). Each round the client writes two small pieces and waits for the server's one-byte reply,
 * which the server sends only once it has both. With Nagle on, the second piece waits until the first
 * is acknowledged; the server has nothing to send yet, so it delays that ACK (about 40 ms on Linux,
 * at most 500 ms by RFC 1122) and the round takes that long. With TCP_NODELAY both pieces leave at once.
 */
import type { NagleResult, NagleRun, NagleSetting } from '../../src/lab-protocol/messages';
import { AbortedError, waitFor } from './loopback';
import { readParams, roundMs, summarise } from './params';
import type { Experiment } from './types';

/** A round slower than the RFC 1122 ceiling on delayed ACK means something else is wrong. */
const ROUND_TIMEOUT_MS = 1000;

export const nagle: Experiment<'nagle'> = {
  name: 'nagle',
  parse(query) {
    const { values, adjusted } = readParams(query, {
      rounds: { min: 1, max: 100, default: 20 },
      size: { min: 1, max: 1400, default: 10 },
    });
    return { params: values, adjusted };
  },
  async run(params, { scope, progress }) {
    const { port } = await scope.listen({}, (socket) => {
      socket.setNoDelay(true); // only the client's setting is under test
      let pending = 0;
      socket.on('data', (chunk) => {
        pending += chunk.length;
        while (pending >= 2 * params.size) {
          pending -= 2 * params.size;
          socket.write('k');
        }
      });
    });
    const runs: NagleRun[] = [];
    for (const setting of ['nagle', 'nodelay'] as const satisfies readonly NagleSetting[]) {
      const noDelay = setting === 'nodelay';
      const client = await scope.connect(port);
      client.setNoDelay(noDelay);
      const first = Buffer.alloc(params.size, 0x61);
      const second = Buffer.alloc(params.size, 0x62);
      const latenciesMs: number[] = [];
      for (let round = 1; round <= params.rounds; round++) {
        scope.throwIfAborted();
        const reply = waitFor(client, 'data', ROUND_TIMEOUT_MS, scope.signal);
        const start = performance.now();
        client.write(first);
        client.write(second);
        if (!(await reply)) throw new Error(`round ${round} (${setting}): no reply within ${ROUND_TIMEOUT_MS} ms`);
        const ms = roundMs(performance.now() - start);
        latenciesMs.push(ms);
        progress({ setting, round, rounds: params.rounds, ms });
      }
      client.destroy();
      runs.push({ setting, noDelay, latenciesMs, summary: summarise(latenciesMs) });
    }
    if (scope.signal.aborted) throw new AbortedError();
    return { params, runs } satisfies NagleResult;
  },
};
