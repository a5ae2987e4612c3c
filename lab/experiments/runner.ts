/**
 * GET /lab/tcp/<name>?<params>: runs one experiment and streams `start`, `progress`…, then `result`
 * or `error` as Server-Sent Events (shapes in src/lab-protocol/messages.ts). Each run gets its own
 * SocketScope, aborted when the page disconnects or the lab shuts down.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExperimentName } from '../../src/lab-protocol/messages';
import { openEventStream } from '../http/sse';
import { sendJson } from '../http/respond';
import { backpressure } from './backpressure';
import { boundaries } from './boundaries';
import { AbortedError, SocketScope } from './loopback';
import { nagle } from './nagle';
import { refused } from './refused';
import type { Experiment } from './types';

export const EXPERIMENTS: { [N in ExperimentName]: Experiment<N> } = { nagle, boundaries, backpressure, refused };

export function isExperimentName(name: string): name is ExperimentName {
  return Object.hasOwn(EXPERIMENTS, name);
}

export class ExperimentRunner {
  private readonly running = new Set<AbortController>();

  constructor(private readonly maxRunning: number) {}

  get count(): number {
    return this.running.size;
  }

  async handle<N extends ExperimentName>(
    name: N,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ): Promise<void> {
    if (this.running.size >= this.maxRunning) {
      sendJson(
        res,
        503,
        { error: `${this.running.size} experiments are already running; try again when one finishes.` },
        { ...cors, 'Retry-After': '2' },
      );
      return;
    }
    const experiment = EXPERIMENTS[name] as Experiment<N>;
    const { params, adjusted } = experiment.parse(query);
    const controller = new AbortController();
    this.running.add(controller);
    const scope = new SocketScope(controller.signal);
    const stream = openEventStream(res, cors);
    const onGone = () => controller.abort();
    res.once('close', onGone);
    req.socket.setTimeout(0);
    try {
      stream.send('start', { experiment: name, params, adjusted });
      const result = await experiment.run(params, { scope, progress: (data) => stream.send('progress', data) });
      stream.send('result', result);
    } catch (error) {
      if (!(error instanceof AbortedError) || !stream.closed) {
        stream.send('error', { experiment: name, message: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      res.off('close', onGone);
      scope.close();
      this.running.delete(controller);
      stream.end();
    }
  }

  /** Stops every running experiment (shutdown). */
  abortAll(): void {
    for (const controller of this.running) controller.abort();
  }
}
