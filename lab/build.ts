/**
 * `npm start` builds the site only when needed: when dist/ has no index.html, or when a source file
 * is newer than it. Building takes a while; starting the lab should not when nothing changed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads: a change to any of these makes dist/ stale. */
const SOURCES = ['src', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why the site in `siteDir` needs building, or null when it is up to date. */
export function staleReason(root: string, siteDir: string): string | null {
  const index = join(root, siteDir, 'index.html');
  if (!existsSync(index)) return `${siteDir}/ has no index.html`;
  const built = statSync(index).mtimeMs;
  for (const source of SOURCES) {
    if (newestMtime(join(root, source)) > built) return `${source} changed since the last build`;
  }
  return null;
}

/** Runs `npm run build` in `root` when needed; returns false if the build failed. */
export function buildSiteIfNeeded(root: string, siteDir: string, log: (line: string) => void): boolean {
  const reason = staleReason(root, siteDir);
  if (reason === null) {
    log(`site: ${siteDir}/ is up to date`);
    return true;
  }
  log(`site: building (${reason}) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // The lab serves the site at its root, whatever BASE_PATH a deployment build in this shell used.
  const env = { ...process.env, BASE_PATH: '/', OUT_DIR: siteDir };
  const result = spawnSync(npm, ['run', 'build'], {
    cwd: root,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return result.status === 0;
}
