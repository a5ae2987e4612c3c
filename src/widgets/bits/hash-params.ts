/**
 * Several widgets on one tool page (the bits page has the bitwise playground, the XOR demo and the
 * byte-order playground) each keep their own keys in the one URL fragment. These pure helpers read a
 * widget's keys and write them back without touching the others'.
 */

/** The values of `keys` present in `hash` (`#a=1&b=2` or `a=1&b=2`). */
export function readHashParams(hash: string, keys: readonly string[]): Record<string, string> {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value !== null) out[key] = value;
  }
  return out;
}

/**
 * `hash` with each key in `values` set, or removed when its value is undefined (defaults are left out,
 * so a link holds only what the reader changed). Other keys keep their place. '' when nothing is left.
 */
export function mergeHashParams(hash: string, values: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `#${text}`;
}
