/**
 * Where the page looks for the lab's status endpoint (GET /lab/status, answering 2xx when the lab runs).
 *
 * - Served from loopback or a private address (the lab itself, `astro dev`, `astro preview`): ask the same origin
 *   first — when the lab serves the page that is the answer — then the default lab address if this page is not
 *   already on it. Loopback-to-loopback needs no permission.
 * - Served from a public host: the lab can only be at 127.0.0.1:8787. Browsers gate requests from public sites to
 *   the local machine (Chrome's Local Network Access prompt), and a refused connection logs an error on every
 *   page, so the page asks only after the reader opted in (clicked "Check for the lab" once).
 */
export const LAB_DEFAULT_ORIGIN = 'http://127.0.0.1:8787';
export const LAB_STATUS_PATH = '/lab/status';
/** localStorage key: '1' once the reader asked a public page to look for the lab. */
export const LAB_OPT_IN_KEY = 'wire-notebook:lab-probe';

export type HostKind = 'loopback' | 'private' | 'public';

/** Classifies a URL hostname (as `location.hostname` gives it: IPv6 in brackets). */
export function hostKind(hostname: string): HostKind {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h))
    return 'loopback';
  if (/^10(\.\d{1,3}){3}$/.test(h) || /^192\.168(\.\d{1,3}){2}$/.test(h)) return 'private';
  const m = /^172\.(\d{1,3})(\.\d{1,3}){2}$/.exec(h);
  if (m && Number(m[1]) >= 16 && Number(m[1]) <= 31) return 'private';
  if (h.endsWith('.local') || /^\[f[cd][0-9a-f]{2}:/.test(h) || /^\[fe80:/.test(h)) return 'private';
  return 'public';
}

export interface ProbePlan {
  /** Status URLs to try in order; the first that answers 2xx wins. */
  urls: string[];
  /** True when the page may look for the lab only after the reader agrees (public host, no opt-in yet). */
  needsConsent: boolean;
}

export function labProbePlan(
  location: { protocol: string; hostname: string; origin: string },
  { optedIn }: { optedIn: boolean },
): ProbePlan {
  const external = `${LAB_DEFAULT_ORIGIN}${LAB_STATUS_PATH}`;
  const web = location.protocol === 'http:' || location.protocol === 'https:';
  if (web && hostKind(location.hostname) !== 'public') {
    const urls = [LAB_STATUS_PATH];
    if (location.origin !== LAB_DEFAULT_ORIGIN) urls.push(external);
    return { urls, needsConsent: false };
  }
  return optedIn ? { urls: [external], needsConsent: false } : { urls: [], needsConsent: true };
}

/**
 * Whether a /lab/status body comes from this project's lab (see LabStatus in src/lab-client/messages.ts), so
 * some other server that happens to answer on the port is not taken for it.
 */
export function isLabStatus(body: unknown): body is { lab: 'wire-notebook'; origin: string; version: string } {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return b.lab === 'wire-notebook' && typeof b.origin === 'string' && typeof b.version === 'string';
}

/** Origin the lab answered from, for other parts of the page (WebSocket URLs): same origin or the default. */
export function labOriginFor(statusUrl: string, pageOrigin: string): string {
  return statusUrl.startsWith('/') ? pageOrigin : new URL(statusUrl).origin;
}
