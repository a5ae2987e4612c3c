/**
 * Round trips before the first WebSocket frame: what each way of opening a WebSocket waits for before a client
 * may send its first frame. A model, not a measurement: DNS, lost packets and server time are left out, and each
 * step is counted as the protocol defines it.
 *
 * - TCP: SYN, SYN-ACK; the client's ACK travels with its first data (RFC 9293 §3.5): 1 round trip.
 * - TLS 1.3 full handshake: ClientHello, then ServerHello…Finished; the client's Finished goes with its first
 *   application data (RFC 8446 §2): 1 round trip. TLS 1.2: 2 (RFC 5246 §7.3), or 1 with False Start (RFC 7918),
 *   where the client sends data right after its Finished. Chromium and Firefox use False Start whenever the
 *   handshake allows it (ECDHE key exchange, an AEAD cipher, ALPN), which is nearly always today.
 * - QUIC: transport and TLS 1.3 handshake in one (RFC 9000 §7): 1 round trip.
 * - The opening handshake: the upgrade request and its 101 (RFC 6455 §4.1), or an extended CONNECT and its 200
 *   (RFC 8441 §5, RFC 9220 §3): 1 round trip. Frames follow the answer; a server may send its first frame in
 *   the same flight as the 101.
 * - Over HTTP/2, the client must have the server's SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 before it sends an
 *   extended CONNECT (RFC 8441 §3); the server sends its SETTINGS at once, so on a new connection they arrive with
 *   the TLS handshake and cost no extra round trip, and on an existing one they are already there.
 * - Browsers: Chromium sends an extended CONNECT only on an HTTP/2 connection to the origin that is already open;
 *   it never opens a new HTTP/2 connection for a WebSocket, but a new HTTP/1.1 one (net/http/http_stream_factory_job.cc,
 *   "WebSocket over HTTP/2 is only allowed to use existing HTTP/2 connections"). WebSocket over HTTP/3 (RFC 9220) is
 *   not enabled by default in browsers, so it is not modelled.
 */

export type SetupPath = 'ws' | 'wss-tls13' | 'wss-tls12-false-start' | 'wss-tls12' | 'h2-reused';

export interface SetupStep {
  what: string;
  roundTrips: number;
  /** Where the step is defined. */
  rule: string;
}

export interface SetupPlan {
  path: SetupPath;
  /** How the table and exercises name it. */
  label: string;
  steps: SetupStep[];
  /** Round trips before the client may send its first frame (and before the server's first frame can arrive). */
  roundTrips: number;
}

const TCP: SetupStep = { what: 'TCP handshake', roundTrips: 1, rule: 'RFC 9293 §3.5' };
const TLS13: SetupStep = { what: 'TLS 1.3 handshake', roundTrips: 1, rule: 'RFC 8446 §2' };
const TLS12: SetupStep = { what: 'TLS 1.2 handshake', roundTrips: 2, rule: 'RFC 5246 §7.3' };
const TLS12_FALSE_START: SetupStep = { what: 'TLS 1.2 handshake, False Start', roundTrips: 1, rule: 'RFC 7918' };
const UPGRADE: SetupStep = { what: 'GET with Upgrade, 101', roundTrips: 1, rule: 'RFC 6455 §4.1' };
const CONNECT2: SetupStep = { what: 'extended CONNECT, 200', roundTrips: 1, rule: 'RFC 8441 §5' };

const PLANS: Record<SetupPath, { label: string; steps: SetupStep[] }> = {
  ws: { label: 'ws: over HTTP/1.1', steps: [TCP, UPGRADE] },
  'wss-tls13': { label: 'wss: over HTTP/1.1, TLS 1.3', steps: [TCP, TLS13, UPGRADE] },
  'wss-tls12-false-start': {
    label: 'wss: over HTTP/1.1, TLS 1.2 with False Start (browsers)',
    steps: [TCP, TLS12_FALSE_START, UPGRADE],
  },
  'wss-tls12': { label: 'wss: over HTTP/1.1, TLS 1.2 without False Start', steps: [TCP, TLS12, UPGRADE] },
  'h2-reused': { label: 'wss: on an HTTP/2 connection the page already has', steps: [CONNECT2] },
};

export const SETUP_PATHS = Object.keys(PLANS) as SetupPath[];

export function setupPlan(path: SetupPath): SetupPlan {
  const { label, steps } = PLANS[path];
  return { path, label, steps, roundTrips: steps.reduce((n, s) => n + s.roundTrips, 0) };
}

/** Milliseconds from `new WebSocket()` until the client may send its first frame, at a round-trip time of `rttMs`. */
export function firstFrameDelayMs(path: SetupPath, rttMs: number): number {
  if (!(rttMs >= 0) || !Number.isFinite(rttMs)) throw new RangeError(`round-trip time must be ≥ 0 ms, got ${rttMs}`);
  return setupPlan(path).roundTrips * rttMs;
}
