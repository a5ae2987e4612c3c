/**
 * TCP keep-alive (RFC 9293 §3.8.4): after `idle` seconds without data the stack sends a probe, then one every
 * `interval` seconds; after `probes` unanswered probes it gives the connection up. RFC 9293 §3.8.4 makes
 * keep-alives optional, off by default per connection, with an idle time that MUST default to no less than two
 * hours. Linux's defaults (net.ipv4.tcp_keepalive_time / _intvl / _probes) are 7200, 75 and 9.
 */

export interface KeepaliveSettings {
  /** Seconds of silence before the first probe. */
  idle: number;
  /** Seconds between probes. */
  interval: number;
  /** Unanswered probes before the connection is dropped. */
  probes: number;
}

/** RFC 9293 §3.8.4: at least two hours of idle time by default. */
export const RFC_KEEPALIVE_MIN_IDLE_S = 7200;
/** Linux's defaults (Documentation/networking/ip-sysctl.rst). */
export const LINUX_KEEPALIVE: KeepaliveSettings = { idle: 7200, interval: 75, probes: 9 };

/** Seconds from the last data until a dead peer is noticed: idle + probes × interval. */
export function keepaliveGiveUpSeconds(k: KeepaliveSettings): number {
  return k.idle + k.probes * k.interval;
}

/**
 * What libuv sets beside TCP_KEEPIDLE when a Node.js program calls `socket.setKeepAlive(true, delay)` on Linux:
 * TCP_KEEPINTVL 1 s and TCP_KEEPCNT 10, not the kernel's 75 s and 9 (src/unix/tcp.c, uv__tcp_keepalive();
 * seen with strace on Node 20.20.2, libuv 1.46.0).
 */
export const LIBUV_KEEPALIVE_PROBES: Pick<KeepaliveSettings, 'interval' | 'probes'> = { interval: 1, probes: 10 };
