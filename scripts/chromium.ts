/**
 * The headless Chromium every script and browser test launches: Debian's package (CHROMIUM_PATH overrides) with
 * the flags a root user on a closed network needs.
 */

/** Debian's chromium; CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a headless Chromium as root on a closed network (no sandbox, no GPU, no calls home). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
