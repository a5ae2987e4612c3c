/**
 * How a page learns that the lab served it, without a request that could fail: the lab sends a
 * `Server-Timing` metric with every page (W3C Server Timing §3), and the page reads it from its own
 * navigation entry (`performance.getEntriesByType('navigation')[0].serverTiming`). The header is on
 * 304 answers too, so a revalidated reload still carries it, and it does not depend on which
 * precompressed copy was sent. A page served by anything else simply has no such metric.
 *
 * Browsers expose `serverTiming` only in secure contexts (http://127.0.0.1 and http://localhost are
 * secure); elsewhere it is missing and the page cannot tell, which {@link readLabServerTiming} reports
 * as `undefined`.
 */

/**
 * The lab's protocol version, as `/lab/status` reports it (`LabStatus.version`). 2 added the
 * `server-frame` and `command-error` reports and the `ping` command on /lab/ws/inspect; 3 added
 * permessage-deflate (RFC 7692) and the `message` report. A page built from a newer checkout than the
 * reader's lab compares the two.
 */
export const LAB_PROTOCOL_VERSION = '3';

/** The metric's name, and the product token its description starts with. */
export const LAB_TIMING_METRIC = 'lab';
const PRODUCT = 'wire-notebook/';

/** The header value, e.g. `lab;desc="wire-notebook/2"` (a Server-Timing metric with a description). */
export function labServerTiming(version: string = LAB_PROTOCOL_VERSION): string {
  return `${LAB_TIMING_METRIC};desc="${PRODUCT}${version}"`;
}

/** What a page's navigation entry says about who served it. */
export type ServedBy =
  /** The lab served this page; its protocol version. */
  | { lab: true; version: string }
  /** Served by something else (the browser exposes Server-Timing and there is no lab metric). */
  | { lab: false }
  /** Cannot tell: the browser does not expose Server-Timing here (an insecure context, an old browser). */
  | undefined;

/** Reads the lab's metric from `PerformanceNavigationTiming.serverTiming` (undefined when not exposed). */
export function readLabServerTiming(
  entries: ReadonlyArray<{ name: string; description: string }> | undefined,
): ServedBy {
  if (entries === undefined) return undefined;
  const metric = entries.find((e) => e.name === LAB_TIMING_METRIC && e.description.startsWith(PRODUCT));
  return metric === undefined ? { lab: false } : { lab: true, version: metric.description.slice(PRODUCT.length) };
}
