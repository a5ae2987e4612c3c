import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath } from '../../scripts/chromium';

export { CHROMIUM_FLAGS, chromiumPath };

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
}
