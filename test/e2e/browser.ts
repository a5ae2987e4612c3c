import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium; CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether browser tests can run here. In CI they must: a missing browser fails the run instead of skipping.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI)
    throw new Error(`CI=true but no Chromium at ${chromiumPath}: browser tests cannot be skipped in CI`);
  console.warn(`[e2e] skipped: no Chromium at ${chromiumPath} (install Debian's chromium or set CHROMIUM_PATH)`);
  return false;
}

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
}
