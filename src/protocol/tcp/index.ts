/**
 * TCP models: sequence arithmetic, the tcpdump line parser, the connection (handshake/teardown) model, flow
 * control, congestion control (Reno) and Nagle/delayed ACK. All deterministic and pure. Explaining a capture,
 * tcpdump's lines included, is the capture module's (`../capture`: `explainTcpdump`, `analyseCapture`).
 */
export { TCP_STATES, STATE_MEANING, FLAG_INFO, TCPDUMP_FLAG_ORDER, tcpdumpFlagString } from './types';
export type { TcpState, FlagName, FlagInfo, ParamError, SimResult } from './types';
export * from './seq';
export * from './tcpdump';
export * from './connection';
export * from './sliding-window';
export * from './reno';
export * from './packet-overhead';
export { simulateNagle, validateNagleParams, writeWriteRead } from './nagle';
export type {
  NagleEventKind,
  NagleParams,
  NagleRun,
  TimelineSegment,
  TimelineEvent,
  WriteOutcome,
  WriteWriteReadParams,
  WriteWriteReadRun,
} from './nagle';
