/**
 * Which names the lab answers to: the guard against DNS rebinding. The Origin allow-list
 * (./origin.ts) stops pages of other sites, but a page on attacker.example can make that name
 * resolve to 127.0.0.1 and then reach the lab as the same origin; its GETs carry no Origin at all.
 * What such a request cannot hide is the name the browser connected to: it sends `Host:
 * attacker.example` (RFC 9110 §7.2). So the lab answers only to names that cannot be rebound:
 *
 * - IP literals (IPv4, bracketed IPv6): no DNS is involved, so there is nothing to rebind;
 * - `localhost` and `*.localhost` (RFC 6761 §6.3): browsers resolve these to loopback themselves;
 * - names the person running the lab added (`--allow-host`, `LAB_ALLOW_HOSTS`).
 *
 * The port is not checked: rebinding changes the address behind a name, never the port.
 */
import { isIPv4, isIPv6 } from 'node:net';

export type HostProblem = 'missing' | 'duplicate' | 'invalid' | 'foreign';

export type HostVerdict = { ok: true } | { ok: false; status: 400 | 403; problem: HostProblem; reason: string };

export interface HostPolicy {
  /** The names added to the built-in ones, normalised (lowercase, no trailing dot). */
  readonly names: readonly string[];
  /**
   * Checks one request from its raw header list (name, value, name, value …, as Node's `rawHeaders`)
   * and its request target (`req.url`).
   */
  check(rawHeaders: readonly string[], target?: string): HostVerdict;
}

export type ParsedHost =
  { kind: 'ip'; name: string; port: string | null } | { kind: 'name'; name: string; port: string | null };

/** IP-literal (RFC 3986 §3.2.2; IPv6 only, no IPvFuture or zone) with an optional port. */
const BRACKETED = /^\[([0-9A-Fa-f:.]+)\](?::(\d*))?$/;
/** reg-name or IPv4address (RFC 3986 §3.2.2) with an optional port (§3.2.3). */
const NAME = /^([A-Za-z0-9\-._~!$&'()*+,;=%]+)(?::(\d*))?$/;

/**
 * Parses a Host field value, `uri-host [ ":" port ]` (RFC 9110 §7.2), or null when it is not one.
 * Names go through the WHATWG URL host parser, the one browsers use: it lowercases, applies IDNA,
 * and reads numeric forms such as `127.1` as the IPv4 address they are to a browser.
 */
export function parseHost(value: string): ParsedHost | null {
  const bracketed = BRACKETED.exec(value);
  if (bracketed !== null) {
    const address = bracketed[1] ?? '';
    return isIPv6(address) ? { kind: 'ip', name: `[${address.toLowerCase()}]`, port: bracketed[2] || null } : null;
  }
  const match = NAME.exec(value);
  if (match === null) return null;
  let name: string;
  try {
    name = new URL(`http://${match[1] ?? ''}/`).hostname;
  } catch {
    return null;
  }
  if (isIPv4(name)) return { kind: 'ip', name, port: match[2] || null };
  // "localhost." and "localhost" are the same name in DNS (RFC 1034 §3.1).
  name = name.replace(/\.$/, '');
  return name === '' ? null : { kind: 'name', name, port: match[2] || null };
}

/** Names that never need adding: RFC 6761 §6.3 reserves localhost and everything under it for loopback. */
export function isLocalhostName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost');
}

/** The value of every Host field in a raw header list, in order. */
export function hostFields(rawHeaders: readonly string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'host') values.push((rawHeaders[i + 1] ?? '').trim());
  }
  return values;
}

/**
 * Normalises names for `--allow-host`; returns the bad item when one is not a bare host name
 * (a scheme, path or port gives a clear error instead of a name that never matches).
 */
export function normaliseAllowedHosts(items: readonly string[]): { names: string[] } | { bad: string } {
  const names: string[] = [];
  for (const item of items) {
    const parsed = parseHost(item);
    if (parsed === null || parsed.port !== null) return { bad: item };
    if (parsed.kind === 'name' && !isLocalhostName(parsed.name)) names.push(parsed.name);
  }
  return { names: [...new Set(names)] };
}

export function createHostPolicy(extra: readonly string[]): HostPolicy {
  // Items that are not names (an address such as ::1 or 0.0.0.0 from --host) need no entry.
  const names = [
    ...new Set(
      extra.flatMap((item) => {
        const result = normaliseAllowedHosts([item]);
        return 'names' in result ? result.names : [];
      }),
    ),
  ];
  const allowed = new Set(names);
  return {
    names,
    check(rawHeaders, target) {
      const fields = hostFields(rawHeaders);
      if (fields.length > 1) {
        return {
          ok: false,
          status: 400,
          problem: 'duplicate',
          reason: `the request has ${fields.length} Host header fields; RFC 9112 §3.2 allows exactly one.`,
        };
      }
      // RFC 9112 §3.2.2: with an absolute-form target the server uses its authority, not Host.
      let value = fields[0] ?? '';
      if (target !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
        try {
          value = new URL(target).host;
        } catch {
          value = '';
        }
      }
      if (value === '') {
        return {
          ok: false,
          status: 400,
          problem: 'missing',
          reason:
            'the request has no Host header; the lab needs it to see which name it was reached by (RFC 9112 §3.2).',
        };
      }
      const host = parseHost(value);
      if (host === null) {
        return {
          ok: false,
          status: 400,
          problem: 'invalid',
          reason: `Host ${JSON.stringify(value)} is not a host name or address with an optional port (RFC 9110 §7.2).`,
        };
      }
      if (host.kind === 'ip' || isLocalhostName(host.name) || allowed.has(host.name)) return { ok: true };
      return {
        ok: false,
        status: 403,
        problem: 'foreign',
        reason: `Host ${JSON.stringify(value)} is not a name this lab answers to (a guard against DNS rebinding); start the lab with --allow-host ${host.name} to add it.`,
      };
    },
  };
}
