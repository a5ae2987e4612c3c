/**
 * How a page finds the lab: the one home for it, used by the header's lab badge (src/components/LabStatus.astro),
 * the experiments and the lab console. The badge finds the lab (GET /lab/status, answering 2xx when the lab runs)
 * without a request that could fail before the reader asks for one:
 *
 * - Served by the lab: the page knows from the lab's Server-Timing metric on its own navigation entry
 *   (src/lab-protocol/served-by.ts) and asks nothing.
 * - Served by anything else (a static host, `astro dev`, `astro preview`, a share on the LAN): the page contacts the
 *   lab only when the reader presses Connect, or on load if the reader chose "connect automatically". A lab that is
 *   not running means a refused connection that the browser logs, and a page on a public host needs the reader's
 *   permission to reach the machine at all (Chrome's Local Network Access prompt).
 * - `?lab=http://127.0.0.1:PORT` points the page at a lab started with `--port`; only loopback addresses are taken,
 *   so a link cannot aim the page at someone else's server.
 */
import type { ServedBy } from './served-by';

export const LAB_DEFAULT_ORIGIN = 'http://127.0.0.1:8787';
export const LAB_STATUS_PATH = '/lab/status';
/** localStorage key: '1' when the reader chose to connect to the lab automatically on later visits. */
export const LAB_AUTO_KEY = 'wire-notebook:lab-auto';
/** sessionStorage key: the lab origin given with `?lab=`, remembered for the session. */
export const LAB_ORIGIN_KEY = 'wire-notebook:lab-origin';
/**
 * Names under which browsers expose the permission to reach the local machine, newest first: Chromium's Local
 * Network Access started as one `local-network-access` permission and later split out `loopback-network`.
 */
export const LOCAL_NETWORK_PERMISSIONS = ['loopback-network', 'local-network-access'] as const;

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

/** Whether `origin` is http(s) on this machine: 127.0.0.0/8, [::1] or localhost (and *.localhost). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && hostKind(url.hostname) === 'loopback';
  } catch {
    return false;
  }
}

/**
 * Reads `?lab=` from a query string: the origin of a loopback URL, an error for anything else, or undefined when the
 * parameter is absent. A path or query in the value is dropped: the lab's routes are fixed.
 */
export function parseLabParam(search: string): { origin: string } | { error: string } | undefined {
  const value = new URLSearchParams(search).get('lab');
  if (value === null) return undefined;
  if (!isLoopbackOrigin(value)) {
    return {
      error: `?lab=${value} was ignored: only a lab on this machine (http://127.0.0.1:PORT, http://[::1]:PORT or http://localhost:PORT) can be chosen.`,
    };
  }
  return { origin: new URL(value).origin };
}

export interface PageLocation {
  protocol: string;
  hostname: string;
  origin: string;
}

export type LabFindPlan =
  /** The lab served this page: nothing to ask. */
  | { kind: 'served'; origin: string; version: string }
  /** Wait for the reader to press Connect. */
  | { kind: 'ask' }
  /** Status URLs to try in order; the first that answers 2xx with the lab's status wins. */
  | { kind: 'probe'; urls: string[] };

export function labFindPlan(
  page: PageLocation,
  options: {
    /** From the page's navigation entry (src/lab-protocol/served-by.ts). */
    servedBy: ServedBy;
    /** The lab origin chosen with `?lab=` (already checked to be loopback), or null. */
    chosenOrigin: string | null;
    /** The reader chose to connect automatically. */
    automatic: boolean;
    /** The reader pressed Connect just now. */
    clicked: boolean;
  },
): LabFindPlan {
  const { servedBy, chosenOrigin, automatic, clicked } = options;
  if (servedBy?.lab === true && (chosenOrigin === null || chosenOrigin === page.origin)) {
    // Asked again by the reader: the lab that served the page answers its own status (live counts, or that it stopped).
    return clicked
      ? { kind: 'probe', urls: [LAB_STATUS_PATH] }
      : { kind: 'served', origin: page.origin, version: servedBy.version };
  }
  if (!clicked && !automatic) return { kind: 'ask' };
  if (chosenOrigin !== null) return { kind: 'probe', urls: [`${chosenOrigin}${LAB_STATUS_PATH}`] };
  const urls: string[] = [];
  const web = page.protocol === 'http:' || page.protocol === 'https:';
  // The page's own server can be the lab only when the browser could not say (no Server-Timing outside a secure
  // context, e.g. a lab started with --host 0.0.0.0 and opened by its LAN address).
  if (web && servedBy === undefined && hostKind(page.hostname) !== 'public' && page.origin !== LAB_DEFAULT_ORIGIN) {
    urls.push(LAB_STATUS_PATH);
  }
  urls.push(`${LAB_DEFAULT_ORIGIN}${LAB_STATUS_PATH}`);
  return { kind: 'probe', urls };
}

