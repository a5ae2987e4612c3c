/**
 * Live results under the header search field, loaded by SearchBox.astro on first focus or keystroke so a page
 * that is only read pays nothing for it. Pagefind's JS API (`/pagefind/pagefind.js`, written by `npm run build`)
 * answers as the reader types; the field is an ARIA 1.2 combobox whose listbox holds the results:
 * ArrowUp/ArrowDown move through them, Enter opens one (or submits the plain form to /search/ when none is
 * active), Escape closes the list. When a query finds little, the build's word list (scripts/vocabulary.ts)
 * offers a "Did you mean" as the first option.
 */
import { BASE_PATH, sitePath } from '../site/base';
import { MIN_WORD, suggestQuery } from '../site/did-you-mean';

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<{ results: { id: string; data(): Promise<PagefindData> }[] } | null>;
}

/** Results shown in the list; the search page shows them all. */
const SHOWN = 5;
/** Whether any word is long enough to be checked for typos (the word list loads only then). */
const hasLongWord = (q: string) => q.split(/\s+/).some((w) => w.length >= MIN_WORD);

let pagefind: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const pf = (await import(/* @vite-ignore */ sitePath('/pagefind/pagefind.js'))) as Pagefind;
    // Same settings as the search page: records are paths in dist/, and short tool pages must not outrank the
    // lesson that teaches a term.
    await pf.options({ baseUrl: BASE_PATH, ranking: { pageLength: 0.1 } });
    await pf.init();
    return pf;
  })();
  return pagefind;
}

let vocabulary: Promise<string[]> | undefined;
function loadVocabulary(): Promise<string[]> {
  vocabulary ??= fetch(sitePath('/search-words.json'))
    .then((r) => (r.ok ? (r.json() as Promise<string[]>) : []))
    .catch(() => []);
  return vocabulary;
}

/** Pagefind's excerpt is HTML with <mark> around the matches: keep only its text and the marks. */
function excerptNodes(html: string): Node[] {
  const t = document.createElement('template');
  t.innerHTML = html;
  return [...t.content.childNodes].map((n) => {
    if (n.nodeName === 'MARK') {
      const m = document.createElement('mark');
      m.textContent = n.textContent;
      return m;
    }
    return document.createTextNode(n.textContent ?? '');
  });
}

interface Option {
  kind: 'result' | 'suggest' | 'all';
  href?: string;
  query?: string;
}

