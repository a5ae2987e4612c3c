/**
 * One connection from the page to the lab's /lab/ws/inspect, over whatever WebSocket the caller
 * provides (the browser's, or a fake in tests). It tries the candidate addresses in order until one
 * opens, turns socket callbacks into console events, and never throws at the caller: a refused
 * connection becomes an 'unreachable' event, an API error an 'error' event.
 */
import { formatInspectCommand } from '../../lab-protocol/messages';
import type { ConsoleEvent } from './model';

/** The part of the browser's WebSocket the console uses. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string) => SocketLike;

/** The browser's WebSocket; `new WebSocket` throws only for malformed URLs, which becomes an error event. */
export const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

const OPEN = 1;

export interface LabConnection {
  sendText(text: string): void;
  sendBinary(bytes: Uint8Array): void;
  /** Asks the lab to send a Ping with `data` (the API cannot send one, RFC 6455 §5.5.2); checked by the caller. */
  sendPing(data: string): void;
  close(code?: number, reason?: string): void;
  /** Drops the socket without more events (the widget is going away). */
  dispose(): void;
}

export function connectLab(
  candidates: readonly string[],
  factory: SocketFactory,
  emit: (event: ConsoleEvent) => void,
): LabConnection {
  let socket: SocketLike | null = null;
  let disposed = false;

  const attempt = (index: number): void => {
    const url = candidates[index];
    if (url === undefined) {
      emit({ type: 'unreachable', urls: [...candidates] });
      return;
    }
    emit({ type: 'connecting', url });
    let ws: SocketLike;
    try {
      ws = factory(url);
    } catch (error) {
      emit({ type: 'error', text: `${url}: ${error instanceof Error ? error.message : String(error)}` });
      attempt(index + 1);
      return;
    }
    socket = ws;
    let opened = false;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      if (disposed) return;
      opened = true;
      emit({ type: 'open', url });
    };
    ws.onmessage = (event) => {
      if (disposed) return;
      const data = event.data;
      if (typeof data === 'string' || data instanceof ArrayBuffer || data instanceof Uint8Array)
        emit({ type: 'message', data });
    };
    // An error is always followed by close; the close handler decides what it meant.
    ws.onerror = () => {};
    ws.onclose = (event) => {
      if (disposed) return;
      if (!opened) {
        attempt(index + 1);
        return;
      }
      emit({ type: 'close', code: event.code, reason: event.reason, wasClean: event.wasClean });
    };
  };
  attempt(0);

  const guard = (what: string, action: (ws: SocketLike) => void): void => {
    const ws = socket;
    if (ws === null || ws.readyState !== OPEN) {
      emit({ type: 'error', text: `Not connected: ${what} was not sent.` });
      return;
    }
    try {
      action(ws);
    } catch (error) {
      emit({ type: 'error', text: `${what}: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return {
    sendText(text) {
      guard('the text message', (ws) => {
        ws.send(text);
        emit({
          type: 'sent',
          text: `Text message, ${new TextEncoder().encode(text).length} bytes: “${text.length > 80 ? `${text.slice(0, 80)}…` : text}”`,
        });
      });
    },
    sendBinary(bytes) {
      guard('the binary message', (ws) => {
        ws.send(bytes);
        emit({ type: 'sent', text: `Binary message, ${bytes.length} byte${bytes.length === 1 ? '' : 's'}.` });
      });
    },
    sendPing(data) {
      guard('the ping command', (ws) => {
        ws.send(formatInspectCommand({ lab: 'inspect', command: 'ping', data }));
        emit({
          type: 'sent',
          text: `Text message with the ping command, asking the lab for a Ping carrying “${data}” (${new TextEncoder().encode(data).length} bytes).`,
        });
      });
    },
    close(code, reason) {
      guard('the close', (ws) => {
        if (code === undefined) ws.close();
        else if (reason === undefined) ws.close(code);
        else ws.close(code, reason);
        emit({
          type: 'sent',
          close: true,
          text: `Close${code === undefined ? ' without a code' : ` with code ${code}`}${reason ? `, reason “${reason}”` : ''}.`,
        });
        emit({ type: 'closing' });
      });
    },
    dispose() {
      disposed = true;
      const ws = socket;
      socket = null;
      if (ws !== null && (ws.readyState === 0 || ws.readyState === OPEN)) {
        try {
          ws.close(1000, 'page closed the console');
        } catch {
          // Closing a socket that is going away anyway: nothing to report.
        }
      }
    },
  };
}
