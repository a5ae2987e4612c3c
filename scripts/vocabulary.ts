/**
 * The search vocabulary for "did you mean" (src/site/did-you-mean.ts): every word of four letters or more in the
 * text Pagefind indexes (the `data-pagefind-body` pages' <main>, without islands, scripts and styles), most
 * frequent first, written to `search-words.json` at the site root. Pagefind itself exposes no word list.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_WORD } from '../src/site/did-you-mean';

export const VOCABULARY_FILE = 'search-words.json';

/** Words a typo is corrected to only when they appear at least this often: rarer ones are often typos too. */
const MIN_COUNT = 2;

/** Removes every `<tag …>…</tag>` (nested ones included) from `html`. */
function dropElements(html: string, tag: string): string {
  const open = new RegExp(`<${tag}[\\s>]|</${tag}>`, 'gi');
  let out = '';
  let depth = 0;
  let last = 0;
  for (const m of html.matchAll(open)) {
    const closing = m[0].startsWith('</');
    if (!closing) {
      if (depth === 0) out += html.slice(last, m.index);
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) last = m.index + m[0].length;
    }
  }
  return depth === 0 ? out + html.slice(last) : out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words of one built page as Pagefind sees it, or none for a page it does not index. */
export function pageWords(html: string): string[] {
  if (!html.includes('data-pagefind-body')) return [];
  const main = /<main[\s>][\s\S]*<\/main>/i.exec(html)?.[0] ?? '';
  let text = main;
  for (const tag of ['astro-island', 'script', 'style', 'svg', 'template', 'noscript']) text = dropElements(text, tag);
  text = text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (_m, e: string) =>
      e.startsWith('#x')
        ? String.fromCodePoint(parseInt(e.slice(2), 16))
        : e.startsWith('#')
          ? String.fromCodePoint(Number(e.slice(1)))
          : (ENTITIES[e.toLowerCase()] ?? ' '),
    )
    .toLowerCase();
  // A hyphenated word counts whole and by its parts ("permessage-deflate", "permessage", "deflate"), as a
  // reader may type either.
  const words = (text.match(/[a-z][a-z-]*[a-z]/g) ?? []).flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]));
  return words.filter((w) => w.length >= MIN_WORD);
}

/** Words of all pages, most frequent first (alphabetical on a tie), each seen at least {@link MIN_COUNT} times. */
export function buildVocabulary(pages: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const html of pages) for (const w of pageWords(html)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= MIN_COUNT)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** Writes the vocabulary of the site in `outDir`; returns its word count and size in bytes. */
export function writeVocabulary(outDir: string): { words: number; bytes: number } {
  const words = buildVocabulary(htmlFiles(outDir).map((f) => readFileSync(f, 'utf8')));
  const json = JSON.stringify(words);
  writeFileSync(join(outDir, VOCABULARY_FILE), json);
  return { words: words.length, bytes: Buffer.byteLength(json) };
}
