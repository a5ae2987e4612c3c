/** Byte-array helpers shared by the codec's callers. Pure: no DOM, no Node APIs. */

/** One new array holding `parts` one after another (a message's fragments, a stream of frames). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
