/** The shape every experiment has: parse the query, then run on loopback sockets and report. */
import type { ExperimentName, ExperimentTypes } from '../../src/lab-protocol/messages';
import type { SocketScope } from './loopback';

export interface ExperimentRun<N extends ExperimentName> {
  scope: SocketScope;
  progress(data: ExperimentTypes[N]['progress']): void;
}

export interface Experiment<N extends ExperimentName> {
  name: N;
  /** Reads and clamps the query; `adjusted` names parameters that were replaced. */
  parse(query: URLSearchParams): { params: ExperimentTypes[N]['params']; adjusted: string[] };
  run(params: ExperimentTypes[N]['params'], run: ExperimentRun<N>): Promise<ExperimentTypes[N]['result']>;
}
