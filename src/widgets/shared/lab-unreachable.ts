/**
 * What to tell a reader when no lab answered, for every widget that talks to the lab (the console, the
 * experiments): how to start it, and, when the page is not served by the lab, how to let this page's origin in.
 */

export interface UnreachableHelp {
  summary: string;
  /** Shell commands that start the lab. */
  start: string;
  /** Set when the lab may be running but refusing this page's origin (RFC 6455 §10.2). */
  allowOrigin?: string;
}

/** What to tell the reader when no address answered. */
export function unreachableHelp(urls: readonly string[], pageOrigin: string): UnreachableHelp {
  const help: UnreachableHelp = {
    summary: `No lab answered at ${urls.join(' or ')}.`,
    start: 'npm install && npm start',
  };
  // The lab accepts its own loopback origins; a page from anywhere else must be allowed by name.
  const servedByLab = urls.some((u) => {
    try {
      return new URL(u.replace(/^ws/, 'http')).origin === pageOrigin;
    } catch {
      return false;
    }
  });
  if (!servedByLab && /^https?:/.test(pageOrigin)) help.allowOrigin = `npm start -- --allow-origin ${pageOrigin}`;
  return help;
}
