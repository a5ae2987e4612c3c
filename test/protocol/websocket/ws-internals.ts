/**
 * Pieces of the `ws` package (devDependency) used as an independent oracle. `ws` only exports its
 * public API, so its internal validation module is loaded by file path.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as wsModule from 'ws';

const require = createRequire(import.meta.url);
const wsDir = dirname(require.resolve('ws'));

export const wsValidation = require(join(wsDir, 'lib', 'validation.js')) as {
  isValidStatusCode(code: number): boolean;
};

/** The close code `ws` attaches to a Receiver error, under its `kStatusCode` symbol. */
export function wsStatusCode(err: Error): number | undefined {
  const sym = Object.getOwnPropertySymbols(err).find((s) => s.description === 'status-code');
  return sym === undefined ? undefined : ((err as unknown as Record<symbol, number>)[sym] as number);
}

// ---- Receiver and Sender ------------------------------------------------------------------
// @types/ws does not declare them, although `ws` exports both; these are the parts the tests use.

interface WsReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'ping' | 'pong', listener: (data: Buffer) => void): void;
  on(event: 'conclude', listener: (code: number, reason: Buffer) => void): void;
  on(event: 'error', listener: (err: Error & { code?: string }) => void): void;
  write(chunk: Buffer): boolean;
}
interface WsSender {
  send(data: Buffer | string, options: { binary?: boolean; fin?: boolean; mask?: boolean; compress?: boolean }): void;
  ping(data: Buffer, mask: boolean): void;
  pong(data: Buffer, mask: boolean): void;
  close(code: number | undefined, reason: string | undefined, mask: boolean): void;
}
const ws = wsModule as unknown as {
  Receiver: new (options: { isServer?: boolean; maxPayload?: number }) => WsReceiver;
  Sender: new (socket: unknown, extensions?: object, generateMask?: (mask: Buffer) => void) => WsSender;
};

/** What ws's Receiver made of some bytes: messages in order, and its error if it failed. */
export interface WsOutcome {
  events: string[];
  error?: { code: string | undefined; status: number | undefined; message: string };
}

/**
 * Feeds `chunks` to a ws Receiver. `isServer` means the bytes come from a client (masks required).
 * Errors are emitted by the stream machinery on a later tick, hence async.
 */
export async function wsReceive(
  chunks: Uint8Array[],
  opts: { isServer: boolean; maxPayload?: number },
): Promise<WsOutcome> {
  const r = new ws.Receiver({ isServer: opts.isServer, maxPayload: opts.maxPayload ?? 0 });
  const out: WsOutcome = { events: [] };
  r.on('message', (data, isBinary) => out.events.push(`${isBinary ? 'binary' : 'text'} ${data.toString('hex')}`));
  r.on('ping', (data) => out.events.push(`ping ${data.toString('hex')}`));
  r.on('pong', (data) => out.events.push(`pong ${data.toString('hex')}`));
  let done = false;
  r.on('conclude', (code, reason) => {
    out.events.push(`close ${code} ${reason.toString('hex')}`);
    done = true; // the Receiver ends itself; writing more would be a stream error, not a protocol one
  });
  r.on('error', (err) => {
    out.error ??= { code: err.code, status: wsStatusCode(err), message: err.message };
    done = true;
  });
  for (const c of chunks) {
    if (done) break;
    // A copy: ws unmasks in place, and the caller's bytes are shared with our decoder.
    r.write(Buffer.from(c));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}

/** A ws Sender writing into an array, with a fixed masking key so its bytes are reproducible. */
export function wsSender(maskKey: Uint8Array | undefined): { sender: WsSender; written: () => Uint8Array } {
  const parts: Buffer[] = [];
  const socket = {
    cork() {},
    uncork() {},
    write(chunk: Buffer, cb?: () => void) {
      parts.push(Buffer.from(chunk));
      cb?.();
      return true;
    },
  };
  const generateMask = maskKey ? (mask: Buffer) => mask.set(maskKey) : undefined;
  return { sender: new ws.Sender(socket, {}, generateMask), written: () => Uint8Array.from(Buffer.concat(parts)) };
}
