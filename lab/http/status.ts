/** GET /lab/status — what the lab offers, for the site's lab badge ({@link LabStatus}). */
import type { ServerResponse } from 'node:http';
import type { LabStatus } from '../../src/lab-protocol/messages';
import { LAB_PROTOCOL_VERSION } from '../../src/lab-protocol/served-by';
import type { LabContext } from '../context';
import { EXPERIMENTS } from '../experiments/runner';
import { WS_PATHS } from '../websocket/routes';
import { sendJson } from './respond';

/** The protocol version (src/lab-protocol/served-by.ts): 3 added permessage-deflate and `message` reports. */
export const LAB_VERSION = LAB_PROTOCOL_VERSION;

export function labStatus(ctx: LabContext): LabStatus {
  const ws = ctx.origin.replace(/^http/, 'ws');
  return {
    lab: 'wire-notebook',
    version: LAB_VERSION,
    origin: ctx.origin,
    websocket: { echo: ws + WS_PATHS.echo, inspect: ws + WS_PATHS.inspect },
    experiments: Object.keys(EXPERIMENTS) as LabStatus['experiments'],
    tcpEchoPort: ctx.tcpEchoPort,
    servesSite: ctx.servesSite,
    connections: { websocket: ctx.websockets.size, max: ctx.websockets.max },
    limits: {
      maxMessageBytes: ctx.config.maxMessageBytes,
      idleTimeoutMs: ctx.config.idleTimeoutMs,
      handshakeTimeoutMs: ctx.config.handshakeTimeoutMs,
    },
    uptimeMs: Math.round(performance.now() - ctx.startedAt),
  };
}

export function handleStatus(res: ServerResponse, ctx: LabContext, cors: Record<string, string>): void {
  sendJson(res, 200, labStatus(ctx), cors);
}
