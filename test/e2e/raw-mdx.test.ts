// @vitest-environment jsdom
// No built page shows MDX source as text. MDX leaves a component tag inside inline code (`` `wscale <X />` ``)
// unrendered, and prints an escaped `\{expr\}` literally; either way the reader sees source instead of a value.
// This reads the text a reader sees in dist/ (scripts and styles removed), so run `npm run build` first.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listPages, pageHtml } from './site-pages';

/** Components a lesson can use: every name a lesson imports, plus those the lesson page provides to every lesson. */
function componentNames(): string[] {
  const names = new Set(['Aside', 'Coming', 'Rfc', 'Term']);
  for (const file of readdirSync('content/lessons').filter((f) => f.endsWith('.mdx'))) {
    const source = readFileSync(`content/lessons/${file}`, 'utf8');
    for (const [, name] of source.matchAll(/^import\s+([A-Z]\w*)\s+from/gm)) names.add(name!);
  }
  return [...names];
}

/** Pieces of MDX source found in a page's visible text. */
export function rawMdx(html: string, components: readonly string[]): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('script, style, template, noscript').forEach((e) => e.remove());
  const found: string[] = [];
  const around = (text: string, at: number, length: number) =>
    text.slice(Math.max(0, at - 30), at + length + 30).replace(/\s+/g, ' ');
  // A component's tag anywhere, code blocks included: no lesson shows its own components as code.
  const all = doc.body.textContent ?? '';
  const tag = new RegExp(`<(?:${components.join('|')})[\\s/>]`, 'g');
  for (const m of all.matchAll(tag)) found.push(around(all, m.index, m[0].length));
  // Any capitalised tag outside code blocks (inline code included, where MDX leaves tags as text), and any
  // {expression} outside all code: code may show `{ a: 1 }`, prose never needs a brace.
  const report = (text: string, pattern: RegExp) => {
    for (const m of text.matchAll(pattern)) {
      const at = around(text, m.index, m[0].length);
      if (!found.includes(at)) found.push(at);
    }
  };
  doc.querySelectorAll('pre').forEach((e) => e.remove());
  report(doc.body.textContent ?? '', /<[A-Z][\w.]*[\s/>]/g);
  doc.querySelectorAll('code').forEach((e) => e.remove());
  report(doc.body.textContent ?? '', /\{[^{}\n]{0,80}\}/g);
  return found;
}

describe('no raw MDX in dist/', () => {
  const components = componentNames();

  it('the check finds a tag in inline code and a printed expression', () => {
    const page = '<body><p>says <code>wscale &lt;Fact name="refWscale" /&gt;</code> and {props.value}</p></body>';
    expect(rawMdx(page, components)).toHaveLength(2);
    expect(rawMdx('<body><p>a <code>&lt;Foo&gt;</code> and <code>{ a: 1 }</code></p></body>', [])).toEqual([
      expect.stringContaining('<Foo>'),
    ]);
    expect(rawMdx('<body><pre>const a: Array&lt;Uint8Array&gt; = [{ b }];</pre></body>', components)).toEqual([]);
  });

  it.each(listPages())('%s shows no MDX source', (page) => {
    expect(rawMdx(pageHtml(page), components)).toEqual([]);
  });
});
