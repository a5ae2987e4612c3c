/**
 * `npm run budget`: each built page's JavaScript and CSS (gzip), against the budget of 150 KB of JavaScript
 * per lesson page (docs/architecture.md, Budgets). Exits 1 when a lesson is over. The e2e suite also measures what Chromium actually loads.
 */
import { listPages } from '../test/e2e/site-pages';
import { normaliseBase } from '../src/site/base-path';
import { pageWeight } from './page-weight';

export const LESSON_JS_BUDGET = 150 * 1024;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
// OUT_DIR and BASE_PATH as for `npm run build`, so a build for a sub-path is measured the same way.
const outDir = process.env.OUT_DIR ?? 'dist';
const base = normaliseBase(process.env.BASE_PATH);
const rows = listPages(outDir).map((p) => pageWeight(outDir, p, base));
let over = 0;
console.log('| page | JS (gzip) | files | CSS (gzip) | budget |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const r of rows) {
  const lesson = /^\/lessons\/[^/]+\/$/.test(r.page);
  const ok = !lesson || r.jsGzip <= LESSON_JS_BUDGET;
  if (!ok) over++;
  console.log(
    `| ${r.page} | ${kb(r.jsGzip)} | ${r.jsFiles} | ${kb(r.cssGzip)} | ${lesson ? (ok ? 'ok' : 'OVER 150 KB') : '—'} |`,
  );
}
if (over) {
  console.error(`${over} lesson page(s) over the ${kb(LESSON_JS_BUDGET)} JavaScript budget`);
  process.exit(1);
}