export function attachLiveSearch(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="search"]')!;
  const popup = form.querySelector<HTMLElement>('[data-search-popup]')!;
  const list = popup.querySelector<HTMLUListElement>('[role="listbox"]')!;
  const status = form.querySelector<HTMLElement>('[data-search-live-status]')!;
  const searchPage = form.dataset.searchPage ?? sitePath('/search/');
  let options: { el: HTMLLIElement; opt: Option }[] = [];
  let active = -1;
  let ticket = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = (yes: boolean) => {
    popup.hidden = !yes;
    input.setAttribute('aria-expanded', String(yes));
    if (!yes) setActive(-1);
  };

  function setActive(i: number) {
    options[active]?.el.setAttribute('aria-selected', 'false');
    active = i;
    const cur = options[i];
    if (cur) {
      cur.el.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', cur.el.id);
      cur.el.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function choose(o: Option) {
    if (o.kind === 'suggest' && o.query) {
      input.value = o.query;
      void run(o.query);
      input.focus();
    } else if (o.href) location.assign(o.href);
  }

  function addOption(opt: Option, build: (li: HTMLLIElement) => void) {
    const li = document.createElement('li');
    li.id = `${list.id}-${options.length}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.className = `search-option search-option-${opt.kind}`;
    build(li);
    li.addEventListener('click', () => choose(opt));
    options.push({ el: li, opt });
    list.append(li);
  }

  function span(cls: string, content: string | Node[]): HTMLSpanElement {
    const s = document.createElement('span');
    s.className = cls;
    if (typeof content === 'string') s.textContent = content;
    else s.append(...content);
    return s;
  }

  async function run(term: string) {
    const mine = ++ticket;
    const q = term.trim();
    if (q === '') {
      list.replaceChildren();
      options = [];
      status.textContent = '';
      open(false);
      return;
    }
    let found: PagefindData[] = [];
    let total = 0;
    try {
      const pf = await loadPagefind();
      const res = await pf.search(q);
      if (mine !== ticket || !res) return;
      total = res.results.length;
      found = await Promise.all(res.results.slice(0, SHOWN).map((r) => r.data()));
    } catch {
      if (mine !== ticket) return;
      status.textContent = 'Live results are unavailable here; press Enter to search.';
      open(false);
      return;
    }
    // Pagefind matches word prefixes, so a typo ("handshke") still finds pages ("hands…"): check every query
    // against the word list, not only the ones that find nothing.
    const suggestion = hasLongWord(q) ? suggestQuery(q, await loadVocabulary()) : undefined;
    if (mine !== ticket) return;

    list.replaceChildren();
    options = [];
    active = -1;
    if (suggestion) {
      addOption({ kind: 'suggest', query: suggestion }, (li) => {
        li.append('Did you mean ', span('search-suggestion', suggestion), '?');
        // One name, not "handshake ?" as a browser joins the parts.
        li.setAttribute('aria-label', `Did you mean ${suggestion}?`);
      });
    }
    for (const d of found) {
      // A page whose title names the query opens at its top; otherwise at the section holding most matches.
      const words = q.toLowerCase().split(/\s+/);
      const title = (d.meta.title ?? '').toLowerCase();
      const best = words.some((w) => title.includes(w))
        ? undefined
        : [...(d.sub_results ?? [])]
            .filter((s) => s.url.includes('#'))
            .sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))[0];
      addOption({ kind: 'result', href: best?.url ?? d.url }, (li) => {
        li.append(span('search-option-title', d.meta.title ?? d.url));
        if (best && best.title !== d.meta.title) li.append(span('search-option-section', best.title));
        li.append(span('search-option-excerpt', excerptNodes(best?.excerpt ?? d.excerpt)));
      });
    }
    addOption({ kind: 'all', href: `${searchPage}?q=${encodeURIComponent(q)}` }, (li) => {
      li.textContent = total > 0 ? `All ${total} result${total === 1 ? '' : 's'} for “${q}”` : `Search page for “${q}”`;
    });
    status.textContent =
      total === 0
        ? `No results for “${q}”.${suggestion ? ` Did you mean “${suggestion}”?` : ''}`
        : `${total} result${total === 1 ? '' : 's'}; arrow keys to choose.`;
    open(true);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), 120);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (popup.hidden) {
        if (options.length > 0) open(true);
        return;
      }
      e.preventDefault();
      const n = options.length;
      if (n === 0) return;
      setActive(e.key === 'ArrowDown' ? (active + 1) % n : active <= 0 ? n - 1 : active - 1);
    } else if (e.key === 'Enter') {
      const cur = options[active];
      if (!popup.hidden && cur) {
        e.preventDefault();
        choose(cur.opt);
      }
    } else if (e.key === 'Escape') {
      if (!popup.hidden) {
        e.preventDefault();
        open(false);
      } else if (form.classList.contains('is-open')) {
        form.classList.remove('is-open');
        form.querySelector('button')?.focus();
      }
    }
  });
  // A press on an option must not blur the field first (that would close the list before the click lands).
  popup.addEventListener('pointerdown', (e) => e.preventDefault());
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget as Node | null)) {
      open(false);
      form.classList.remove('is-open');
    }
  });
  input.addEventListener('focus', () => {
    if (options.length > 0 && input.value.trim() !== '') open(true);
  });
  // The page was opened with a query (e.g. the 404 page's words): nothing to do until the reader types.
  if (input.value.trim() !== '' && document.activeElement === input) void run(input.value);
  void loadPagefind().catch(() => undefined);
}
