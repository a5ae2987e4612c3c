/**
 * Widget state in the URL fragment as `key=value` pairs (`#hex=8185…&from=client`), so a tool page can be
 * shared as a link; the fragment never reaches a server. One page may hold several widgets that do this
 * (the bits page has three), so each reads and writes only its own keys and leaves every other part of
 * the fragment as it was, in its place. A widget's keys may carry a prefix (`l-hex`, `r-hex`) so that two
 * copies of one widget can share a page. Pure functions; the hook that talks to `location` is
 * use-hash-params.ts.
 *
 * Values are encoded as URLSearchParams encodes them (spaces as `+`), so links written before this
 * module existed still read the same.
 */

/** A widget's keys (without prefix) and their values; undefined removes the key (a default left out of the link). */
export type HashValues = Readonly<Record<string, string | undefined>>;

/** The `&`-separated parts of a fragment, without the `#`. Empty parts are dropped. */
function partsOf(hash: string): string[] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  return body.split('&').filter((part) => part !== '');
}

/** The decoded key and value of one part (`intro` reads as key "intro", value ""). */
function decodePart(part: string): [key: string, value: string] {
  const first = new URLSearchParams(part).entries().next();
  return first.done === true ? [part, ''] : first.value;
}

function encodePart(key: string, value: string): string {
  return new URLSearchParams([[key, value]]).toString();
}

/** The values of `keys` (with `prefix` in front) present in `hash`, by unprefixed key; the first of a repeated key wins. */
export function readHashParams(hash: string, keys: readonly string[], prefix = ''): Record<string, string> {
  const wanted = new Set(keys.map((key) => prefix + key));
  const out: Record<string, string> = {};
  for (const part of partsOf(hash)) {
    const [key, value] = decodePart(part);
    const own = key.slice(prefix.length);
    if (wanted.has(key) && !Object.hasOwn(out, own)) out[own] = value;
  }
  return out;
}

/**
 * `hash` with each key of `values` (with `prefix` in front) set in place, appended when new, or removed when
 * its value is undefined. Every other part stays as written (`#intro` does not become `#intro=`). '' when
 * nothing is left.
 */
export function mergeHashParams(hash: string, values: HashValues, prefix = ''): string {
  const mine = new Map(Object.entries(values).map(([key, value]) => [prefix + key, value]));
  const placed = new Set<string>();
  const out: string[] = [];
  for (const part of partsOf(hash)) {
    const [key] = decodePart(part);
    if (!mine.has(key)) {
      out.push(part);
      continue;
    }
    // A key of ours given twice keeps one place, the first (as URLSearchParams.set does).
    if (placed.has(key)) continue;
    placed.add(key);
    const value = mine.get(key);
    if (value !== undefined) out.push(encodePart(key, value));
  }
  for (const [key, value] of mine) {
    if (!placed.has(key) && value !== undefined) out.push(encodePart(key, value));
  }
  return out.length === 0 ? '' : `#${out.join('&')}`;
}

/** A fragment holding only `values` (for a link to a tool page); '' when every value is undefined. */
export function formatHashParams(values: HashValues, prefix = ''): string {
  return mergeHashParams('', values, prefix);
}
