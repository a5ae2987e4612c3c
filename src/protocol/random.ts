/**
 * A small seeded pseudo-random generator, so that an exercise variant, a widget and a test that share
 * a seed see exactly the same numbers (docs/architecture.md: randomness is a parameter).
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state), seeded by
 * running splitmix32 over the 32-bit seed. Not for cryptography — masking keys come from Web Crypto.
 *
 * Errors: `int` and `pick` throw a `RangeError` naming the bad argument (these are programming errors,
 * not user input).
 */

export interface Rng {
  /** The seed this generator was created from (after `>>> 0`). */
  readonly seed: number;
  /** A float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** An integer in [min, max], both ends included. Both must be safe integers, at most 2^32 values apart. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** true with probability `p` (default 0.5). */
  bool(p?: number): boolean;
  /** A shuffled copy (Fisher–Yates); the input is not modified. */
  shuffle<T>(items: readonly T[]): T[];
}

const TWO_POW_32 = 4294967296;

/** splitmix32: spreads one 32-bit seed over the 128-bit sfc32 state so nearby seeds diverge at once. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Create a generator. Any number is accepted as a seed; it is reduced to an unsigned 32-bit integer. */
export function createRng(seed: number): Rng {
  const seed32 = Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : 0;
  const sm = { s: seed32 };
  let a = splitmix32(sm);
  let b = splitmix32(sm);
  let c = splitmix32(sm);
  let d = splitmix32(sm);

  function nextUint32(): number {
    // sfc32 step
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }
  // Discard a few outputs: sfc32's first values are weakly mixed.
  for (let i = 0; i < 12; i++) nextUint32();

  const rng: Rng = {
    seed: seed32,
    next: () => nextUint32() / TWO_POW_32,
    int(min: number, max: number): number {
      if (!Number.isSafeInteger(min)) throw new RangeError(`int(min, max): min must be a safe integer, got ${min}`);
      if (!Number.isSafeInteger(max)) throw new RangeError(`int(min, max): max must be a safe integer, got ${max}`);
      if (min > max) throw new RangeError(`int(min, max): min (${min}) is greater than max (${max})`);
      const span = max - min + 1;
      if (span > TWO_POW_32) throw new RangeError(`int(min, max): range of ${span} values exceeds 2^32`);
      return min + Math.floor((nextUint32() / TWO_POW_32) * span);
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick(items): items is empty');
      return items[rng.int(0, items.length - 1)] as T;
    },
    bool(p = 0.5): boolean {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`bool(p): p must be within [0, 1], got ${p}`);
      return rng.next() < p;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out;
    },
  };
  return rng;
}

/**
 * A 32-bit seed from text (e.g. a lesson slug plus a variant number from the URL), so a URL reproduces
 * a generated exercise. FNV-1a over the UTF-16 code units, then a final avalanche so that similar strings
 * ("v1", "v2") give unrelated seeds.
 */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
