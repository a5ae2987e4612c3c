/**
 * The connection model run for exercises. Its own module, apart from tcp-lines.ts, so that lessons whose exercises
 * only write tcpdump lines do not load the simulator.
 */
import { simulateConnection, type ConnectionParams, type ConnectionRun } from '../protocol/tcp';

/** A run of the connection model that an exercise relies on: a failure here is a bug in the exercise, not input. */
export function simulatedRun(params: ConnectionParams): ConnectionRun {
  const r = simulateConnection(params);
  if (!r.ok) throw new Error(`simulateConnection: ${r.errors.map((e) => e.message).join(' ')}`);
  return r.value;
}