/** Whether reaching the lab from this page may need the browser's local-network permission. */
export function mayNeedLocalNetworkPermission(page: PageLocation): boolean {
  const web = page.protocol === 'http:' || page.protocol === 'https:';
  return !web || hostKind(page.hostname) !== 'loopback';
}

/**
 * What to tell the reader about the local-network permission, from its state; undefined when the browser does not
 * say (then it may still ask, or not gate such requests at all).
 */
export function permissionNote(state: 'granted' | 'denied' | 'prompt' | undefined): string {
  if (state === 'denied') {
    return 'Your browser blocks this site from reaching your own machine (local network access). To allow it, open the site settings (the icon left of the address), set "Local network access" to Allow, reload, and press Connect.';
  }
  if (state === 'prompt') {
    return 'When you press Connect, your browser will ask whether this site may reach devices on your local network. Allow it: the page then talks to the lab on 127.0.0.1, and nothing else.';
  }
  if (state === 'granted') return 'Your browser lets this site reach the lab on your machine.';
  return 'Your browser may ask whether this site may reach devices on your local network. If it does, allow it: the page talks only to the lab on your own machine.';
}

/** A note when the lab's protocol version differs from the one this page was built for, else undefined. */
export function versionNote(labVersion: string, pageVersion: string): string | undefined {
  if (labVersion === pageVersion) return undefined;
  const lab = Number(labVersion);
  const page = Number(pageVersion);
  if (Number.isFinite(lab) && Number.isFinite(page) && lab < page) {
    return `Your lab speaks version ${labVersion}; this page expects ${pageVersion}. Some experiments may not work until you update your copy (git pull, then npm start).`;
  }
  return `Your lab speaks version ${labVersion}; this page was built for ${pageVersion}. Everything should work, but this copy of the site may be older than your lab.`;
}

/**
 * Whether a /lab/status body comes from this project's lab (see LabStatus in src/lab-protocol/messages.ts), so
 * some other server that happens to answer on the port is not taken for it.
 */
export function isLabStatus(body: unknown): body is { lab: 'wire-notebook'; origin: string; version: string } {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return b.lab === 'wire-notebook' && typeof b.origin === 'string' && typeof b.version === 'string';
}

/** Whether a /lab/status body is the lab refusing this page's origin (see LabRefusal in src/lab-protocol/messages.ts). */
export function isLabRefusal(body: unknown): body is { lab: 'wire-notebook'; refused: 'origin'; allowWith: string } {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return b.lab === 'wire-notebook' && b.refused === 'origin' && typeof b.allowWith === 'string';
}

/**
 * Lab origins for a widget to try when the reader presses Run or Connect, in order: the one the header's lab badge
 * found (<html data-lab-origin>); a page on this machine or the local network its own origin first (the lab serves
 * the site) then the default address; any other page the default address only (the reader's press is the go-ahead
 * to look there).
 */
export function labOrigins(page: PageLocation, badgeOrigin?: string | null): string[] {
  if (badgeOrigin) return [badgeOrigin];
  const web = page.protocol === 'http:' || page.protocol === 'https:';
  if (web && hostKind(page.hostname) !== 'public') {
    return page.origin === LAB_DEFAULT_ORIGIN ? [page.origin] : [page.origin, LAB_DEFAULT_ORIGIN];
  }
  return [LAB_DEFAULT_ORIGIN];
}

/**
 * The first of `origins` whose /lab/status answers 2xx with this project's lab status (and that `accepts`, e.g. one
 * that runs a given experiment), or undefined. Each try gives up after 2.5 s; a refused, blocked or non-JSON answer
 * moves on to the next origin. Stops when `signal` aborts.
 */
export async function findLab(
  origins: readonly string[],
  signal: AbortSignal,
  accepts: (status: Record<string, unknown>) => boolean = () => true,
): Promise<string | undefined> {
  for (const origin of origins) {
    try {
      const res = await fetch(`${origin}${LAB_STATUS_PATH}`, {
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.any([signal, AbortSignal.timeout(2500)]),
      });
      if (!res.ok) continue;
      const body: unknown = await res.json();
      if (isLabStatus(body) && accepts(body as Record<string, unknown>)) return origin;
    } catch {
      if (signal.aborted) return undefined;
      // refused, timed out, blocked or not JSON: try the next address
    }
  }
  return undefined;
}

/** Origin the lab answered from, for other parts of the page (WebSocket URLs): same origin or the default. */
export function labOriginFor(statusUrl: string, pageOrigin: string): string {
  return statusUrl.startsWith('/') ? pageOrigin : new URL(statusUrl).origin;
}
