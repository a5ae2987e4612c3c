/** Page metadata shared by the layouts. */

export const SITE_NAME = 'Wire Notebook';
export const SITE_DESCRIPTION =
  'Lessons on how bytes really cross a network — sockets, TCP, HTTP and WebSocket — with figures that run real protocol code.';

/** `Framing · Wire Notebook`; the home page is just the site name. */
export function pageTitle(title: string): string {
  return title === SITE_NAME || title === '' ? SITE_NAME : `${title} · ${SITE_NAME}`;
}
