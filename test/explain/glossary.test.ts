/**
 * The glossary registry (src/explain/glossary.ts) and the lessons' use of it: ids, definitions, citations, lessons,
 * and every `<Term id>` a lesson writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { citationParts, rfcHref, rfcLabel } from '../../src/explain/citations';
import {
  GLOSSARY,
  glossaryByLetter,
  glossaryCards,
  glossaryTerm,
  requireGlossaryTerm,
  termLetter,
} from '../../src/explain/glossary';
import { lessonSlug } from '../../src/lessons/slug';

const LESSON_DIR = 'content/lessons';
const lessonFiles = readdirSync(LESSON_DIR).filter((f) => /\.mdx?$/.test(f));
const lessonSlugs = new Set(lessonFiles.map(lessonSlug));

/** `<Term id="…">` in a lesson's source, outside fenced code (where a tag would only be shown). */
function termIds(source: string): string[] {
  const prose = source.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  return [...prose.matchAll(/<Term\b([^>]*)>/g)].map(([, attrs]) => /\bid="([^"]*)"/.exec(attrs!)?.[1] ?? '');
}

/** Sentences in a definition: a full stop, question or exclamation mark, then a space and a capital or digit. */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/).length;

describe('the glossary registry', () => {
  it('holds the curriculum’s terms, each with a unique, anchor-safe id and a unique name', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(35);
    const ids = GLOSSARY.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    const names = GLOSSARY.map((t) => t.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    // The ids are anchors on /glossary/, next to the letter headings (letter-a …).
    expect(ids.filter((id) => id.startsWith('letter-'))).toEqual([]);
  });

  it.each(GLOSSARY.map((t) => [t.id, t] as const))('%s: a definition of one to three sentences', (_, term) => {
    expect(term.name.trim()).not.toBe('');
    expect(term.definition.trim()).toMatch(/^[A-Z0-9"'‘].*[.)]$/s);
    expect(sentences(term.definition)).toBeLessThanOrEqual(3);
    // Plain text: the card and the page print it as it is.
    expect(term.definition).not.toMatch(/[`<>]|\*\*/);
  });

  it('names a lesson that exists for every term, and every lesson but the first teaches some', () => {
    for (const term of GLOSSARY) expect(lessonSlugs, term.id).toContain(term.lesson);
    const teaching = new Set(GLOSSARY.map((t) => t.lesson));
    expect([...lessonSlugs].filter((s) => s !== 'start-here' && !teaching.has(s))).toEqual([]);
  });

  it('cites RFCs in a form <Rfc> links, and leaves out a citation only where no RFC defines the term', () => {
    for (const term of GLOSSARY) {
      for (const c of term.cite) {
        expect(c.rfc, term.id).toMatch(/^\d+$/);
        if (c.section === undefined) continue;
        expect(c.section, term.id).toMatch(/^(?:\d+(?:\.\d+)*|[A-Z](?:\.\d+)*)$/);
        if (/^\d/.test(c.section)) {
          // The label reads back as the same link the rule tables make from their citations.
          expect(citationParts(rfcLabel(c.rfc, c.section))).toEqual([
            { text: rfcLabel(c.rfc, c.section), href: rfcHref(c.rfc, c.section) },
          ]);
        } else {
          expect(rfcHref(c.rfc, c.section)).toBe(`https://www.rfc-editor.org/rfc/rfc${c.rfc}#appendix-${c.section}`);
        }
      }
      if (term.see) expect(term.see.href, term.id).toMatch(/^https:\/\//);
    }
    expect(GLOSSARY.filter((t) => t.cite.length === 0).map((t) => t.id)).toEqual([
      'twos-complement',
      'xor',
      'bbr',
      'head-of-line-blocking',
      'backpressure',
    ]);
    expect(requireGlossaryTerm('mss').cite).toEqual([{ rfc: '9293', section: '3.7.1' }, { rfc: '6691' }]);
  });

  it('finds terms by id and fails loudly on an unknown one', () => {
    expect(glossaryTerm('ssthresh')?.name).toBe('ssthresh (slow start threshold)');
    expect(glossaryTerm('no-such-term')).toBeUndefined();
    expect(() => requireGlossaryTerm('rsv9')).toThrow(/Unknown glossary term "rsv9"/);
  });
});

describe('glossaryByLetter', () => {
  it('files every term once, alphabetically by name, under its first letter', () => {
    const groups = glossaryByLetter();
    expect(groups.flatMap((g) => g.terms.map((t) => t.id)).sort()).toEqual(GLOSSARY.map((t) => t.id).sort());
    const letters = groups.map((g) => g.letter);
    expect(letters).toEqual([...new Set(letters)].sort());
    for (const g of groups) {
      for (const t of g.terms) expect(termLetter(t)).toBe(g.letter);
      const names = g.terms.map((t) => t.name);
      expect(names).toEqual(
        [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', ignorePunctuation: true })),
      );
    }
  });

  it('ignores case and punctuation, and files digits under #', () => {
    const t = (name: string) => ({ ...GLOSSARY[0]!, id: name, name });
    const groups = glossaryByLetter([t('TCP_NODELAY'), t('ssthresh'), t('SYN'), t('"quoted"'), t('431 status')]);
    expect(groups.map((g) => [g.letter, g.terms.map((x) => x.name)])).toEqual([
      ['#', ['431 status']],
      ['Q', ['"quoted"']],
      ['S', ['ssthresh', 'SYN']],
      ['T', ['TCP_NODELAY']],
    ]);
  });
});

describe('glossaryCards', () => {
  it('carries each term’s name and definition, and nothing else', () => {
    const cards = glossaryCards();
    expect(Object.keys(cards).sort()).toEqual(GLOSSARY.map((t) => t.id).sort());
    expect(cards['rsv1']).toEqual({ name: 'RSV1', definition: requireGlossaryTerm('rsv1').definition });
  });
});

describe('<Term> in the lessons', () => {
  it('finds a Term tag and its id, and skips code blocks', () => {
    expect(
      termIds('the <Term id="mss">MSS</Term> and <Term id="mtu" />\n```mdx\n<Term id="x">y</Term>\n```\n'),
    ).toEqual(['mss', 'mtu']);
    expect(termIds('<Term>no id</Term>')).toEqual(['']);
  });

  it.each(lessonFiles)('%s marks only registered terms, each once', (file) => {
    const ids = termIds(readFileSync(`${LESSON_DIR}/${file}`, 'utf8'));
    for (const id of ids) expect(glossaryTerm(id), `<Term id="${id}"> in ${file}`).toBeDefined();
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      'a term is marked on its first use only',
    ).toEqual([]);
  });
});
