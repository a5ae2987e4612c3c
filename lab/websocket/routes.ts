/** The WebSocket endpoints and what each does. */

export interface WebSocketRoute {
  /** Send JSON reports of the raw handshake and frames (src/lab-protocol/messages.ts). */
  inspect: boolean;
  /** Echo data messages back. */
  echo: boolean;
}

export const WS_PATHS = { echo: '/lab/ws/echo', inspect: '/lab/ws/inspect' } as const;

/** The route for a request target's path and query, or undefined when it is not a WebSocket path. */
export function webSocketRoute(url: URL): WebSocketRoute | undefined {
  switch (url.pathname) {
    case WS_PATHS.echo:
      return { inspect: false, echo: true };
    case WS_PATHS.inspect:
      return { inspect: true, echo: url.searchParams.get('echo') !== '0' };
    default:
      return undefined;
  }
}
