/** What the lab's handlers share: settings, the origin policy and the live registries. */
import type { LabConfig } from './config';
import type { ExperimentRunner } from './experiments/runner';
import type { OriginPolicy } from './origin';
import type { ConnectionRegistry } from './websocket/registry';

export interface LabContext {
  config: LabConfig;
  /** The lab's own origin as printed, e.g. "http://127.0.0.1:8787". */
  origin: string;
  origins: OriginPolicy;
  websockets: ConnectionRegistry;
  experiments: ExperimentRunner;
  /** Set once the TCP echo listens. */
  tcpEchoPort: number | null;
  servesSite: boolean;
  startedAt: number;
}
