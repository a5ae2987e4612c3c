/**
 * How many requests to one origin a browser runs at once. HTTP/1.1 carries one request at a time per connection
 * (RFC 9112 §9.3), and browsers open at most 6 connections per origin (Chromium: net/socket/
 * client_socket_pool_manager.cc, max sockets per group; Firefox: network.http.max-persistent-connections-per-server),
 * a per-client choice RFC 9112 §9.4 leaves open. A stream that never ends (Server-Sent Events, a held long poll)
 * keeps its connection for itself. HTTP/2 multiplexes streams on one connection, up to the peer's
 * SETTINGS_MAX_CONCURRENT_STREAMS, which RFC 9113 §6.5.2 recommends be at least 100.
 */

/** Browsers' HTTP/1.1 connections per origin (measured in Chromium on this project's machine: 6). */
export const BROWSER_CONNECTIONS_PER_ORIGIN = 6;
/** RFC 9113 §6.5.2: SETTINGS_MAX_CONCURRENT_STREAMS is recommended to be no smaller than 100. */
export const H2_RECOMMENDED_MIN_STREAMS = 100;

export interface ParallelRequests {
  /** Requests that get a connection (or stream) now, besides the long-lived ones. */
  running: number;
  /** Requests that wait until a long-lived one ends — for SSE, possibly forever. */
  waiting: number;
}

/**
 * `longLived` streams stay open (SSE, long polls); `requests` more start now. Which run, which wait?
 * Over HTTP/1.1 every request holds one of `perOrigin` connections; over HTTP/2 all share one connection up to
 * `maxStreams` concurrent streams.
 */
export function parallelRequests(opts: {
  protocol: 'http/1.1' | 'h2';
  longLived: number;
  requests: number;
  perOrigin?: number;
  maxStreams?: number;
}): ParallelRequests {
  const slots =
    opts.protocol === 'http/1.1'
      ? (opts.perOrigin ?? BROWSER_CONNECTIONS_PER_ORIGIN)
      : (opts.maxStreams ?? H2_RECOMMENDED_MIN_STREAMS);
  const free = Math.max(0, slots - Math.max(0, opts.longLived));
  const running = Math.min(free, Math.max(0, opts.requests));
  return { running, waiting: Math.max(0, opts.requests) - running };
}
