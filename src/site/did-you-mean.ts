/**
 * "Did you mean": Pagefind finds words by prefix and stem but does not forgive a typo ("handshke"), and it exposes
 * no word list. The build writes one (scripts/vocabulary.ts, most frequent first); this finds, for each word of a
 * query that is not in it, the closest word that is, by edit distance with transpositions. Pure, for tests.
 */

/** Shortest word checked: below this a single edit turns most words into another real word. */
export const MIN_WORD = 4;

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, the optimal string alignment
 * distance; stops early and returns `limit + 1` once every path costs more than `limit`.
 */
export function typoDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** Edits allowed for a word of this length: one for short words, two from eight letters. */
export function allowedEdits(length: number): number {
  return length >= 8 ? 2 : 1;
}

/** The known word closest to `word` within its allowed edits (the more frequent one on a tie), or undefined. */
export function closestWord(word: string, vocabulary: readonly string[]): string | undefined {
  const limit = allowedEdits(word.length);
  let best: { word: string; distance: number } | undefined;
  for (const known of vocabulary) {
    const d = typoDistance(word, known, best ? best.distance - 1 : limit);
    if (d <= limit && (best === undefined || d < best.distance)) {
      best = { word: known, distance: d };
      if (d === 1) break; // the list is most frequent first: the first one-edit match is the likeliest
    }
  }
  return best?.word;
}

/**
 * The query with each unknown word replaced by its closest known word, or undefined when no word changed.
 * Words shorter than {@link MIN_WORD}, numbers and words already known are kept as typed.
 */
export function suggestQuery(query: string, vocabulary: readonly string[]): string | undefined {
  const known = new Set(vocabulary);
  let changed = false;
  const words = query
    .trim()
    .split(/\s+/)
    .map((raw) => {
      const word = raw.toLowerCase();
      if (word.length < MIN_WORD || !/^[a-z][a-z-]*$/.test(word) || known.has(word)) return raw;
      // A prefix of a known word is what the reader is still typing, and Pagefind finds it already.
      if (vocabulary.some((v) => v.startsWith(word))) return raw;
      const close = closestWord(word, vocabulary);
      if (close === undefined) return raw;
      changed = true;
      return close;
    });
  return changed ? words.join(' ') : undefined;
}
