/**
 * `npm run build`: the Astro build (with Astro's island style moved into <head>), then the Pagefind search index,
 * then compressed copies of every text file.
 * BASE_PATH (e.g. /wire-notebook/) and SITE_URL set where the site will be served (docs/deploy.md); OUT_DIR
 * (default dist) where it is written. The GitHub Pages workflow and the hosted-site test run this same command.
 */
import { spawnSync } from 'node:child_process';
import { normaliseBase } from '../src/site/base-path';
import { moveIslandStyles } from './island-style';
import { precompress } from './precompress';
import { writeVocabulary } from './vocabulary';

const outDir = process.env.OUT_DIR ?? 'dist';
// A test runner's environment must not leak into the build: its BASE_URL would override the base in Astro's
// server render, and NODE_ENV=test would bundle React's development build (about 180 KB more per page).
delete process.env.BASE_URL;
process.env.NODE_ENV = 'production';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`build: ${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(result.status ?? 1);
  }
}

run('astro', ['build', '--outDir', outDir]);
moveIslandStyles(outDir);
run('pagefind', ['--site', outDir, '--exclude-selectors', 'astro-island', '--silent']);
const vocabulary = writeVocabulary(outDir);
const { files } = precompress(outDir);
console.log(
  `build: ${outDir}/ for base path ${normaliseBase(process.env.BASE_PATH)}, ${files} files precompressed, ` +
    `search vocabulary ${vocabulary.words} words (${vocabulary.bytes} bytes)`,
);
