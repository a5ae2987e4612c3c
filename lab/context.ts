/** What the lab's handlers share: settings, the Host and Origin policies and the live registries. */
import type { LabConfig } from './config';
import type { ExperimentRunner } from './experiments/runner';
import type { HostPolicy } from './host';
import type { OriginPolicy } from './origin';
import type { ConnectionRegistry } from './websocket/registry';

export interface LabContext {
  config: LabConfig;
  /** The lab's own origin as printed, e.g. "http://127.0.0.1:8787". */
  origin: string;
  /** Which Host names the lab answers to (DNS rebinding guard), checked before anything else. */
  hosts: HostPolicy;
  origins: OriginPolicy;
  websockets: ConnectionRegistry;
  experiments: ExperimentRunner;
  /** Set once the TCP echo listens. */
  tcpEchoPort: number | null;
  servesSite: boolean;
  startedAt: number;
}
