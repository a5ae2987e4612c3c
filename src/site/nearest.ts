/**
 * The closest known page to a mistyped address, for the 404 page: edit distance (Levenshtein) between the
 * path asked for and each page's path, with the last path segment weighed alone too, so `/lessons/framing/`
 * finds `/lessons/websocket-framing/`. Pure, for tests.
 */

/** Insertions, deletions and substitutions that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

const lastSegment = (path: string): string => path.split('/').filter(Boolean).at(-1) ?? '';

/**
 * The known path nearest to `asked`, or undefined when none is near enough to be a likely typo (a distance of at
 * most a third of the longer name, or one name contains the other).
 */
export function nearestPath(asked: string, known: readonly string[]): string | undefined {
  const wanted = asked.toLowerCase().replace(/\/?$/, '/');
  let best: { path: string; score: number } | undefined;
  for (const path of known) {
    const a = lastSegment(wanted);
    const b = lastSegment(path);
    const contains = a.length >= 4 && b.length > 0 && (b.includes(a) || a.includes(b));
    const distance = Math.min(editDistance(wanted, path), editDistance(a, b));
    const limit = Math.max(2, Math.floor(Math.max(a.length, b.length) / 3));
    if (!contains && distance > limit) continue;
    const score = contains ? 0 : distance;
    if (best === undefined || score < best.score) best = { path, score };
  }
  return best?.path;
}
