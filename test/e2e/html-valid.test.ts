// Every built page is valid HTML by html-validate's standard rules. Inline styles are allowed: Shiki writes one on
// every highlighted token.
import { HtmlValidate } from 'html-validate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distDir, listPages } from './site-pages';

const validator = new HtmlValidate({ extends: ['html-validate:standard'], rules: { 'no-inline-style': 'off' } });

describe('valid HTML in dist/', () => {
  it.each(listPages())('%s', async (page) => {
    const report = await validator.validateFile(join(distDir, page, 'index.html'));
    const messages = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
    );
    expect(messages).toEqual([]);
  });
});
