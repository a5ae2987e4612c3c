/**
 * Which pages may use the lab. A browser attaches `Origin` to every WebSocket handshake (RFC 6455
 * §4.1, item 8) and to cross-origin fetches (RFC 6454 §7); the server's job is to refuse origins it
 * does not know, because the browser will happily open a socket to 127.0.0.1 on behalf of any site
 * (cross-site WebSocket hijacking, RFC 6455 §10.2).
 *
 * Requests without `Origin` are allowed: they come from programs that are not browsers (nc, curl, the
 * `ws` test client) or from the lab's own pages (same-origin GETs carry no Origin). Origin protects
 * browser users from other sites; a local program could send any Origin it likes anyway. One browser
 * case remains: a cross-site `<img>`/`<script>`/no-cors request has no Origin but does carry
 * `Sec-Fetch-Site: cross-site` (Fetch Metadata), and is refused.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type OriginVerdict =
  | { ok: true; /** The normalised Origin when there was one (CORS answers echo it). */ origin: string | null }
  | { ok: false; reason: string };

export interface OriginPolicy {
  /** Every allowed origin, normalised (scheme://host[:port], lowercase, default port dropped). */
  readonly allowed: readonly string[];
  /** Whether a given Origin value (as sent) is on the list. */
  isAllowed(origin: string): boolean;
  check(headers: IncomingHttpHeaders): OriginVerdict;
}

/** `scheme://host[:port]` as browsers serialise it, or null for "null" and malformed values. */
export function normaliseOrigin(value: string): string | null {
  if (value === 'null') return null;
  try {
    const url = new URL(value);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The lab's own origins: the address it is bound to, the loopback spellings of the same port, and
 * the host names it was told to answer to (`--allow-host`): a page the lab serves under such a
 * name is its own page.
 */
export function ownOrigins(host: string, port: number, hostNames: readonly string[] = []): string[] {
  const names = new Set(LOOPBACK_NAMES);
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
  for (const name of hostNames) names.add(name);
  return [...names].map((name) => `http://${name}:${port}`).map((o) => normaliseOrigin(o) ?? o);
}

export function createOriginPolicy(own: readonly string[], extra: readonly string[]): OriginPolicy {
  const allowed = [
    ...new Set([...own, ...extra].map((o) => normaliseOrigin(o)).filter((o): o is string => o !== null)),
  ];
  const set = new Set(allowed);
  return {
    allowed,
    isAllowed(origin) {
      const normalised = normaliseOrigin(origin);
      return normalised !== null && set.has(normalised);
    },
    check(headers) {
      const raw = headers.origin;
      if (raw === undefined) {
        const site = headers['sec-fetch-site'];
        if (site === 'cross-site' || site === 'same-site') {
          return {
            ok: false,
            reason: `a browser request from another site (Sec-Fetch-Site: ${site}) without an Origin header`,
          };
        }
        return { ok: true, origin: null };
      }
      const origin = normaliseOrigin(raw);
      if (origin !== null && set.has(origin)) return { ok: true, origin };
      return {
        ok: false,
        reason: `Origin ${JSON.stringify(raw)} is not allowed. Allowed: ${allowed.join(', ')}. Start the lab with --allow-origin ${origin ?? '<origin>'} to add it.`,
      };
    },
  };
}
