/**
 * The lab's WebSocket defaults that lessons quote: its timers and its message limit. The lab uses them as its
 * defaults (lab/config.ts), so the numbers on the page are the numbers the reader's lab runs with.
 */

/** A client silent this long gets a ping (RFC 6455 §5.5.2), which also keeps proxies' idle timers from firing. */
export const LAB_IDLE_TIMEOUT_MS = 30_000;

/** After sending its Close, the lab waits this long for the peer's Close before it drops the TCP connection. */
export const LAB_CLOSE_TIMEOUT_MS = 3_000;

/** The largest message the lab accepts by default (reassembled, after inflating); larger ones get close code 1009. */
export const LAB_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
