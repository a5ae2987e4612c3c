/**
 * Server-Sent Events (HTML Living Standard §9.2): `event: <name>` and one `data: <json>` line per
 * event, a blank line between events. Used to stream experiment progress to the page.
 */
import type { ServerResponse } from 'node:http';

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
  readonly closed: boolean;
}

export function openEventStream(res: ServerResponse, headers: Record<string, string>): EventStream {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
    ...headers,
  });
  // An EventSource reconnects when the stream ends, which would rerun the experiment; pages close it
  // on `result`/`error`, and this long retry keeps a page that forgets from looping.
  res.write('retry: 3600000\n\n');
  return {
    send(event, data) {
      if (!res.writableEnded && !res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (!res.writableEnded) res.end();
    },
    get closed() {
      return res.writableEnded || res.destroyed;
    },
  };
}
